"""The ``ai`` rich text feature: registration, media, and what reaches the browser."""

from __future__ import annotations

import html
import io
import json

import pytest
from django.core.management import call_command
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.blocks import RichTextBlock
from wagtail.rich_text import features as feature_registry
from wagtail.rich_text.feature_registry import FeatureRegistry

from blog.models import RICH_TEXT_FEATURES, BlogPage, HomePage
from tests.editor_pages import soup
from wagtail_ai_blocks.draftail import (
    BUTTON_CONTROL,
    CSS,
    HOST_CONTROL,
    JS,
    AIControlFeature,
    feature_types,
    register_feature,
)


def media_paths(media) -> list[str]:
    return [*media._js, *media._css.get("all", [])]


def ours(paths: list[str]) -> list[str]:
    return [path for path in paths if "wagtail_ai_blocks/" in path]


def test_ai_is_registered_as_a_draftail_control_feature():
    assert isinstance(feature_registry.get_editor_plugin("draftail", "ai"), AIControlFeature)


def test_an_editor_with_ai_loads_our_script_after_wagtails_and_our_stylesheet():
    paths = media_paths(DraftailRichTextArea(features=["bold", "ai"]).media)

    ours_ = ours(paths)
    assert [path.split("?")[0] for path in ours_] == [f"/static/{JS}", f"/static/{CSS}"]
    wagtail_js = next(i for i, path in enumerate(paths) if "wagtailadmin/js/draftail.js" in path)
    assert paths.index(ours_[0]) > wagtail_js


def test_an_editor_without_ai_loads_none_of_it():
    assert ours(media_paths(DraftailRichTextArea(features=["bold", "link"]).media)) == []


def test_a_rich_text_block_with_ai_loads_it_too():
    block = RichTextBlock(features=["bold", "ai"])

    assert len(ours(media_paths(block.field.widget.media))) == 2


def test_options_list_the_button_then_the_host_with_the_feature_map():
    controls = DraftailRichTextArea(features=["h2", "bold", "ai"]).options["controls"]

    assert controls[0] == {"type": BUTTON_CONTROL}
    assert controls[1]["type"] == HOST_CONTROL
    types = controls[1]["featureTypes"]
    assert types["blockTypes:header-two"] == "h2"
    assert types["inlineStyles:BOLD"] == "bold"
    assert types["entityTypes:LINK"] == "link"
    assert types["entityTypes:DOCUMENT"] == "document-link"
    assert types["enableHorizontalRule"] == "hr"
    assert "ai" not in types.values()


@pytest.mark.parametrize(
    "features",
    [
        RICH_TEXT_FEATURES,
        ["h1", "h4", "h5", "h6", "blockquote", "code", "superscript", "subscript"],
        ["strikethrough", "hr", "image", "embed", "ai"],
    ],
)
def test_every_feature_can_be_told_from_the_options_it_sets(features):
    """What the browser does (frontend/src/draftail/field.ts): the map names each feature."""
    types = feature_types()

    for name in features:
        plugin = feature_registry.get_editor_plugin("draftail", name)
        if isinstance(plugin, AIControlFeature):
            continue
        key = getattr(plugin, "data", {}).get("type") if hasattr(plugin, "data") else None
        option = f"{plugin.option_name}:{key}" if key else plugin.option_name
        assert types[option] == name


def test_the_setting_adds_ai_to_the_default_features(settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "ADD_TO_DEFAULT_FEATURES": True}
    registry = FeatureRegistry()

    register_feature(registry)

    assert registry.default_features == ["ai"]


def test_without_the_setting_the_default_features_stay_as_they_are():
    registry = FeatureRegistry()

    register_feature(registry)

    assert registry.default_features == []
    assert isinstance(registry.get_editor_plugin("draftail", "ai"), AIControlFeature)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_the_page_editor_gives_the_body_the_ai_controls_and_loads_the_script_once(
    admin_client, demo
):
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")

    page = soup(admin_client.get(f"/admin/pages/{post.pk}/edit/"))

    options = json.loads(page.select_one("#id_body")["data-w-init-detail-value"])
    types = [control["type"] for control in options["controls"]]
    assert types[-2:] == [BUTTON_CONTROL, HOST_CONTROL]
    scripts = [tag["src"] for tag in page.select("script[src]") if JS in tag["src"]]
    assert len(scripts) == 1
    assert page.select(f'link[href*="{CSS}"]')
    # StreamField blocks get the same controls through telepath (which packs a
    # repeated string once): the paragraph block, the tip's text and the steps list.
    sections = html.unescape(page.select_one("#sections")["data-w-block-data-value"])
    assert HOST_CONTROL in sections
    assert sections.count('"featureTypes"') == 3


def test_a_page_editor_without_ai_fields_loads_no_ai_script(admin_client, demo):
    home = HomePage.objects.get()

    page = soup(admin_client.get(f"/admin/pages/{home.pk}/edit/"))

    assert not [tag for tag in page.select("script[src]") if JS in tag["src"]]
