"""The storage contract shared by the rate limiter and the budget guard.

A storage knows nothing about users or tiers: it holds sliding logs for the
rate-limit windows (:mod:`.sliding`) and integer counters with a ceiling for the
budgets (money in micro-units), each under a string key with a lifetime.
Strategy (which counters, which limits, which window) lives in
:mod:`wagtail_ai_blocks.limits.policy` and :mod:`wagtail_ai_blocks.limits.limiter`.

A storage converts its own failures (Redis connection errors, database
``OperationalError``) into :class:`~wagtail_ai_blocks.exceptions.LimiterUnavailable`
(raised ``from`` the original), so callers handle one exception whatever the storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from .sliding import SlideResult, WindowSpec


@dataclass(frozen=True, slots=True)
class CounterSpec:
    """One counter to charge: never let ``key`` go above ``limit``.

    ``ttl`` is the counter's lifetime in seconds from now. Keys carry their window
    index, so expiry only collects old windows; it never decides a count.
    """

    key: str
    limit: int
    ttl: int


@dataclass(frozen=True, slots=True)
class HitResult:
    """What :meth:`Storage.hit` did.

    ``counts`` holds one value per counter, in the order given: the new values when
    ``allowed``, otherwise the current (uncharged) values. ``refused_index`` is the
    position of the first counter that would have gone over its limit.
    """

    allowed: bool
    counts: tuple[int, ...]
    refused_index: int | None = None


@runtime_checkable
class Storage(Protocol):
    """What a limiter storage implements.

    Class attributes:

    ``name``
        Short name used in logs (``"redis"``, ``"locmem"``, ``"database"``).
    ``atomic_across_processes``
        ``True`` when several processes (or servers) share the counts atomically.
    """

    name: ClassVar[str]
    atomic_across_processes: ClassVar[bool]

    def hit(self, counters: Sequence[CounterSpec], amount: int = 1) -> HitResult:
        """Add ``amount`` to every counter, or to none of them.

        Atomic: if any counter would go above its limit, nothing is written and the
        result names the first such counter.
        """
        ...

    def peek(self, keys: Sequence[str]) -> list[int]:
        """Current values of the counters (0 for missing or expired ones)."""
        ...

    def release(self, keys: Sequence[str], amount: int = 1) -> None:
        """Take ``amount`` back from each existing counter, never going below zero."""
        ...

    def reset(self, keys: Sequence[str]) -> None:
        """Delete the counters or accumulators."""
        ...

    def take(
        self, windows: Sequence[WindowSpec], amount: int, now: float, token: str
    ) -> SlideResult:
        """Charge ``amount`` calls at ``now`` (epoch seconds) to every window, or to
        none: atomic, refused when any window would hold more than its limit. The
        charge is remembered under ``token`` for :meth:`give_back`."""
        ...

    def look(self, windows: Sequence[WindowSpec], now: float) -> SlideResult:
        """The windows' state at ``now``; ``allowed``: whether one more call fits."""
        ...

    def give_back(self, keys: Sequence[str], token: str, amount: int = 1) -> None:
        """Remove the charge made with ``token`` from the windows (a refund)."""
        ...
