"""Behaviours the fake server can be scripted with, one consumed per chat request.

Each behaviour is a small frozen value object. They also travel as JSON through the
``POST /_fake/script`` control endpoint so that another process (a benchmark, a demo run)
can script a server it did not start; ``to_json()`` and ``behaviour_from_json()`` are the
two halves of that format::

    {"type": "reply", "text": "Hi", "usage": {"prompt_tokens": 3, "completion_tokens": 1}}
    {"type": "fail", "status": 429, "retry_after": 2, "message": "Slow down"}
    {"type": "hang", "seconds": 5}
    {"type": "cut_stream", "after_chunks": 2}
    {"type": "malformed"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Usage:
    """Token counts to report instead of the server's own word-count estimate."""

    prompt_tokens: int
    completion_tokens: int

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_json(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Usage:
        return cls(int(data["prompt_tokens"]), int(data["completion_tokens"]))


@dataclass(frozen=True)
class Reply:
    """Answer 200 with ``text`` (``""`` is a valid, empty answer).

    ``usage`` defaults to ``None``: the server then counts whitespace-separated words of the
    prompt and of the answer, so the numbers are deterministic. A ``Usage`` or a mapping with
    ``prompt_tokens`` and ``completion_tokens`` overrides that.
    """

    text: str
    usage: Usage | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ValueError(f"Reply text must be a string, not {self.text!r}.")
        if isinstance(self.usage, Mapping):
            object.__setattr__(self, "usage", Usage.from_json(self.usage))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "reply", "text": self.text}
        if self.usage is not None:
            data["usage"] = self.usage.to_json()
        return data


@dataclass(frozen=True)
class Fail:
    """Answer ``status`` with an OpenAI-shaped error body.

    ``retry_after`` (seconds) adds a ``Retry-After`` header. ``message`` and ``code``
    default to something resembling what OpenAI says for that status.
    """

    status: int
    retry_after: float | None = None
    message: str | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.status, int) or not 400 <= self.status <= 599:
            raise ValueError(
                f"Fail status must be an HTTP error code (400-599), not {self.status!r}."
            )
        _check_seconds("Fail retry_after", self.retry_after, optional=True)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "fail", "status": self.status}
        for key in ("retry_after", "message", "code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Hang:
    """Wait ``seconds`` before answering normally, to trigger client timeouts.

    Only the hanging request waits; stopping the server ends the wait at once and drops
    the connection without an answer.
    """

    seconds: float

    def __post_init__(self) -> None:
        _check_seconds("Hang seconds", self.seconds)

    def to_json(self) -> dict[str, Any]:
        return {"type": "hang", "seconds": self.seconds}


@dataclass(frozen=True)
class CutStream:
    """Drop the connection part-way through the answer.

    Streaming: send the role chunk and ``after_chunks`` content chunks, then close without
    the finish chunk, the terminating HTTP chunk or ``[DONE]``. Non-streaming: announce the
    full ``Content-Length``, send half of the body, then close.
    """

    after_chunks: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.after_chunks, int) or self.after_chunks < 0:
            raise ValueError(
                f"CutStream after_chunks must be an int >= 0, not {self.after_chunks!r}."
            )

    def to_json(self) -> dict[str, Any]:
        return {"type": "cut_stream", "after_chunks": self.after_chunks}


@dataclass(frozen=True)
class Malformed:
    """Answer 200 with a body that is not valid JSON (or an SSE event whose data is not)."""

    def to_json(self) -> dict[str, Any]:
        return {"type": "malformed"}


def _check_seconds(name: str, value: object, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"{name} must be a number of seconds >= 0, not {value!r}.")


Behaviour = Reply | Fail | Hang | CutStream | Malformed

_BY_TYPE: dict[str, type[Behaviour]] = {
    "reply": Reply,
    "fail": Fail,
    "hang": Hang,
    "cut_stream": CutStream,
    "malformed": Malformed,
}


def behaviour_from_json(data: Mapping[str, Any]) -> Behaviour:
    """Build a behaviour from its ``to_json()`` form; raises ``ValueError`` if invalid."""
    fields = dict(data)
    kind = fields.pop("type", None)
    if kind not in _BY_TYPE:
        raise ValueError(f"Unknown behaviour type {kind!r}; expected one of {sorted(_BY_TYPE)}.")
    try:
        return _BY_TYPE[kind](**fields)
    except (TypeError, KeyError, ValueError) as exc:
        raise ValueError(f"Invalid {kind!r} behaviour {data!r}: {exc}") from exc
