"""Money budgets: a call is paid for out of a reservation made before it.

Two budgets from ``BUDGETS`` (in the currency of ``PRICES``; ``None`` disables):

``USER_DAILY``
    What one user may spend per UTC day (tier ``budget:user_daily``).
``GLOBAL_MONTHLY``
    What the whole site may spend per UTC calendar month
    (tier ``budget:global_monthly``).

Reserve, then settle::

    reservation = guard.reserve(user, max_cost)  # raises BudgetExceeded
    ...call the provider...
    guard.settle(reservation, real_cost)  # gives back what was not spent

:meth:`BudgetGuard.reserve` adds the call's *maximum* cost to every budget at once
(all or nothing, atomically in the limiter's storage: one Lua script on Redis, a
conditional ``UPDATE`` in one transaction in the database, one lock in local
memory) and refuses when it does not fit, so calls in flight can never spend more
than the budget, whatever the concurrency. :meth:`BudgetGuard.settle` turns the
reservation into the real cost. Amounts are kept in integer millionths of the
currency (micro-units), so sums are exact on every storage. Budgets apply to
superusers too.

When the storage is unreachable the guard fails closed (``LimiterUnavailable``,
503), even when ``FAIL_OPEN`` lets the rate limits through; a settlement that
cannot be written is logged.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_CEILING, Decimal
from typing import Any, NoReturn

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import BudgetExceeded, LimiterUnavailable

from .decisions import refusal_message
from .storage import CounterSpec, Storage, storage_for_alias

logger = logging.getLogger(__name__)

# v2: integer micro-units (v1 stored floats).
KEY_PREFIX = "wab:budget:v2"
MICRO = 1_000_000
#: The ceiling of a settlement that goes over its reservation (the spend happened).
UNBOUNDED = 2**62
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


@dataclass(frozen=True, slots=True)
class Reservation:
    """Money set aside for one call: ``micros`` on each of ``counters``."""

    counters: tuple[CounterSpec, ...] = ()
    micros: int = 0
    degraded: bool = False


def to_micros(amount: float | Decimal) -> int:
    return int((Decimal(str(amount)) * MICRO).to_integral_value(rounding=ROUND_CEILING))


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
            # FAIL_OPEN is for the rate limits: money is never spent unchecked.
            fail_open=False,
            clock=clock,
        )

    @property
    def enabled(self) -> bool:
        return self.user_daily is not None or self.global_monthly is not None

    # -- public API ----------------------------------------------------------

    def reserve(self, user: Any, amount: float | Decimal) -> Reservation:
        """Set ``amount`` (a call's maximum cost) aside on every budget of ``user``.

        All budgets or none. Raises :class:`BudgetExceeded` when it does not fit in
        one of them (``tier`` is ``budget:user_daily`` or ``budget:global_monthly``,
        ``retry_after`` the seconds until that day or month ends), and
        :class:`LimiterUnavailable` when the storage fails and the guard fails
        closed. A free call (``amount`` 0) reserves nothing but is still refused
        once a budget is spent.
        """
        micros = to_micros(amount)
        if micros <= 0 or not self.enabled:
            self.check(user)
            return Reservation()
        periods = self._periods(user, self.clock())
        counters = tuple(
            CounterSpec(key, to_micros(budget), reset_after + EXPIRY_MARGIN)
            for _name, budget, key, reset_after in periods
        )
        try:
            result = self.storage.hit(counters, micros)
        except LimiterUnavailable as exc:
            if not self.fail_open:
                raise
            logger.warning(
                "Budget storage unavailable; allowing the call (FAIL_OPEN)",
                exc_info=exc,
                extra={"storage": self.storage.name, "user_id": getattr(user, "pk", None)},
            )
            return Reservation(degraded=True)
        if result.allowed:
            return Reservation(counters, micros)
        name, _budget, _key, reset_after = periods[result.refused_index or 0]
        self._refuse(user, name, reset_after)

    def settle(self, reservation: Reservation, cost: float | Decimal, user: Any = None) -> None:
        """Turn ``reservation`` into the real ``cost``: give back the rest, or add what
        went over (a provider that billed more than it could; logged). Storage failures
        are logged (WARNING), never raised: the answer has been paid for already."""
        micros = to_micros(cost)
        counters = reservation.counters
        if not counters and micros > 0 and self.enabled and not reservation.degraded:
            now = self.clock()
            counters = tuple(
                CounterSpec(key, UNBOUNDED, reset_after + EXPIRY_MARGIN)
                for _name, _budget, key, reset_after in self._periods(user, now)
            )
            reservation = Reservation(counters, 0)
        difference = reservation.micros - micros
        if difference == 0 or not counters:
            return
        try:
            if difference > 0:
                self.storage.release([counter.key for counter in counters], difference)
            else:
                if reservation.micros:
                    logger.warning(
                        "AI call cost more than it reserved",
                        extra={"reserved": reservation.micros, "cost_micros": micros},
                    )
                unbounded = [CounterSpec(c.key, UNBOUNDED, c.ttl) for c in counters]
                self.storage.hit(unbounded, -difference)
        except LimiterUnavailable:
            logger.warning(
                "Could not settle AI spend",
                exc_info=True,
                extra={"storage": self.storage.name, "cost": str(cost)},
            )

    def record(self, user: Any, cost: float | Decimal) -> None:
        """Add the ``cost`` of a call that reserved nothing (see :meth:`settle`)."""
        self.settle(Reservation(), cost, user)

    def check(self, user: Any) -> BudgetDecision:
        """Refuse once a budget is spent (no reservation; for free calls)."""
        decision = self.peek(user)
        if decision.allowed:
            return decision
        hit = next(state for state in decision.budgets if state.name == decision.tier_hit)
        self._refuse(user, hit.name, hit.reset_after)

    def peek(self, user: Any) -> BudgetDecision:
        """The budgets' state for ``user`` (reservations in flight count as spent)."""
        now = self.clock()
        periods = self._periods(user, now)
        if not periods:
            return BudgetDecision(True, None, 0, ())
        try:
            values = self.storage.peek([key for _name, _budget, key, _reset in periods])
        except LimiterUnavailable as exc:
            if not self.fail_open:
                raise
            logger.warning(
                "Budget storage unavailable; allowing the call (FAIL_OPEN)",
                exc_info=exc,
                extra={"storage": self.storage.name, "user_id": getattr(user, "pk", None)},
            )
            return BudgetDecision(True, None, 0, (), degraded=True)
        states = tuple(
            BudgetState(name, budget, value / MICRO, reset_after)
            for (name, budget, _key, reset_after), value in zip(periods, values, strict=True)
        )
        exhausted = [state for state in states if state.exhausted]
        if not exhausted:
            return BudgetDecision(True, None, 0, states)
        hit = max(exhausted, key=lambda state: state.reset_after)
        return BudgetDecision(False, hit.name, hit.reset_after, states)

    def _refuse(self, user: Any, tier: str, retry_after: int) -> NoReturn:
        logger.info(
            "AI call refused by budget",
            extra={"user_id": getattr(user, "pk", None), "tier": tier, "retry_after": retry_after},
        )
        raise BudgetExceeded(refusal_message(tier, retry_after), retry_after=retry_after, tier=tier)

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
