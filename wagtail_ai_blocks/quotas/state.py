"""A user's quota as people read it: each limit's calls left and when it resets."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_ai_blocks.exceptions import LimiterUnavailable
from wagtail_ai_blocks.limits import BudgetGuard, RateLimiter


@dataclass(frozen=True)
class TierView:
    """One limit that applies to the user."""

    name: str
    label: str
    limit: int
    remaining: int
    resets_at: datetime.datetime

    @property
    def used(self) -> int:
        return self.limit - self.remaining


@dataclass(frozen=True)
class BudgetView:
    label: str
    budget: float
    spent: float
    resets_at: datetime.datetime


@dataclass(frozen=True)
class QuotaView:
    """``tiers`` empty and ``unavailable`` false: nothing limits the user."""

    tiers: tuple[TierView, ...]
    budgets: tuple[BudgetView, ...] = ()
    unavailable: bool = False

    @property
    def personal(self) -> TierView | None:
        return next((tier for tier in self.tiers if tier.name != "global"), None)


def tier_label(name: str) -> str:
    if name == "user":
        return _("Per-user limit")
    if name == "staff":
        return _("Staff limit")
    if name == "global":
        return _("Whole site")
    if name.startswith("group:"):
        return _("Group “%(group)s”") % {"group": name.split(":", 1)[1]}
    return name


def quota_for(user: Any) -> QuotaView:
    """What the limiter and the budgets say about ``user`` now (charges nothing)."""
    now = timezone.now()
    try:
        decision = RateLimiter.from_settings().peek(user)
        budgets = BudgetGuard.from_settings().peek(user)
    except LimiterUnavailable:
        return QuotaView(tiers=(), unavailable=True)
    tiers = tuple(
        TierView(
            name=tier.name,
            label=tier_label(tier.name),
            limit=tier.limit,
            remaining=tier.remaining,
            resets_at=now + datetime.timedelta(seconds=tier.reset_after),
        )
        for tier in decision.tiers
    )
    budget_views = tuple(
        BudgetView(
            label=_("Your spending today")
            if state.name == "budget:user_daily"
            else _("Site spending this month"),
            budget=state.budget,
            spent=state.spent,
            resets_at=now + datetime.timedelta(seconds=state.reset_after),
        )
        for state in budgets.budgets
    )
    return QuotaView(
        tiers=tiers, budgets=budget_views, unavailable=decision.degraded or budgets.degraded
    )
