"""Multi-tier rate limits and money budgets.

Typical use in a service::

    limiter, budgets = RateLimiter.from_settings(), BudgetGuard.from_settings()
    decision = limiter.check_and_charge(request.user)  # raises RateLimited
    reservation = budgets.reserve(request.user, max_cost)  # raises BudgetExceeded
    ...call the provider...
    budgets.settle(reservation, cost)  # and limiter.refund(decision) if it failed

Cache hits call :meth:`RateLimiter.peek` instead, which charges nothing.
Policy (:mod:`.policy`) is separate from storage (:mod:`.storage`).
"""

from __future__ import annotations

from .budgets import BudgetDecision, BudgetGuard, BudgetState, Reservation
from .decisions import LimitDecision, QuotaDict, TierState
from .limiter import RateLimiter
from .policy import RateLimitPolicy, Tier, tiers_for
from .storage import (
    CounterSpec,
    DatabaseStorage,
    HitResult,
    LocMemStorage,
    RedisStorage,
    SlideResult,
    Storage,
    WindowSpec,
    is_atomic_across_processes,
    storage_for_alias,
)

__all__ = [
    "BudgetDecision",
    "BudgetGuard",
    "BudgetState",
    "CounterSpec",
    "DatabaseStorage",
    "HitResult",
    "LimitDecision",
    "LocMemStorage",
    "QuotaDict",
    "RateLimitPolicy",
    "RateLimiter",
    "RedisStorage",
    "Reservation",
    "SlideResult",
    "Storage",
    "Tier",
    "TierState",
    "WindowSpec",
    "is_atomic_across_processes",
    "storage_for_alias",
    "tiers_for",
]
