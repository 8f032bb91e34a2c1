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
    SlideResult,
    WindowSpec,
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


W = WindowSpec("test:w", limit=3, window=60)
G = WindowSpec("test:g", limit=10, window=60)


def test_take_charges_every_window_or_none(storage):
    assert storage.take([W, G], 2, 1000.0, "t1") == SlideResult(True, (2, 2), (60.0, 60.0))
    refused = storage.take([W, G], 2, 1010.0, "t2")
    assert (refused.allowed, refused.counts, refused.refused_index) == (False, (2, 2), 0)
    assert refused.retry_after == 50.0
    assert storage.look([W, G], 1010.0).counts == (2, 2)


def test_calls_leave_a_window_when_it_has_slid_past_them(storage):
    storage.take([W], 1, 1000.0, "a")
    storage.take([W], 2, 1030.0, "b")
    assert storage.look([W], 1059.999) == SlideResult(False, (3,), (0.001,), 0, 0.001)
    assert storage.look([W], 1060.0) == SlideResult(True, (2,), (30.0,))
    assert storage.take([W], 1, 1060.0, "c").counts == (3,)


def test_give_back_removes_one_charge(storage):
    storage.take([W, G], 1, 1000.0, "a")
    storage.take([W, G], 2, 1001.0, "b")
    storage.give_back(["test:w", "test:g"], "b", 2)
    storage.give_back(["test:w", "test:g"], "b", 2)
    assert storage.look([W, G], 1002.0).counts == (1, 1)


def test_reset_forgets_a_window(storage):
    storage.take([W], 3, 1000.0, "a")
    storage.reset(["test:w"])
    assert storage.look([W], 1000.0).counts == (0,)


def test_locmem_counters_expire():
    now = [100.0]
    storage = LocMemStorage(namespace="test-expiry", clock=lambda: now[0])
    try:
        storage.hit([A])
        now[0] += 60
        assert storage.peek(["test:a"]) == [0]
        assert storage.hit([A]) == HitResult(True, (1,))
    finally:
        storage.clear()


def test_database_expired_rows_start_again_from_zero():
    storage = DatabaseStorage(purge_probability=0)
    storage.hit([A, A], amount=1)
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert storage.peek(["test:a"]) == [0]
    assert storage.hit([A]) == HitResult(True, (1,))


def test_database_purges_expired_rows():
    storage = DatabaseStorage(purge_probability=1)
    storage.hit([A])
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    storage.hit([B])
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["test:b"]


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


def test_database_charges_a_row_another_call_created_after_its_update(monkeypatch):
    """PostgreSQL: each statement sees what was committed when it began, so a counter
    row can appear between this call's conditional UPDATE (no row: nothing charged) and
    its next look. That row has room: charge it, never refuse (a fresh-clone run refused
    4 of 33 reservations that way). Made deterministic here by creating the row at that
    moment, as a concurrent first call would."""
    storage = DatabaseStorage(purge_probability=0)
    spec = CounterSpec("test:raced", limit=10, ttl=60)
    update = type(RateLimitCounter.objects.all()).update
    raced = []

    def update_then_race(queryset, **values):
        changed = update(queryset, **values)
        if not raced and changed == 0 and "expires_at" in values:
            raced.append(True)  # the other call commits its new row now
            RateLimitCounter.objects.create(
                key=spec.key, count=4, expires_at=timezone.now() + timedelta(seconds=60)
            )
        return changed

    monkeypatch.setattr(type(RateLimitCounter.objects.all()), "update", update_then_race)

    assert storage.hit([spec], amount=5) == HitResult(True, (9,))
    assert raced == [True]
    assert storage.hit([spec], amount=2) == HitResult(False, (9,), 0)
