"""Which rate-limit tiers apply to a user (policy only; no storage here).

Rules, from ``RATE_LIMITS``:

* Everyone counts against ``global`` (unless ``GLOBAL`` is ``None``).
* A regular user gets the ``user`` tier, a staff user (``is_staff``) the ``staff``
  tier.
* A user in groups listed in ``GROUPS`` (or in the admin's Settings → AI limits,
  which win for the same group) gets ``group:<name>`` instead when that group's
  limit is higher (the highest group wins; ``None`` counts as unlimited).
* Superusers have no per-user tier when ``SUPERUSER_EXEMPT`` (they still count
  against ``global``).

The per-user tier always uses the key ``user:<pk>`` whatever its name, so a
user moved to another group mid-window keeps the calls already made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wagtail_ai_blocks import conf

GLOBAL_KEY = "global"


@dataclass(frozen=True, slots=True)
class Tier:
    """One limit that applies to a call: at most ``limit`` calls per ``window`` s."""

    name: str  # "user", "staff", "group:<name>", "global"
    key: str  # counter identity: "user:<pk>" or "global"
    limit: int
    window: int


@dataclass(frozen=True)
class RateLimitPolicy:
    """Calls per window for each tier. ``None`` for a limit means no limit.

    Defaults mirror ``conf.DEFAULTS["RATE_LIMITS"]``.
    """

    window: int = 3600
    user: int | None = 10
    staff: int | None = 50
    global_limit: int | None = 100
    groups: Mapping[str, int | None] = field(default_factory=dict)
    superuser_exempt: bool = True

    def __post_init__(self) -> None:
        if self.window < 1:
            raise ValueError("RATE_LIMITS['WINDOW'] must be a positive number of seconds.")

    @classmethod
    def from_settings(cls) -> RateLimitPolicy:
        """``RATE_LIMITS``, with the group limits set in the admin (Settings → AI
        limits) merged over ``GROUPS``: the admin's value wins for a group in both."""
        from wagtail_ai_blocks.quotas.models import admin_group_limits

        limits: dict[str, Any] = conf.get("RATE_LIMITS")
        groups = {**(limits.get("GROUPS") or {}), **admin_group_limits()}
        return cls(
            window=int(limits["WINDOW"]),
            user=_limit(limits.get("USER")),
            staff=_limit(limits.get("STAFF")),
            global_limit=_limit(limits.get("GLOBAL")),
            groups={name: _limit(value) for name, value in groups.items()},
            superuser_exempt=bool(limits.get("SUPERUSER_EXEMPT", True)),
        )

    @staticmethod
    def user_key(user: Any) -> str:
        """Counter identity of the per-user tier (shared by user/staff/group)."""
        pk = getattr(user, "pk", None)
        return f"user:{pk if pk is not None else 'anonymous'}"

    def tiers_for(self, user: Any) -> list[Tier]:
        """The tiers a call by ``user`` is charged to, per-user tier first."""
        tiers = []
        personal = self._personal_tier(user)
        if personal is not None:
            tiers.append(personal)
        if self.global_limit is not None:
            tiers.append(Tier("global", GLOBAL_KEY, self.global_limit, self.window))
        return tiers

    def _personal_tier(self, user: Any) -> Tier | None:
        if self.superuser_exempt and getattr(user, "is_superuser", False):
            return None
        name, limit = (
            ("staff", self.staff) if getattr(user, "is_staff", False) else ("user", self.user)
        )
        for group, group_limit in self._groups_of(user):
            if _higher(group_limit, limit):
                name, limit = f"group:{group}", group_limit
        if limit is None:
            return None
        return Tier(name, self.user_key(user), limit, self.window)

    def _groups_of(self, user: Any) -> list[tuple[str, int | None]]:
        if not self.groups or getattr(user, "pk", None) is None:
            return []
        names = user.groups.filter(name__in=list(self.groups)).values_list("name", flat=True)
        # Sorted so that equal limits resolve the same way every time.
        return [(name, self.groups[name]) for name in sorted(names)]


def tiers_for(user: Any) -> list[Tier]:
    """The tiers for ``user`` under the current settings."""
    return RateLimitPolicy.from_settings().tiers_for(user)


def _limit(value: Any) -> int | None:
    return None if value is None else int(value)


def _higher(candidate: int | None, current: int | None) -> bool:
    """Whether ``candidate`` allows more than ``current`` (None = unlimited)."""
    if current is None:
        return False
    return candidate is None or candidate > current
