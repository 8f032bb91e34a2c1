"""Building the chat messages for one action.

The system message is ours alone: the action's task, its validated parameters
and the shared rules. It never depends on the text or the page context, so an
editor's selection cannot change it. The user message holds only delimited
data blocks: the page context and the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import Message
from wagtail_ai_blocks.exceptions import BadRequest, PayloadTooLarge
from wagtail_ai_blocks.prompts import rules
from wagtail_ai_blocks.prompts.actions import Action, FieldInfo, resolve_max_length
from wagtail_ai_blocks.prompts.blocks import delimit
from wagtail_ai_blocks.prompts.context import Context, build_context
from wagtail_ai_blocks.prompts.params import language_name, normalise_language
from wagtail_ai_blocks.richtext import (
    allowed_tags,
    describe_allowed_tags,
    selection_html_to_prompt,
)

_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


def validate_params(action: Action, params: Mapping[str, Any] | None) -> dict[str, str]:
    """Check ``params`` against the action's schema; return them cleaned, defaults filled.

    Raises :class:`~wagtail_ai_blocks.exceptions.BadRequest` naming the field
    (``params.tone``…) for unknown names, wrong types, values outside the
    choices and missing required parameters.
    """
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        raise BadRequest(_("Options must be an object."), detail={"field": "params"})
    for name in params:
        if action.get_param(name) is None:
            raise BadRequest(
                _("This action has no such option."), detail={"field": f"params.{name}"}
            )
    cleaned: dict[str, str] = {}
    for param in action.params:
        value = params.get(param.name)
        if value is None or value == "":
            if param.default is not None:
                cleaned[param.name] = param.default
            elif param.required:
                raise BadRequest(_("This option is required."), detail={"field": param.field})
            continue
        cleaned[param.name] = param.clean(value)
    return cleaned


def render_task(action: Action, params: Mapping[str, str], field: FieldInfo | None = None) -> str:
    """The action's prompt with ``{name}`` replaced for each declared parameter, and
    ``{length}`` (when no parameter has that name) by wording that fits the field."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        param = action.get_param(name)
        if param is None:
            if name == "length":
                return rules.length_wording(
                    resolve_max_length(
                        action.default_max_length, field.max_length if field else None
                    )
                )
            return match.group(0)
        if name not in params:
            return match.group(0)
        return param.prompt_text(params[name])

    return _PLACEHOLDER_RE.sub(replace, action.system_prompt)


def build_system_prompt(
    action: Action,
    fmt: str,
    params: Mapping[str, str],
    field: FieldInfo | None = None,
    locale: str = "",
) -> str:
    """The full system message for already validated ``params``.

    ``locale`` is the page's (validated) locale: answers are written in its
    language unless the action translates.
    """
    lines = [rules.PREAMBLE, "", "TASK", render_task(action, params, field)]
    if action.kind == "field":
        lines.append(rules.FIELD_CURRENT)

    rule_lines = [rules.ANSWER_ONLY]
    language = action.get_param("language")
    if language is not None and language.kind == "language" and "language" in params:
        rule_lines.append(
            rules.LANGUAGE_TARGET.format(language=language.prompt_text(params["language"]))
        )
    elif page_language := normalise_language(locale) if locale else None:
        rule_lines.append(rules.LANGUAGE_LOCALE.format(language=language_name(page_language)))
    elif action.kind == "field":
        rule_lines.append(rules.LANGUAGE_PAGE)
    else:
        rule_lines.append(rules.LANGUAGE_SAME)
    rule_lines.append(rules.DATA_RULE)

    if action.response_schema is not None:
        schema = json.dumps(action.response_schema, separators=(",", ":"))
        rule_lines.append(rules.FORMAT_JSON.format(schema=schema))
    elif fmt == "html":
        features = field.features if field else None
        rule_lines.append(rules.FORMAT_HTML.format(tags=describe_allowed_tags(features)))
        if "embed" in allowed_tags(features):
            rule_lines.append(rules.FORMAT_HTML_EMBEDS)
    elif action.shape in ("line", "headline"):
        rule_lines.append(rules.FORMAT_LINE)
    else:
        rule_lines.append(rules.FORMAT_TEXT)

    max_length = resolve_max_length(action.default_max_length, field.max_length if field else None)
    if max_length and fmt == "text":
        rule_lines.append(rules.LENGTH_MAX.format(max=max_length))
    if action.target_length:
        low, high = action.target_length
        if max_length and fmt == "text":
            high = min(high, max_length)
            low = min(low, high)
        rule_lines.append(rules.LENGTH_TARGET.format(low=low, high=high))

    lines += ["", "RULES", *(f"- {line}" for line in rule_lines)]
    return "\n".join(lines)


def build_user_prompt(text: str, context: Context) -> str:
    """The delimited data blocks: context first, then the text."""
    parts = []
    if context:
        parts.append(delimit("CONTEXT", context.as_prompt_text()))
    if text:
        parts.append(delimit("TEXT", text))
    return "\n\n".join(parts)


def prepare_text(text: Any, fmt: str, field: FieldInfo | None = None) -> str:
    """Validate the text and normalise it for the prompt (HTML to the allowed subset)."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise BadRequest(_("The text must be a string."), detail={"field": "text"})
    limit = conf.get("MAX_TEXT_CHARS")
    if len(text) > limit:
        raise PayloadTooLarge(detail={"field": "text", "max_chars": limit})
    if fmt == "html":
        text = selection_html_to_prompt(text, field.features if field else None)
    return text.strip()


def build_messages(
    action: Action,
    text: str | None,
    fmt: str = "text",
    params: Mapping[str, Any] | None = None,
    context: Context | Mapping[str, Any] | None = None,
    field: FieldInfo | None = None,
    *,
    profile: str = "standard",
) -> list[Message]:
    """The system and user messages for one request.

    ``profile`` is the backend's prompt profile: ``"small"`` builds the short prompts
    of :mod:`wagtail_ai_blocks.prompts.small` instead.

    ``fmt`` is ``"text"`` or ``"html"`` (HTML text is normalised to the field's
    features first). ``context`` may be a :class:`Context` or the raw dict from
    the browser. Rewrite actions need text; field actions need text or context.

    Raises :class:`~wagtail_ai_blocks.exceptions.BadRequest` (400, with
    ``detail["field"]``) or :class:`~wagtail_ai_blocks.exceptions.PayloadTooLarge`
    (413) when the text is longer than ``MAX_TEXT_CHARS``.
    """
    if fmt not in action.formats:
        raise BadRequest(_("This action does not support this format."), detail={"field": "format"})
    cleaned_params = validate_params(action, params)
    prepared = prepare_text(text, fmt, field)
    page_context = build_context(context)
    if action.kind == "rewrite" and not prepared:
        raise BadRequest(_("Select some text first."), detail={"field": "text"})
    if action.kind == "page" and not prepared:
        raise BadRequest(_("The page has no text to review yet."), detail={"field": "text"})
    if action.kind == "field" and not prepared and not page_context:
        raise BadRequest(
            _("Add some content to the page first, then try again."),
            detail={"field": "context"},
        )
    if profile == "small":
        from wagtail_ai_blocks.prompts.small import build_small_messages

        return build_small_messages(action, prepared, fmt, cleaned_params, page_context, field)
    return [
        Message(
            role="system",
            content=build_system_prompt(
                action, fmt, cleaned_params, field, locale=page_context.locale
            ),
        ),
        Message(role="user", content=build_user_prompt(prepared, page_context)),
    ]
