from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

import pytest

from wagtail_ai_blocks.backends.base import Usage
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.pricing import cost_of, price_for
from wagtail_ai_blocks.service import GenerationRequest, GenerationService


def test_cost_uses_the_price_table_per_million_tokens():
    assert cost_of(Usage(1_000_000, 1_000_000), "gpt-4o-mini") == Decimal("0.750000")
    assert cost_of(Usage(2000, 500), "gpt-4o-mini") == Decimal("0.000600")


def test_dated_model_names_fall_back_to_their_base_price():
    assert price_for("gpt-4o-mini-2024-07-18") == price_for("gpt-4o-mini")


def test_unknown_and_free_models_cost_nothing():
    assert cost_of(Usage(1000, 1000), "my-own-model") == 0
    assert cost_of(Usage(1000, 1000), "gpt-4o", free=True) == 0


def test_project_prices_override_defaults(settings):
    settings.WAGTAIL_AI_BLOCKS = {"PRICES": {"fake-model": (1.0, 2.0)}}
    assert cost_of(Usage(1_000_000, 500_000), "fake-model") == Decimal("2.000000")
    assert price_for("gpt-4o") is not None  # defaults are merged, not replaced


@pytest.mark.django_db
def test_ledger_records_tokens_cost_and_no_content_by_default(fake_openai, admin_user, settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "PRICES": {"fake-model": (1.0, 2.0)},
    }
    GenerationService().generate(
        GenerationRequest(user=admin_user, action="shorten", text="Some text here.")
    )
    record = UsageRecord.objects.get()
    assert record.user == admin_user
    assert record.input_tokens > 0 and record.output_tokens > 0
    expected = (Decimal(record.input_tokens) * 1 + Decimal(record.output_tokens) * 2) / 1_000_000
    assert record.cost == expected.quantize(Decimal("0.000001"))
    assert record.prompt_version == "1"
    assert (record.prompt, record.answer) == ("", "")


@pytest.mark.django_db
def test_ledger_keeps_content_when_the_setting_is_on(fake_openai, admin_user, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "STORE_CONTENT": True}
    GenerationService().generate(
        GenerationRequest(user=admin_user, action="shorten", text="Some text here.")
    )
    record = UsageRecord.objects.get()
    assert "Some text here." in record.prompt
    assert record.answer.startswith("Fake answer")


@pytest.mark.django_db
def test_cache_hit_records_the_money_it_saved(fake_openai, admin_user, settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "PRICES": {"fake-model": (1.0, 2.0)},
    }
    request = GenerationRequest(user=admin_user, action="shorten", text="Some text here.")
    GenerationService().generate(request)
    GenerationService().generate(request)
    miss, hit = UsageRecord.objects.order_by("pk")
    assert hit.cache_hit and hit.cost == 0
    assert hit.cost_saved == miss.cost > 0


@pytest.mark.django_db
def test_a_cache_hit_in_a_request_is_written_once_the_request_finishes(fake_openai, admin_user):
    """The editor does not wait for a hit's INSERT: it comes after the response."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request = GenerationRequest(user=admin_user, action="shorten", text="Some text here.")
    GenerationService().generate(request)
    # As Django's test client does: the test's connection stays open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        result = GenerationService().generate(request)
        written_before_the_end = UsageRecord.objects.filter(cache_hit=True).count()
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    assert result.cache == "hit"
    assert written_before_the_end == 0
    hit = UsageRecord.objects.get(cache_hit=True)
    assert (hit.action, hit.outcome, hit.cost) == ("shorten", "ok", 0)


@pytest.mark.django_db
def test_a_cache_hit_outside_a_request_is_written_at_once(fake_openai, admin_user):
    request = GenerationRequest(user=admin_user, action="shorten", text="Some text here.")
    GenerationService().generate(request)
    GenerationService().generate(request)

    assert UsageRecord.objects.filter(cache_hit=True).count() == 1


def test_the_most_a_call_can_cost_bounds_every_token_it_can_use():
    from wagtail_ai_blocks.pricing import IMAGE_TOKENS, max_cost, max_input_tokens

    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]},
        {"role": "user", "content": "Écris."},
    ]
    # Every byte may be a token (é is two), plus role markers, plus each image's ceiling.
    assert max_input_tokens(messages) == 9 + 7 + 3 * 4 + 3 + IMAGE_TOKENS
    cost = max_cost(messages, 100, 3, "gpt-4o-mini")
    tokens = max_input_tokens(messages)
    exact = (Decimal(tokens) * Decimal("0.15") + 300 * Decimal("0.60")) / 1_000_000
    assert cost == exact.quantize(Decimal("0.000001"), rounding=ROUND_CEILING) >= exact
