"""``AIImageBlock``: an image with alt text written for the page it is on.

Generate asks the ``image_alt_text`` action with the chosen image (the model sees a
rendition of it) and the page around the block: the page title and the text of the
blocks before and after it. A "decorative" image gets empty alt text instead.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from wagtail_ai_blocks.blocks.mixin import AIBlockMixin, AIFieldBlockAdapter


class AIAltTextBlock(AIBlockMixin, blocks.CharBlock):
    """Alt text with Generate/Improve from the image in the sibling ``ai_image_field``."""

    class Meta:
        ai_action = "image_alt_text"
        ai_image_field = "image"


class AIImageBlock(blocks.StructBlock):
    """An image, its alt text (AI-assisted, in context) and whether it is decorative.

    Its value renders with ``alt`` set to the alt text, or to ``""`` when decorative.
    """

    image = ImageChooserBlock(label=_("Image"))
    alt_text = AIAltTextBlock(
        required=False,
        max_length=250,
        label=_("Alt text"),
        help_text=_("What the image shows that matters here, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("Decorative"),
        help_text=_("Decorative images are skipped by screen readers and need no alt text."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_ai_blocks/blocks/ai_image_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Write the alt text, or mark the image as decorative.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = "" if value.get("decorative") else value.get("alt_text", "")
        return context


class AIAltTextBlockAdapter(AIFieldBlockAdapter):
    js_constructor = "wagtail_ai_blocks.blocks.image.AIAltTextBlock"


register(AIAltTextBlockAdapter(), AIAltTextBlock)
