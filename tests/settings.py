"""Test settings: the demo site, on SQLite and local memory unless a test switches.

Tests that need Redis use the ``redis_cache`` fixture; the AI backend points at
the fake OpenAI-compatible server started by the ``fake_openai`` fixture.
"""

from __future__ import annotations

import os

from demo_site.settings import *  # noqa: F403

_HERE = os.path.dirname(os.path.abspath(__file__))

SECRET_KEY = "tests-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.path.join(_HERE, ".media")
WAGTAILADMIN_BASE_URL = "http://localhost"
# Wagtail 8 autosaves an edit form half a second after each change it notices. A manual
# "Save draft" that races an autosave still in flight makes Wagtail refuse that autosave
# as out of date (400 "Saving will overwrite a newer version"): on a loaded machine the
# browser tests that save by hand failed on that console error. They save by hand; the
# autosave of an applied AI answer has its own test (tests/browser/test_ai_panel.py).
WAGTAIL_AUTOSAVE_INTERVAL = 0

# A file database so threads, processes and the browser's live server share it.
_DB = os.path.join(_HERE, f".test{os.environ.get('PYTEST_XDIST_WORKER', '')}.sqlite3")
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _DB,
        "TEST": {"NAME": _DB},
        # IMMEDIATE: a transaction takes the write lock when it starts, so the live
        # server, the task worker and the test never deadlock upgrading a read lock.
        "OPTIONS": {"timeout": 60, "transaction_mode": "IMMEDIATE"},
    }
}

# WAB_TEST_DATABASE=postgres: a PostgreSQL server (tests/postgres_server.py) for the run,
# started here, before Django is set up; its port goes into the environment, so processes
# the tests start use the same server.
if os.environ.get("WAB_TEST_DATABASE") == "postgres" and not os.environ.get(
    "WAB_TEST_POSTGRES_PORT"
):
    from tests.postgres_server import start_for_this_run

    os.environ["WAB_TEST_POSTGRES_PORT"] = str(start_for_this_run())

if os.environ.get("WAB_TEST_POSTGRES_PORT"):
    from tests.postgres_server import database_settings

    DATABASES = {"default": database_settings(int(os.environ["WAB_TEST_POSTGRES_PORT"]))}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

WAGTAIL_AI_BLOCKS = {
    "BACKENDS": {
        "default": {
            "CLASS": "openai",
            "MODEL": "fake-model",
            "API_KEY": "sk-test",
            # BASE_URL is set per test by the fake_openai fixture.
        },
    },
}

LOGGING = {"version": 1, "disable_existing_loggers": False}
