"""Safe rich text: the HTML we ask the model for, and what reaches the editor.

The model answers in Wagtail's database HTML format (``<p>``, ``<b>``,
``<a href="…">``, ``<a linktype="page" id="3">``…). Nothing from that answer
goes to Draftail directly: :func:`to_contentstate` first rebuilds the HTML from
a parse tree, keeping only the elements and attributes the field's features
allow (so it is also well formed, which Wagtail's converter requires: it raises
``AssertionError`` on unbalanced tags), and then hands it to Wagtail's own
``ContentstateConverter``.

Wagtail's converter alone is not enough for model output: it keeps
``javascript:`` and ``data:`` URLs in link entities (it only filters them when
exporting back to the database), it turns the content of ``<script>`` and
``<style>`` into visible text, and it fails on ``<img>`` inside a paragraph.
The sanitising step here handles each of those; ``tests/test_richtext.py`` has
the matrix.

The package, one module per job: :mod:`.features` (feature policy), :mod:`.urls`
(safe link targets), :mod:`.tree` (parse tree), :mod:`.sanitiser` (the sanitising
serialiser), :mod:`.converter` (glue to Wagtail's contentstate converter) and
:mod:`.text` (plain text and entity helpers).
"""

from __future__ import annotations

from wagtail_ai_blocks.richtext.converter import (
    selection_html_to_prompt,
    to_contentstate,
    to_editor_html,
)
from wagtail_ai_blocks.richtext.features import (
    FEATURE_TAGS,
    FeaturePolicy,
    allowed_tags,
    describe_allowed_tags,
    resolve_features,
)
from wagtail_ai_blocks.richtext.sanitiser import sanitise_html
from wagtail_ai_blocks.richtext.text import html_to_text, lost_entities
from wagtail_ai_blocks.richtext.tree import MAX_DEPTH
from wagtail_ai_blocks.richtext.urls import is_safe_url

__all__ = [
    "FEATURE_TAGS",
    "MAX_DEPTH",
    "FeaturePolicy",
    "allowed_tags",
    "describe_allowed_tags",
    "html_to_text",
    "is_safe_url",
    "lost_entities",
    "resolve_features",
    "sanitise_html",
    "selection_html_to_prompt",
    "to_contentstate",
    "to_editor_html",
]
