"""``AICharBlock`` and ``AITextBlock``: one-line and multi-line text with AI suggestions."""

from __future__ import annotations

from wagtail import blocks
from wagtail.admin.telepath import register

from wagtail_ai_blocks.blocks.mixin import AIBlockMixin, AIFieldBlockAdapter


class AICharBlock(AIBlockMixin, blocks.CharBlock):
    """A ``CharBlock`` whose Generate and Improve suggest headings (the ``heading`` action,
    from the text of the blocks around it).

    ``max_length`` bounds the suggestions. Every ``AIBlockMixin`` option applies.
    """

    class Meta:
        ai_action = "heading"


class AITextBlock(AIBlockMixin, blocks.TextBlock):
    """A ``TextBlock`` that drafts itself from the blocks around it and the page title.

    With text in it, "Improve" rewrites it (the ``improve`` action). Pass
    ``ai_action="introduction"`` (or any field action) to ask that action instead.
    """


class AICharBlockAdapter(AIFieldBlockAdapter):
    js_constructor = "wagtail_ai_blocks.blocks.text.AICharBlock"


class AITextBlockAdapter(AIFieldBlockAdapter):
    js_constructor = "wagtail_ai_blocks.blocks.text.AITextBlock"


# Migrations name the public path, so this module can move.
DECONSTRUCT_ALIASES = {
    AICharBlock: "wagtail_ai_blocks.blocks.AICharBlock",
    AITextBlock: "wagtail_ai_blocks.blocks.AITextBlock",
}

register(AICharBlockAdapter(), AICharBlock)
register(AITextBlockAdapter(), AITextBlock)
