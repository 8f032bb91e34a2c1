"""Converter glue: model HTML to Draftail's contentstate through Wagtail's converter, and back."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks.exceptions import ProviderError
from wagtail_ai_blocks.richtext.features import resolve_features
from wagtail_ai_blocks.richtext.sanitiser import Sanitiser, sanitise_html
from wagtail_ai_blocks.richtext.tree import BLOCK_KEY_RE, parse
from wagtail_ai_blocks.richtext.urls import is_safe_url


def selection_html_to_prompt(html: str, features: Iterable[str] | None) -> str:
    """Normalise selection HTML from the browser to the subset the prompt uses.

    One block per line, so the model sees the structure without noise.
    """
    sanitiser = Sanitiser(resolve_features(features), None)
    return "\n".join(sanitiser.blocks(parse(html).children))


def to_contentstate(
    html: str, features: Iterable[str] | None, *, source_html: str | None = None
) -> dict:
    """Convert the model's HTML to Draftail contentstate, safely.

    ``html`` is sanitised (see :func:`sanitise_html`) and then converted by
    Wagtail's ``ContentstateConverter``; link entities are checked again
    afterwards. Raises :class:`~wagtail_ai_blocks.exceptions.ProviderError`
    if the answer cannot be converted.
    """
    policy = resolve_features(features)
    clean = sanitise_html(html, policy, source_html=source_html)
    try:
        contentstate = json.loads(policy.converter.from_database_format(clean))
    except (AssertionError, KeyError, ValueError, TypeError) as exc:
        raise ProviderError(_("The AI answer could not be turned into rich text.")) from exc
    return _scrub_contentstate(contentstate)


def to_editor_html(contentstate: dict, features: Iterable[str] | None) -> str:
    """Wagtail database HTML for ``contentstate`` (for diffing and previews).

    Internal links stay in database form (``<a linktype="page" id="3">``);
    Draftail's block keys are dropped so the result is stable.
    """
    converter = resolve_features(features).converter
    html = converter.to_database_format(json.dumps(contentstate))
    return BLOCK_KEY_RE.sub("", html)


def _scrub_contentstate(contentstate: dict) -> dict:
    """Defence in depth: drop any link entity whose URL is not safe."""
    entity_map = contentstate.get("entityMap", {})
    bad = {
        key
        for key, entity in entity_map.items()
        if entity.get("type") == "LINK"
        and "id" not in entity.get("data", {})
        and not is_safe_url(entity.get("data", {}).get("url") or "")
    }
    if bad:
        for key in bad:
            del entity_map[key]
        for block in contentstate.get("blocks", []):
            block["entityRanges"] = [
                entity_range
                for entity_range in block.get("entityRanges", [])
                if str(entity_range.get("key")) not in bad
            ]
    return contentstate
