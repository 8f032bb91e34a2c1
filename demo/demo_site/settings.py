"""Demo site settings.

SQLite and the local-memory cache by default. Environment variables switch:
- ``DATABASE_URL`` (e.g. ``postgres://user:pass@localhost/demo``) to another database,
- ``REDIS_URL`` (e.g. ``redis://127.0.0.1:6379/0``) to Redis through django-redis,
- ``OPENAI_API_KEY`` or ``OPENAI_BASE_URL`` (both read by the ``openai`` SDK; a server of
  your own needs no key) to the OpenAI backend, with the model from ``OPENAI_MODEL`` (read
  here, not by the package); without either the embedded local model answers offline.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
# Content in English and French; the admin UI offers every language Django has.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "French")]
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_ai_blocks.localize.AIMachineTranslator"}
ROOT_URLCONF = "demo_site.urls"
WSGI_APPLICATION = "demo_site.wsgi.application"
WAGTAIL_SITE_NAME = "Plant care demo"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The demo works offline: no update check, no Gravatar look-ups.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

INSTALLED_APPS = [
    "blog",
    "wagtail_ai_blocks",
    # Background work (bulk image descriptions…) on Django's Tasks framework, stored in
    # the database and run by `manage.py db_worker` (`make demo` starts one).
    "django_tasks_db",
    # A second locale (French) translated with "Translate this page → Translate with AI".
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells wagtail-localize's machine translator (ours) which editor is translating.
    "wagtail_ai_blocks.localize.middleware.CurrentEditorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # runserver and the task worker write at once: take the write lock up front.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Generate/Improve for images' titles and descriptions on Wagtail's image forms.
WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_ai_blocks.images.forms.AIImageForm"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _ai_backend() -> dict:
    """OpenAI (or any OpenAI-compatible server) when configured, else the embedded model."""
    if os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL"):
        # The SDK itself reads OPENAI_API_KEY and OPENAI_BASE_URL.
        return {"CLASS": "openai", "MODEL": os.environ.get("OPENAI_MODEL", "gpt-4o-mini")}
    return {"CLASS": "local"}


WAGTAIL_AI_BLOCKS = {
    "BACKENDS": {"default": _ai_backend()},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"wagtail_ai_blocks": {"handlers": ["console"], "level": "INFO"}},
}
