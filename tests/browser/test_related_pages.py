""" "Suggest related pages" on the demo's Monstera post, in real Chromium.

Embeddings come from the fake OpenAI server's ``/embeddings`` (hashed bag of words:
posts sharing words are close), so the ranking is deterministic.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.browser.conftest import login


@pytest.fixture
def related_panel(page, fake_openai, monstera):
    call_command("ai_related_index", "--no-progress", stdout=io.StringIO())
    login(page)
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    return page.locator('[data-controller~="wab-related-pages"]')


def test_suggested_houseplant_post_is_added_with_one_click_and_saved(page, related_panel, monstera):
    related_panel.get_by_role("button", name="Suggest related pages").click()

    items = related_panel.locator(".wab-related__item")
    expect(items.first).to_contain_text("Propagating pothos in water")
    expect(related_panel.get_by_role("status")).to_contain_text("text-embedding-3-small")
    titles = items.locator(".wab-related__title").all_inner_texts()
    assert titles.index("A simple sourdough loaf") > 0

    related_panel.get_by_role("button", name="Add “Propagating pothos in water”").click()

    chosen = page.locator("#id_related_pages-FORMS [data-chooser-title]")
    expect(chosen).to_have_text(["Propagating pothos in water"])
    expect(items.filter(has_text="Propagating pothos")).to_have_count(0)

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    draft = BlogPage.objects.get(pk=monstera.pk).get_latest_revision_as_object()
    assert [link.related_page.title for link in draft.related_pages.all()] == [
        "Propagating pothos in water"
    ]


def test_pages_already_listed_are_not_suggested_again(page, related_panel):
    related_panel.get_by_role("button", name="Suggest related pages").click()
    related_panel.get_by_role("button", name="Add “Propagating pothos in water”").click()

    related_panel.get_by_role("button", name="Suggest related pages").click()

    expect(related_panel.get_by_role("status")).to_contain_text("Suggested by")
    expect(related_panel.locator(".wab-related__item").first).not_to_contain_text("pothos")
    expect(related_panel.locator(".wab-related__item", has_text="pothos")).to_have_count(0)
