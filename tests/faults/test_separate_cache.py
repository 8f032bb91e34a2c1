"""The recommended production setup: the package's cache alias of its own ("ai").

With the README's settings, Redis going down costs the editors their AI assistance (a
503 that says so) and nothing else: the site's default cache, the admin and the public
pages do not touch that Redis.
"""

from __future__ import annotations

from tests.redis_server import free_port

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}
UNAVAILABLE = "AI assistance is temporarily unavailable. Try again shortly."


def test_redis_down_on_the_ai_alias_degrades_ai_only(
    editor_client, client, fake_openai, post_json, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ai": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/1",  # nobody listens: Redis is down
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "CACHE_ALIAS": "ai",
        "LIMITER_CACHE_ALIAS": "ai",
    }

    assert editor_client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200
    response = post_json(editor_client, "generate", SHORTEN)

    assert response.status_code == 503
    assert response.json()["error"] == {"code": "limiter_unavailable", "message": UNAVAILABLE}
    assert fake_openai.call_count == 0
