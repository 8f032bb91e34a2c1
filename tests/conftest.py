"""Shared fixtures: a real Redis server, the fake OpenAI server, logged-in users."""

from __future__ import annotations

import pytest

from tests.redis_server import start_redis


@pytest.fixture(scope="session")
def redis_server():
    """A real redis-server for the whole test session, stopped at the end."""
    server = start_redis()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    """URL of the session's Redis, flushed before each test."""
    import redis

    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    client.close()
    return redis_server.url


@pytest.fixture
def redis_cache(settings, redis_url):
    """Switch the default Django cache to the real Redis through django-redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url + "/0",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    # Django's own setting_changed receiver rebuilds the cache handlers.
    from django.core.cache import caches

    return caches["default"]


@pytest.fixture(scope="session")
def fake_openai_server():
    """One fake OpenAI-compatible server for the session (see tests/fake_openai)."""
    from tests.fake_openai import FakeOpenAIServer

    server = FakeOpenAIServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_openai(fake_openai_server, settings):
    """The fake server, reset, with the default backend pointing at it."""
    fake_openai_server.reset()
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {
                "CLASS": "openai",
                "MODEL": "fake-model",
                "API_KEY": "sk-test",
                "BASE_URL": fake_openai_server.base_url,
                "MAX_RETRIES": 0,
            }
        },
    }
    return fake_openai_server
