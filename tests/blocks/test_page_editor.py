"""What the page editor sends to the browser for the demo's AI StreamField blocks."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.editor_pages import scripts, soup, stream_block_definitions, stylesheets

pytestmark = pytest.mark.django_db

AI_CONSTRUCTORS = {
    "wagtail_ai_blocks.blocks.text.AICharBlock",
    "wagtail_ai_blocks.blocks.text.AITextBlock",
    "wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock",
}


@pytest.fixture
def monstera(db):
    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    post.sections = [
        ("heading", "Light"),
        ("text", "Bright, indirect light."),
        ("tip", {"title": "Dust", "text": "<p>Wipe the leaves.</p>"}),
    ]
    post.save_revision()
    return post


@pytest.fixture
def editor_page(admin_client, monstera):
    return soup(admin_client.get(f"/admin/pages/{monstera.pk}/edit/"))


def ai_definitions(editor_page) -> list[tuple[str, str, dict]]:
    """(block name, constructor, controller attributes) of every AI block in the
    sections StreamField, nested ones too."""
    return [
        (node["_args"][0], node["_type"], node["_args"][3])
        for node in stream_block_definitions(editor_page, "sections")
        if node["_type"] in AI_CONSTRUCTORS
    ]


def test_stream_field_packs_every_ai_block_with_its_constructor(editor_page):
    assert sorted((name, constructor) for name, constructor, _ in ai_definitions(editor_page)) == [
        ("heading", "wagtail_ai_blocks.blocks.text.AICharBlock"),
        ("paragraph", "wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock"),
        ("text", "wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock"),  # in the "tip" struct
        ("text", "wagtail_ai_blocks.blocks.text.AITextBlock"),
        ("title", "wagtail_ai_blocks.blocks.text.AICharBlock"),  # in the "tip" struct
    ]


def test_blocks_nested_in_a_struct_block_are_ai_blocks_too(editor_page):
    nodes = stream_block_definitions(editor_page, "sections")
    tip = next(node for node in nodes if node["_args"][0] == "tip")

    children = [child for child in tip["_args"][1] if isinstance(child, dict) and "_type" in child]

    assert [child["_type"] for child in children] == [
        "wagtail_ai_blocks.blocks.text.AICharBlock",
        "wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock",
    ]
    assert children[0]["_args"][3]["data-wab-ai-field-max-length-value"] == "80"
    assert children[0]["_args"][3]["data-wab-ai-field-action-value"] == "heading"
    assert children[1]["_args"][3]["data-wab-ai-field-features-value"] == json.dumps(
        ["bold", "italic", "link", "ai"]
    )


def test_ai_text_block_reaches_the_browser_with_its_controller_attributes(editor_page):
    [attributes] = [
        attrs
        for _name, constructor, attrs in ai_definitions(editor_page)
        if constructor.endswith("AITextBlock")
    ]

    assert attributes["data-controller"] == "wab-ai-field"
    assert attributes["data-wab-ai-field-mode-value"] == "section"
    assert attributes["data-wab-ai-field-action-value"] == "improve"


def test_saved_blocks_come_back_with_their_values(editor_page):
    widget = editor_page.select_one('[data-contentpath="sections"] [data-controller="w-block"]')
    value, _errors = json.loads(widget["data-w-block-arguments-value"])

    assert [(child["type"], child["value"]) for child in value[:2]] == [
        ("heading", "Light"),
        ("text", "Bright, indirect light."),
    ]


def test_edit_page_loads_our_blocks_after_wagtail_blocks_and_the_controller(editor_page):
    js = scripts(editor_page)

    assert js.index("/static/wagtailadmin/js/telepath/blocks.js") < js.index(
        "/static/wagtail_ai_blocks/js/blocks.js"
    )
    assert js.index("/static/wagtail_ai_blocks/js/panel.js") < js.index(
        "/static/wagtail_ai_blocks/js/blocks.js"
    )
    assert "/static/wagtail_ai_blocks/css/panel.css" in stylesheets(editor_page)
