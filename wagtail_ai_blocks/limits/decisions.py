"""Value objects returned by the limiter, and their HTTP and JSON shapes.

Headers follow draft-ietf-httpapi-ratelimit-headers-07 (the draft with one
``RateLimit`` dictionary field)::

    RateLimit: limit=10, remaining=7, reset=1200
    RateLimit-Policy: 10;w=3600, 100;w=3600

``RateLimit`` describes the most restrictive tier (fewest calls remaining);
``RateLimit-Policy`` lists every tier's quota, that tier first, then the others in
tier order. A refused decision adds ``Retry-After`` (seconds).

The JSON shape (:meth:`LimitDecision.as_dict`) is :class:`QuotaDict`; the
TypeScript mirror lives in ``frontend/src/api/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TypedDict

from django.utils.translation import gettext, ngettext


@dataclass(frozen=True, slots=True)
class TierState:
    """One tier after a check: ``remaining`` calls, window ends in ``reset_after`` s."""

    name: str
    limit: int
    remaining: int
    reset_after: int
    window: int = 0


class QuotaDict(TypedDict):
    """JSON quota of the most restrictive tier (all ``None`` when nothing limits)."""

    limit: int | None
    remaining: int | None
    reset: int | None
    tier: str | None


@dataclass(frozen=True, slots=True)
class LimitDecision:
    """The outcome of a rate-limit check.

    ``allowed``
        Whether the call may go ahead (for :meth:`RateLimiter.peek`: whether the
        next call would).
    ``tier_hit``
        Name of the first tier that refused, or ``None``.
    ``retry_after``
        Seconds until that tier's window ends; 0 when allowed.
    ``tiers``
        The state of every tier, per-user tier first.
    ``degraded``
        The storage failed and ``FAIL_OPEN`` let the call through unchecked.
    """

    allowed: bool
    tier_hit: str | None
    retry_after: int
    tiers: tuple[TierState, ...]
    degraded: bool = False
    #: Storage keys charged by this decision, for :meth:`RateLimiter.refund`.
    charged_keys: tuple[str, ...] = field(default=(), repr=False, compare=False)
    charged_amount: int = field(default=0, repr=False, compare=False)
    charge_token: str = field(default="", repr=False, compare=False)

    @property
    def most_restrictive(self) -> TierState | None:
        """The tier with the fewest calls remaining (the first one on a tie)."""
        if not self.tiers:
            return None
        return min(self.tiers, key=lambda tier: tier.remaining)

    def as_headers(self) -> dict[str, str]:
        """``RateLimit`` / ``RateLimit-Policy`` (and ``Retry-After`` when refused)."""
        headers: dict[str, str] = {}
        top = self.most_restrictive
        if top is not None:
            headers["RateLimit"] = (
                f"limit={top.limit}, remaining={top.remaining}, reset={top.reset_after}"
            )
            ordered = [top, *(tier for tier in self.tiers if tier is not top)]
            headers["RateLimit-Policy"] = ", ".join(
                f"{tier.limit};w={tier.window}" for tier in ordered
            )
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after)
        return headers

    def as_dict(self) -> QuotaDict:
        top = self.most_restrictive
        if top is None:
            return {"limit": None, "remaining": None, "reset": None, "tier": None}
        return {
            "limit": top.limit,
            "remaining": top.remaining,
            "reset": top.reset_after,
            "tier": top.name,
        }


def human_duration(seconds: int) -> str:
    """A rounded, translated duration for editor-facing messages ("5 minutes")."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    if seconds < 3600:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    if seconds < 2 * 86400:
        hours = max(1, round(seconds / 3600))
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = round(seconds / 86400)
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def refusal_message(tier: str, retry_after: int) -> str:
    """What an editor reads when ``tier`` refuses a call."""
    wait = human_duration(retry_after)
    if tier == "global":
        return gettext(
            "AI assistance has reached its limit for the whole site. Try again in %(wait)s."
        ) % {"wait": wait}
    if tier == "budget:user_daily":
        return gettext("You have reached your daily AI budget. It renews in %(wait)s.") % {
            "wait": wait
        }
    if tier == "budget:global_monthly":
        return gettext("The site's monthly AI budget has been reached. It renews in %(wait)s.") % {
            "wait": wait
        }
    return gettext("You have used all your AI requests for now. Try again in %(wait)s.") % {
        "wait": wait
    }
