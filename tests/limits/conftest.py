"""Fixtures for the limiter tests: one parametrized storage, a fake clock, users."""

from __future__ import annotations

import uuid

import pytest

from wagtail_ai_blocks.limits import (
    DatabaseStorage,
    LocMemStorage,
    RateLimiter,
    RateLimitPolicy,
    RedisStorage,
)

#: An epoch second on a window boundary for 3600 s windows (and a UTC midnight).
WINDOW_START = 1_700_006_400
STORAGES = ["redis", "locmem", "database"]


class FakeClock:
    """Epoch seconds that only move when told to."""

    def __init__(self, now: float) -> None:
        self.now = float(now)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    """Ten minutes past a UTC midnight (and past an epoch-aligned hour)."""
    return FakeClock(WINDOW_START + 600)


def make_storage(request, kind):
    if kind == "redis":
        request.getfixturevalue("redis_cache")
        return RedisStorage("default")
    if kind == "locmem":
        storage = LocMemStorage(namespace=f"test-{uuid.uuid4()}")
        request.addfinalizer(storage.clear)
        return storage
    request.getfixturevalue("db")
    return DatabaseStorage(purge_probability=0)


@pytest.fixture(params=STORAGES)
def storage(request):
    """Every strategy test runs once per storage."""
    return make_storage(request, request.param)


@pytest.fixture
def make_limiter(storage, clock):
    def make(fail_open=False, **policy):
        policy.setdefault("groups", {})
        return RateLimiter(RateLimitPolicy(**policy), storage, fail_open=fail_open, clock=clock)

    return make


@pytest.fixture
def regular_user(django_user_model):
    return django_user_model.objects.create_user("regular", password="x")


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user("other", password="x")


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("staff", password="x", is_staff=True)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x")


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user
