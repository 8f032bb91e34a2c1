"""Sliding logs: the rule every storage applies to rate-limit windows.

A window remembers *when* each call was charged (a log of ``(time, amount,
token)``); a call is allowed when the calls of the last ``window`` seconds plus
this one stay within ``limit``. So "N per hour" never lets more than N through
in any 60-minute span, wherever the span starts (a fixed, clock-aligned window
lets 2N through across its boundary). Memory and time grow with the limit, not
with traffic: a log never holds more than ``limit`` entries.

Local memory and the database run :func:`evaluate` on the log they hold under a
lock; Redis runs the same rule in its Lua script (``redis.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """At most ``limit`` calls in any ``window`` seconds, counted under ``key``."""

    key: str
    limit: int
    window: int


@dataclass(frozen=True, slots=True)
class SlideResult:
    """What :meth:`Storage.take` (or ``look``) found.

    ``counts``: calls in each window (after the charge when ``allowed``).
    ``frees_in``: seconds until the oldest of them leaves each window (the whole
    window when it is empty). ``refused_index``: the first window that refused;
    ``retry_after``: seconds until it has room for the amount asked.
    """

    allowed: bool
    counts: tuple[int, ...]
    frees_in: tuple[float, ...]
    refused_index: int | None = None
    retry_after: float = 0.0


#: One log entry: (epoch milliseconds, calls, token of the charge).
Entry = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Evaluation:
    live: list[Entry]  # the entries still inside the window, oldest first
    count: int
    frees_in: float
    fits: bool
    retry_after: float


def evaluate(entries: Sequence[Entry], spec: WindowSpec, amount: int, now_ms: int) -> Evaluation:
    """Apply the window to a log: what is live, and whether ``amount`` more fits."""
    window_ms = spec.window * 1000
    live = sorted(entry for entry in entries if entry[0] > now_ms - window_ms)
    count = sum(entry[1] for entry in live)
    frees_in = (live[0][0] + window_ms - now_ms) / 1000 if live else float(spec.window)
    need = count + amount - spec.limit
    if need <= 0:
        return Evaluation(live, count, frees_in, True, 0.0)
    if amount > spec.limit:
        return Evaluation(live, count, frees_in, False, float(spec.window))
    freed = 0
    for at, calls, _token in live:
        freed += calls
        if freed >= need:
            return Evaluation(live, count, frees_in, False, (at + window_ms - now_ms) / 1000)
    return Evaluation(live, count, frees_in, False, float(spec.window))  # pragma: no cover


def slide(
    logs: Sequence[Sequence[Entry]],
    specs: Sequence[WindowSpec],
    amount: int,
    now_ms: int,
    token: str,
    *,
    dry: bool = False,
) -> tuple[SlideResult, list[list[Entry]]]:
    """All windows or none: the result and the logs to store (unchanged when refused
    or ``dry``, apart from dropping what left the window)."""
    evaluations = [
        evaluate(log, spec, amount, now_ms) for log, spec in zip(logs, specs, strict=True)
    ]
    refused = next((i for i, e in enumerate(evaluations) if not e.fits), None)
    new_logs = [list(e.live) for e in evaluations]
    if refused is None and not dry and amount > 0:
        for log in new_logs:
            log.append((now_ms, amount, token))
        counts = tuple(e.count + amount for e in evaluations)
        frees_in = tuple(
            e.frees_in if e.live else float(spec.window)
            for e, spec in zip(evaluations, specs, strict=True)
        )
        return SlideResult(True, counts, frees_in), new_logs
    result = SlideResult(
        refused is None,
        tuple(e.count for e in evaluations),
        tuple(e.frees_in for e in evaluations),
        refused,
        evaluations[refused].retry_after if refused is not None else 0.0,
    )
    return result, new_logs


def without(log: Sequence[Entry], token: str) -> list[Entry]:
    """The log without the charge made with ``token`` (a refund)."""
    return [entry for entry in log if entry[2] != token]
