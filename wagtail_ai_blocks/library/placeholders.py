"""Placeholders in library prompts: parsed, validated on save, turned into a task.

An administrator writes an instruction such as::

    Rewrite {selected_text} as a tweet about {page_title}, in {language}.

Allowed placeholders:

``{selected_text}``
    the text the editor selected (or the field's current value);
``{page_title}``
    the page's title;
``{field:<name>}``
    another field of the page, e.g. ``{field:intro}``;
``{language}``
    a language the editor picks from a list when running the prompt.

``{{`` and ``}}`` stand for literal braces. Anything else in braces is an error
that names the placeholder and lists the allowed ones.

Editor content never enters the system message: :func:`to_task` replaces each
content placeholder with a reference to the delimited data block that carries it
(``the TEXT block``), so an instruction hidden in a page title stays data.
``{language}`` is a declared parameter, validated against the list of languages,
and is filled in by :func:`wagtail_ai_blocks.prompts.messages.render_task`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SELECTED_TEXT = "selected_text"
PAGE_TITLE = "page_title"
LANGUAGE = "language"
FIELD_PREFIX = "field:"

#: How the allowed placeholders are listed in error messages and help texts.
ALLOWED_DESCRIPTION = "{selected_text}, {page_title}, {field:<name>}, {language}"

_TOKEN_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_FIELD_NAME_RE = re.compile(r"^[A-Za-z_][\w.\-]{0,63}$")
#: A ``{word}`` in text that must not contain placeholders (the brand voice).
_PARAM_LIKE_RE = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Placeholder:
    """One placeholder found in an instruction: ``name`` and, for fields, ``field``."""

    name: str
    field: str = ""

    @property
    def source(self) -> str:
        return "{" + (FIELD_PREFIX + self.field if self.field else self.name) + "}"


def parse(instruction: str, extra: tuple[str, ...] = ()) -> list[Placeholder]:
    """The placeholders of ``instruction``, in order.

    ``extra`` names further allowed placeholders (the parameters of a built-in
    action being overridden, such as ``tone``). Raises
    :class:`~django.core.exceptions.ValidationError` with one message per problem.
    """
    found: list[Placeholder] = []
    errors: list[ValidationError] = []
    for match in _TOKEN_RE.finditer(instruction):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            errors.append(
                ValidationError(
                    _(
                        "A brace is not closed (at character %(position)s). "
                        "Write {{ or }} for a literal brace."
                    ),
                    code="unmatched_brace",
                    params={"position": match.start() + 1},
                )
            )
            continue
        inner = match.group(1).strip()
        placeholder = _placeholder(inner, extra)
        if placeholder is None:
            errors.append(
                ValidationError(
                    _("Unknown placeholder %(placeholder)s. Use %(allowed)s."),
                    code="unknown_placeholder",
                    params={"placeholder": token, "allowed": _allowed(extra)},
                )
            )
        else:
            found.append(placeholder)
    if errors:
        raise ValidationError(errors)
    return found


def _placeholder(inner: str, extra: tuple[str, ...]) -> Placeholder | None:
    if inner in (SELECTED_TEXT, PAGE_TITLE, LANGUAGE) or inner in extra:
        return Placeholder(inner)
    if inner.startswith(FIELD_PREFIX):
        name = inner[len(FIELD_PREFIX) :].strip()
        if _FIELD_NAME_RE.match(name):
            return Placeholder("field", field=name)
    return None


def _allowed(extra: tuple[str, ...]) -> str:
    return ", ".join([ALLOWED_DESCRIPTION, *("{" + name + "}" for name in extra)])


def validate_instruction(instruction: str, extra: tuple[str, ...] = ()) -> None:
    """Model/form validator: raises ``ValidationError`` for unknown placeholders."""
    parse(instruction, extra)


def validate_no_placeholders(text: str) -> None:
    """The brand voice is added to every prompt as it is: no ``{name}`` in it."""
    match = _PARAM_LIKE_RE.search(text)
    if match:
        raise ValidationError(
            _("The brand voice cannot contain placeholders such as %(placeholder)s."),
            code="placeholder_in_brand_voice",
            params={"placeholder": match.group(0)},
        )


def uses_language(instruction: str) -> bool:
    """Whether the instruction asks the editor for a language."""
    return any(p.name == LANGUAGE for p in _lenient(instruction))


def to_task(instruction: str, extra: tuple[str, ...] = ()) -> str:
    """The task text for the system prompt.

    Content placeholders become references to the data blocks; ``{language}``
    and the names in ``extra`` stay for ``render_task`` to fill in; ``{{`` and
    ``}}`` become single braces.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        if token in ("{", "}"):
            return token
        placeholder = _placeholder(match.group(1).strip(), extra)
        if placeholder is None:
            return token
        if placeholder.name == SELECTED_TEXT:
            return "the text in the TEXT block"
        if placeholder.name == PAGE_TITLE:
            return "the page title (in the CONTEXT block)"
        if placeholder.field:
            return f'the page\'s "{placeholder.field}" field (in the CONTEXT block)'
        return "{" + placeholder.name + "}"

    return _TOKEN_RE.sub(replace, instruction)


def _lenient(instruction: str) -> list[Placeholder]:
    try:
        return parse(instruction)
    except ValidationError:
        return []
