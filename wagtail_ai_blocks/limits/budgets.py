"""Money budgets: stop calling the provider once a day's or a month's spend is used.

Two budgets from ``BUDGETS`` (in the currency of ``PRICES``; ``None`` disables):

``USER_DAILY``
    What one user may spend per UTC day (tier ``budget:user_daily``).
``GLOBAL_MONTHLY``
    What the whole site may spend per UTC calendar month
    (tier ``budget:global_monthly``).

Call :meth:`BudgetGuard.check` before a provider call and
:meth:`BudgetGuard.record` with its cost afterwards. The cost is only known after
the call, so calls already in flight when a budget fills up can overshoot it by
their own cost. Budgets apply to superusers too.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import BudgetExceeded, LimiterUnavailable

from .decisions import refusal_message
from .storage import Storage, storage_for_alias

logger = logging.getLogger(__name__)

KEY_PREFIX = "wab:budget"
USER_DAILY = "budget:user_daily"
GLOBAL_MONTHLY = "budget:global_monthly"
# Accumulators outlive their period by a day so a late read still finds them.
EXPIRY_MARGIN = 86400


@dataclass(frozen=True, slots=True)
class BudgetState:
    """One budget: ``spent`` of ``budget`` so far; the period ends in ``reset_after`` s."""

    name: str
    budget: float
    spent: float
    reset_after: int

    @property
    def remaining(self) -> float:
        return max(0.0, self.budget - self.spent)

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.budget


@dataclass(frozen=True, slots=True)
class BudgetDecision:
    """The outcome of a budget check (same shape as a ``LimitDecision``)."""

    allowed: bool
    tier_hit: str | None
    retry_after: int
    budgets: tuple[BudgetState, ...]
    degraded: bool = False


class BudgetGuard:
    """Checks and records spend against ``user_daily`` and ``global_monthly``.

    ``clock`` returns epoch seconds (injectable for tests); days and months are UTC.
    """

    def __init__(
        self,
        storage: Storage,
        *,
        user_daily: float | None = None,
        global_monthly: float | None = None,
        fail_open: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.storage = storage
        self.user_daily = user_daily
        self.global_monthly = global_monthly
        self.fail_open = fail_open
        self.clock = clock

    @classmethod
    def from_settings(cls, *, clock: Callable[[], float] = time.time) -> BudgetGuard:
        budgets = conf.get("BUDGETS")
        return cls(
            storage_for_alias(conf.get("LIMITER_CACHE_ALIAS")),
            user_daily=_amount(budgets.get("USER_DAILY")),
            global_monthly=_amount(budgets.get("GLOBAL_MONTHLY")),
            fail_open=bool(conf.get("FAIL_OPEN")),
            clock=clock,
        )

    @property
    def enabled(self) -> bool:
        return self.user_daily is not None or self.global_monthly is not None

    # -- public API ----------------------------------------------------------

    def check(self, user: Any) -> BudgetDecision:
        """Refuse before a provider call once a budget is spent.

        Raises :class:`BudgetExceeded` (``tier`` is ``budget:user_daily`` or
        ``budget:global_monthly``, ``retry_after`` the seconds until that day or
        month ends); when both are spent, the one that ends later is named.
        Raises :class:`LimiterUnavailable` if the storage fails and the guard
        fails closed.
        """
        decision = self.peek(user)
        if decision.allowed:
            return decision
        logger.info(
            "AI call refused by budget",
            extra={
                "user_id": getattr(user, "pk", None),
                "tier": decision.tier_hit,
                "retry_after": decision.retry_after,
            },
        )
        raise BudgetExceeded(
            refusal_message(decision.tier_hit or "", decision.retry_after),
            retry_after=decision.retry_after,
            tier=decision.tier_hit or "",
        )

    def peek(self, user: Any) -> BudgetDecision:
        """The budgets' state for ``user`` without raising when one is spent."""
        now = self.clock()
        periods = self._periods(user, now)
        try:
            states = tuple(
                # Rounded to micro-units so float storages agree with the database.
                BudgetState(name, budget, round(self.storage.get(key), 6), reset_after)
                for name, budget, key, reset_after in periods
            )
        except LimiterUnavailable as exc:
            if not self.fail_open:
                raise
            logger.warning(
                "Budget storage unavailable; allowing the call (FAIL_OPEN)",
                exc_info=exc,
                extra={"storage": self.storage.name, "user_id": getattr(user, "pk", None)},
            )
            return BudgetDecision(True, None, 0, (), degraded=True)
        exhausted = [state for state in states if state.exhausted]
        if not exhausted:
            return BudgetDecision(True, None, 0, states)
        hit = max(exhausted, key=lambda state: state.reset_after)
        return BudgetDecision(False, hit.name, hit.reset_after, states)

    def record(self, user: Any, cost: float) -> None:
        """Add the ``cost`` of a finished provider call to the user's day and the month.

        Storage failures are logged (WARNING), never raised: the answer has already
        been paid for and should still reach the editor.
        """
        if cost <= 0 or not self.enabled:
            return
        now = self.clock()
        for name, _budget, key, reset_after in self._periods(user, now):
            try:
                self.storage.add(key, cost, reset_after + EXPIRY_MARGIN)
            except LimiterUnavailable:
                logger.warning(
                    "Could not record AI spend",
                    exc_info=True,
                    extra={
                        "storage": self.storage.name,
                        "budget": name,
                        "cost": cost,
                        "user_id": getattr(user, "pk", None),
                    },
                )

    # -- helpers -------------------------------------------------------------

    def _periods(self, user: Any, now: float) -> list[tuple[str, float, str, int]]:
        """(tier, budget, storage key, seconds left) for each enabled budget."""
        moment = datetime.fromtimestamp(now, UTC)
        periods = []
        if self.user_daily is not None:
            pk = getattr(user, "pk", None)
            key = f"{KEY_PREFIX}:user:{pk if pk is not None else 'anonymous'}:{moment:%Y-%m-%d}"
            periods.append((USER_DAILY, self.user_daily, key, seconds_to_day_end(now)))
        if self.global_monthly is not None:
            key = f"{KEY_PREFIX}:global:{moment:%Y-%m}"
            periods.append((GLOBAL_MONTHLY, self.global_monthly, key, seconds_to_month_end(now)))
        return periods


def seconds_to_day_end(now: float) -> int:
    """Whole seconds until the next UTC midnight (1 … 86400)."""
    return max(1, math.ceil((now // 86400 + 1) * 86400 - now))


def seconds_to_month_end(now: float) -> int:
    """Whole seconds until the first instant of the next UTC month."""
    moment = datetime.fromtimestamp(now, UTC)
    if moment.month == 12:
        next_month = datetime(moment.year + 1, 1, 1, tzinfo=UTC)
    else:
        next_month = datetime(moment.year, moment.month + 1, 1, tzinfo=UTC)
    return max(1, math.ceil(next_month.timestamp() - now))


def _amount(value: Any) -> float | None:
    return None if value is None else float(value)
