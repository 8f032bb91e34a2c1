"""Streaming answers: deltas as the provider produces them, then one final event.

:func:`open_stream` does everything that can refuse a request *before* the
response starts (validation, cache lookup, single flight, rate limits and
budgets), so those refusals still get their real HTTP status. What it returns is
a generator of ``(event, data)`` pairs: ``("delta", {"text": …})`` then
``("done", GenerateOut)`` or ``("error", {"error": …})``. Closing it early (the
browser went away) closes the provider stream, which stops the provider call.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wagtail_ai_blocks.backends.base import Completion, Usage
from wagtail_ai_blocks.cache import Ticket
from wagtail_ai_blocks.exceptions import AIBlocksError, EmptyAnswer
from wagtail_ai_blocks.ledger import UsageEntry, elapsed_ms, record
from wagtail_ai_blocks.limits import LimitDecision
from wagtail_ai_blocks.models import UsageRecord

if TYPE_CHECKING:
    from wagtail_ai_blocks.service import (
        GenerationRequest,
        GenerationResult,
        GenerationService,
        Prepared,
    )

logger = logging.getLogger(__name__)

StreamItem = tuple[str, dict]
_WORDS = re.compile(r"\S+\s*|\s+")


def open_stream(service: GenerationService, request: GenerationRequest) -> Iterator[StreamItem]:
    started = time.monotonic()
    # One streamed candidate: several are offered through the JSON endpoint.
    request = dataclasses.replace(request, candidates=1)
    entry = UsageEntry(user=request.user, action=request.action, streamed=True)
    ticket: Ticket | None = None
    try:
        prepared = service.prepare(request)
        service._describe(entry, prepared)
        if not request.refresh:
            cached, ticket = service.lookup(prepared)
            if cached is not None:
                result = service.from_cache(prepared, cached, entry)
                entry.latency_ms = elapsed_ms(started)
                record(entry)
                return replay(result)
        decision = service.charge(prepared)
    except AIBlocksError as exc:
        _close(ticket)
        service._fail(entry, exc, started)
        raise
    except BaseException:
        _close(ticket)
        raise
    if prepared.profile == "small":
        return _checked(service, prepared, entry, decision, ticket, started)
    return _live(service, prepared, entry, decision, ticket, started)


def replay(result: GenerationResult) -> Iterator[StreamItem]:
    """A cached answer, streamed again word by word."""
    for piece in _WORDS.findall(result.raw):
        yield "delta", {"text": piece}
    yield "done", result.as_dict()


def _live(
    service: GenerationService,
    prepared: Prepared,
    entry: UsageEntry,
    decision: LimitDecision,
    ticket: Ticket | None,
    started: float,
) -> Iterator[StreamItem]:
    from wagtail_ai_blocks.service import REFUNDED_ERRORS

    events = prepared.backend.stream(prepared.messages, prepared.params)
    parts: list[str] = []
    usage = Usage()
    model = prepared.backend.model
    finish_reason = None
    try:
        for event in events:
            if event.delta:
                parts.append(event.delta)
                yield "delta", {"text": event.delta}
            usage = event.usage or usage
            model = event.model or model
            finish_reason = event.finish_reason or finish_reason
        text = "".join(parts)
        if not text.strip():
            raise EmptyAnswer()
        completion = Completion(
            texts=(text,), model=model, usage=usage, finish_reason=finish_reason
        )
        result = service.finish(
            prepared,
            completion,
            decision,
            entry,
            cache="refresh" if prepared.request.refresh else "miss",
            publish=_publisher(service, prepared, ticket),
        )
        entry.latency_ms = elapsed_ms(started)
        record(entry)
        yield "done", result.as_dict()
    except AIBlocksError as exc:
        if isinstance(exc, REFUNDED_ERRORS):
            service.limiter.refund(decision)
        service._fail(entry, exc, started)
        yield "error", exc.as_dict()
    except GeneratorExit:
        entry.outcome = UsageRecord.Outcome.ERROR
        entry.error_code = "client_disconnected"
        entry.latency_ms = elapsed_ms(started)
        entry.answer = "".join(parts)
        record(entry)
        logger.info("AI stream closed by the client", extra={"ai_action": entry.action})
        raise
    except Exception:
        logger.exception("Unexpected error while streaming an AI answer")
        entry.outcome, entry.error_code = UsageRecord.Outcome.ERROR, "internal_error"
        entry.latency_ms = elapsed_ms(started)
        record(entry)
        yield "error", AIBlocksError().as_dict()
    finally:
        events.close()
        _close(ticket)


def _checked(
    service: GenerationService,
    prepared: Prepared,
    entry: UsageEntry,
    decision: LimitDecision,
    ticket: Ticket | None,
    started: float,
) -> Iterator[StreamItem]:
    """A small model's answer: checked (and asked again once) before any of it is
    shown, then streamed like a cached one. Nonsense never reaches the preview."""
    from wagtail_ai_blocks.service import REFUNDED_ERRORS

    try:
        completion, candidates = service.ask_backend(prepared)
        result = service.finish(
            prepared,
            completion,
            decision,
            entry,
            cache="refresh" if prepared.request.refresh else "miss",
            publish=_publisher(service, prepared, ticket),
            candidates=candidates,
        )
        entry.latency_ms = elapsed_ms(started)
        record(entry)
    except AIBlocksError as exc:
        if isinstance(exc, REFUNDED_ERRORS):
            service.limiter.refund(decision)
        service._fail(entry, exc, started)
        yield "error", exc.as_dict()
        return
    except Exception:
        logger.exception("Unexpected error while answering from a small model")
        entry.outcome, entry.error_code = UsageRecord.Outcome.ERROR, "internal_error"
        entry.latency_ms = elapsed_ms(started)
        record(entry)
        yield "error", AIBlocksError().as_dict()
        return
    finally:
        _close(ticket)
    yield from replay(result)


def _publisher(service: GenerationService, prepared: Prepared, ticket: Ticket | None):
    if ticket is not None:
        return ticket.publish

    def publish(value: dict) -> None:
        service.cache.set(prepared.key, value)

    return publish


def _close(ticket: Ticket | None) -> None:
    if ticket is not None:
        ticket.close()
