"""StreamField blocks with AI suggestions, registered with Wagtail's telepath.

::

    from wagtail_ai_blocks.blocks import (
        AIBlockMixin, AICharBlock, AIRichTextBlock, AITextBlock,
    )

One block family per module, each with its telepath adapter beside it; the
JavaScript side is ``frontend/src/blocks/``.
"""

from __future__ import annotations

from wagtail_ai_blocks.blocks.image import AIAltTextBlock, AIImageBlock
from wagtail_ai_blocks.blocks.mixin import AIBlockMixin, AIFieldBlockAdapter
from wagtail_ai_blocks.blocks.rich_text import AIRichTextBlock
from wagtail_ai_blocks.blocks.text import AICharBlock, AITextBlock

__all__ = [
    "AIAltTextBlock",
    "AIBlockMixin",
    "AICharBlock",
    "AIFieldBlockAdapter",
    "AIImageBlock",
    "AIRichTextBlock",
    "AITextBlock",
]
