"""Answers the editor stopped are neither errors nor answers: their own column."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from tests.reports.conftest import DAY1
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.reports import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped_and_failed(record, editor):
    record(editor, DAY1, outcome="ok", cost="0.000010")
    record(editor, DAY1, outcome="stopped", error_code="client_disconnected", cost="0.000004")
    record(editor, DAY1, outcome="stopped", error_code="client_disconnected")
    record(editor, DAY1, outcome="error", error_code="provider_timeout")


def test_stopped_calls_are_counted_apart_from_errors(stopped_and_failed):
    totals = figures.totals(UsageRecord.objects.all())
    assert (totals.calls, totals.answered, totals.errors, totals.stopped) == (4, 1, 1, 2)
    # What a stopped answer produced is still paid for.
    assert str(totals.cost) == "0.000014"


def test_the_report_shows_a_stopped_column_card_and_outcome(admin_client, stopped_and_failed):
    url = reverse("wagtail_ai_blocks_reports:usage")
    page = admin_client.get(url).content.decode()
    assert 'data-wab-figure="errors">1<' in page
    assert 'data-wab-figure="stopped">2<' in page

    day = admin_client.get(url, {"group": "day"}).context["object_list"][0]
    assert (day.errors, day.stopped) == (1, 2)
    calls = admin_client.get(url, {"group": "call"}).content.decode()
    assert calls.count("Stopped by the editor") >= 2


def test_the_outcome_filter_finds_stopped_calls(admin_client, stopped_and_failed):
    response = admin_client.get(
        reverse("wagtail_ai_blocks_reports:usage"), {"group": "call", "outcome": "stopped"}
    )
    assert [r.outcome for r in response.context["object_list"]] == ["stopped", "stopped"]


def test_the_calls_chart_stacks_stopped_calls_in_their_own_series(admin_client, stopped_and_failed):
    response = admin_client.get(
        reverse("wagtail_ai_blocks_reports:usage"),
        {"created_at_from": "2026-03-01", "created_at_to": "2026-03-01"},
    )
    calls = response.context["charts"][0]
    assert [s.name for s in calls.series][-1] == "Stopped by the editor"
    stopped = [r for r in calls.rects if r.css_class == "wab-chart__s3"]
    assert [r.title for r in stopped] == ["2026-03-01: Stopped by the editor 2"]


def test_the_migration_moves_old_stopped_calls_out_of_errors(record, editor):
    record(editor, DAY1, outcome="error", error_code="client_disconnected")
    record(editor, DAY1, outcome="error", error_code="provider_timeout")
    migration = importlib.import_module("wagtail_ai_blocks.migrations.0009_usage_outcome_stopped")

    migration.stopped_from_errors(apps, None)

    assert sorted(UsageRecord.objects.values_list("outcome", "error_code")) == [
        ("error", "provider_timeout"),
        ("stopped", "client_disconnected"),
    ]
