"""SVG chart geometry: scales, stacked bars, the hit-rate line, labels."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from wagtail_ai_blocks.reports.charts import (
    BOTTOM,
    HEIGHT,
    TOP,
    Series,
    nice_ceiling,
    rate_line,
    stacked_bars,
)
from wagtail_ai_blocks.reports.figures import Figures

PLOT = HEIGHT - BOTTOM - TOP
START = datetime.date(2026, 3, 1)


def days(*rows: dict) -> list[Figures]:
    return [
        Figures(key=START + datetime.timedelta(i), label=str(START + datetime.timedelta(i)), **row)
        for i, row in enumerate(rows)
    ]


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (0.7, 1), (3, 5), (12, 20), (23, 25), (26, 50), (0.0042, 0.005)]
)
def test_the_scale_ends_on_a_round_number(value, ceiling):
    assert nice_ceiling(value) == pytest.approx(ceiling)


def test_bars_stack_their_series_to_scale():
    rows = days({"answered": 6, "cache_hits": 2, "calls": 7, "errors": 1}, {"answered": 0})
    chart = stacked_bars(
        "Calls",
        "…",
        rows,
        [
            (Series("Provider", "a"), lambda d: d.provider_calls),
            (Series("Cache", "b"), lambda d: d.cache_hits),
            (Series("Failed", "c"), lambda d: d.errors),
        ],
        str,
    )
    provider, cache, failed = chart.rects  # the empty day draws nothing
    assert [r.css_class for r in chart.rects] == ["a", "b", "c"]
    assert provider.height == pytest.approx(PLOT * 4 / 10)  # the scale ends at 10
    assert cache.y + cache.height == pytest.approx(provider.y)
    assert failed.y + failed.height == pytest.approx(cache.y)
    assert provider.title == "2026-03-01: Provider 4"
    assert [tick.label for tick in chart.ticks] == ["0.0", "2.5", "5.0", "7.5", "10.0"]


def test_the_hit_rate_line_skips_days_without_answers():
    rows = days({"answered": 4, "cache_hits": 1}, {}, {"answered": 2, "cache_hits": 2})
    chart = rate_line("Hit rate", "…", rows, Series("Hit rate", "b"))
    assert [p.title for p in chart.points] == ["2026-03-01: 25% (1/4)", "2026-03-03: 100% (2/2)"]
    assert chart.points[1].y == pytest.approx(TOP)


def test_x_labels_keep_the_first_and_last_day_apart_from_the_others():
    chart = stacked_bars("Calls", "…", days(*({} for _ in range(30))), [], str)
    assert [label.label for label in chart.x_labels] == [
        "01 Mar",
        "06 Mar",
        "11 Mar",
        "16 Mar",
        "21 Mar",
        "30 Mar",
    ]
    assert chart.x_labels[0].anchor == "start" and chart.x_labels[-1].anchor == "end"


@pytest.mark.django_db
def test_the_report_charts_every_day_of_the_filtered_period(admin_client, ledger):
    response = admin_client.get(
        reverse("wagtail_ai_blocks_reports:usage"),
        {"created_at_from": "2026-02-27", "created_at_to": "2026-03-04"},
    )
    calls = response.context["charts"][0]
    assert calls.x_labels[0].label == "27 Feb"
    assert len(calls.x_labels) == 6  # one label per day: six days
    assert calls.summary == "9 calls from 2026-02-27 to 2026-03-04, 2 of them from the cache."


def test_days_whose_answers_cost_nothing_are_drawn_at_zero_not_called_empty():
    rows = days({"calls": 3, "answered": 3}, {}, {"calls": 1, "answered": 1})
    chart = stacked_bars(
        "Cost per day",
        "…",
        rows,
        [(Series("Cost", "s0"), lambda d: float(d.cost))],
        lambda value: f"${value:.2f}",
    )

    assert not chart.empty
    assert [r.title for r in chart.rects] == ["2026-03-01: Cost $0.00", "2026-03-03: Cost $0.00"]
    assert all(r.y + r.height == pytest.approx(HEIGHT - BOTTOM) for r in chart.rects)
    assert all("wab-chart__zero" in r.css_class for r in chart.rects)


def test_a_period_without_calls_is_empty():
    chart = stacked_bars(
        "Cost per day", "…", days({}, {}), [(Series("Cost", "s0"), lambda d: 0.0)], str
    )
    assert chart.empty
    assert chart.rects == ()


@pytest.mark.django_db
def test_an_unpriced_models_answers_show_their_days_at_zero_cost(admin_client, record, editor):
    from tests.reports.conftest import DAY1, DAY2

    record(editor, DAY1, model="local-model", cost="0")
    record(editor, DAY2, model="local-model", cost="0")
    response = admin_client.get(
        reverse("wagtail_ai_blocks_reports:usage"),
        {"created_at_from": "2026-03-01", "created_at_to": "2026-03-03"},
    )

    cost = response.context["charts"][1]
    assert cost.title == "Cost per day"
    assert not cost.empty
    assert [r.title for r in cost.rects] == ["2026-03-01: Cost $0.00", "2026-03-02: Cost $0.00"]
    assert "No answers in this period" not in response.content.decode()


@pytest.mark.django_db
def test_a_period_without_calls_says_no_answers(admin_client, ledger):
    response = admin_client.get(
        reverse("wagtail_ai_blocks_reports:usage"),
        {"created_at_from": "2026-04-01", "created_at_to": "2026-04-03"},
    )
    assert all(chart.empty for chart in response.context["charts"])
    assert "No answers in this period" in response.content.decode()
