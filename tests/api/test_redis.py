"""The same guarantees with the production setup: Redis through django-redis."""

from __future__ import annotations

import pytest

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}


@pytest.fixture(autouse=True)
def _redis(redis_cache):
    return redis_cache


def _point_cache_at_a_closed_port(settings):
    from tests.redis_server import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }


def test_cache_hit_on_redis(editor_client, fake_openai, post_json):
    post_json(editor_client, "generate", SHORTEN)
    assert post_json(editor_client, "generate", SHORTEN).json()["cache"] == "hit"
    assert fake_openai.call_count == 1


def test_user_limit_on_redis(editor_client, fake_openai, post_json, redis_url):
    import redis

    for index in range(10):
        assert (
            post_json(editor_client, "generate", {**SHORTEN, "text": f"T{index}."}).status_code
            == 200
        )
    response = post_json(editor_client, "generate", {**SHORTEN, "text": "Eleven."})
    assert response.status_code == 429
    keys = redis.Redis.from_url(redis_url).keys("*wab:rl*")
    assert keys, "the counters live in Redis"


def test_redis_down_fails_closed_with_503(editor_client, fake_openai, post_json, settings):
    _point_cache_at_a_closed_port(settings)
    response = post_json(editor_client, "generate", SHORTEN)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "limiter_unavailable"
    assert fake_openai.call_count == 0


def test_redis_down_fails_open_when_configured(editor_client, fake_openai, post_json, settings):
    _point_cache_at_a_closed_port(settings)
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "FAIL_OPEN": True}
    response = post_json(editor_client, "generate", SHORTEN)
    assert response.status_code == 200, response.content
    assert fake_openai.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_cache_hit_reads_no_configuration_and_writes_its_row_after_the_answer(
    editor_client, fake_openai, post_json
):
    """What a hit costs the database: the session, the user, the admin permissions and
    profile (Wagtail's admin access check), then the ledger row once the response is
    out. The prompt library and the group limits come from the process's memo."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    post_json(editor_client, "generate", SHORTEN)

    with CaptureQueriesContext(connection) as captured:
        response = post_json(editor_client, "generate", SHORTEN)

    assert response.json()["cache"] == "hit"
    tables = [re.search(r'(?:FROM|INTO) "(\w+)"', q["sql"]).group(1) for q in captured]
    assert tables == [
        "django_session",
        "auth_user",
        "auth_permission",
        "auth_permission",
        "wagtailusers_userprofile",
        "wagtail_ai_blocks_usagerecord",
    ]
    assert captured[-1]["sql"].startswith("INSERT")
