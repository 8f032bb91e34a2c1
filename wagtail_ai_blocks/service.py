"""The generation service: the one path from an editor's request to an answer.

Public API (what views, blocks, tasks and other apps call)::

    from wagtail_ai_blocks.service import GenerationRequest, GenerationService

    service = GenerationService()
    result = service.generate(GenerationRequest(user=user, action="shorten", text=text))
    result.candidates[0].text  # a GenerationResult: candidates, usage, cost, quota
    result.as_dict()  # the JSON answer of POST /generate

    events = service.open_stream(request)  # refuses now (raises) or returns the stream
    for event, data in events:  # ("delta", {"text": …}) …, then ("done", …) / ("error", …)
        ...
    events.close()  # the browser went away: the provider call stops, the call is charged

    service.quota(user)  # LimitDecision, charges nothing

Every request, JSON or streamed, goes through one :class:`~wagtail_ai_blocks.pipeline.Call`:
validate and build the prompt (400/413), answer from the cache when it can (no quota,
no money), otherwise join a single flight, charge the rate limits, reserve the
call's maximum cost on the budgets, call the backend, settle the money to the real
usage, post-process and publish the answer, and write one usage-ledger row. Errors
are :class:`~wagtail_ai_blocks.exceptions.AIBlocksError` subclasses that know their
HTTP status and an editor-safe message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import (
    Backend,
    GenerationParams,
    Message,
    Usage,
    prompt_profile,
)
from wagtail_ai_blocks.cache import AnswerCache, SingleFlight, Ticket, cache_key
from wagtail_ai_blocks.candidates import Candidate, build_candidates
from wagtail_ai_blocks.exceptions import BadRequest
from wagtail_ai_blocks.images.actions import IMAGE_ACTION_IDS
from wagtail_ai_blocks.library import backend_for, resolve_request_action
from wagtail_ai_blocks.limits import BudgetGuard, LimitDecision, RateLimiter
from wagtail_ai_blocks.pipeline import Call
from wagtail_ai_blocks.prompts import Action, FieldInfo, build_messages
from wagtail_ai_blocks.prompts.small import small_generation_params

logger = logging.getLogger(__name__)

__all__ = [
    "Candidate",
    "GenerationRequest",
    "GenerationResult",
    "GenerationService",
    "Prepared",
    "build_candidates",
    "quota_dict",
]

#: How long identical requests wait for the one asking the provider.
FLIGHT_WAIT_SECONDS = 120.0


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
    #: The request's field, resolved once (``FieldInfo.for_action``): its limit and,
    #: for HTML, its rich text features as a ``FeaturePolicy``.
    field: FieldInfo
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
        # The field's limit and rich text features, worked out once for every step.
        requested = request.field or FieldInfo()
        field_info = requested.for_action(action, request.format)
        messages = build_messages(
            action,
            request.text,
            request.format,
            options,
            request.context,
            field_info,
            profile=profile,
        )
        params = action.generation_params(request.text, request.candidates, field_info)
        if profile == "small":
            params = small_generation_params(action, params, request.text or "", request.format)
        if request.image is None and action.id in IMAGE_ACTION_IDS:
            raise BadRequest(_("Choose an image first."), detail={"field": "image"})
        if request.image is not None:
            from wagtail_ai_blocks.images.vision import vision_backend

            backend = vision_backend(backend)
        parts = {
            "backend": backend.name,
            "model": backend.model,
            "action": action.cache_token,
            "messages": messages,
            "params": [params.max_tokens, params.temperature, params.candidates],
            "format": request.format,
            # The set matters, not the order the browser listed them in.
            "features": sorted(requested.features) if requested.features else None,
            "max_length": field_info.max_length,
            "scope": self._scope(request),
        }
        if request.image is not None:
            from wagtail_ai_blocks.images.vision import with_image

            # The original file's hash, not the rendition's bytes: described once.
            parts["image"] = request.image.cache_token
            messages = with_image(messages, request.image)
        key = cache_key(parts)
        return Prepared(
            request, action, messages, params, backend, key, request.text or "", field_info, profile
        )

    def _scope(self, request: GenerationRequest) -> str:
        if conf.get("CACHE_SCOPE") == "site":
            return f"site:{request.site_id or 0}"
        return f"user:{getattr(request.user, 'pk', None) or 0}"

    # -- answering -----------------------------------------------------------

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """One finished answer (with its candidates). Raises ``AIBlocksError``."""
        with Call(self, request) as call:
            cached = call.open()
            if cached is not None:
                return cached
            return call.ask()

    def open_stream(self, request: GenerationRequest) -> Iterator[tuple[str, dict]]:
        """Refuse now (raises, with the right status) or return the stream of events.

        See :mod:`wagtail_ai_blocks.streaming`.
        """
        from wagtail_ai_blocks.streaming import open_stream

        return open_stream(self, request)

    def quota(self, user: Any) -> LimitDecision:
        """What ``user`` has left (charges nothing)."""
        return self.limiter.peek(user)

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
