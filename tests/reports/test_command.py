"""``manage.py ai_usage_report``: the report's figures for cron jobs and monitoring."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("ai_usage_report", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_exact_figures_for_the_range(ledger):
    report = json.loads(run("--since", "2026-03-01", "--until", "2026-03-02", "--json"))
    assert report["period"] == {"since": "2026-03-01", "until": "2026-03-02"}
    assert report["currency"] == "USD"
    assert report["totals"] == {
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
    assert [(d["key"], d["calls"], d["cost"]) for d in report["by_day"]] == [
        ("2026-03-01", 5, "0.000321"),
        ("2026-03-02", 4, "0.004508"),
    ]
    assert [(u["label"], u["cost"]) for u in report["by_user"]] == [
        ("bob", "0.004566"),
        ("Ann Lee", "0.000255"),
        ("admin", "0.000008"),
    ]
    assert [(a["key"], a["label"], a["calls"]) for a in report["by_action"]] == [
        ("summarize", "Summarise", 2),
        ("translate", "Translate", 3),
        ("improve", "Improve writing", 4),
    ]
    assert [(m["key"], m["cost"]) for m in report["by_model"]] == [
        ("gpt-4o", "0.004500"),
        ("gpt-4o-mini", "0.000329"),
    ]


def test_the_range_includes_both_days_and_nothing_else(ledger):
    report = json.loads(run("--since", "2026-03-02", "--until", "2026-03-02", "--json"))
    assert report["totals"]["calls"] == 4
    report = json.loads(run("--since", "2026-02-01", "--until", "2026-02-28", "--json"))
    assert report["totals"]["calls"] == 0
    assert report["by_day"] == []


def test_by_chooses_the_groupings(ledger):
    report = json.loads(
        run("--since", "2026-03-01", "--until", "2026-03-02", "--by", "model", "--json")
    )
    assert set(report) == {"period", "currency", "totals", "by_model"}


def test_days_counts_back_from_until(ledger):
    report = json.loads(run("--days", "1", "--until", "2026-03-02", "--json"))
    assert report["period"] == {"since": "2026-03-02", "until": "2026-03-02"}


def test_text_output_is_readable(ledger):
    text = run("--since", "2026-03-01", "--until", "2026-03-02", "--by", "user")
    assert text.splitlines()[0] == "AI usage from 2026-03-01 to 2026-03-02"
    assert "  cost           $0.004829" in text
    assert "  cache hit rate 29%" in text
    assert "By user:" in text
    assert "bob" in text and "$0.004566" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "March"], "'March' is not a date: use YYYY-MM-DD."),
        (["--since", "2026-03-02", "--until", "2026-03-01"], "--until is before --since."),
        (["--by", "week"], "Unknown grouping 'week'"),
        (["--days", "3", "--since", "2026-03-01"], "Use --days or --since, not both."),
        (["--until", "0001-01-01", "--days", "2"], "--days reaches before the year 1."),
        (["--days", "99999999999"], "--days reaches before the year 1."),
    ],
)
def test_bad_arguments_say_what_to_do(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
