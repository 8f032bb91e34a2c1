"""Django settings for ``python -m evaluation``: the demo site, a scratch database, no
cache and no rate limits (every case reaches the model). The backend comes from the
``EVAL_BACKEND`` environment variable (JSON), set by ``evaluation.__main__``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from demo_site.settings import *  # noqa: F403

_WORK = Path(__file__).resolve().parent / ".work"
_WORK.mkdir(exist_ok=True)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(_WORK / f"eval-{os.getpid()}.sqlite3"),
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAIL_AI_BLOCKS = {
    "BACKENDS": {"default": json.loads(os.environ.get("EVAL_BACKEND", '{"CLASS": "local"}'))},
    "CACHE_TTL": 0,
    "RATE_LIMITS": {"USER": None, "STAFF": None, "GLOBAL": None, "SUPERUSER_EXEMPT": True},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
