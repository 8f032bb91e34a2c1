"""The generation service: the one path from an editor's request to an answer.

For every request it validates and builds the prompt, answers from the cache when
it can (charging no quota), otherwise joins a single flight, charges the rate
limits and budgets, calls the backend, post-processes and stores the answer, and
records the request in the usage ledger. Views stay thin: they parse the request,
call :meth:`GenerationService.generate` or :meth:`GenerationService.open_stream`,
and shape the response.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import (
    Backend,
    Completion,
    GenerationParams,
    Message,
    Usage,
    prompt_profile,
)
from wagtail_ai_blocks.cache import AnswerCache, SingleFlight, Ticket, cache_key
from wagtail_ai_blocks.candidates import Candidate, build_candidates
from wagtail_ai_blocks.exceptions import (
    AIBlocksError,
    BadRequest,
    OfflineModelFailed,
    ProviderRateLimited,
    ProviderUnavailable,
    RateLimited,
    UnusableAnswer,
)
from wagtail_ai_blocks.images.actions import IMAGE_ACTION_IDS
from wagtail_ai_blocks.ledger import UsageEntry, elapsed_ms, record
from wagtail_ai_blocks.library import backend_for, resolve_request_action
from wagtail_ai_blocks.limits import BudgetGuard, LimitDecision, RateLimiter
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.pricing import cost_of
from wagtail_ai_blocks.prompts import Action, FieldInfo, build_messages
from wagtail_ai_blocks.prompts.small import retry_params, small_generation_params

logger = logging.getLogger(__name__)

#: How long identical requests wait for the one asking the provider.
FLIGHT_WAIT_SECONDS = 120.0
#: Failures that cost nothing: the call is given back to the editor's quota (the offline
#: model is free, and its unusable answers are not the editor's fault).
REFUNDED_ERRORS = (ProviderRateLimited, ProviderUnavailable, OfflineModelFailed)


@dataclass(frozen=True)
class GenerationRequest:
    """What an editor asked for (already parsed, not yet validated)."""

    user: Any
    action: str
    text: str = ""
    format: str = "text"
    params: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)
    field: FieldInfo | None = None
    candidates: int | None = None
    refresh: bool = False
    site_id: int | None = None
    #: The image an image action is about (``wagtail_ai_blocks.images.vision.image_input``).
    image: Any = None


@dataclass(frozen=True)
class GenerationResult:
    candidates: tuple[Candidate, ...]
    action: str
    backend: str
    model: str
    cache: str  # "hit" | "miss" | "refresh"
    usage: Usage
    cost: Decimal
    quota: LimitDecision
    #: The raw answer text, replayed as deltas when a cached answer is streamed.
    raw: str = ""

    def as_dict(self) -> dict:
        """The ``GenerateOut`` shape (``api/schema.py``)."""
        return {
            "candidates": [candidate.as_dict() for candidate in self.candidates],
            "action": self.action,
            "backend": self.backend,
            "model": self.model,
            "cache": self.cache,
            "usage": {
                "input_tokens": self.usage.input_tokens,
                "output_tokens": self.usage.output_tokens,
                "cost": float(self.cost),
            },
            "quota": quota_dict(self.quota),
        }


def quota_dict(decision: LimitDecision) -> dict:
    quota = decision.as_dict()
    return {**quota, "reset": quota["reset"] or 0, "tier": quota["tier"] or ""}


@dataclass(frozen=True)
class Prepared:
    """A validated request: the action, messages, backend and cache key."""

    request: GenerationRequest
    action: Action
    messages: list[Message]
    params: GenerationParams
    backend: Backend
    key: str
    source: str
    #: The backend's prompt profile (``backends.base.prompt_profile``).
    profile: str = "standard"


class GenerationService:
    """Cache, single flight, limits, budgets, backend call, post-processing, ledger."""

    def __init__(
        self,
        *,
        cache: AnswerCache | None = None,
        limiter: RateLimiter | None = None,
        budgets: BudgetGuard | None = None,
    ):
        self.cache = cache or AnswerCache.from_settings()
        self.flights = SingleFlight(self.cache)
        self.limiter = limiter or RateLimiter.from_settings()
        self.budgets = budgets or BudgetGuard.from_settings()

    # -- preparing -----------------------------------------------------------

    def prepare(self, request: GenerationRequest) -> Prepared:
        """Validate and build everything a call needs (400/413 on bad input)."""
        # The site's action: its library prompts, overrides, hidden actions, brand voice.
        action = resolve_request_action(request)
        # ``prompt_id`` chose the action; it is not one of the action's options.
        options = request.params
        if isinstance(options, Mapping) and "prompt_id" in options:
            options = {k: v for k, v in options.items() if k != "prompt_id"}
        backend = backend_for(action)
        profile = prompt_profile(backend)
        messages = build_messages(
            action,
            request.text,
            request.format,
            options,
            request.context,
            request.field,
            profile=profile,
        )
        params = action.generation_params(request.text, request.candidates, request.field)
        if profile == "small":
            params = small_generation_params(action, params, request.text or "", request.format)
        if request.image is None and action.id in IMAGE_ACTION_IDS:
            raise BadRequest(_("Choose an image first."), detail={"field": "image"})
        if request.image is not None:
            from wagtail_ai_blocks.images.vision import vision_backend

            backend = vision_backend(backend)
        field_info = request.field or FieldInfo()
        parts = {
            "backend": backend.name,
            "model": backend.model,
            "action": action.cache_token,
            "messages": messages,
            "params": [params.max_tokens, params.temperature, params.candidates],
            "format": request.format,
            # The set matters, not the order the browser listed them in.
            "features": sorted(field_info.features) if field_info.features else None,
            "max_length": action.max_length_for(field_info),
            "scope": self._scope(request),
        }
        if request.image is not None:
            from wagtail_ai_blocks.images.vision import with_image

            # The original file's hash, not the rendition's bytes: described once.
            parts["image"] = request.image.cache_token
            messages = with_image(messages, request.image)
        key = cache_key(parts)
        return Prepared(
            request, action, messages, params, backend, key, request.text or "", profile
        )

    def _scope(self, request: GenerationRequest) -> str:
        if conf.get("CACHE_SCOPE") == "site":
            return f"site:{request.site_id or 0}"
        return f"user:{getattr(request.user, 'pk', None) or 0}"

    # -- answering -----------------------------------------------------------

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """One finished answer (with its candidates)."""
        started = time.monotonic()
        entry = UsageEntry(user=request.user, action=request.action)
        try:
            prepared = self.prepare(request)
            self._describe(entry, prepared)
            result = self._generate(prepared, entry)
        except AIBlocksError as exc:
            self._fail(entry, exc, started)
            raise
        entry.latency_ms = elapsed_ms(started)
        record(entry)
        return result

    def _generate(self, prepared: Prepared, entry: UsageEntry) -> GenerationResult:
        if prepared.request.refresh:
            return self._ask_provider(
                prepared, entry, cache="refresh", publish=lambda v: self.cache.set(prepared.key, v)
            )
        cached, ticket = self.lookup(prepared)
        if ticket is not None:
            with ticket:
                return self._ask_provider(prepared, entry, cache="miss", publish=ticket.publish)
        return self.from_cache(prepared, cached, entry)

    def lookup(self, prepared: Prepared) -> tuple[dict | None, Ticket | None]:
        """The cached answer (``(answer, None)``), or the flight ticket with which
        this request must ask the provider (``(None, ticket)``; close it after).

        Identical requests in flight elsewhere are waited for, not repeated.
        """
        cached = self.cache.get(prepared.key)
        if cached is not None:
            return cached, None
        ticket = self.flights.join(prepared.key, FLIGHT_WAIT_SECONDS)
        if ticket.answer is not None:
            ticket.close()
            return ticket.answer, None
        return None, ticket

    def from_cache(self, prepared: Prepared, cached: dict, entry: UsageEntry) -> GenerationResult:
        """A cached answer: no provider call, no quota charged."""
        quota = self.limiter.peek(prepared.request.user)
        entry.cache_hit = True
        entry.model = cached["model"]
        entry.cost_saved = Decimal(cached["cost"])
        entry.answer = cached["raw"]
        return GenerationResult(
            candidates=tuple(Candidate.from_dict(c) for c in cached["candidates"]),
            action=prepared.action.id,
            backend=prepared.backend.name,
            model=cached["model"],
            cache="hit",
            usage=Usage(),
            cost=Decimal(0),
            quota=quota,
            raw=cached["raw"],
        )

    def charge(self, prepared: Prepared) -> LimitDecision:
        """Charge the limits and check the budgets before a provider call."""
        user = prepared.request.user
        decision = self.limiter.check_and_charge(user)
        try:
            self.budgets.check(user)
        except AIBlocksError:
            self.limiter.refund(decision)
            raise
        return decision

    def _ask_provider(self, prepared, entry, *, cache: str, publish) -> GenerationResult:
        decision = self.charge(prepared)
        try:
            completion, candidates = self.ask_backend(prepared)
        except REFUNDED_ERRORS:
            self.limiter.refund(decision)
            raise
        return self.finish(
            prepared,
            completion,
            decision,
            entry,
            cache=cache,
            publish=publish,
            candidates=candidates,
        )

    def ask_backend(self, prepared: Prepared) -> tuple[Completion, list[Candidate]]:
        """The backend's answer and the candidates worth offering from it.

        When none is usable (see :func:`build_candidates`) the backend is asked once
        more, with more varied sampling for a small model; the usage of both calls is
        counted.
        """
        completion = prepared.backend.complete(prepared.messages, prepared.params)
        try:
            return completion, build_candidates(prepared, completion.texts)
        except UnusableAnswer as first:
            logger.info(
                "AI answer not usable; asking once more",
                extra={"ai_action": prepared.action.id, "error_code": first.code},
            )
        params = prepared.params
        if prepared.profile == "small":
            params = retry_params(params)
        again = prepared.backend.complete(prepared.messages, params)
        combined = dataclasses.replace(again, usage=completion.usage + again.usage)
        return combined, build_candidates(prepared, again.texts)

    def finish(
        self,
        prepared: Prepared,
        completion: Completion,
        decision: LimitDecision,
        entry: UsageEntry,
        *,
        cache: str,
        publish,
        candidates: list[Candidate] | None = None,
    ) -> GenerationResult:
        """Post-process (unless ``candidates`` are given), price, store and describe a
        provider's answer."""
        cost = cost_of(
            completion.usage, completion.model, free=getattr(prepared.backend, "free", False)
        )
        self.budgets.record(prepared.request.user, float(cost))
        entry.usage, entry.cost, entry.model = completion.usage, cost, completion.model
        entry.answer = completion.text
        if candidates is None:
            candidates = build_candidates(prepared, completion.texts)
        result = GenerationResult(
            candidates=tuple(candidates),
            action=prepared.action.id,
            backend=prepared.backend.name,
            model=completion.model,
            cache=cache,
            usage=completion.usage,
            cost=cost,
            quota=decision,
            raw=completion.text,
        )
        publish(
            {
                "candidates": [candidate.as_dict() for candidate in candidates],
                "model": completion.model,
                "cost": str(cost),
                "raw": completion.text,
            },
        )
        return result

    def open_stream(self, request: GenerationRequest):
        """Refuse now (with the right status) or return the stream of events.

        See :mod:`wagtail_ai_blocks.streaming`.
        """
        from wagtail_ai_blocks.streaming import open_stream

        return open_stream(self, request)

    # -- bookkeeping ---------------------------------------------------------

    def _describe(self, entry: UsageEntry, prepared: Prepared) -> None:
        entry.action = prepared.action.id
        entry.prompt_version = prepared.action.cache_token.split(":", 2)[1]
        entry.backend = prepared.backend.name
        entry.model = prepared.backend.model
        entry.candidates = prepared.params.candidates
        entry.prompt = prepared.messages[-1]["content"]

    def _fail(self, entry: UsageEntry, exc: AIBlocksError, started: float) -> None:
        entry.outcome = (
            UsageRecord.Outcome.LIMITED
            if isinstance(exc, RateLimited)
            else UsageRecord.Outcome.ERROR
        )
        entry.error_code = exc.code
        entry.latency_ms = elapsed_ms(started)
        record(entry)
