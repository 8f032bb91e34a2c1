"""Page context sent by the browser, validated and bounded.

The browser sends what it can see on the edit form::

    {"page_title": "…", "page_type": "Blog page", "locale": "en",
     "fields": {"introduction": "…"}, "neighbours": ["…", "…"]}

:func:`build_context` accepts only those keys and only strings, strips HTML
from every value and bounds the total to ``MAX_CONTEXT_CHARS``. The result is
a frozen, hashable :class:`Context` with a stable text form for the prompt and
a digest for cache keys.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import BadRequest
from wagtail_ai_blocks.richtext import html_to_text

CONTEXT_KEYS = ("page_title", "page_type", "locale", "fields", "neighbours")
MAX_FIELDS = 30
MAX_NEIGHBOURS = 10
_FIELD_NAME_RE = re.compile(r"^[A-Za-z_][\w.\-]{0,63}$")
_LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Context:
    """What the model is told about the page. Empty by default.

    ``fields`` is sorted by name, so the same form always gives the same
    context, prompt and cache key.
    """

    page_title: str = ""
    page_type: str = ""
    locale: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    neighbours: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(self.values())

    def values(self) -> list[str]:
        """Every value, in prompt order."""
        return [
            self.page_title,
            self.page_type,
            self.locale,
            *(value for _name, value in self.fields),
            *self.neighbours,
        ]

    @property
    def total_chars(self) -> int:
        """Characters of content (what ``MAX_CONTEXT_CHARS`` bounds)."""
        return sum(len(value) for value in self.values())

    def as_prompt_text(self) -> str:
        """One ``Label: value`` line per non-empty value, in a fixed order."""
        lines = []
        if self.page_title:
            lines.append(f"Page title: {self.page_title}")
        if self.page_type:
            lines.append(f"Page type: {self.page_type}")
        if self.locale:
            lines.append(f"Page locale: {self.locale}")
        lines.extend(f"Field {name}: {value}" for name, value in self.fields)
        lines.extend(f"Nearby text: {value}" for value in self.neighbours)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe form (the same shape the browser sends)."""
        return {
            "page_title": self.page_title,
            "page_type": self.page_type,
            "locale": self.locale,
            "fields": dict(self.fields),
            "neighbours": list(self.neighbours),
        }

    @property
    def digest(self) -> str:
        """SHA-256 of the canonical JSON form, for cache keys."""
        canonical = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _bad(field: str, message: Any) -> BadRequest:
    return BadRequest(message, detail={"field": field})


def _clean_value(value: Any, field: str, raw_limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _bad(field, _("This value must be text."))
    # Parsing is linear, but there is no point parsing megabytes we will trim.
    return html_to_text(value[:raw_limit])


def build_context(raw: Any) -> Context:
    """Validate and bound the context the browser sent.

    Raises :class:`~wagtail_ai_blocks.exceptions.BadRequest` naming the field
    (``context.fields.intro``…) for unknown keys or values that are not strings.
    ``None`` or ``{}`` give an empty context.
    """
    if raw is None:
        return Context()
    if isinstance(raw, Context):
        return raw
    if not isinstance(raw, dict):
        raise _bad("context", _("The page context must be an object."))
    unknown = sorted(set(raw) - set(CONTEXT_KEYS), key=str)
    if unknown:
        raise _bad(f"context.{unknown[0]}", _("Unknown page context field."))

    budget = max(0, int(conf.get("MAX_CONTEXT_CHARS")))
    raw_limit = budget * 4 + 1000

    page_title = _clean_value(raw.get("page_title"), "context.page_title", raw_limit)
    page_type = _clean_value(raw.get("page_type"), "context.page_type", raw_limit)
    locale = _clean_value(raw.get("locale"), "context.locale", raw_limit)
    if locale and not _LOCALE_RE.match(locale):
        raise _bad("context.locale", _("This is not a valid locale."))

    raw_fields = raw.get("fields") or {}
    if not isinstance(raw_fields, dict):
        raise _bad("context.fields", _("Page fields must be an object."))
    if len(raw_fields) > MAX_FIELDS:
        raise _bad("context.fields", _("Too many page fields."))
    fields = []
    for name in sorted(raw_fields, key=str):
        if not isinstance(name, str) or not _FIELD_NAME_RE.match(name):
            raise _bad("context.fields", _("A page field name is not valid."))
        value = _clean_value(raw_fields[name], f"context.fields.{name}", raw_limit)
        if value:
            fields.append((name, value))

    raw_neighbours = raw.get("neighbours") or []
    if not isinstance(raw_neighbours, list):
        raise _bad("context.neighbours", _("Nearby text must be a list."))
    if len(raw_neighbours) > MAX_NEIGHBOURS:
        raise _bad("context.neighbours", _("Too many nearby texts."))
    neighbours = [
        value
        for index, item in enumerate(raw_neighbours)
        if (value := _clean_value(item, f"context.neighbours.{index}", raw_limit))
    ]

    values = [page_title, page_type, locale, *(v for _n, v in fields), *neighbours]
    bounded = bound_values(values, budget)
    page_title, page_type, locale = bounded[:3]
    field_values = bounded[3 : 3 + len(fields)]
    neighbour_values = bounded[3 + len(fields) :]
    return Context(
        page_title=page_title,
        page_type=page_type,
        locale=locale,
        fields=tuple(
            (name, value) for (name, _old), value in zip(fields, field_values, strict=True) if value
        ),
        neighbours=tuple(value for value in neighbour_values if value),
    )


def bound_values(values: list[str], budget: int) -> list[str]:
    """Trim ``values`` so their lengths add up to at most ``budget``.

    The longest values are trimmed first: every value longer than a common cap
    is cut to that cap, and the cap is the largest that fits. Leftover
    characters go to the earliest long values, so the total is exactly
    ``budget`` whenever trimming was needed. A trimmed value ends with "…".
    """
    lengths = [len(value) for value in values]
    if sum(lengths) <= budget:
        return list(values)
    if budget <= 0:
        return ["" for _value in values]

    low, high = 0, max(lengths)
    while low < high:  # the largest cap whose total fits
        mid = (low + high + 1) // 2
        if sum(min(length, mid) for length in lengths) <= budget:
            low = mid
        else:
            high = mid - 1
    cap = low
    spare = budget - sum(min(length, cap) for length in lengths)
    caps = []
    for length in lengths:
        if length > cap and spare > 0:
            caps.append(cap + 1)
            spare -= 1
        else:
            caps.append(cap)
    return [_trim(value, limit) for value, limit in zip(values, caps, strict=True)]


def _trim(value: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    if limit <= 0:
        return ""
    return value[: limit - 1] + ELLIPSIS
