"""``AIImageBlock``: image, alt text written in context, decorative."""

from __future__ import annotations

import pytest
from wagtail.admin.telepath import JSContext
from wagtail.blocks.struct_block import StructBlockValidationError

from wagtail_ai_blocks.blocks import AIImageBlock


def test_the_alt_text_asks_the_alt_text_action_with_the_sibling_image():
    block = AIImageBlock()
    block.set_name("image")
    alt_text = block.child_blocks["alt_text"]

    packed = JSContext().pack(alt_text)

    assert packed["_type"] == "wagtail_ai_blocks.blocks.image.AIAltTextBlock"
    attrs = packed["_args"][-1]
    assert attrs["data-wab-ai-field-action-value"] == "image_alt_text"
    assert attrs["data-wab-ai-field-image-field-value"] == "image"
    assert attrs["data-wab-ai-field-mode-value"] == "field"
    assert attrs["data-wab-ai-field-max-length-value"] == "250"


def test_alt_text_is_required_unless_the_image_is_decorative(plant_image):
    block = AIImageBlock()
    image = plant_image(size=(200, 150))

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "alt_text" in error.value.block_errors

    cleaned = block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    assert cleaned["decorative"] is True


def test_it_renders_its_alt_text_and_empty_alt_when_decorative(plant_image):
    block = AIImageBlock()
    image = plant_image(size=(200, 150))

    described = block.render(block.to_python({"image": image.pk, "alt_text": "A fern."}))
    decorative = block.render(
        block.to_python({"image": image.pk, "alt_text": "ignored", "decorative": True})
    )

    assert 'alt="A fern."' in described
    assert 'alt=""' in decorative
