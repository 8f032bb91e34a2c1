"""Code run in child processes by the multi-process concurrency tests.

Each child sets Django up from ``tests.settings``, points it at the parent's test
database file (and Redis), waits for the start signal, then hammers the limiter.
"""

from __future__ import annotations

import os


def hammer(kind, db_name, redis_url, user_pk, limit, attempts, start, messages):
    """Put ("ready", None), then ("allowed", n) or ("error", repr) on ``messages``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = db_name
    if kind == "redis":
        settings.CACHES = {
            "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url + "/0"}
        }
    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import connections

    from wagtail_ai_blocks.exceptions import RateLimited
    from wagtail_ai_blocks.limits import (
        DatabaseStorage,
        RateLimiter,
        RateLimitPolicy,
        RedisStorage,
    )

    try:
        storage = RedisStorage("default") if kind == "redis" else DatabaseStorage()
        limiter = RateLimiter(RateLimitPolicy(user=limit, global_limit=1000, groups={}), storage)
        user = get_user_model().objects.get(pk=user_pk)
        connections.close_all()  # do not hold the SQLite file open while waiting
        messages.put(("ready", None))
        start.wait()
        allowed = 0
        for _ in range(attempts):
            try:
                limiter.check_and_charge(user)
            except RateLimited:
                continue
            allowed += 1
        messages.put(("allowed", allowed))
    except BaseException as exc:  # report instead of leaving the parent waiting
        messages.put(("error", repr(exc)))
        raise
    finally:
        connections.close_all()
