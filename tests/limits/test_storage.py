"""The storage contract, and which storage a cache alias gets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from wagtail_ai_blocks.limits import (
    CounterSpec,
    DatabaseStorage,
    HitResult,
    LocMemStorage,
    RedisStorage,
    is_atomic_across_processes,
    storage_for_alias,
)
from wagtail_ai_blocks.models.rate_limits import RateLimitCounter

pytestmark = pytest.mark.django_db

A = CounterSpec("test:a", limit=3, ttl=60)
B = CounterSpec("test:b", limit=1, ttl=60)


def test_hit_charges_every_counter(storage):
    assert storage.hit([A, B]) == HitResult(True, (1, 1))
    assert storage.peek(["test:a", "test:b"]) == [1, 1]


def test_hit_is_all_or_nothing(storage):
    storage.hit([B])
    result = storage.hit([A, B])
    assert result == HitResult(False, (0, 1), refused_index=1)
    assert storage.peek(["test:a", "test:b"]) == [0, 1]


def test_hit_names_the_first_counter_that_refuses(storage):
    storage.hit([A, B])
    storage.hit([A])
    storage.hit([A])
    assert storage.hit([A, B]).refused_index == 0


def test_hit_with_an_amount_larger_than_the_limit_is_refused(storage):
    assert storage.hit([A], amount=4) == HitResult(False, (0,), refused_index=0)
    assert storage.hit([A], amount=3) == HitResult(True, (3,))


def test_peek_of_missing_counters_is_zero(storage):
    assert storage.peek(["test:missing"]) == [0]
    assert storage.peek([]) == []


def test_release_takes_back_an_amount_never_going_below_zero(storage):
    storage.hit([A], amount=3)
    storage.release(["test:a", "test:missing"], amount=2)
    assert storage.peek(["test:a", "test:missing"]) == [1, 0]
    storage.release(["test:a"], amount=5)
    assert storage.peek(["test:a"]) == [0]


def test_reset_deletes_counters(storage):
    storage.hit([A, B])
    storage.reset(["test:a"])
    assert storage.peek(["test:a", "test:b"]) == [0, 1]


def test_accumulator_adds_money(storage):
    assert storage.get("test:money") == 0.0
    storage.add("test:money", 0.25, ttl=60)
    total = storage.add("test:money", 0.000125, ttl=60)
    assert total == pytest.approx(0.250125)
    assert storage.get("test:money") == pytest.approx(0.250125)


def test_locmem_counters_expire():
    now = [100.0]
    storage = LocMemStorage(namespace="test-expiry", clock=lambda: now[0])
    try:
        storage.hit([A])
        storage.add("test:money", 1.0, ttl=60)
        now[0] += 60
        assert storage.peek(["test:a"]) == [0]
        assert storage.get("test:money") == 0.0
        assert storage.hit([A]) == HitResult(True, (1,))
    finally:
        storage.clear()


def test_database_expired_rows_start_again_from_zero():
    storage = DatabaseStorage(purge_probability=0)
    storage.hit([A, A], amount=1)
    storage.add("test:money", 2.0, ttl=60)
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert storage.peek(["test:a"]) == [0]
    assert storage.get("test:money") == 0.0
    assert storage.hit([A]) == HitResult(True, (1,))
    assert storage.add("test:money", 0.5, ttl=60) == 0.5


def test_database_purges_expired_rows():
    storage = DatabaseStorage(purge_probability=1)
    storage.hit([A])
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    storage.hit([B])
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["test:b"]


def test_database_stores_money_in_micro_units():
    DatabaseStorage().add("test:money", 0.1234567, ttl=60)
    assert RateLimitCounter.objects.get(key="test:money").count == 123457


def test_redis_keys_follow_the_cache_key_prefix(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url + "/0",
            "KEY_PREFIX": "site1",
        }
    }
    storage = RedisStorage("default")
    storage.hit([A])
    assert storage.client.get("site1:1:test:a") == b"1"


# -- choosing a storage ------------------------------------------------------


@pytest.mark.parametrize(
    ("backend", "location", "expected", "atomic"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", "", LocMemStorage, False),
        ("django.core.cache.backends.dummy.DummyCache", "", LocMemStorage, False),
        ("django.core.cache.backends.filebased.FileBasedCache", "/tmp/wab", DatabaseStorage, True),
        ("django.core.cache.backends.db.DatabaseCache", "wab_cache", DatabaseStorage, True),
    ],
)
def test_storage_for_alias(settings, backend, location, expected, atomic):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {"BACKEND": backend, "LOCATION": location},
    }
    assert type(storage_for_alias("limits")) is expected
    assert is_atomic_across_processes("limits") is atomic


def test_django_redis_alias_gets_redis_storage(redis_cache):
    storage = storage_for_alias("default")
    assert isinstance(storage, RedisStorage)
    assert is_atomic_across_processes("default")


def test_djangos_own_redis_cache_gets_redis_storage(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url + "/0",
        }
    }
    storage = storage_for_alias("default")
    assert isinstance(storage, RedisStorage)
    assert storage.hit([A]) == HitResult(True, (1,))
    assert caches["default"].get("test:a") == 1
