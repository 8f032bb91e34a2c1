"""Streaming answers: deltas as the provider produces them, then one final event.

:func:`open_stream` does everything that can refuse a request *before* the
response starts (validation, cache lookup, single flight, rate limits and the
budget reservation: :meth:`Call.open <wagtail_ai_blocks.pipeline.Call.open>`), so
those refusals still get their real HTTP status. What it returns is an iterator of
``(event, data)`` pairs: ``("delta", {"text": …})`` then ``("done", GenerateOut)`` or
``("error", {"error": …})``. Closing it early (the browser went away) closes the
provider stream, which stops the provider call, and settles the money to what the
provider produced so far.

Deltas pass through an :class:`~wagtail_ai_blocks.echo.EchoGuard`: text that could
still be the start of a repetition of the instructions (the system prompt, the
brand voice) is held back until it cannot, so an echo ends the stream with an
``error`` before any of it was sent.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wagtail_ai_blocks.backends.base import Completion, Usage
from wagtail_ai_blocks.candidates import echo_refused, instructions_of
from wagtail_ai_blocks.echo import EchoDetected, EchoGuard
from wagtail_ai_blocks.exceptions import AIBlocksError, EmptyAnswer
from wagtail_ai_blocks.pipeline import Call

if TYPE_CHECKING:
    from wagtail_ai_blocks.service import GenerationRequest, GenerationResult, GenerationService

logger = logging.getLogger(__name__)

StreamItem = tuple[str, dict]
_WORDS = re.compile(r"\S+\s*|\s+")


def open_stream(service: GenerationService, request: GenerationRequest) -> Iterator[StreamItem]:
    # One streamed candidate: several are offered through the JSON endpoint.
    request = dataclasses.replace(request, candidates=1)
    call = Call(service, request, streamed=True)
    cached = call.open()
    if cached is not None:
        return replay(cached)
    if call.prepared is not None and call.prepared.profile == "small":
        return CheckedStream(call)
    return LiveStream(call)


def replay(result: GenerationResult) -> Iterator[StreamItem]:
    """A cached answer, streamed again word by word."""
    for piece in _WORDS.findall(result.raw):
        yield "delta", {"text": piece}
    yield "done", result.as_dict()


class CallStream:
    """The events of one call; ``close()`` at any time ends it.

    A class rather than a bare generator so that closing it before the first event
    (the browser left at once) still settles and records the call. Subclasses
    implement ``_run``.
    """

    def __init__(self, call: Call):
        self.call = call
        self.parts: list[str] = []
        self.usage: Usage | None = None
        self._events = self._run()
        self._started = False
        self._closed = False

    def __iter__(self) -> LiveStream:
        return self

    def __next__(self) -> StreamItem:
        self._started = True
        return next(self._events)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._started:
            self._events.close()  # GeneratorExit inside _run settles and records
        else:
            self.call.abandoned()
            self.call.close()

    def _run(self) -> Iterator[StreamItem]:
        raise NotImplementedError


class CheckedStream(CallStream):
    """A small model's answer: checked (and asked again once) before any of it is
    shown, then streamed like a cached one. Nonsense never reaches the preview."""

    def _run(self) -> Iterator[StreamItem]:
        try:
            result = self.call.ask()
        except AIBlocksError as exc:  # recorded by ask()
            yield "error", exc.as_dict()
            return
        except Exception:
            logger.exception("Unexpected error while answering from a small model")
            error = AIBlocksError()
            self.call.failed(error)
            yield "error", error.as_dict()
            return
        finally:
            self.call.close()
        yield from replay(result)


class LiveStream(CallStream):
    """The provider's stream as events, held back by an echo guard."""

    def _run(self) -> Iterator[StreamItem]:
        call = self.call
        prepared = call.prepared
        assert prepared is not None
        guard = EchoGuard(*instructions_of(prepared))
        events = None
        try:
            events = prepared.backend.stream(prepared.messages, prepared.params)
            model, finish_reason = prepared.backend.model, None
            for event in events:
                if event.delta:
                    self.parts.append(event.delta)
                    safe = guard.feed(event.delta)
                    if safe:
                        yield "delta", {"text": safe}
                self.usage = event.usage or self.usage
                model = event.model or model
                finish_reason = event.finish_reason or finish_reason
            rest = guard.finish()
            if rest:
                yield "delta", {"text": rest}
            text = "".join(self.parts)
            if not text.strip():
                raise EmptyAnswer()
            completion = Completion(
                texts=(text,), model=model, usage=self.usage or Usage(), finish_reason=finish_reason
            )
            result = call.answered(completion)
            yield "done", result.as_dict()
        except EchoDetected:
            error = echo_refused(prepared)
            call.failed(error, produced="".join(self.parts), usage=self.usage)
            yield "error", error.as_dict()
        except AIBlocksError as exc:
            call.failed(exc, produced="".join(self.parts), usage=self.usage)
            yield "error", exc.as_dict()
        except GeneratorExit:
            call.abandoned("".join(self.parts), self.usage)
            raise
        except Exception:
            logger.exception("Unexpected error while streaming an AI answer")
            error = AIBlocksError()
            call.failed(error, produced="".join(self.parts), usage=self.usage)
            yield "error", error.as_dict()
        finally:
            if events is not None:
                events.close()
            call.close()
