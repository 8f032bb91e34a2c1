"""The rate limiter: sliding windows over a policy and a storage.

A tier of "N calls per ``w`` seconds" allows a call when fewer than N were
charged in the ``w`` seconds before it (a sliding log: see
:mod:`.storage.sliding`), so no span of ``w`` seconds ever holds more than N
calls, wherever it starts. ``reset`` is the time until the oldest counted call
leaves the window (one more call becomes possible); ``Retry-After`` on a refusal
is the time until the call asked for fits.

A charge is all-or-nothing across tiers: if any tier would exceed its limit,
no tier is charged and the decision names the first tier that refused. What a
request costs is its ``amount``: the generation service charges one unit per
candidate it asks the provider for.

Redis restarts: the windows live in Redis (not persisted unless Redis is
configured to persist), so a restart forgets the calls of the current windows;
budgets (money) are kept the same way. While Redis is unreachable, every call is
refused with ``LimiterUnavailable`` (503, "AI assistance is temporarily
unavailable") unless ``FAIL_OPEN`` is set; money is never spent unchecked.

Errors: :meth:`RateLimiter.check_and_charge` raises
:class:`~wagtail_ai_blocks.exceptions.RateLimited` when a tier refuses (the
decision is attached as ``exc.decision`` for the response headers).
:meth:`~RateLimiter.peek` never raises for a full tier. When the storage fails,
both allow the call with ``degraded=True`` if ``FAIL_OPEN``, otherwise raise
:class:`~wagtail_ai_blocks.exceptions.LimiterUnavailable`.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import LimiterUnavailable, RateLimited

from .decisions import LimitDecision, TierState, refusal_message
from .policy import GLOBAL_KEY, RateLimitPolicy, Tier
from .storage import SlideResult, Storage, WindowSpec, storage_for_alias

logger = logging.getLogger(__name__)

# v2: sliding logs (v1 were fixed-window counters, another Redis type).
KEY_PREFIX = "wab:rl:v2"


class RateLimiter:
    """Checks and charges calls against the tiers of :class:`RateLimitPolicy`.

    ``clock`` returns epoch seconds (injectable for tests). ``fail_open`` decides
    what happens when the storage is down (default: refuse).
    """

    def __init__(
        self,
        policy: RateLimitPolicy,
        storage: Storage,
        *,
        fail_open: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.policy = policy
        self.storage = storage
        self.fail_open = fail_open
        self.clock = clock

    @classmethod
    def from_settings(cls, *, clock: Callable[[], float] = time.time) -> RateLimiter:
        """Policy from ``RATE_LIMITS``, storage from ``LIMITER_CACHE_ALIAS``."""
        return cls(
            RateLimitPolicy.from_settings(),
            storage_for_alias(conf.get("LIMITER_CACHE_ALIAS")),
            fail_open=bool(conf.get("FAIL_OPEN")),
            clock=clock,
        )

    # -- public API ----------------------------------------------------------

    def check_and_charge(self, user: Any, *, amount: int = 1) -> LimitDecision:
        """Charge ``amount`` calls to every tier of ``user``, or to none.

        Returns the decision (``allowed`` is always true). Raises
        :class:`RateLimited` (``tier``, ``retry_after``, ``decision``) when a tier
        is full, :class:`LimiterUnavailable` when the storage fails and the
        limiter fails closed.
        """
        if amount < 1:
            raise ValueError("amount must be a positive number of calls.")
        tiers = self.policy.tiers_for(user)
        if not tiers:
            return LimitDecision(True, None, 0, ())
        windows = self._windows(tiers)
        token = uuid.uuid4().hex[:16]
        try:
            result = self.storage.take(windows, amount, self.clock(), token)
        except LimiterUnavailable as exc:
            return self._degraded(exc, user, "check_and_charge")
        decision = self._decision(tiers, result)
        if result.allowed:
            decision = LimitDecision(
                True,
                None,
                0,
                decision.tiers,
                charged_keys=tuple(window.key for window in windows),
                charged_amount=amount,
                charge_token=token,
            )
            logger.debug(
                "AI call charged",
                extra={"user_id": getattr(user, "pk", None), "tiers": _names(tiers)},
            )
            return decision
        logger.info(
            "AI call refused by rate limit",
            extra={
                "user_id": getattr(user, "pk", None),
                "tier": decision.tier_hit,
                "retry_after": decision.retry_after,
            },
        )
        exc = RateLimited(
            refusal_message(decision.tier_hit or "", decision.retry_after),
            retry_after=decision.retry_after,
            tier=decision.tier_hit or "",
        )
        exc.decision = decision  # type: ignore[attr-defined]
        raise exc

    def peek(self, user: Any) -> LimitDecision:
        """The state of ``user``'s tiers without charging anything.

        ``allowed`` tells whether one more call would be accepted. For the quota
        endpoint and for cache hits, which must not consume quota.
        """
        tiers = self.policy.tiers_for(user)
        if not tiers:
            return LimitDecision(True, None, 0, ())
        try:
            result = self.storage.look(self._windows(tiers), self.clock())
        except LimiterUnavailable as exc:
            return self._degraded(exc, user, "peek")
        return self._decision(tiers, result)

    def refund(self, decision: LimitDecision) -> None:
        """Give back what ``decision`` charged (e.g. the provider call failed).

        Storage failures are logged, not raised: a lost refund only costs the
        editor the call.
        """
        if not decision.charged_keys:
            return
        try:
            self.storage.give_back(
                decision.charged_keys, decision.charge_token, decision.charged_amount
            )
        except LimiterUnavailable:
            logger.warning(
                "Could not refund a rate-limit charge",
                exc_info=True,
                extra={"storage": self.storage.name},
            )

    def reset_user(self, user: Any) -> None:
        """Forget ``user``'s calls in the current window (admin action).

        Raises :class:`LimiterUnavailable` if the storage fails, even when failing
        open: the admin must know the reset did not happen.
        """
        self.storage.reset([self._key(self.policy.user_key(user), self.policy.window)])
        logger.info("AI rate limit reset", extra={"user_id": getattr(user, "pk", None)})

    def reset_global(self) -> None:
        """Forget every call counted by the ``global`` tier in the current window."""
        self.storage.reset([self._key(GLOBAL_KEY, self.policy.window)])
        logger.info("AI global rate limit reset")

    # -- helpers -------------------------------------------------------------

    @staticmethod
    def _key(tier_key: str, window: int) -> str:
        return f"{KEY_PREFIX}:{tier_key}:{window}"

    def _windows(self, tiers: Sequence[Tier]) -> list[WindowSpec]:
        return [
            WindowSpec(self._key(tier.key, tier.window), tier.limit, tier.window) for tier in tiers
        ]

    def _decision(self, tiers: Sequence[Tier], result: SlideResult) -> LimitDecision:
        states = tuple(
            TierState(
                name=tier.name,
                limit=tier.limit,
                remaining=max(0, tier.limit - count),
                reset_after=_seconds(frees_in),
                window=tier.window,
            )
            for tier, count, frees_in in zip(tiers, result.counts, result.frees_in, strict=True)
        )
        if result.refused_index is None:
            return LimitDecision(True, None, 0, states)
        hit = states[result.refused_index]
        return LimitDecision(False, hit.name, _seconds(result.retry_after), states)

    def _degraded(self, exc: LimiterUnavailable, user: Any, operation: str) -> LimitDecision:
        if not self.fail_open:
            raise exc
        logger.warning(
            "Rate-limit storage unavailable; allowing the call (FAIL_OPEN)",
            exc_info=exc,
            extra={
                "storage": self.storage.name,
                "operation": operation,
                "user_id": getattr(user, "pk", None),
            },
        )
        return LimitDecision(True, None, 0, (), degraded=True)


def _seconds(value: float) -> int:
    """Whole seconds, rounded up, at least 1."""
    return max(1, math.ceil(value - 1e-9))


def _names(tiers: Sequence[Tier]) -> list[str]:
    return [tier.name for tier in tiers]
