"""``AIRichTextBlock``: rich text with the ``ai`` Draftail feature and "Draft this section"."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register

from wagtail_ai_blocks.blocks.mixin import AIBlockMixin, AIFieldBlockAdapter

#: The Draftail feature of the inline AI toolbar (``wagtail_ai_blocks/rich_text.py``).
AI_FEATURE = "ai"


def with_ai_feature(features: Sequence[str] | None) -> list[str]:
    """``features`` plus ``ai``; ``None`` means Wagtail's default features."""
    if features is None:
        from wagtail.rich_text import features as feature_registry

        features = feature_registry.get_default_features()
    return [*features, AI_FEATURE] if AI_FEATURE not in features else list(features)


class AIRichTextBlock(AIBlockMixin, blocks.RichTextBlock):
    """A ``RichTextBlock`` with the inline AI toolbar (the ``ai`` feature) and, when
    empty, "Draft this section": a draft written from the page title and the
    text of the blocks before and after it. With text in it, "Improve" rewrites
    it, keeping its links and formatting.

    ``features`` works as on ``RichTextBlock`` (``None``: Wagtail's defaults);
    ``ai`` is always added. Every ``AIBlockMixin`` option applies.
    """

    class Meta:
        ai_labels = {"generate": _("Draft this section"), "improve": _("Improve")}

    # RichTextBlock sets ``self.features`` in its constructor; resolving it on
    # read keeps the feature registry (filled by wagtail_hooks) out of model import.
    @property
    def features(self) -> list[str]:
        return with_ai_feature(self._features)

    @features.setter
    def features(self, value: Sequence[str] | None) -> None:
        self._features = value


class AIRichTextBlockAdapter(AIFieldBlockAdapter):
    js_constructor = "wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock"


# Migrations name the public path, so this module can move.
DECONSTRUCT_ALIASES = {
    AIRichTextBlock: "wagtail_ai_blocks.blocks.AIRichTextBlock",
}

register(AIRichTextBlockAdapter(), AIRichTextBlock)
