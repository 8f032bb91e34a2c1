"""Redis going away and coming back while editors keep asking.

Redis holds the answer cache, the single-flight locks and the rate-limit
counters (``redis_cache``: django-redis on a real ``redis-server``). While it is
down, the limiter refuses with a 503 (``FAIL_OPEN = False``, the default) or lets
the call through uncounted (``FAIL_OPEN = True``); the answer cache is skipped
either way. Once it is back, requests succeed again without a restart of ours.
The test server keeps no data across restarts, like a Redis without persistence:
the window's counts start again from zero.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import read_events
from wagtail_ai_blocks.models import UsageRecord

UNAVAILABLE = "AI assistance is temporarily unavailable. Try again shortly."


@pytest.fixture
def redis_outage(redis_server, redis_cache):
    """Stop and start the session's redis-server; always running again afterwards."""

    class Outage:
        def stop(self):
            redis_server.process.terminate()
            redis_server.process.wait(timeout=10)

        def start(self):
            redis_server.restart()

    yield Outage()
    if redis_server.process.poll() is not None:
        redis_server.restart()


def _ask(client, post_json, endpoint, text):
    """(status, body) of one request; for /stream the body is the last event's data."""
    response = post_json(client, endpoint, {"action": "shorten", "text": text})
    if endpoint == "stream" and response.status_code == 200:
        name, data = read_events(response)[-1]
        assert name == "done", data
        return 200, data
    return response.status_code, response.json()


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_redis_down_fails_closed_then_recovers(
    editor_client, fake_openai, post_json, redis_outage, endpoint
):
    assert _ask(editor_client, post_json, endpoint, "Before the outage.")[0] == 200

    redis_outage.stop()
    status, body = _ask(editor_client, post_json, endpoint, "During the outage.")
    assert status == 503
    assert body["error"] == {"code": "limiter_unavailable", "message": UNAVAILABLE}
    assert fake_openai.call_count == 1  # refused before the provider

    redis_outage.start()
    status, body = _ask(editor_client, post_json, endpoint, "After the outage.")
    assert status == 200, body
    assert body["cache"] == "miss"
    # The restarted Redis forgot the window's counts: only this call is counted.
    assert body["quota"]["remaining"] == 9
    assert fake_openai.call_count == 2
    assert list(
        UsageRecord.objects.order_by("pk").values_list("outcome", "error_code", "streamed")
    ) == [
        ("ok", "", endpoint == "stream"),
        ("error", "limiter_unavailable", endpoint == "stream"),
        ("ok", "", endpoint == "stream"),
    ]


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_redis_down_fails_open_then_counts_again(
    editor_client, fake_openai, post_json, redis_outage, settings, endpoint
):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "FAIL_OPEN": True}
    assert _ask(editor_client, post_json, endpoint, "Before the outage.")[0] == 200

    redis_outage.stop()
    status, body = _ask(editor_client, post_json, endpoint, "During the outage.")
    assert status == 200, body
    assert body["cache"] == "miss"
    # Uncounted: the editor is told no limit applies rather than a made-up number.
    assert body["quota"]["limit"] is None
    # Identical request during the outage: no cache to answer from, so the provider again.
    assert _ask(editor_client, post_json, endpoint, "During the outage.")[0] == 200
    assert fake_openai.call_count == 3

    redis_outage.start()
    status, body = _ask(editor_client, post_json, endpoint, "After the outage.")
    assert status == 200, body
    assert body["quota"]["remaining"] == 9
    assert _ask(editor_client, post_json, endpoint, "After the outage.")[1]["cache"] == "hit"
    assert fake_openai.call_count == 4
    outcomes = list(UsageRecord.objects.order_by("pk").values_list("outcome", "cache_hit"))
    assert outcomes == [("ok", False)] * 4 + [("ok", True)]


def test_with_a_budget_redis_down_refuses_even_when_failing_open(
    editor_client, fake_openai, post_json, redis_outage, settings
):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "FAIL_OPEN": True,
        "PRICES": {"fake-model": (1, 2)},
        "BUDGETS": {"USER_DAILY": 5.0, "GLOBAL_MONTHLY": None},
    }
    redis_outage.stop()

    status, body = _ask(editor_client, post_json, "generate", "During the outage.")

    assert status == 503
    assert body["error"] == {"code": "limiter_unavailable", "message": UNAVAILABLE}
    assert fake_openai.call_count == 0
