"""Django settings for benchmark runs: the demo site, production-like.

The demo's own settings (``demo/demo_site/settings.py``: ``REDIS_URL``,
``DATABASE_URL``, ``OPENAI_*``) plus what a benchmark needs to control:

- ``BENCH_GLOBAL_LIMIT``: the global tier (default: practically unlimited);
  no per-user tier, so only the global limit can refuse;
- ``BENCH_PRICE`` (``"input,output"`` per million tokens) and
  ``BENCH_GLOBAL_MONTHLY``: a priced fake model and a small site budget (money);
- ``DEBUG`` off, SQLite in WAL mode with a generous busy timeout (several
  gunicorn workers write the usage ledger at once);
- the demo's logging (one INFO line per AI request), which gunicorn's stderr
  sends to a log file under ``benchmarks/.work/``;
- one extra URL, ``/bench/ping/``: the trivial authenticated view that the cache
  hit latency is compared with.
"""

from __future__ import annotations

import os

from demo_site.settings import *  # noqa: F403
from demo_site.settings import DATABASES, WAGTAIL_AI_BLOCKS

DEBUG = False
ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# The money benchmark (benchmarks/money.py): a price for the fake model and a small
# monthly budget for the whole site.
if os.environ.get("BENCH_PRICE"):
    _input, _output = (float(part) for part in os.environ["BENCH_PRICE"].split(","))
    WAGTAIL_AI_BLOCKS = {
        **WAGTAIL_AI_BLOCKS,
        "PRICES": {"fake-model": (_input, _output)},
        "BUDGETS": {
            "USER_DAILY": None,
            "GLOBAL_MONTHLY": float(os.environ.get("BENCH_GLOBAL_MONTHLY", "1")),
        },
    }

# A window far longer than any run: no call leaves the sliding window mid-run.
_WINDOW = 10**9
WAGTAIL_AI_BLOCKS = {
    **WAGTAIL_AI_BLOCKS,
    "RATE_LIMITS": {
        "WINDOW": _WINDOW,
        "USER": None,
        "STAFF": None,
        "GLOBAL": int(os.environ.get("BENCH_GLOBAL_LIMIT", str(10**9))),
        "SUPERUSER_EXEMPT": True,
    },
}
