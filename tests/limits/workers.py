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


def spend(kind, db_name, cache_location, fake_url, user_pk, calls, start, messages, prefix):
    """Make ``calls`` different AI calls at once (one thread each) through the whole
    service against a small budget; put ("ready", None) then ("outcomes", {code: n})."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import threading

    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = db_name
    settings.CACHES = {"default": cache_config(kind, cache_location)}
    settings.WAGTAIL_AI_BLOCKS = money_settings(fake_url)
    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import connections

    from wagtail_ai_blocks.exceptions import AIBlocksError
    from wagtail_ai_blocks.service import GenerationRequest, GenerationService

    try:
        user = get_user_model().objects.get(pk=user_pk)
        connections.close_all()
        outcomes: dict[str, int] = {}
        lock = threading.Lock()
        barrier = threading.Barrier(calls)

        def call(index):
            request = GenerationRequest(
                user=user, action="shorten", text=f"{prefix} text number {index} to shorten."
            )
            barrier.wait()
            try:
                GenerationService().generate(request)
                code = "ok"
            except AIBlocksError as exc:
                code = exc.code
            finally:
                connections.close_all()
            with lock:
                outcomes[code] = outcomes.get(code, 0) + 1

        threads = [threading.Thread(target=call, args=(index,)) for index in range(calls)]
        messages.put(("ready", None))
        start.wait()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        messages.put(("outcomes", outcomes))
    except BaseException as exc:
        messages.put(("error", repr(exc)))
        raise
    finally:
        connections.close_all()


def cache_config(kind, location):
    """Redis for ``redis``; a file cache (whose limiter storage is the database) else."""
    if kind == "redis":
        return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location + "/0"}
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location}


#: A budget that ten calls in flight fill; 200 calls cost several times it.
BUDGET = 2.0


def money_settings(fake_url):
    return {
        "BACKENDS": {
            "default": {
                "CLASS": "openai",
                "MODEL": "fake-model",
                "API_KEY": "sk-test",
                "BASE_URL": fake_url,
                "MAX_RETRIES": 0,
            }
        },
        "PRICES": {"fake-model": (100, 1000)},
        "BUDGETS": {"USER_DAILY": BUDGET, "GLOBAL_MONTHLY": BUDGET * 10},
        "RATE_LIMITS": {"USER": 100_000, "STAFF": 100_000, "GLOBAL": 100_000},
    }
