"""Administration in real Chromium: a library prompt from creation to the usage report,
and an editor without the AI permission.

The administrator (admin) and the editor (editor, in the Editors group) each get their
own browser context, as two people would.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page

from tests.browser.conftest import TIMEOUT, ConsoleLog, login
from tests.fake_openai import Reply
from wagtail_ai_blocks.library.models import AIPrompt
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.reports.formatting import format_money

LABEL = "Plant lover's voice"
INSTRUCTION = "Rewrite {selected_text} for keen plant lovers, keeping every fact."
ANSWER = (
    "Monstera deliciosa is a <b>forgiving houseplant</b> that thrives in bright, indirect light."
)

# Selects the whole first paragraph of a Draft.js editor, as a mouse drag would.
SELECT_FIRST_PARAGRAPH_JS = """
field => {
  const block = field.querySelector('.public-DraftEditor-content [data-block]');
  const editor = field.querySelector('.public-DraftEditor-content');
  editor.focus();
  const range = document.createRange();
  range.selectNodeContents(block);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
"""


@pytest.fixture
def priced(fake_openai, settings):
    """The fake model costs $1 per million input tokens and $2 per million output tokens."""
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "PRICES": {"fake-model": (1.0, 2.0)},
    }
    return fake_openai


@pytest.fixture
def new_page(browser, live_server, demo_site):
    """Open another browser context (another person) on the live server."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1400, "height": 1000}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.console_log = ConsoleLog(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def open_body(page, post):
    """The post's editor, once its rich text shows the AI controls' config."""
    page.goto(f"/admin/pages/{post.pk}/edit/")
    body = page.locator("[data-contentpath=body]")
    body.locator(".public-DraftEditor-content").first.wait_for()
    expect(page.locator("#wagtail-ai-blocks-config")).to_have_count(1)
    return body


def post_generate(page, body: dict):
    """POST to the generate endpoint from the page, with its session and CSRF token."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return page.request.post(
        "/admin/ai-blocks/api/v1/generate",
        data=json.dumps(body),
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    )


def test_a_prompt_created_by_an_admin_is_run_by_an_editor_and_shows_in_the_report(
    page, new_page, priced, monstera
):
    # The administrator adds a prompt under Settings → AI prompts.
    login(page, "admin")
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="AI prompts").click()
    page.get_by_role("link", name="Add AI prompt").first.click()
    page.get_by_label("Label").fill(LABEL)
    page.get_by_label("Instruction").fill(INSTRUCTION)
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text(f"AI prompt '{LABEL}' created.")).to_be_visible()
    prompt = AIPrompt.objects.get(label=LABEL)
    assert (prompt.version, prompt.placement) == (1, "rich_text")

    # An editor finds it in the rich text AI menu, without a deploy, and runs it.
    priced.script(Reply(ANSWER, usage={"prompt_tokens": 1200, "completion_tokens": 300}))
    editor = new_page()
    login(editor, "editor")
    body = open_body(editor, monstera)
    editor.evaluate(SELECT_FIRST_PARAGRAPH_JS, body.element_handle())
    body.get_by_role("button", name=re.compile("AI")).click()
    menu_item = editor.get_by_role("menuitem", name=LABEL)
    expect(menu_item).to_be_visible()
    menu_item.click()
    preview = editor.get_by_role("region", name="AI answer")
    expect(preview.get_by_text("Answer ready")).to_be_visible()
    preview.get_by_role("button", name="Replace").click()
    expect(body.locator(".public-DraftEditor-content")).to_contain_text("thrives in bright")

    system = priced.requests[-1]["json"]["messages"][0]["content"]
    assert "Rewrite the text in the TEXT block for keen plant lovers" in system
    record = UsageRecord.objects.get()
    assert (record.user.username, record.action, record.prompt_version) == (
        "editor",
        prompt.action_id,
        f"p{prompt.pk}.1",
    )
    assert str(record.cost) == "0.001800"  # (1200 * $1 + 300 * $2) per million tokens
    assert editor.console_log.errors == []

    # The administrator sees the call, with its cost, in Reports → AI usage.
    page.goto("/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="AI usage").click()
    expect(page.locator('[data-wab-figure="cost"]')).to_have_text(format_money(record.cost))
    page.get_by_role("link", name="Each call").click()
    row = page.locator("table.listing tbody tr").first
    expect(row).to_contain_text(LABEL)
    expect(row).to_contain_text("editor")
    expect(row).to_contain_text("$0.0018")
    page.get_by_role("link", name="Per action").click()
    expect(page.locator("table.listing tbody tr").first).to_contain_text(LABEL)
    assert page.console_log.errors == []


@pytest.fixture
def writer(demo_site):
    """A user who may edit pages but not use AI (no "Can use AI assistance")."""
    from django.contrib.auth import get_user_model

    writers = Group.objects.create(name="Writers")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    home = Page.objects.get(slug="home")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=writers, page=home, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user("writer", password="changeme")
    user.groups.add(writers)
    return user


def test_an_editor_without_the_permission_sees_no_ai_controls_and_the_api_refuses(
    page, writer, fake_openai, monstera
):
    login(page, "writer")
    quota_requests = []
    page.on(
        "request",
        lambda request: (
            quota_requests.append(request.url) if "/api/v1/quota" in request.url else None
        ),
    )
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    body = page.locator("[data-contentpath=body]")
    body.locator(".public-DraftEditor-content").first.wait_for()

    # No client config is rendered for them, so the frontend never even asks for a quota.
    expect(page.locator("#wagtail-ai-blocks-config")).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value("Caring for Monstera deliciosa")
    # The same selection that shows the AI button to an editor who may use AI.
    page.evaluate(SELECT_FIRST_PARAGRAPH_JS, body.element_handle())
    expect(body.get_by_role("button", name=re.compile("^Bold"))).to_be_visible()
    expect(body.get_by_role("button", name=re.compile("AI"))).to_have_count(0)
    expect(page.locator(".wab-draftail-button")).to_have_count(0)
    expect(page.locator(".wab-ai-field__assist:visible")).to_have_count(0)
    expect(page.get_by_role("button", name="Generate")).to_have_count(0)
    expect(page.get_by_role("button", name="Improve")).to_have_count(0)

    response = post_generate(page, {"action": "improve", "text": "Some text."})
    assert response.status == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert fake_openai.call_count == 0
    assert quota_requests == []
    assert page.console_log.errors == [] or all("403" in e for e in page.console_log.errors)
