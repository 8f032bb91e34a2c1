"""The AI toolbar wherever rich text sits in the demo: a ListBlock item, an InlinePanel
child and a snippet (issue 15, item 11). Each makes a selection shorter and replaces it.

The fake provider answers with ``tests.fake_answers.shorten_responder``: the selected
paragraph without its last sentence.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from blog.models import Author, BlogPage, BlogPageRelatedLink
from tests.browser.conftest import login
from tests.browser.test_richtext_ai import run_action_on_selection, select_text
from tests.fake_answers import shorten_responder

TEXT = "<p>Water the plant every week in summer. Keep it out of the afternoon sun.</p>"
SHORTER = "Water the plant every week in summer."


@pytest.fixture
def editor_page(page, fake_openai):
    fake_openai.responder = shorten_responder
    login(page)
    return page


def _editor_with_text(page):
    """The rich text field (Draftail's wrapper) that holds the sample text."""
    editor = page.locator(".Draftail-Editor", has_text="Water the plant")
    editor.first.scroll_into_view_if_needed()
    return editor.first.locator("xpath=..")


def _shorten_and_replace(page, field):
    field.locator(".public-DraftEditor-content").first.wait_for()
    select_text(page, field, "Water the plant", "afternoon sun.")
    preview = run_action_on_selection(page, field, "Make shorter")
    expect(preview.get_by_text("Answer ready")).to_be_visible()
    preview.get_by_role("button", name="Replace").click()
    expect(preview).to_be_hidden()
    editor = field.locator(".public-DraftEditor-content").first
    expect(editor).to_have_text(re.compile(rf"^\s*{re.escape(SHORTER)}\s*$"))


def test_the_toolbar_works_in_a_list_block_item(editor_page):
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    post.sections = [("steps", [RichText(TEXT)])]
    post.save_revision().publish()

    editor_page.goto(f"/admin/pages/{post.pk}/edit/")
    _shorten_and_replace(editor_page, _editor_with_text(editor_page))


def test_the_toolbar_works_in_an_inline_panel_child(editor_page):
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    post.related_links.all().delete()
    BlogPageRelatedLink.objects.create(
        page=post, url="https://example.com/light", title="Light", note=TEXT
    )
    post.refresh_from_db()
    post.save_revision().publish()

    editor_page.goto(f"/admin/pages/{post.pk}/edit/")
    _shorten_and_replace(editor_page, _editor_with_text(editor_page))


def test_the_toolbar_works_in_a_snippet(editor_page):
    author = Author.objects.create(name="Ada Gardener", profile=TEXT)

    editor_page.goto(f"/admin/snippets/blog/author/edit/{author.pk}/")
    _shorten_and_replace(editor_page, editor_page.locator("[data-contentpath=profile]"))
