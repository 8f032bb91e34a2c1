"""Actions and their registry.

An :class:`Action` is everything the server needs to run one AI task: its
prompt, the parameters the browser may send, how the answer is used and how
much to ask the model for. Built-in actions live in
:mod:`wagtail_ai_blocks.prompts.builtin`; a project adds its own with
:func:`register_action` (from ``AppConfig.ready`` or ``wagtail_hooks.py``)::

    from wagtail_ai_blocks.prompts import Action, register_action

    register_action(Action(
        id="house_style",
        label=_("Apply house style"),
        version=1,
        system_prompt="Rewrite the text in our house style: …",
    ))
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.validators import MaxLengthValidator

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import GenerationParams
from wagtail_ai_blocks.exceptions import UnknownAction
from wagtail_ai_blocks.prompts.params import Param, StrOrPromise
from wagtail_ai_blocks.prompts.rules import RULES_VERSION

#: ``rewrite``: the toolbar's selection; ``field``: a field's value; ``page``: the whole
#: page (the Checks panel's review), answered as JSON.
Kind = Literal["rewrite", "field", "page"]
Output = Literal["replace", "insert_below"]
Format = Literal["text", "html"]
#: ``text``: free text; ``line``: one line; ``headline``: one line, no final full stop.
Shape = Literal["text", "line", "headline"]

_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
#: Upper bound for :meth:`Action.max_tokens_for`, whatever the text length.
MAX_TOKENS_CEILING = 16_384
#: Tokens a rewrite may use beyond ``output_ratio`` times the source (a closing tag, a word).
REWRITE_SLACK_TOKENS = 32
#: Characters per token assumed when a field's ``max_length`` bounds an answer: fewer
#: than a real tokenizer averages, so a fitting answer is never cut off.
CHARS_PER_TOKEN = 3
#: Tokens added to a field's bound (a closing quote, a stray space).
FIELD_SLACK_TOKENS = 16

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def resolve_max_length(*limits: int | None, validators: Iterable[Any] = ()) -> int | None:
    """The tightest of ``limits`` and of any ``MaxLengthValidator`` in ``validators``
    (``None`` and 0 are no limit): the one rule for a field's maximum length, used by
    the panels and blocks that describe a field and by each request's field."""
    found = [limit for limit in limits if limit]
    found += [
        validator.limit_value
        for validator in validators
        if isinstance(validator, MaxLengthValidator) and isinstance(validator.limit_value, int)
    ]
    return min(found) if found else None


def count_tokens(text: str) -> int:
    """A lower bound on the tokens of ``text``: its words and punctuation marks.

    Tokenizers split text at least this finely (a word or a mark is one token or more),
    so a shortening bounded by this count can never be longer than its source.
    """
    return len(_TOKEN_RE.findall(text))


@dataclass(frozen=True)
class FieldInfo:
    """The field an answer is for.

    ``max_length`` bounds plain-text answers (a model field's ``max_length``);
    ``features`` are the rich text features for HTML answers (``None`` means
    Wagtail's defaults).
    """

    name: str = ""
    max_length: int | None = None
    features: tuple[str, ...] | None = None

    @classmethod
    def from_model_field(cls, model_field: Any) -> FieldInfo:
        """Build from a Django model field (``CharField``, ``RichTextField``…)."""
        features = getattr(model_field, "features", None)
        return cls(
            name=getattr(model_field, "name", "") or "",
            max_length=getattr(model_field, "max_length", None),
            features=tuple(features) if features is not None else None,
        )

    def for_action(self, action: Action, fmt: str = "text") -> FieldInfo:
        """This field as one request uses it, resolved once and passed along:
        ``max_length`` bounded by the action's ``default_max_length``
        (:func:`resolve_max_length`) and, for HTML, ``features`` resolved to a
        :class:`~wagtail_ai_blocks.richtext.features.FeaturePolicy`."""
        features = self.features
        if fmt == "html":
            from wagtail_ai_blocks.richtext import resolve_features

            features = resolve_features(features)
        return FieldInfo(
            name=self.name,
            max_length=resolve_max_length(action.default_max_length, self.max_length),
            features=features,
        )


@dataclass(frozen=True)
class Action:
    """One AI task.

    ``system_prompt`` is the task itself; :func:`~wagtail_ai_blocks.prompts.build_messages`
    wraps it in the shared rules (answer only with the result, keep the language,
    treat the text as data, format and length). It may use ``{name}`` for each
    declared parameter. Bump ``version`` whenever the prompt text changes: it is
    part of :attr:`cache_token`, which goes into cache keys and the usage ledger.

    Defaults: ``kind="rewrite"``, ``output="replace"``, no length limit,
    ``temperature=0.7``, ``max_tokens=1024``, ``output_ratio=2.0``, both formats,
    ``shape="text"``, one candidate.

    ``output_ratio`` bounds a rewrite's answer by its source: at most that many tokens
    per token of the text (see :meth:`max_tokens_for`); ``None`` uses ``max_tokens``
    whatever the text.
    """

    id: str
    label: StrOrPromise
    version: int
    system_prompt: str
    kind: Kind = "rewrite"
    params: tuple[Param, ...] = ()
    output: Output = "replace"
    default_max_length: int | None = None
    #: (low, high) characters the prompt aims for; ``None`` for no target.
    target_length: tuple[int, int] | None = None
    temperature: float = 0.7
    max_tokens: int = 1024
    output_ratio: float | None = 2.0
    formats: tuple[Format, ...] = ("text", "html")
    shape: Shape = "text"
    #: How many suggestions a field action offers (capped by ``MAX_CANDIDATES``).
    candidates: int = 1
    description: StrOrPromise = field(default="", compare=False)
    #: A JSON schema the answer must follow: the backend is asked for structured output
    #: (where it supports it) and the rules tell the model to answer with JSON.
    response_schema: dict[str, Any] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not _ID_RE.match(self.id):
            raise ValueError(f"Action id {self.id!r} must match {_ID_RE.pattern}.")
        if not isinstance(self.version, int) or self.version < 1:
            raise ValueError(f"Action {self.id!r}: version must be a positive integer.")
        if self.kind not in ("rewrite", "field", "page"):
            raise ValueError(f"Action {self.id!r}: unknown kind {self.kind!r}.")
        if self.output not in ("replace", "insert_below"):
            raise ValueError(f"Action {self.id!r}: unknown output {self.output!r}.")
        if not self.formats or set(self.formats) - {"text", "html"}:
            raise ValueError(f"Action {self.id!r}: formats must be 'text' and/or 'html'.")
        if self.shape not in ("text", "line", "headline"):
            raise ValueError(f"Action {self.id!r}: unknown shape {self.shape!r}.")
        names = [param.name for param in self.params]
        if len(names) != len(set(names)):
            raise ValueError(f"Action {self.id!r}: parameter names must be unique.")

    @property
    def cache_token(self) -> str:
        """``id:version:rules:hash`` — changes whenever the prompt can change.

        The hash of the prompt text is there too, so an edited prompt whose
        version was not bumped never serves stale cached answers.
        """
        digest = hashlib.sha256(self.system_prompt.encode()).hexdigest()[:8]
        return f"{self.id}:{self.version}:{RULES_VERSION}:{digest}"

    def get_param(self, name: str) -> Param | None:
        return next((param for param in self.params if param.name == name), None)

    def max_tokens_for(self, text: str = "", field_info: FieldInfo | None = None) -> int:
        """How many tokens the answer may use, from the action and the input.

        - A field action: enough for ``max_length`` characters (per candidate), never more
          than ``max_tokens``.
        - A rewrite: ``output_ratio`` times the tokens of ``text`` (:func:`count_tokens`) plus
          a little slack; with a ratio of 1 or less (shortening) never more than the text
          itself has. Bounded by :data:`MAX_TOKENS_CEILING`.
        """
        if self.kind == "field":
            limit = resolve_max_length(
                self.default_max_length, field_info.max_length if field_info else None
            )
            if not limit:
                return self.max_tokens
            return min(self.max_tokens, math.ceil(limit / CHARS_PER_TOKEN) + FIELD_SLACK_TOKENS)
        if not text or self.output_ratio is None:
            return self.max_tokens
        source = max(1, count_tokens(text))
        wanted = math.ceil(source * self.output_ratio)
        if self.output_ratio <= 1:
            return min(wanted, source, MAX_TOKENS_CEILING)
        return min(wanted + REWRITE_SLACK_TOKENS, MAX_TOKENS_CEILING)

    def generation_params(
        self,
        text: str = "",
        candidates: int | None = None,
        field_info: FieldInfo | None = None,
    ) -> GenerationParams:
        """Sampling parameters for a backend call."""
        wanted = self.candidates if candidates is None else candidates
        return GenerationParams(
            max_tokens=self.max_tokens_for(text, field_info),
            temperature=self.temperature,
            candidates=max(1, min(wanted, conf.get("MAX_CANDIDATES"))),
            response_schema=self.response_schema,
        )

    def as_client_dict(self) -> dict[str, Any]:
        """JSON-safe description for the browser (never the prompt)."""
        return {
            "id": self.id,
            "label": str(self.label),
            "description": str(self.description),
            "kind": self.kind,
            "output": self.output,
            "formats": list(self.formats),
            "params": [param.as_client_dict() for param in self.params],
            "candidates": self.candidates,
        }


# -- registry --------------------------------------------------------------------

_registry: dict[str, Action] | None = None


def _actions() -> dict[str, Action]:
    global _registry
    if _registry is None:
        from wagtail_ai_blocks.prompts.builtin import BUILTIN_ACTIONS

        _registry = {action.id: action for action in BUILTIN_ACTIONS}
    return _registry


def get_action(action_id: str) -> Action:
    """The registered action with this id; :class:`UnknownAction` (400) if none."""
    try:
        return _actions()[action_id]
    except (KeyError, TypeError) as exc:
        raise UnknownAction(detail={"field": "action"}) from exc


def list_actions(kind: Kind | None = None) -> list[Action]:
    """Registered actions in registration order, optionally of one ``kind``."""
    return [action for action in _actions().values() if kind is None or action.kind == kind]


def register_action(action: Action, *, replace: bool = False) -> Action:
    """Add ``action`` to the registry.

    Registering an id that exists raises ``ValueError`` unless ``replace=True``
    (to override a built-in, bump its ``version`` so cached answers are not reused).
    """
    if not isinstance(action, Action):
        raise TypeError("register_action() expects an Action.")
    actions = _actions()
    if action.id in actions and not replace:
        raise ValueError(
            f"An action with id {action.id!r} is already registered; pass replace=True."
        )
    actions[action.id] = action
    return action


def unregister_action(action_id: str) -> None:
    """Remove an action (no error if it is not registered)."""
    _actions().pop(action_id, None)


def reset_actions() -> None:
    """Back to the built-in actions only (for tests)."""
    global _registry
    _registry = None
