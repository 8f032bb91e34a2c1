"""The provider fault matrix, on both endpoints.

Every way the provider can fail, through ``/generate`` (a JSON error with its
HTTP status) and ``/stream`` (a 200 whose last event is ``error``: the provider is
only asked once the stream has started). For each: the status, the error code,
the message an editor reads, the ``Retry-After`` the editor is given, the usage
ledger row, whether the call was given back to the editor's quota, and that
nothing half-done was cached (the next identical request asks the provider again).

Refusals that happen before the provider is asked (our own rate limits, the
limiter storage) keep their HTTP status on ``/stream`` too: see
``test_redis_restart.py`` and ``tests/api/test_stream.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.api.conftest import read_events
from tests.fake_openai import CutStream, Fail, Hang, Malformed, Reply
from tests.redis_server import free_port
from wagtail_ai_blocks.models import UsageRecord

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}
BUSY = "The AI service is busy. Try again in a moment."
ERROR = "The AI service returned an error. Try again in a moment."
UNREADABLE = "The AI service sent an answer that could not be read."
EMPTY = "The AI service returned an empty answer. Try again."
UNREACHABLE = "The AI service cannot be reached right now."
TOO_SLOW = "The AI service took too long to answer. Try again."
CUT = "The AI service stopped answering part-way. Try again."


@dataclass(frozen=True)
class Fault:
    """One row of the matrix: what the provider does and what the editor gets."""

    behaviour: object  # a tests.fake_openai behaviour; None: nobody listens on the port
    status: int  # /generate's HTTP status
    code: str
    message: str
    retry_after: int | None = None
    #: The call is given back to the quota: the editor got nothing (every fault).
    refunded: bool = True
    #: On /stream, when it differs from /generate.
    stream_code: str | None = None
    stream_message: str | None = None
    stream_refunded: bool | None = None


FAULTS = {
    "429 with Retry-After": Fault(
        Fail(429, retry_after=30), 503, "provider_rate_limited", BUSY, 30
    ),
    "429 without Retry-After": Fault(Fail(429), 503, "provider_rate_limited", BUSY),
    "500": Fault(Fail(500), 502, "provider_error", ERROR),
    "503": Fault(Fail(503), 503, "provider_unavailable", UNREACHABLE),
    "malformed JSON": Fault(Malformed(), 502, "provider_error", UNREADABLE),
    "empty answer": Fault(Reply(""), 502, "empty_answer", EMPTY),
    "whitespace answer": Fault(Reply("  \n "), 502, "empty_answer", EMPTY),
    "timeout": Fault(Hang(3), 504, "provider_timeout", TOO_SLOW),
    "connection refused": Fault(None, 503, "provider_unavailable", UNREACHABLE),
    "answer cut half way": Fault(
        CutStream(after_chunks=2),
        503,
        "provider_unavailable",
        UNREACHABLE,
        stream_code="stream_interrupted",
        stream_message=CUT,
    ),
}


@pytest.fixture(params=list(FAULTS))
def fault(request, fake_openai, backend_options):
    """Script the fake provider to fail once, as the row says."""
    row = FAULTS[request.param]
    if row.behaviour is None:
        backend_options(BASE_URL=f"http://127.0.0.1:{free_port()}/v1")
    else:
        fake_openai.script(row.behaviour)
    if isinstance(row.behaviour, Hang):
        backend_options(TIMEOUT=0.3)
    return row


def _next_request_asks_the_provider(client, post_json, fake_openai, fault):
    """Nothing half-done was cached: the same request is answered fresh, and the
    quota shows whether the failed call was charged."""
    if fault.behaviour is None:
        return None
    calls = fake_openai.call_count
    fake_openai.script(Reply("Monstera likes bright light."))
    response = post_json(client, "generate", SHORTEN)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["cache"] == "miss"
    assert fake_openai.call_count == calls + 1
    return data["quota"]["remaining"]


def test_generate_fault(editor_client, fake_openai, post_json, fault):
    response = post_json(editor_client, "generate", SHORTEN)

    assert response.status_code == fault.status, response.content
    error = response.json()["error"]
    assert error["code"] == fault.code
    assert error["message"] == fault.message
    assert error.get("retry_after") == fault.retry_after
    assert response.get("Retry-After") == (str(fault.retry_after) if fault.retry_after else None)
    record = UsageRecord.objects.get()
    assert (record.outcome, record.error_code, record.streamed, record.cache_hit) == (
        "error",
        fault.code,
        False,
        False,
    )
    assert record.action == "shorten" and record.user is not None
    remaining = _next_request_asks_the_provider(editor_client, post_json, fake_openai, fault)
    if remaining is not None:
        assert remaining == (9 if fault.refunded else 8)


def test_stream_fault(editor_client, fake_openai, post_json, fault):
    response = post_json(editor_client, "stream", SHORTEN)

    assert response.status_code == 200
    events = read_events(response)
    name, data = events[-1]
    assert name == "error", events
    assert all(name != "done" for name, _ in events)
    code = fault.stream_code or fault.code
    assert data["error"]["code"] == code
    assert data["error"]["message"] == (fault.stream_message or fault.message)
    assert data["error"].get("retry_after") == fault.retry_after
    record = UsageRecord.objects.get()
    assert (record.outcome, record.error_code, record.streamed, record.cache_hit) == (
        "error",
        code,
        True,
        False,
    )
    remaining = _next_request_asks_the_provider(editor_client, post_json, fake_openai, fault)
    if remaining is not None:
        refunded = fault.refunded if fault.stream_refunded is None else fault.stream_refunded
        assert remaining == (9 if refunded else 8)
