"""Server-rendered SVG charts: geometry here, markup in ``reports/charts/*.html``.

No JavaScript and no chart library: each chart is a value object with the
coordinates of its bars, points and grid lines in a fixed ``viewBox``, which the
template draws with Wagtail's CSS variables (so dark mode and high contrast
work). Every bar and point carries a ``<title>`` with its exact value, and each
chart has a text summary for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wagtail_ai_blocks.reports.figures import Figures

WIDTH = 480
HEIGHT = 200
#: Space for the y-axis labels (left) and the x-axis labels (bottom).
LEFT, RIGHT, TOP, BOTTOM = 60, 8, 12, 28
#: How many x-axis labels at most (the first and last day are always labelled).
MAX_X_LABELS = 6
#: Height of the mark drawn on the axis for a day whose bars add up to zero (an
#: unpriced model's answers cost $0: the day happened, it was free).
ZERO_MARK = 2.0


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    label: str
    anchor: str  # "start" | "middle" | "end"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css_class: str
    title: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Series:
    name: str
    css_class: str


@dataclass(frozen=True)
class Chart:
    """One chart, ready to draw: ``kind`` is ``"bars"`` or ``"line"``."""

    kind: str
    title: str
    summary: str
    series: tuple[Series, ...]
    ticks: tuple[Tick, ...]
    x_labels: tuple[XLabel, ...]
    rects: tuple[Rect, ...] = ()
    points: tuple[Point, ...] = ()
    #: Nothing happened in the period ("No answers in this period" is drawn).
    empty: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def center(self) -> tuple[float, float]:
        return ((self.left + self.right) / 2, (self.top + self.bottom) / 2)


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value - 1e-12:
            return candidate
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


def _x_labels(days: Sequence[Figures], slot: float) -> tuple[XLabel, ...]:
    if not days:
        return ()
    count = len(days)
    every = max(1, math.ceil(count / MAX_X_LABELS))
    indexes = sorted({*range(0, count, every), count - 1})
    if len(indexes) > 2 and indexes[-1] - indexes[-2] < every:
        indexes.pop(-2)  # keep the last day's label clear of its neighbour
    labels = []
    for index in indexes:
        x = LEFT + slot * (index + 0.5)
        anchor = "start" if index == 0 else "end" if index == count - 1 else "middle"
        if count == 1:
            anchor = "middle"
        labels.append(XLabel(x=x, label=_short_day(days[index]), anchor=anchor))
    return tuple(labels)


def _short_day(row: Figures) -> str:
    day = row.key
    return f"{day:%d %b}" if day is not None else row.label


def _ticks(top_value: float, fmt: Callable[[float], str], parts: int = 4) -> tuple[Tick, ...]:
    plot = HEIGHT - BOTTOM - TOP
    return tuple(
        Tick(y=HEIGHT - BOTTOM - plot * i / parts, label=fmt(top_value * i / parts))
        for i in range(parts + 1)
    )


def stacked_bars(
    title: str,
    summary: str,
    days: Sequence[Figures],
    series: Sequence[tuple[Series, Callable[[Figures], float]]],
    value_format: Callable[[float], str],
    active: Callable[[Figures], bool] = lambda day: day.calls > 0,
) -> Chart:
    """Bars per day, one stacked segment per series (zero segments are left out).

    A day that is ``active`` (had calls) but whose series add up to zero gets a thin
    mark on the axis titled with its zero value, in the first series' colour; the
    chart is ``empty`` only when no day was active."""
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(days))
    bar = max(1.0, slot * 0.7)
    totals = [sum(getter(day) for _s, getter in series) for day in days]
    top_value = nice_ceiling(max(totals, default=0))
    plot = HEIGHT - BOTTOM - TOP
    rects = []
    for index, day in enumerate(days):
        x = LEFT + slot * index + (slot - bar) / 2
        base = HEIGHT - BOTTOM
        for one, getter in series:
            value = getter(day)
            if value <= 0:
                continue
            height = plot * value / top_value
            base -= height
            rects.append(
                Rect(
                    x=round(x, 2),
                    y=round(base, 2),
                    width=round(bar, 2),
                    height=round(height, 2),
                    css_class=one.css_class,
                    title=f"{day.label}: {one.name} {value_format(value)}",
                )
            )
        if series and active(day) and totals[index] <= 0:
            first = series[0][0]
            rects.append(
                Rect(
                    x=round(x, 2),
                    y=round(HEIGHT - BOTTOM - ZERO_MARK, 2),
                    width=round(bar, 2),
                    height=ZERO_MARK,
                    css_class=f"{first.css_class} wab-chart__zero",
                    title=f"{day.label}: {first.name} {value_format(0)}",
                )
            )
    return Chart(
        kind="bars",
        title=title,
        summary=summary,
        series=tuple(one for one, _getter in series),
        ticks=_ticks(top_value, value_format),
        x_labels=_x_labels(days, slot),
        rects=tuple(rects),
        empty=not any(active(day) for day in days),
    )


def rate_line(title: str, summary: str, days: Sequence[Figures], series: Series) -> Chart:
    """The cache hit rate per day (0 to 100 %); days without answers are skipped."""
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(days))
    plot = HEIGHT - BOTTOM - TOP
    points = [
        Point(
            x=round(LEFT + slot * (index + 0.5), 2),
            y=round(HEIGHT - BOTTOM - plot * day.hit_rate, 2),
            title=f"{day.label}: {percent(day.hit_rate)} ({day.cache_hits}/{day.answered})",
        )
        for index, day in enumerate(days)
        if day.hit_rate is not None
    ]
    return Chart(
        kind="line",
        title=title,
        summary=summary,
        series=(series,),
        ticks=_ticks(1.0, percent),
        x_labels=_x_labels(days, slot),
        points=tuple(points),
        empty=not points,
    )


def percent(value: float | None) -> str:
    if value is None:
        return "\u2013"  # en dash
    return f"{value * 100:.0f}%"
