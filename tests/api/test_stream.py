"""The SSE endpoint: deltas, then done (or error); refusals keep their HTTP status."""

from __future__ import annotations

from tests.api.conftest import read_events
from tests.fake_openai import CutStream, Reply
from wagtail_ai_blocks.models import UsageRecord

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}


def test_stream_sends_deltas_then_done_with_usage_cache_and_quota(
    editor_client, fake_openai, post_json
):
    fake_openai.script(Reply("Monstera likes bright light."))

    response = post_json(editor_client, "stream", SHORTEN)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    events = read_events(response)
    deltas = [data["text"] for name, data in events if name == "delta"]
    assert len(deltas) > 1
    assert "".join(deltas) == "Monstera likes bright light."
    name, done = events[-1]
    assert name == "done"
    assert done["candidates"][0]["text"] == "Monstera likes bright light."
    assert done["cache"] == "miss"
    assert done["usage"]["output_tokens"] == 4
    assert done["quota"]["remaining"] == 9
    assert UsageRecord.objects.get().streamed is True


def test_second_identical_stream_is_replayed_from_the_cache(editor_client, fake_openai, post_json):
    first = read_events(post_json(editor_client, "stream", SHORTEN))
    second = read_events(post_json(editor_client, "stream", SHORTEN))

    assert fake_openai.call_count == 1
    assert second[-1][1]["cache"] == "hit"
    join = lambda events: "".join(d["text"] for n, d in events if n == "delta")  # noqa: E731
    assert join(second) == join(first)


def test_a_streamed_answer_is_a_cache_hit_for_generate_too(editor_client, fake_openai, post_json):
    read_events(post_json(editor_client, "stream", SHORTEN))
    assert post_json(editor_client, "generate", SHORTEN).json()["cache"] == "hit"


def test_stream_cut_half_way_ends_with_an_error_event_and_is_not_cached(
    editor_client, fake_openai, post_json
):
    fake_openai.script(CutStream(after_chunks=2))

    events = read_events(post_json(editor_client, "stream", SHORTEN))

    assert events[-1][0] == "error"
    assert events[-1][1]["error"]["code"] == "stream_interrupted"
    assert all(name != "done" for name, _ in events)
    assert UsageRecord.objects.get().error_code == "stream_interrupted"
    # Not cached: the next request asks the provider again.
    assert read_events(post_json(editor_client, "stream", SHORTEN))[-1][0] == "done"
    assert fake_openai.call_count == 2


def test_refusal_before_streaming_keeps_its_http_status(editor_client, fake_openai, post_json):
    for index in range(10):
        read_events(post_json(editor_client, "stream", {**SHORTEN, "text": f"Text {index}."}))

    response = post_json(editor_client, "stream", SHORTEN)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["tier"] == "user"


def test_client_disconnect_stops_the_provider_stream(editor_client, fake_openai, post_json):
    fake_openai.responder = lambda request: " ".join(f"word{i}" for i in range(200))
    fake_openai.token_delay = 0.01

    response = post_json(editor_client, "stream", SHORTEN)
    chunks = response.streaming_content
    received = b""
    while b"event: delta" not in received:
        received += next(chunks)
    # What a WSGI server does when the browser goes away: close the response
    # iterator (here the test client's wrapper, which keeps the test database open).
    response._iterator.close()

    record = UsageRecord.objects.get()
    assert record.error_code == "client_disconnected"
    # The editor stopped it: its own outcome, not a failure in the usage report.
    assert record.outcome == "stopped"
    # The cut answer is neither cached nor charged as a success.
    fake_openai.token_delay = 0
    assert post_json(editor_client, "generate", SHORTEN).json()["cache"] == "miss"
