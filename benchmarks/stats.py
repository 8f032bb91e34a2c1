"""Percentiles, result rows and the printed table."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100), nearest-rank on sorted values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def p50(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p95(values: Sequence[float]) -> float:
    return percentile(values, 95)


def interleave(
    variants: dict[str, Callable[[], float | None]],
    *,
    rounds: int,
    budget: float,
    warmup: int = 3,
) -> dict[str, list[float]]:
    """Run each variant once per round, rotating the order, for ``rounds`` rounds or
    ``budget`` seconds, whichever ends first. A variant returns its own measurement
    in seconds (or ``None`` to be timed from outside). Returns milliseconds."""
    names = list(variants)
    for _ in range(warmup):
        for name in names:
            variants[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    deadline = time.monotonic() + budget
    for index in range(rounds):
        if time.monotonic() > deadline:
            break
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            measured = variants[name]()
            elapsed = time.perf_counter() - started if measured is None else measured
            samples[name].append(elapsed * 1000)
    return samples


@dataclass
class Row:
    """One line of the table: what we measured, against what, and how they compare."""

    benchmark: str
    ours: str
    baseline: str
    ratio: str
    notes: str = ""
    detail: dict = field(default_factory=dict)


def ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def latency_cell(samples: Sequence[float]) -> str:
    return f"p50 {ms(p50(samples))} / p95 {ms(p95(samples))} ms"


def ratio(ours: float, baseline: float) -> str:
    if not baseline or math.isnan(ours) or math.isnan(baseline):
        return "-"
    return f"{ours / baseline:.2f}x"


def render_table(rows: Sequence[Row]) -> str:
    """A Markdown table (readable as plain text too)."""
    header = ("Benchmark", "Ours", "Baseline", "Ratio", "Notes")
    lines = [header, *((r.benchmark, r.ours, r.baseline, r.ratio, r.notes) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]

    def fmt(cells) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [fmt(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(fmt(line) for line in lines[1:])
    return "\n".join(out)
