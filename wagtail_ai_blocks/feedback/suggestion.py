"""A rich text improvement's suggested text as Draftail contentstate, formatting kept.

The model suggests plain text. For a rich text field the browser applies it through
the toolbar's path (``frontend/src/draftail/apply.ts``: one ``insert-fragment``, one
undo step), which takes Draft.js raw content. Here the suggestion goes through the
same converter as every rich text answer (:func:`~wagtail_ai_blocks.richtext.to_contentstate`):
the links, bold and italic of the original text are put back around the words the
suggestion still has (:func:`~wagtail_ai_blocks.marks.restore`), and no link can
appear that the field did not already hold.
"""

from __future__ import annotations

from wagtail_ai_blocks.exceptions import AIBlocksError
from wagtail_ai_blocks.marks import Block, PlainSource, plain_source, restore
from wagtail_ai_blocks.richtext import to_contentstate


def suggestion_contentstate(original: str, suggested: str, field_html: str) -> dict | None:
    """One paragraph of contentstate for ``suggested``, with the marks of ``field_html``
    that lie inside ``original``; ``None`` when it cannot be converted."""
    marks = tuple(mark for mark in plain_source(field_html).marks if mark.text in original)
    # One block: the browser replaces a range inside the editor's own blocks, which
    # keep their type (heading, list item), so only the inline content matters here.
    source = PlainSource(original, (Block("p", "", original),), marks)
    single_line = " ".join(suggested.split())
    try:
        return to_contentstate(restore(single_line, source), None, source_html=field_html)
    except AIBlocksError:
        return None
