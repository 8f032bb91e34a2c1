"""The report's figures against a ledger built in the test: exact sums."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.reports.conftest import DAY1, DAY2
from wagtail_ai_blocks.reports import figures
from wagtail_ai_blocks.reports.figures import Figures, Period

pytestmark = pytest.mark.django_db


def summary(row: Figures) -> tuple:
    return (
        row.label,
        row.calls,
        row.answered,
        row.errors,
        row.refused,
        row.cache_hits,
        row.input_tokens,
        row.output_tokens,
        row.cost,
        row.cost_saved,
    )


def test_totals_add_up_exactly(ledger):
    total = figures.totals(figures.ledger())
    assert summary(total) == (
        "Total",
        9,
        7,
        1,
        1,
        2,
        1430,
        640,
        Decimal("0.004829"),
        Decimal("0.004545"),
    )
    assert total.hit_rate == pytest.approx(2 / 7)
    assert total.provider_calls == 5


def test_per_day(ledger):
    assert [summary(row) for row in figures.by_day(figures.ledger())] == [
        ("2026-03-01", 5, 4, 0, 1, 1, 420, 430, Decimal("0.000321"), Decimal("0.000045")),
        ("2026-03-02", 4, 3, 1, 0, 1, 1010, 210, Decimal("0.004508"), Decimal("0.004500")),
    ]


def test_per_user_most_expensive_first_with_display_names(ledger):
    assert [summary(row) for row in figures.by_user(figures.ledger())] == [
        ("bob", 4, 3, 1, 0, 1, 1120, 280, Decimal("0.004566"), Decimal("0.004500")),
        ("Ann Lee", 4, 3, 0, 1, 1, 300, 350, Decimal("0.000255"), Decimal("0.000045")),
        ("admin", 1, 1, 0, 0, 0, 10, 10, Decimal("0.000008"), Decimal("0.000000")),
    ]


def test_per_action_with_the_actions_labels(ledger):
    assert [summary(row) for row in figures.by_action(figures.ledger())] == [
        ("Summarise", 2, 2, 0, 0, 1, 1000, 200, Decimal("0.004500"), Decimal("0.004500")),
        ("Translate", 3, 2, 0, 1, 0, 210, 310, Decimal("0.000218"), Decimal("0")),
        ("Improve writing", 4, 3, 1, 0, 1, 220, 130, Decimal("0.000111"), Decimal("0.000045")),
    ]


def test_per_model(ledger):
    assert [(row.label, row.calls, row.cost) for row in figures.by_model(figures.ledger())] == [
        ("gpt-4o", 2, Decimal("0.004500")),
        ("gpt-4o-mini", 7, Decimal("0.000329")),
    ]


def test_group_sums_equal_the_total(ledger):
    records = figures.ledger()
    total = figures.totals(records)
    for grouping in figures.GROUPINGS:
        rows = figures.BY[grouping](records)
        assert sum(row.calls for row in rows) == total.calls
        assert sum((row.cost for row in rows), Decimal(0)) == total.cost
        assert sum((row.cost_saved for row in rows), Decimal(0)) == total.cost_saved


def test_many_small_amounts_still_add_up_exactly(record, editor):
    for _ in range(250):
        record(editor, DAY1, cost="0.000001")
        record(editor, DAY1, cost="0.100003")
    assert figures.totals(figures.ledger()).cost == Decimal("25.001000")


def test_library_prompts_are_labelled_even_after_deletion(record, editor, make_prompt_for_report):
    prompt = make_prompt_for_report(label="Make it a tweet")
    record(editor, DAY1, action=prompt.action_id)
    assert figures.by_action(figures.ledger())[0].label == "Make it a tweet"
    prompt.delete()
    assert figures.by_action(figures.ledger())[0].label == "Make it a tweet"


def test_a_period_covers_whole_days_both_ends_included(ledger):
    records = Period(DAY2, DAY2).filter(figures.ledger())
    assert figures.totals(records).calls == 4
    assert Period.this_month(datetime.date(2026, 2, 14)) == Period(
        datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
    )


def test_fill_days_adds_empty_days(ledger):
    rows = figures.fill_days(figures.by_day(figures.ledger()), DAY1, DAY1 + datetime.timedelta(3))
    assert [(row.label, row.calls) for row in rows] == [
        ("2026-03-01", 5),
        ("2026-03-02", 4),
        ("2026-03-03", 0),
        ("2026-03-04", 0),
    ]


def test_json_form_keeps_money_exact(ledger):
    assert figures.totals(figures.ledger()).as_dict() == {
        "key": None,
        "label": "Total",
        "calls": 9,
        "answered": 7,
        "errors": 1,
        "refused": 1,
        "stopped": 0,
        "cache_hits": 2,
        "cache_hit_rate": 0.2857,
        "input_tokens": 1430,
        "output_tokens": 640,
        "cost": "0.004829",
        "cost_saved": "0.004545",
    }
