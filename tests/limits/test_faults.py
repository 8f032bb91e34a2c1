"""What happens when the limiter storage is down: fail closed (503) or open."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
import redis
from django.db import OperationalError

from tests.redis_server import free_port
from wagtail_ai_blocks.exceptions import LimiterUnavailable
from wagtail_ai_blocks.limits import (
    BudgetGuard,
    CounterSpec,
    DatabaseStorage,
    RateLimiter,
    RateLimitPolicy,
    RedisStorage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis(settings):
    """A django-redis cache pointing at a port nobody listens on, without retries."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
            },
        }
    }
    return RedisStorage("default")


def test_redis_down_fails_closed_with_limiter_unavailable(dead_redis, regular_user, clock):
    limiter = RateLimiter(RateLimitPolicy(), dead_redis, clock=clock)

    with pytest.raises(LimiterUnavailable) as failed:
        limiter.check_and_charge(regular_user)

    assert failed.value.status == 503
    assert failed.value.message == "AI assistance is temporarily unavailable. Try again shortly."
    assert isinstance(failed.value.__cause__, redis.exceptions.ConnectionError)
    with pytest.raises(LimiterUnavailable):
        limiter.peek(regular_user)


def test_redis_down_fails_open_with_a_degraded_decision(dead_redis, regular_user, clock, caplog):
    limiter = RateLimiter(RateLimitPolicy(), dead_redis, fail_open=True, clock=clock)

    with caplog.at_level(logging.WARNING, logger="wagtail_ai_blocks.limits"):
        decision = limiter.check_and_charge(regular_user)

    assert decision.allowed
    assert decision.degraded
    assert decision.as_headers() == {}
    assert limiter.peek(regular_user).degraded
    record = caplog.records[0]
    assert record.levelname == "WARNING"
    assert (record.storage, record.operation, record.user_id) == (
        "redis",
        "check_and_charge",
        regular_user.pk,
    )


def test_reset_user_raises_even_when_failing_open(dead_redis, regular_user, clock):
    limiter = RateLimiter(RateLimitPolicy(), dead_redis, fail_open=True, clock=clock)
    with pytest.raises(LimiterUnavailable):
        limiter.reset_user(regular_user)


def test_refund_failure_is_logged_not_raised(dead_redis, clock, caplog):
    from wagtail_ai_blocks.limits import LimitDecision

    limiter = RateLimiter(RateLimitPolicy(), dead_redis, clock=clock)
    decision = LimitDecision(
        True, None, 0, (), charged_keys=("k",), charged_amount=1, charge_token="t"
    )
    with caplog.at_level(logging.WARNING, logger="wagtail_ai_blocks.limits"):
        limiter.refund(decision)
    assert caplog.records[0].message == "Could not refund a rate-limit charge"


def test_budget_check_fails_closed_or_open(dead_redis, regular_user, clock):
    closed = BudgetGuard(dead_redis, user_daily=1.0, clock=clock)
    with pytest.raises(LimiterUnavailable):
        closed.check(regular_user)

    opened = BudgetGuard(dead_redis, user_daily=1.0, fail_open=True, clock=clock)
    assert opened.check(regular_user).degraded


def test_budget_settlement_failure_is_logged_not_raised(dead_redis, regular_user, clock, caplog):
    guard = BudgetGuard(dead_redis, user_daily=1.0, clock=clock)
    with caplog.at_level(logging.WARNING, logger="wagtail_ai_blocks.limits"):
        guard.record(regular_user, 0.5)
    assert caplog.records[0].getMessage() == "Could not settle AI spend"
    assert caplog.records[0].cost == "0.5"


def test_database_error_fails_closed(regular_user, clock):
    storage = DatabaseStorage(purge_probability=0)
    limiter = RateLimiter(RateLimitPolicy(), storage, clock=clock)
    with (
        mock.patch.object(storage, "_slide_once", side_effect=OperationalError("disk I/O error")),
        pytest.raises(LimiterUnavailable) as failed,
    ):
        limiter.check_and_charge(regular_user)
    assert isinstance(failed.value.__cause__, OperationalError)


def test_database_error_fails_open(regular_user, clock):
    storage = DatabaseStorage(purge_probability=0)
    limiter = RateLimiter(RateLimitPolicy(), storage, fail_open=True, clock=clock)
    with mock.patch.object(storage, "_slide_once", side_effect=OperationalError("disk I/O error")):
        assert limiter.check_and_charge(regular_user).degraded


@pytest.mark.django_db(transaction=True)
def test_database_lock_is_retried():
    storage = DatabaseStorage(purge_probability=0)
    real_hit = storage._hit_once
    calls = []

    def locked_twice(*args):
        calls.append(args)
        if len(calls) <= 2:
            raise OperationalError("database is locked")
        return real_hit(*args)

    with mock.patch.object(storage, "_hit_once", side_effect=locked_twice):
        assert storage.hit([CounterSpec("test:a", 1, 60)]).allowed
    assert len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_database_lock_gives_up_after_max_attempts():
    storage = DatabaseStorage(purge_probability=0, max_attempts=3)
    with (
        mock.patch.object(
            storage, "_hit_once", side_effect=OperationalError("database is locked")
        ) as hit_once,
        pytest.raises(LimiterUnavailable),
    ):
        storage.hit([CounterSpec("test:a", 1, 60)])
    assert hit_once.call_count == 3
