"""The backend contract.

A backend turns a list of chat messages into text. It declares what it can do
as class attributes and implements two methods: :meth:`Backend.complete` and
:meth:`Backend.stream`. Provider SDK exceptions must be turned into
``wagtail_ai_blocks.exceptions`` errors at this boundary (``raise … from exc``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Protocol, TypedDict, runtime_checkable


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    #: Text, or (for vision backends) a list of content parts: ``{"type": "text", …}``
    #: and ``{"type": "image_url", "image_url": {"url": "data:…"}}``.
    content: str | list[dict[str, Any]]


@dataclass(frozen=True)
class Usage:
    """Token counts as reported by the provider (0 when it reports none)."""

    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
        )


@dataclass(frozen=True)
class Completion:
    """A finished answer: one text per requested candidate."""

    texts: tuple[str, ...]
    model: str
    usage: Usage = field(default_factory=Usage)
    finish_reason: str | None = None

    @property
    def text(self) -> str:
        return self.texts[0] if self.texts else ""


@dataclass(frozen=True)
class Embeddings:
    """One vector per input text, in input order (what ``embed()`` returns)."""

    vectors: tuple[tuple[float, ...], ...]
    model: str
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class StreamEvent:
    """One item of a stream: a text ``delta``, or the final ``usage``/``model``."""

    delta: str = ""
    usage: Usage | None = None
    model: str | None = None
    finish_reason: str | None = None


@dataclass(frozen=True)
class GenerationParams:
    """Sampling parameters the service passes to a backend."""

    max_tokens: int = 512
    temperature: float = 0.7
    candidates: int = 1
    #: A JSON schema for structured output (``response_format``); ``None`` for free text.
    #: Backends that cannot enforce it ignore it: the caller validates the answer.
    response_schema: Mapping[str, Any] | None = field(default=None, compare=False)
    #: Sequences that end the answer (not included in it); ``()`` for none.
    stop: tuple[str, ...] = ()


@runtime_checkable
class Backend(Protocol):
    """What every backend provides.

    Subclasses set the capability attributes and implement ``complete`` and
    ``stream``. ``name`` is the key in ``WAGTAIL_AI_BLOCKS["BACKENDS"]``;
    ``model`` the model identifier sent to the provider.
    """

    supports_streaming: ClassVar[bool]
    supports_vision: ClassVar[bool]
    #: Whether the provider can return several candidates in one call (``n``).
    supports_candidates: ClassVar[bool]
    #: Human-readable provider label shown in the admin ("OpenAI", "Embedded local model").
    provider_label: ClassVar[str]
    #: Optional: ``"small"`` for a model that needs short prompts with a worked example
    #: and checked answers (:mod:`wagtail_ai_blocks.prompts.small`); read with
    #: :func:`prompt_profile`, ``"standard"`` when not set.

    name: str
    model: str

    def complete(self, messages: list[Message], params: GenerationParams) -> Completion: ...

    # Optional: ``embed(texts, model) -> Embeddings`` for backends with an embeddings
    # endpoint (related pages); backends without it are answered by the search backend.

    def stream(self, messages: list[Message], params: GenerationParams) -> Iterator[StreamEvent]:
        """Yield deltas, then one final event carrying ``usage`` (and ``model``).

        Closing the generator (``.close()``) must stop the provider call.
        """
        ...


def json_schema_format(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The OpenAI ``response_format`` for structured output (also llama.cpp, vLLM, Ollama)."""
    return {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": dict(schema), "strict": True},
    }


PromptProfile = Literal["standard", "small"]


def prompt_profile(backend: Backend) -> PromptProfile:
    """The prompts ``backend`` gets: ``"small"`` or ``"standard"`` (the default)."""
    return "small" if getattr(backend, "prompt_profile", "standard") == "small" else "standard"


def describe(backend: Backend) -> Mapping[str, Any]:
    """What the admin shows about a backend (never secrets)."""
    return {
        "name": backend.name,
        "provider": backend.provider_label,
        "model": backend.model,
        "streaming": backend.supports_streaming,
        "vision": backend.supports_vision,
        "profile": prompt_profile(backend),
    }
