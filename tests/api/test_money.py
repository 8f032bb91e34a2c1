"""Money through the endpoints: reserved before the call, settled to what was produced.

Prices are high here (a thousandth of a unit per token) so every call costs
something measurable in micro-units.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.api.conftest import read_events
from tests.fake_openai import CutStream, Reply, Usage
from wagtail_ai_blocks.limits import BudgetGuard
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.service import GenerationRequest, GenerationService

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}
LONG_ANSWER = " ".join(f"word{i}" for i in range(300))
# A shortening gets no more tokens than its source: a long source for long answers.
LONG = {"action": "shorten", "text": " ".join(f"Monstera{i} likes light." for i in range(150))}


@pytest.fixture
def priced(settings, fake_openai):
    def set_budget(user_daily=None, global_monthly=None):
        settings.WAGTAIL_AI_BLOCKS = {
            **settings.WAGTAIL_AI_BLOCKS,
            "PRICES": {"fake-model": (1000, 2000)},
            "BUDGETS": {"USER_DAILY": user_daily, "GLOBAL_MONTHLY": global_monthly},
        }

    set_budget(user_daily=100.0, global_monthly=1000.0)
    return set_budget


def spent(user):
    return {
        state.name: Decimal(str(state.spent))
        for state in BudgetGuard.from_settings().peek(user).budgets
    }


def test_a_call_that_could_cost_more_than_what_is_left_is_refused_before_the_provider(
    editor_client, editor, fake_openai, post_json, priced
):
    # The call's maximum (prompt bytes + max_tokens at 0.002 each) is over 0.05.
    priced(user_daily=0.05)

    response = post_json(editor_client, "generate", SHORTEN)

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "budget_exceeded"
    assert int(response["Retry-After"]) > 0
    assert fake_openai.call_count == 0
    assert spent(editor)["budget:user_daily"] == 0


def test_a_finished_call_is_settled_to_the_providers_usage(
    editor_client, editor, fake_openai, post_json, priced
):
    fake_openai.script(Reply("Monstera likes light.", usage=Usage(40, 4)))

    data = post_json(editor_client, "generate", SHORTEN).json()

    record = UsageRecord.objects.get()
    assert (record.input_tokens, record.output_tokens) == (40, 4)
    assert record.cost == Decimal("0.048")  # 40 x 0.001 + 4 x 0.002
    assert data["usage"]["cost"] == 0.048
    assert spent(editor) == {
        "budget:user_daily": Decimal("0.048"),
        "budget:global_monthly": Decimal("0.048"),
    }


def test_an_abandoned_stream_is_charged_for_what_the_provider_produced(
    editor_client, editor, fake_openai, post_json, priced
):
    fake_openai.responder = lambda request: LONG_ANSWER
    fake_openai.token_delay = 0.01

    response = post_json(editor_client, "stream", LONG)
    chunks = response.streaming_content
    received = b""
    while received.count(b"event: delta") < 3:
        received += next(chunks)
    response._iterator.close()  # what a WSGI server does when the browser goes away

    record = UsageRecord.objects.get()
    assert record.error_code == "client_disconnected"
    assert record.input_tokens > 0 and record.output_tokens >= 3
    assert record.cost > 0
    assert spent(editor)["budget:user_daily"] == record.cost
    assert spent(editor)["budget:global_monthly"] == record.cost


def test_a_stream_cut_by_the_provider_is_charged_for_what_it_sent(
    editor_client, editor, fake_openai, post_json, priced
):
    fake_openai.responder = lambda request: LONG_ANSWER
    fake_openai.script(CutStream(after_chunks=20))

    events = read_events(post_json(editor_client, "stream", LONG))

    assert events[-1][1]["error"]["code"] == "stream_interrupted"
    record = UsageRecord.objects.get()
    assert record.output_tokens >= 20
    assert record.cost > 0
    assert spent(editor)["budget:user_daily"] == record.cost


def test_abandoned_streams_use_up_the_budget(editor_client, editor, fake_openai, post_json, priced):
    """Issue 13: twelve abandoned streams passed a daily budget and the 13th still ran."""
    priced(user_daily=6.0)
    fake_openai.responder = lambda request: LONG_ANSWER
    fake_openai.token_delay = 0.002
    refused = None
    for index in range(12):
        response = post_json(editor_client, "stream", {**LONG, "text": f"{index} {LONG['text']}"})
        if response.status_code == 429:
            refused = response
            break
        chunks = response.streaming_content
        received = b""
        while received.count(b"event: delta") < 150:
            received += next(chunks)
        response._iterator.close()

    assert refused is not None
    assert refused.json()["error"]["code"] == "budget_exceeded"
    charged = sum(r.cost for r in UsageRecord.objects.filter(error_code="client_disconnected"))
    assert charged == spent(editor)["budget:user_daily"] <= Decimal("6.0")


def test_a_stream_closed_before_its_first_event_is_recorded_and_releases_everything(
    editor, fake_openai, priced
):
    request = GenerationRequest(user=editor, action="shorten", text=SHORTEN["text"])

    events = GenerationService().open_stream(request)
    events.close()

    record = UsageRecord.objects.get()
    assert (record.error_code, record.cost) == ("client_disconnected", 0)
    assert spent(editor)["budget:user_daily"] == 0
    assert fake_openai.call_count == 0
    # The single flight was left: the same request is answered at once, not after a wait.
    assert GenerationService().generate(request).cache == "miss"


def test_each_candidate_costs_one_unit_of_the_rate_limit(editor_client, fake_openai, post_json):
    fake_openai.responder = lambda request: "Monstera care"
    body = {
        "action": "seo_title",
        "context": {"page_title": "Monstera", "fields": {"intro": "Light and water."}},
        "field": {"name": "seo_title", "max_length": 60},
        "candidates": 3,
    }

    data = post_json(editor_client, "generate", body).json()

    assert len(data["candidates"]) == 3
    assert data["quota"]["remaining"] == 7
