"""What the page editor sends to the browser for the demo's AI panels."""

from __future__ import annotations

import pytest

from tests.editor_pages import ai_fields, scripts, soup, stylesheets, values

pytestmark = pytest.mark.django_db

PAGE = {
    "type": "Blog page",
    "titleField": "title",
    "title": "Caring for Monstera deliciosa",
    "locale": "en",
}
POST_CONTEXT = ["title", "intro", "body"]


@pytest.fixture
def editor_page(admin_client, monstera):
    return soup(admin_client.get(f"/admin/pages/{monstera.pk}/edit/"))


@pytest.mark.parametrize(
    ("field", "action", "max_length", "context"),
    [
        # The title action's own limit (70) is tighter than the model field's (255).
        ("title", "title", "70", ["intro", "body"]),
        ("intro", "introduction", "300", ["title", "body"]),
        ("seo_title", "seo_title", "60", POST_CONTEXT),
        ("search_description", "search_description", "160", POST_CONTEXT),
    ],
)
def test_edit_page_renders_each_ai_panel_with_the_controller_options(
    editor_page, field, action, max_length, context
):
    element = ai_fields(editor_page)[field]

    assert values(element) == {
        "action": action,
        "field": field,
        "format": "text",
        "mode": "field",
        "candidates": "3",
        "maxLength": max_length,
        "contextFields": context,
        "page": PAGE,
        "labels": {"generate": "Generate", "improve": "Improve"},
    }


def test_each_ai_panel_marks_its_own_input_as_the_controller_target(editor_page):
    for name, element in ai_fields(editor_page).items():
        targets = element.select("[data-wab-ai-field-target=input]")
        assert [target["name"].rsplit("-", 1)[-1] for target in targets] == [name]


def test_ai_title_panel_keeps_the_title_field_behaviour(editor_page):
    title = editor_page.select_one("#id_title")

    assert title["data-controller"] == "w-sync"
    assert title["data-w-sync-target-value"] == "#id_slug"
    assert title["placeholder"] == "Page title*"
    assert "title" in title.find_parent("section", class_="w-panel")["class"]


def test_search_fields_stay_in_the_promote_tab_multi_field_panel(editor_page):
    promote = editor_page.select_one("#tab-promote")

    assert set(ai_fields(promote)) == {"seo_title", "search_description"}


def test_edit_page_loads_the_panel_bundle_and_styles(editor_page):
    assert "/static/wagtail_ai_blocks/js/panel.js" in scripts(editor_page)
    assert "/static/wagtail_ai_blocks/css/panel.css" in stylesheets(editor_page)
    # After Wagtail's own scripts, whose Stimulus application it registers with.
    assert scripts(editor_page).index("/static/wagtail_ai_blocks/js/panel.js") > scripts(
        editor_page
    ).index("/static/wagtailadmin/js/core.js")


def test_create_page_renders_the_panels_without_a_saved_title(admin_client, monstera):
    home = monstera.get_parent()

    page = soup(admin_client.get(f"/admin/pages/add/blog/blogpage/{home.pk}/"))

    assert values(ai_fields(page)["seo_title"])["page"] == {
        "type": "Blog page",
        "titleField": "title",
        "title": "",
        "locale": "en",
    }


def test_edit_page_without_the_ai_permission_shows_plain_fields(client, writer, monstera):
    client.force_login(writer)

    page = soup(client.get(f"/admin/pages/{monstera.pk}/edit/"))

    assert page.select_one("#id_seo_title") is not None
    assert ai_fields(page) == {}
    assert page.select("[data-wab-ai-field-target]") == []


def test_each_of_our_bundles_is_included_once(editor_page):
    """Panels' media and the editor hooks both ask for panel.js: one tag each."""
    ours = [
        url
        for url in scripts(editor_page) + stylesheets(editor_page)
        if url.startswith("/static/wagtail_ai_blocks/")
    ]
    assert ours, "no bundle of ours on the page editor"
    assert sorted(ours) == sorted(set(ours)), ours
