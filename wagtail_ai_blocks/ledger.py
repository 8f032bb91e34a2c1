"""Recording every request in the usage ledger and in structured log lines."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.signals import request_finished, request_started
from django.db import DatabaseError

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import Usage
from wagtail_ai_blocks.models import UsageRecord

logger = logging.getLogger(__name__)


@dataclass
class UsageEntry:
    """What the service learnt about one request, filled in as it goes."""

    user: Any
    action: str
    prompt_version: str = ""
    backend: str = ""
    model: str = ""
    streamed: bool = False
    candidates: int = 1
    usage: Usage = field(default_factory=Usage)
    cost: Decimal = Decimal(0)
    cost_saved: Decimal = Decimal(0)
    latency_ms: int = 0
    cache_hit: bool = False
    outcome: str = UsageRecord.Outcome.OK
    error_code: str = ""
    prompt: str = ""
    answer: str = ""


def elapsed_ms(started: float) -> int:
    """Milliseconds since ``started`` (a ``time.monotonic()`` reading)."""
    return int((time.monotonic() - started) * 1000)


def record(entry: UsageEntry) -> UsageRecord | None:
    """Write one ledger row and one log line. A database failure is logged, not raised:
    the editor's answer matters more than the bookkeeping."""
    _log(entry)
    return _write(entry)


def record_after_response(entry: UsageEntry) -> None:
    """Log ``entry`` now and write its row once the response has been sent.

    For what costs nothing (a cache hit): the editor does not wait for the INSERT.
    Inside a request the row is written when the request finishes (Django's
    ``request_finished``: the response is sent, or the stream closed); outside one
    (a task, the shell) it is written at once. Every row is written or its loss is
    logged, row by row, with all its fields (as :func:`record`).
    """
    if not getattr(_pending, "active", False):
        record(entry)
        return
    _log(entry)
    _pending.entries.append(entry)


def _log_fields(entry: UsageEntry) -> dict[str, Any]:
    user = _user(entry)
    return {
        "ai_action": entry.action,
        "ai_prompt_version": entry.prompt_version,
        "ai_backend": entry.backend,
        "ai_model": entry.model,
        "ai_outcome": entry.outcome,
        "ai_error_code": entry.error_code,
        "ai_cache_hit": entry.cache_hit,
        "ai_streamed": entry.streamed,
        "ai_input_tokens": entry.usage.input_tokens,
        "ai_output_tokens": entry.usage.output_tokens,
        "ai_cost": str(entry.cost),
        "ai_latency_ms": entry.latency_ms,
        "user_id": getattr(user, "pk", None),
    }


def _user(entry: UsageEntry) -> Any:
    return entry.user if getattr(entry.user, "is_authenticated", False) else None


def _log(entry: UsageEntry) -> None:
    level = logging.INFO if entry.outcome == UsageRecord.Outcome.OK else logging.WARNING
    logger.log(
        level,
        "AI %s %s (%s, cache %s, %d+%d tokens, %s ms)",
        entry.action,
        entry.outcome if not entry.error_code else entry.error_code,
        entry.model or entry.backend or "-",
        "hit" if entry.cache_hit else "miss",
        entry.usage.input_tokens,
        entry.usage.output_tokens,
        entry.latency_ms,
        extra=_log_fields(entry),
    )


def _write(entry: UsageEntry) -> UsageRecord | None:
    store_content = conf.get("STORE_CONTENT")
    try:
        return UsageRecord.objects.create(
            user=_user(entry),
            action=entry.action[:64],
            prompt_version=entry.prompt_version[:32],
            backend=entry.backend[:64],
            model=entry.model[:128],
            streamed=entry.streamed,
            candidates=entry.candidates,
            input_tokens=entry.usage.input_tokens,
            output_tokens=entry.usage.output_tokens,
            cost=entry.cost,
            cost_saved=entry.cost_saved,
            latency_ms=entry.latency_ms,
            cache_hit=entry.cache_hit,
            outcome=entry.outcome,
            error_code=entry.error_code[:64],
            prompt=entry.prompt if store_content else "",
            answer=entry.answer if store_content else "",
        )
    except DatabaseError:
        logger.exception("Could not write the AI usage ledger", extra=_log_fields(entry))
        return None


# -- rows written after the response ---------------------------------------------

#: This thread's request: whether one is running, and the rows it leaves to its end.
_pending = threading.local()


def _request_started(**_kwargs: Any) -> None:
    write_pending()  # a request that never finished (should not happen): its rows now
    _pending.active, _pending.entries = True, []


def _request_finished(**_kwargs: Any) -> None:
    write_pending()


def write_pending() -> None:
    """Write the rows this thread's request left for after its response (and stop
    deferring until the next request starts)."""
    entries = getattr(_pending, "entries", None) or []
    _pending.active, _pending.entries = False, []
    for entry in entries:
        _write(entry)


def forget_pending() -> None:
    """Drop what a request that never finished left in this thread (for tests: a
    streamed response they never read to its end)."""
    _pending.active, _pending.entries = False, []


def connect() -> None:
    """Follow requests (``AppConfig.ready``): rows left for after the response are
    written when the request finishes."""
    request_started.connect(_request_started, dispatch_uid="wagtail_ai_blocks.ledger.started")
    request_finished.connect(_request_finished, dispatch_uid="wagtail_ai_blocks.ledger.finished")
