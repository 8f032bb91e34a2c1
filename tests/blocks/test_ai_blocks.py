"""AI StreamField blocks: their telepath arguments, constructors, media and options."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail import blocks
from wagtail.admin.telepath import JSContext, registry

from wagtail_ai_blocks.blocks import (
    AIBlockMixin,
    AICharBlock,
    AIFieldBlockAdapter,
    AIRichTextBlock,
    AITextBlock,
)

CONTROLLER_ATTRS = "data-wab-ai-field"


class TaglineBlock(AIBlockMixin, blocks.CharBlock):
    """Made AI-enabled in one line, as the README shows."""


def packed(block, name="block"):
    """``block`` named ``name``, packed by telepath as the editor receives it."""
    block.set_name(name)
    return JSContext().pack(block)


def ai_attributes(block, name="block") -> dict[str, str]:
    return packed(block, name)["_args"][3]


@pytest.mark.parametrize(
    ("block", "constructor"),
    [
        (AICharBlock(), "wagtail_ai_blocks.blocks.text.AICharBlock"),
        (AITextBlock(), "wagtail_ai_blocks.blocks.text.AITextBlock"),
        (AIRichTextBlock(), "wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock"),
        (TaglineBlock(), "wagtail_ai_blocks.blocks.mixin.AIBlockMixin"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, blocks.Block) else "",
)
def test_each_block_packs_as_its_dotted_path_with_wagtail_field_block_arguments(block, constructor):
    data = packed(block, "tagline")

    assert data["_type"] == constructor
    name, widget, meta, attributes = data["_args"]
    assert name == "tagline"
    assert widget["_type"]  # Wagtail's own widget, packed as usual
    assert meta["label"] == "Tagline"
    assert attributes["data-controller"] == "wab-ai-field"
    assert attributes[f"{CONTROLLER_ATTRS}-field-value"] == "tagline"


def test_text_block_drafts_from_its_neighbours_and_improves_its_text():
    attributes = ai_attributes(AITextBlock(), "text")

    assert attributes == {
        "data-controller": "wab-ai-field",
        f"{CONTROLLER_ATTRS}-action-value": "improve",
        f"{CONTROLLER_ATTRS}-field-value": "text",
        f"{CONTROLLER_ATTRS}-format-value": "text",
        f"{CONTROLLER_ATTRS}-candidates-value": "3",
        f"{CONTROLLER_ATTRS}-mode-value": "section",
        f"{CONTROLLER_ATTRS}-context-fields-value": "[]",
        f"{CONTROLLER_ATTRS}-labels-value": '{"generate": "Generate", "improve": "Improve"}',
    }


def test_char_block_suggests_headings_within_its_max_length():
    expected = {
        f"{CONTROLLER_ATTRS}-action-value": "heading",
        f"{CONTROLLER_ATTRS}-mode-value": "field",
        f"{CONTROLLER_ATTRS}-max-length-value": "50",
    }
    assert ai_attributes(AICharBlock(max_length=50)).items() >= expected.items()
    # Without its own limit, the heading action's applies.
    assert ai_attributes(AICharBlock())[f"{CONTROLLER_ATTRS}-max-length-value"] == "80"


def test_rich_text_block_has_the_ai_feature_and_drafts_sections_in_html():
    block = AIRichTextBlock(features=["bold", "link"], max_length=2000)

    attributes = ai_attributes(block, "paragraph")

    assert block.features == ["bold", "link", "ai"]
    assert attributes[f"{CONTROLLER_ATTRS}-format-value"] == "html"
    assert attributes[f"{CONTROLLER_ATTRS}-features-value"] == '["bold", "link", "ai"]'
    assert attributes[f"{CONTROLLER_ATTRS}-candidates-value"] == "1"
    assert attributes[f"{CONTROLLER_ATTRS}-max-length-value"] == "2000"
    assert attributes[f"{CONTROLLER_ATTRS}-labels-value"] == (
        '{"generate": "Draft this section", "improve": "Improve"}'
    )


def test_rich_text_block_adds_ai_to_the_default_features_when_given_none():
    from wagtail.rich_text import features

    block = AIRichTextBlock()

    assert block.features == [*features.get_default_features(), "ai"]
    assert AIRichTextBlock(features=["ai", "bold"]).features == ["ai", "bold"]
    assert "ai" in block.field.widget.features


def test_rich_text_block_migrations_keep_the_features_as_given():
    path, _args, kwargs = AIRichTextBlock(features=None).deconstruct()

    assert path == "wagtail_ai_blocks.blocks.AIRichTextBlock"
    assert kwargs == {"features": None}


@pytest.mark.parametrize("cls", [AICharBlock, AITextBlock, AIRichTextBlock])
def test_migrations_name_the_public_path(cls):
    path, _args, kwargs = cls(ai_candidates=5).deconstruct()

    assert path == f"wagtail_ai_blocks.blocks.{cls.__name__}"
    assert kwargs == {"ai_candidates": 5}


def test_mixin_options_come_from_keyword_arguments_or_meta():
    class SummaryBlock(AIBlockMixin, blocks.TextBlock):
        class Meta:
            ai_action = "shorten"
            ai_context_fields = ["title"]

    attributes = ai_attributes(SummaryBlock(ai_candidates=2, ai_max_length=90))

    assert attributes[f"{CONTROLLER_ATTRS}-action-value"] == "shorten"
    assert attributes[f"{CONTROLLER_ATTRS}-mode-value"] == "rewrite"  # Improve only
    assert attributes[f"{CONTROLLER_ATTRS}-candidates-value"] == "2"
    assert attributes[f"{CONTROLLER_ATTRS}-max-length-value"] == "90"
    assert attributes[f"{CONTROLLER_ATTRS}-context-fields-value"] == '["title"]'


def test_mixin_adapter_is_found_for_any_subclass():
    assert isinstance(registry.find_adapter(TaglineBlock), AIFieldBlockAdapter)


def test_mixin_refuses_blocks_that_are_not_field_blocks():
    class AIStruct(AIBlockMixin, blocks.StructBlock):
        pass

    with pytest.raises(ImproperlyConfigured, match="works with FieldBlock subclasses"):
        AIStruct()


def test_unknown_action_names_the_registered_ones():
    with pytest.raises(ImproperlyConfigured, match=r"no AI action 'nope'.*introduction"):
        ai_attributes(AITextBlock(ai_action="nope"))


def static_paths(paths) -> list[str]:
    return [path.split("?")[0].removeprefix("/static/") for path in paths]


def test_block_media_loads_wagtail_blocks_then_the_controller_and_our_blocks():
    context = JSContext()
    context.pack(AITextBlock())

    js = static_paths(context.media._js)

    assert js.index("wagtailadmin/js/telepath/blocks.js") < js.index(
        "wagtail_ai_blocks/js/blocks.js"
    )
    assert js.index("wagtail_ai_blocks/js/panel.js") < js.index("wagtail_ai_blocks/js/blocks.js")
    assert static_paths(context.media._css["all"]) == ["wagtail_ai_blocks/css/panel.css"]


def test_blocks_nested_in_list_and_stream_blocks_pack_as_ai_blocks():
    from tests.editor_pages import telepath_nodes

    block = blocks.StreamBlock(
        [
            ("points", blocks.ListBlock(AITextBlock())),
            ("inner", blocks.StreamBlock([("note", AICharBlock())])),
        ]
    )

    nodes = list(telepath_nodes(packed(block, "body")))

    assert [node["_type"] for node in nodes if node["_type"].startswith("wagtail_ai")] == [
        "wagtail_ai_blocks.blocks.text.AITextBlock",  # a ListBlock's child has no name
        "wagtail_ai_blocks.blocks.text.AICharBlock",
    ]
