"""The API's request and response shapes: the Python source of truth.

Mirrored by ``frontend/src/api/types.ts``; change both together.
"""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StrictInt, model_validator

from wagtail_ai_blocks.prompts.context import MAX_FIELDS, MAX_NEIGHBOURS


def _has_lone_surrogate(value: Any) -> bool:
    """JSON may spell half of a UTF-16 pair (``"\\ud800"``); no text can hold one."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_lone_surrogates(cls, data: Any) -> Any:
        if _has_lone_surrogate(data):
            raise ValueError("Text contains an invalid character (a lone UTF-16 surrogate).")
        return data


class ParamsIn(_Strict):
    """Parameters of an action. Built-in actions never take prompt text; only
    ``ask`` carries the editor's ``instruction``."""

    tone: str | None = Field(default=None, max_length=32)
    language: str | None = Field(default=None, max_length=16)
    instruction: str | None = Field(default=None, max_length=5_000)
    #: A library prompt's id: a JSON integer (``true`` or ``"1"`` are refused).
    prompt_id: StrictInt | None = None


class ContextIn(_Strict):
    """What the page says around the text. Bounded server-side."""

    page_title: str | None = Field(default=None, max_length=10_000)
    page_type: str | None = Field(default=None, max_length=200)
    locale: str | None = Field(default=None, max_length=32)
    fields: dict[str, str] = Field(default_factory=dict, max_length=MAX_FIELDS)
    neighbours: list[str] = Field(default_factory=list, max_length=MAX_NEIGHBOURS)


class FieldIn(_Strict):
    """The target field: its name, maximum length and rich text features."""

    name: str | None = Field(default=None, max_length=200)
    max_length: int | None = Field(default=None, ge=1, le=100_000)
    features: list[str] | None = Field(default=None, max_length=100)


class GenerateIn(_Strict):
    """A generation request (``/generate`` and ``/stream``)."""

    action: str = Field(min_length=1, max_length=64)
    text: str = ""
    format: Literal["text", "html"] = "text"
    params: ParamsIn = Field(default_factory=ParamsIn)
    context: ContextIn = Field(default_factory=ContextIn)
    field: FieldIn = Field(default_factory=FieldIn)
    candidates: int = Field(default=1, ge=1, le=10)
    refresh: bool = False
    #: An image's id, for image actions: the model sees a rendition of it.
    image: int | None = Field(default=None, ge=1)


class CandidateOut(Schema):
    text: str
    html: str | None = None
    contentstate: dict | None = None
    length: int
    lost_entities: list[str] = Field(default_factory=list)


class UsageOut(Schema):
    input_tokens: int
    output_tokens: int
    cost: float


class QuotaOut(Schema):
    limit: int | None
    remaining: int | None
    reset: int
    tier: str


class GenerateOut(Schema):
    candidates: list[CandidateOut]
    action: str
    backend: str
    model: str
    cache: Literal["hit", "miss", "refresh"]
    usage: UsageOut
    quota: QuotaOut


class ErrorBody(Schema):
    code: str
    message: str
    retry_after: int | None = None
    tier: str | None = None


class ErrorOut(Schema):
    error: ErrorBody


class ProviderOut(Schema):
    backend: str
    provider: str
    model: str
    streaming: bool


class QuotaStatusOut(Schema):
    quota: QuotaOut
    tiers: list[QuotaOut]
    provider: ProviderOut
