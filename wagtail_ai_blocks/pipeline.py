"""One request's way through the service: the one sequence for JSON and SSE answers.

A :class:`Call` is opened for every editor request, by
:meth:`GenerationService.generate` and by :func:`wagtail_ai_blocks.streaming.open_stream`
alike, and ends in exactly one of four ways, each writing exactly one ledger row:

``open()`` answered from the cache
    no provider call, no quota, no money (the row records the money saved and is
    written after the response: :func:`~wagtail_ai_blocks.ledger.record_after_response`);
``ask()`` / ``answered(completion)``
    the provider's finished answer (``ask`` asks once more when no candidate is
    usable, reserving that second call too): the money reservation is settled to
    the provider's usage, the answer is turned into candidates, published to the
    cache and single-flight followers;
``failed(exc, produced=…, usage=…)``
    the rate-limit units are given back (the editor got nothing) and the money is
    settled to what the provider produced: its usage when it reported one, else an
    estimate from the text it streamed (0 when it produced nothing);
``abandoned(produced, usage)``
    the editor went away mid-stream: the units stay charged, the money is settled
    like a failure, and the row says *stopped* (not an error).

Before the provider is asked, :meth:`Call.open` charges the rate limits (one unit per
candidate) and reserves the call's maximum cost on the budgets, so concurrent calls
can never overshoot a budget.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from decimal import Decimal
from typing import TYPE_CHECKING

from wagtail_ai_blocks.backends.base import Completion, GenerationParams, Usage
from wagtail_ai_blocks.cache import Ticket
from wagtail_ai_blocks.candidates import Candidate, build_candidates
from wagtail_ai_blocks.exceptions import AIBlocksError, RateLimited, UnusableAnswer
from wagtail_ai_blocks.ledger import UsageEntry, elapsed_ms, record, record_after_response
from wagtail_ai_blocks.limits import LimitDecision, Reservation
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.pricing import (
    cost_of,
    estimate_input_tokens,
    estimate_tokens,
    max_cost,
)
from wagtail_ai_blocks.prompts.small import retry_params

if TYPE_CHECKING:
    from wagtail_ai_blocks.service import (
        GenerationRequest,
        GenerationResult,
        GenerationService,
        Prepared,
    )

logger = logging.getLogger(__name__)

#: Entity kinds that are links (``richtext.lost_entities``).
_LINK_KINDS = ("link:", "page:", "document:")


class Call:
    """One editor request: limits, money, cache, single flight and its ledger row.

    Use as a context manager (it leaves the single flight on exit)::

        with Call(service, request) as call:
            cached = call.open()  # raises AIBlocksError (recorded)
            if cached is not None:
                return cached
            try:
                completion = call.prepared.backend.complete(...)
            except AIBlocksError as exc:
                call.failed(exc)
                raise
            return call.answered(completion)
    """

    def __init__(
        self, service: GenerationService, request: GenerationRequest, *, streamed: bool = False
    ):
        self.service = service
        self.request = request
        self.started = time.monotonic()
        self.entry = UsageEntry(user=request.user, action=request.action, streamed=streamed)
        self.prepared: Prepared | None = None
        self.ticket: Ticket | None = None
        self.decision: LimitDecision | None = None
        self.reservation: Reservation | None = None
        self._settled = False
        self._recorded = False

    # -- before the provider ---------------------------------------------------

    def open(self) -> GenerationResult | None:
        """The cached answer, or ``None`` once this call may ask the provider (its
        limits charged and its money reserved). Refusals raise, and are recorded."""
        try:
            self.prepared = prepared = self.service.prepare(self.request)
            self._describe(prepared)
            if not self.request.refresh:
                cached, self.ticket = self.service.lookup(prepared)
                if cached is not None:
                    result = self._from_cache(prepared, cached)
                    self._record(after_response=True)
                    return result
            self._charge(prepared)
        except AIBlocksError as exc:
            self.close()
            self._record_failure(exc)
            raise
        except BaseException:
            self.close()
            raise
        return None

    def _charge(self, prepared: Prepared) -> None:
        user = self.request.user
        # One unit per candidate asked of the provider (see the README, "Rate limits").
        self.decision = self.service.limiter.check_and_charge(
            user, amount=prepared.params.candidates
        )
        try:
            self.reservation = self.service.budgets.reserve(user, self._max_cost(prepared))
        except BaseException:
            self.service.limiter.refund(self.decision)
            self.decision = None
            raise

    def _max_cost(self, prepared: Prepared) -> Decimal:
        params = prepared.params
        return max_cost(
            prepared.messages,
            params.max_tokens,
            params.candidates,
            prepared.backend.model,
            free=bool(getattr(prepared.backend, "free", False)),
        )

    def _from_cache(self, prepared: Prepared, cached: dict) -> GenerationResult:
        from wagtail_ai_blocks.service import GenerationResult

        self.entry.cache_hit = True
        self.entry.model = cached["model"]
        self.entry.cost_saved = Decimal(cached["cost"])
        self.entry.answer = cached["raw"]
        return GenerationResult(
            candidates=tuple(Candidate.from_dict(c) for c in cached["candidates"]),
            action=prepared.action.id,
            backend=prepared.backend.name,
            model=cached["model"],
            cache="hit",
            usage=Usage(),
            cost=Decimal(0),
            quota=self.service.limiter.peek(self.request.user),
            raw=cached["raw"],
        )

    # -- asking the provider ----------------------------------------------------

    def ask(self) -> GenerationResult:
        """The backend's finished answer, as :meth:`answered`.

        When none of it is usable the backend is asked once more (for a small model at a
        higher temperature, two candidates at once; a second maximum cost reserved
        first); the usage of both calls is counted. A small model is also asked once
        more when every answer dropped a link of the source: the answers that keep the
        most links are offered, the first ones if the second call has nothing better.
        Raises ``AIBlocksError`` (recorded)."""
        prepared = self._prepared
        backend = prepared.backend
        try:
            completion = backend.complete(prepared.messages, prepared.params)
        except AIBlocksError as exc:
            self.failed(exc)
            raise
        problem: UnusableAnswer | None = None
        try:
            candidates = build_candidates(prepared, completion.texts)
        except UnusableAnswer as exc:
            candidates, problem = [], exc
        except AIBlocksError as exc:
            self.failed(exc, usage=completion.usage)
            raise
        if candidates and not self._links_all_lost(candidates):
            return self.answered(completion, candidates)
        logger.info(
            "AI answer not usable; asking once more",
            extra={
                "ai_action": prepared.action.id,
                "error_code": problem.code if problem else "links_lost",
            },
        )
        small = prepared.profile == "small"
        params = retry_params(prepared.params) if small else prepared.params
        try:
            self._reserve_again(prepared, params)
        except AIBlocksError:
            if candidates:
                return self.answered(completion, candidates)
            self.failed(problem, usage=completion.usage)
            raise problem from None
        try:
            again = backend.complete(prepared.messages, params)
        except AIBlocksError as exc:
            if candidates:
                return self.answered(completion, candidates)
            self.failed(exc, usage=completion.usage)
            raise
        combined = dataclasses.replace(again, usage=completion.usage + again.usage)
        try:
            more = build_candidates(prepared, combined.texts)
        except UnusableAnswer as exc:
            if candidates:
                return self.answered(
                    dataclasses.replace(completion, usage=combined.usage), candidates
                )
            self.failed(exc, usage=combined.usage)
            raise
        except AIBlocksError as exc:
            self.failed(exc, usage=combined.usage)
            raise
        # Fewest lost links first; the second call's answers before the first's.
        chosen = sorted([*more, *candidates], key=lambda c: len(c.lost_entities))
        chosen = chosen[: max(1, prepared.params.candidates)]
        if candidates:  # answers of both calls: the raw text is the one offered first
            combined = dataclasses.replace(combined, texts=(chosen[0].text,))
        return self.answered(combined, chosen)

    def _links_all_lost(self, candidates: list[Candidate]) -> bool:
        """A small model's answers all dropped a link of the source (worth asking again)."""
        if self._prepared.profile != "small":
            return False
        return all(
            any(ref.startswith(_LINK_KINDS) for ref in candidate.lost_entities)
            for candidate in candidates
        )

    def _reserve_again(self, prepared: Prepared, params: GenerationParams) -> None:
        more = self.service.budgets.reserve(
            self.request.user, self._max_cost(dataclasses.replace(prepared, params=params))
        )
        first = self.reservation or Reservation()
        counters = first.counters or more.counters
        if more.counters and first.counters and more.counters != first.counters:
            # A day or month ended between the calls: settle the first one on its own.
            self.service.budgets.settle(first, 0)
            first, counters = Reservation(), more.counters
        self.reservation = Reservation(counters, first.micros + more.micros, more.degraded)

    # -- after the provider ----------------------------------------------------

    def answered(
        self, completion: Completion, candidates: list[Candidate] | None = None
    ) -> GenerationResult:
        """Settle, build the candidates (unless given), publish them and record the call.

        Raises :class:`ProviderError` when no answer is usable (then call
        :meth:`failed` with it and the provider's usage: nothing is settled yet)."""
        from wagtail_ai_blocks.service import GenerationResult

        prepared = self._prepared
        if candidates is None:
            candidates = build_candidates(prepared, completion.texts)
        self.entry.answer = completion.text
        cost = self._settle(completion.usage, completion.model)
        value = {
            "candidates": [candidate.as_dict() for candidate in candidates],
            "model": completion.model,
            "cost": str(cost),
            "raw": completion.text,
        }
        if self.ticket is not None:
            self.ticket.publish(value)
        else:
            self.service.cache.set(prepared.key, value)
        self._record()
        return GenerationResult(
            candidates=tuple(candidates),
            action=prepared.action.id,
            backend=prepared.backend.name,
            model=completion.model,
            cache="refresh" if self.request.refresh else "miss",
            usage=completion.usage,
            cost=cost,
            quota=self.decision or LimitDecision(True, None, 0, ()),
            raw=completion.text,
        )

    def failed(self, exc: AIBlocksError, *, produced: str = "", usage: Usage | None = None):
        """The provider failed or its answer was unusable: the editor got nothing, so
        the rate-limit units are given back; the money follows what was produced."""
        if self.decision is not None:
            self.service.limiter.refund(self.decision)
        self._settle(self._produced_usage(produced, usage), None)
        self._record_failure(exc)

    def abandoned(self, produced: str = "", usage: Usage | None = None) -> None:
        """The editor closed the stream: the call counts, the money follows what was
        produced."""
        self._settle(self._produced_usage(produced, usage), None)
        self.entry.answer = produced
        self.entry.outcome = UsageRecord.Outcome.STOPPED
        self.entry.error_code = "client_disconnected"
        self._record()
        logger.info("AI stream closed by the client", extra={"ai_action": self.entry.action})

    def close(self) -> None:
        """Leave the single flight (followers ask for themselves if nothing was published)."""
        if self.ticket is not None:
            self.ticket.close()
            self.ticket = None

    def __enter__(self) -> Call:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- bookkeeping -----------------------------------------------------------

    @property
    def _prepared(self) -> Prepared:
        if self.prepared is None:
            raise RuntimeError("Call.open() first.")
        return self.prepared

    def _produced_usage(self, produced: str, usage: Usage | None) -> Usage:
        if usage is not None:
            return usage
        if not produced:
            return Usage()  # nothing came back: nothing billed
        return Usage(estimate_input_tokens(self._prepared.messages), estimate_tokens(produced))

    def _settle(self, usage: Usage, model: str | None) -> Decimal:
        """Turn the reservation into the real cost (once) and put it in the row."""
        if self._settled or self.prepared is None or self.decision is None:
            return self.entry.cost
        self._settled = True
        backend = self.prepared.backend
        model = model or self.entry.model or backend.model
        cost = cost_of(usage, model, free=bool(getattr(backend, "free", False)))
        self.service.budgets.settle(self.reservation or Reservation(), cost, self.request.user)
        self.entry.usage, self.entry.cost, self.entry.model = usage, cost, model
        return cost

    def _describe(self, prepared: Prepared) -> None:
        entry = self.entry
        entry.action = prepared.action.id
        entry.prompt_version = prepared.action.cache_token.split(":", 2)[1]
        entry.backend = prepared.backend.name
        entry.model = prepared.backend.model
        entry.candidates = prepared.params.candidates
        entry.prompt = prepared.messages[-1]["content"]

    def _record_failure(self, exc: AIBlocksError | None, *, code: str = "") -> None:
        self.entry.outcome = (
            UsageRecord.Outcome.LIMITED
            if isinstance(exc, RateLimited)
            else UsageRecord.Outcome.ERROR
        )
        self.entry.error_code = exc.code if exc is not None else code
        self._record()

    def _record(self, *, after_response: bool = False) -> None:
        if self._recorded:
            return
        self._recorded = True
        self.entry.latency_ms = elapsed_ms(self.started)
        if after_response:
            record_after_response(self.entry)
        else:
            record(self.entry)
