"""The rate limiter: fixed windows over a policy and a storage.

Windows are aligned to the epoch: a window of ``w`` seconds starts at
``now // w * w``, and the window index is part of the counter key, so every tier
starts afresh at the boundary and ``reset`` is the time left until it.

A charge is all-or-nothing across tiers: if any tier would exceed its limit,
no tier is charged and the decision names the first tier that refused.

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
from collections.abc import Callable, Sequence
from typing import Any

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import LimiterUnavailable, RateLimited

from .decisions import LimitDecision, TierState, refusal_message
from .policy import GLOBAL_KEY, RateLimitPolicy, Tier
from .storage import CounterSpec, Storage, storage_for_alias

logger = logging.getLogger(__name__)

KEY_PREFIX = "wab:rl"
# Counters live a little past their window so a clock running behind Redis's or
# the database's cannot expire a counter before the window ends.
EXPIRY_MARGIN = 60


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
        now = self.clock()
        counters = [self._counter(tier, now) for tier in tiers]
        try:
            result = self.storage.hit(counters, amount)
        except LimiterUnavailable as exc:
            return self._degraded(exc, user, "check_and_charge")
        decision = self._decision(tiers, counters, result.counts, now, result.refused_index)
        if result.allowed:
            decision = LimitDecision(
                True,
                None,
                0,
                decision.tiers,
                charged_keys=tuple(counter.key for counter in counters),
                charged_amount=amount,
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
        now = self.clock()
        counters = [self._counter(tier, now) for tier in tiers]
        try:
            counts = self.storage.peek([counter.key for counter in counters])
        except LimiterUnavailable as exc:
            return self._degraded(exc, user, "peek")
        refused = next(
            (
                index
                for index, (tier, count) in enumerate(zip(tiers, counts, strict=True))
                if count + 1 > tier.limit
            ),
            None,
        )
        return self._decision(tiers, counters, counts, now, refused)

    def refund(self, decision: LimitDecision) -> None:
        """Give back what ``decision`` charged (e.g. the provider call failed).

        Counters of a window that has ended are left alone. Storage failures are
        logged, not raised: a lost refund only costs the editor one call.
        """
        if not decision.charged_keys:
            return
        try:
            self.storage.release(decision.charged_keys, decision.charged_amount)
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
        key = self._key(self.policy.user_key(user), self.policy.window, self.clock())
        self.storage.reset([key])
        logger.info("AI rate limit reset", extra={"user_id": getattr(user, "pk", None)})

    def reset_global(self) -> None:
        """Forget every call counted by the ``global`` tier in the current window."""
        self.storage.reset([self._key(GLOBAL_KEY, self.policy.window, self.clock())])
        logger.info("AI global rate limit reset")

    # -- helpers -------------------------------------------------------------

    @staticmethod
    def _key(tier_key: str, window: int, now: float) -> str:
        return f"{KEY_PREFIX}:{tier_key}:{window}:{int(now // window)}"

    def _counter(self, tier: Tier, now: float) -> CounterSpec:
        return CounterSpec(
            key=self._key(tier.key, tier.window, now),
            limit=tier.limit,
            ttl=_reset_after(tier.window, now) + EXPIRY_MARGIN,
        )

    def _decision(
        self,
        tiers: Sequence[Tier],
        counters: Sequence[CounterSpec],
        counts: Sequence[int],
        now: float,
        refused_index: int | None,
    ) -> LimitDecision:
        states = tuple(
            TierState(
                name=tier.name,
                limit=tier.limit,
                remaining=max(0, tier.limit - count),
                reset_after=_reset_after(tier.window, now),
                window=tier.window,
            )
            for tier, count in zip(tiers, counts, strict=True)
        )
        if refused_index is None:
            return LimitDecision(True, None, 0, states)
        hit = states[refused_index]
        return LimitDecision(False, hit.name, hit.reset_after, states)

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


def _reset_after(window: int, now: float) -> int:
    """Whole seconds until the window containing ``now`` ends (1 … window)."""
    window_end = (now // window + 1) * window
    return max(1, math.ceil(window_end - now))


def _names(tiers: Sequence[Tier]) -> list[str]:
    return [tier.name for tier in tiers]
