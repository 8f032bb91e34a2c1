from __future__ import annotations

from blog.models import BlogPage
from tests.browser.conftest import login


def test_admin_opens_monstera_post_editor_without_console_errors(page):
    login(page)
    post = BlogPage.objects.get(title="Caring for Monstera deliciosa")

    page.goto(f"/admin/pages/{post.pk}/edit/")

    title = page.locator("#id_title")
    assert title.input_value() == "Caring for Monstera deliciosa"
    editor = page.locator("[data-contentpath=body] .public-DraftEditor-content")
    editor.wait_for()
    assert "forgiving houseplant" in editor.inner_text()
    assert page.console_log.errors == []
