"""The inline AI toolbar in rich text, in real Chromium against the demo admin.

The fake provider answers with ``tests.fake_answers.shorten_responder``: the
selected HTML with its plain tail dropped and its markup kept, as a real model
would. The Monstera post's first paragraph is::

    Monstera deliciosa is a <b>forgiving houseplant</b> that rewards bright, … and see
    the <a href="https://en.wikipedia.org/wiki/Monstera_deliciosa">Monstera article</a>
    for its natural habitat.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from blog.management.commands.seed_demo import MONSTERA_BODY
from blog.models import RICH_TEXT_FEATURES
from tests.browser.conftest import login
from tests.fake_answers import shorten_responder
from tests.fake_openai import CutStream, Fail
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.richtext import allowed_tags

MONSTERA_URL = "https://en.wikipedia.org/wiki/Monstera_deliciosa"
FIRST_PARAGRAPH = (
    "Monstera deliciosa is a forgiving houseplant that rewards bright, indirect light and a "
    "chunky, well-draining mix. Water when the top few centimetres of soil are dry, and see "
    "the Monstera article for its natural habitat."
)
SHORTENED = FIRST_PARAGRAPH.replace(" for its natural habitat.", ".")

# Selects the text from `startText` to the end of `endText` in a Draft.js editor,
# as a mouse drag would, by setting the DOM selection Draft.js listens to.
SELECT_TEXT_JS = """
([field, startText, endText]) => {
  const editor = field.querySelector('.public-DraftEditor-content');
  const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const start = text.indexOf(startText);
  const end = text.indexOf(endText, start) + endText.length;
  // An end between two text nodes belongs to the first one, as when dragging.
  const locate = (position, isEnd) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const offset = position - nodes[i][1];
      if (offset > 0 || (offset === 0 && !isEnd)) return [nodes[i][0], offset];
    }
    return [nodes[0][0], 0];
  };
  editor.focus();
  const [startNode, startOffset] = locate(start, false);
  const [endNode, endOffset] = locate(end, true);
  window.getSelection().setBaseAndExtent(startNode, startOffset, endNode, endOffset);
}
"""


@pytest.fixture
def editor_page(page, fake_openai):
    """Logged in as admin, with the fake provider shortening what it gets, word by word."""
    fake_openai.responder = shorten_responder
    fake_openai.token_delay = 0.05
    login(page)
    return page


# The hidden input next to the editor holds its Draft.js content (what the form submits).
RAW_CONTENT_JS = """
field => {
  const wrapper = field.querySelector('[data-draftail-editor-wrapper]');
  return [...wrapper.parentElement.children].find((child) => child.tagName === 'INPUT').value;
}
"""


def raw_content(field) -> dict:
    return json.loads(field.evaluate(RAW_CONTENT_JS))


def saved_content(field, first_text: str, timeout: float = 5.0) -> dict:
    """The field's content once its first block reads `first_text`.

    Draftail writes the hidden input a moment after each change.
    """
    deadline = time.monotonic() + timeout
    while True:
        raw = raw_content(field)
        if raw["blocks"][0]["text"] == first_text or time.monotonic() > deadline:
            return raw
        field.page.wait_for_timeout(50)


def normalised(raw: dict) -> list[tuple]:
    """Blocks as (type, depth, text, styles, links), whatever the key order or block keys."""
    return [
        (
            block["type"],
            block["depth"],
            block["text"],
            sorted((r["offset"], r["length"], r["style"]) for r in block["inlineStyleRanges"]),
            linked_text(raw, block),
        )
        for block in raw["blocks"]
    ]


def styled_text(block: dict, style: str) -> list[str]:
    return [
        block["text"][r["offset"] : r["offset"] + r["length"]]
        for r in block["inlineStyleRanges"]
        if r["style"] == style
    ]


def linked_text(raw: dict, block: dict) -> list[tuple[str, str]]:
    return [
        (
            block["text"][r["offset"] : r["offset"] + r["length"]],
            raw["entityMap"][str(r["key"])]["data"]["url"],
        )
        for r in block["entityRanges"]
    ]


def open_editor(page, post, contentpath: str = "body"):
    page.goto(f"/admin/pages/{post.pk}/edit/")
    field = page.locator(f"[data-contentpath={contentpath}]")
    field.locator(".public-DraftEditor-content").first.wait_for()
    return field


def select_text(page, field, start_text: str, end_text: str) -> None:
    page.evaluate(SELECT_TEXT_JS, [field.element_handle(), start_text, end_text])


def run_action_on_selection(page, field, action: str):
    """Open the menu from the toolbar's AI button and choose `action`; returns the preview."""
    field.get_by_role("button", name=re.compile("AI")).click()
    page.get_by_role("menuitem", name=action).click()
    return page.get_by_role("region", name="AI answer")


def prompt_tags(system_prompt: str) -> set[str]:
    """The tags the system prompt allows: the request carried the field's features."""
    line = re.search(r"using only these tags: (.*?)\.", system_prompt).group(1)
    return set(re.findall(r"<([a-z0-9]+)>", line))


def chat_requests(fake_openai) -> list[dict]:
    return [r["json"] for r in fake_openai.requests if r["path"].endswith("/chat/completions")]


def test_make_shorter_streams_a_preview_and_replace_keeps_formatting_and_undoes(
    editor_page, monstera, fake_openai
):
    page = editor_page
    fake_openai.token_delay = 0.1
    body = open_editor(page, monstera)
    original = raw_content(body)

    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")

    # The answer streams in, as text, with a way to stop it.
    # A screen reader hears the start and the end, not every chunk: no live region
    # around the streamed text, a status that says "Writing…" then "Answer ready".
    expect(preview.get_by_role("status")).to_have_text("Writing…")
    expect(preview.get_by_role("button", name="Stop")).to_be_visible()
    expect(preview.locator(".wab-draftail-preview__stream")).to_contain_text("forgiving houseplant")
    expect(preview.locator("[aria-live]")).to_have_count(0)
    # Then the differences: the dropped words struck through, formatting shown.
    expect(preview.get_by_role("status")).to_have_text("Answer ready")
    expect(preview.locator("del")).to_have_text(re.compile(r"removed:\s*for its natural habitat"))
    expect(preview.locator("strong")).to_have_text("forgiving houseplant")
    assert normalised(raw_content(body)) == normalised(original), "nothing changes before Replace"

    # The request carried the field's features and the page's context.
    system, user = chat_requests(fake_openai)[-1]["messages"]
    assert prompt_tags(system["content"]) == set(allowed_tags(RICH_TEXT_FEATURES))
    assert "Page title: Caring for Monstera deliciosa" in user["content"]
    assert "Page type: Blog page" in user["content"]

    preview.get_by_role("button", name="Replace").click()
    expect(preview).to_be_hidden()
    expect(body.locator(".public-DraftEditor-content")).to_contain_text(SHORTENED)
    replaced = saved_content(body, SHORTENED)
    block = replaced["blocks"][0]
    assert block["text"] == SHORTENED
    assert styled_text(block, "BOLD") == ["forgiving houseplant"]
    assert linked_text(replaced, block) == [("Monstera article", MONSTERA_URL)]
    assert replaced["blocks"][1]["text"] == original["blocks"][1]["text"]

    # One undo brings the original back, formatting and all.
    expect(body.locator(".public-DraftEditor-content")).to_be_focused()
    page.keyboard.press("Control+z")
    expect(body.locator(".public-DraftEditor-content")).to_contain_text(FIRST_PARAGRAPH)
    assert normalised(saved_content(body, FIRST_PARAGRAPH)) == normalised(original)

    # Redo, save, and the new revision holds the shorter text.
    page.keyboard.press("Control+Shift+z")
    expect(body.locator(".public-DraftEditor-content")).to_contain_text(SHORTENED)
    saved_content(body, SHORTENED)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    monstera.refresh_from_db()
    saved = monstera.get_latest_revision().as_object().body
    assert "for its natural habitat" not in saved
    assert "<b>forgiving houseplant</b>" in saved
    assert f'<a href="{MONSTERA_URL}">Monstera article</a>.' in saved
    assert page.console_log.errors == []


def test_discard_leaves_the_text_untouched(editor_page, monstera):
    page = editor_page
    body = open_editor(page, monstera)
    original = raw_content(body)

    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")
    expect(preview.get_by_role("button", name="Replace")).to_be_visible()
    preview.get_by_role("button", name="Discard").click()

    expect(preview).to_be_hidden()
    assert normalised(raw_content(body)) == normalised(original)
    expect(body.locator(".public-DraftEditor-content")).to_contain_text(FIRST_PARAGRAPH)


def test_rate_limited_answer_says_when_to_try_again_and_leaves_the_text_untouched(
    editor_page, monstera, fake_openai
):
    page = editor_page
    fake_openai.script(Fail(429, retry_after=30))
    body = open_editor(page, monstera)
    original = raw_content(body)

    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")

    alert = preview.get_by_role("alert")
    expect(alert).to_contain_text("The AI service is busy.")
    expect(alert).to_contain_text("Try again in 30 seconds")
    expect(preview.get_by_role("button", name="Replace")).to_have_count(0)
    assert normalised(raw_content(body)) == normalised(original)


def test_cut_stream_shows_a_message_leaves_the_text_untouched_and_try_again_works(
    editor_page, monstera, fake_openai
):
    page = editor_page
    fake_openai.script(CutStream(after_chunks=3))
    body = open_editor(page, monstera)
    original = raw_content(body)

    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")

    expect(preview.get_by_role("alert")).to_contain_text("stopped answering part-way")
    assert normalised(raw_content(body)) == normalised(original)

    preview.get_by_role("button", name="Try again").click()
    expect(preview.get_by_role("button", name="Replace")).to_be_visible()
    assert chat_requests(fake_openai)[-1]["messages"][1]["content"].count("forgiving") == 1
    assert normalised(raw_content(body)) == normalised(original)


def test_stop_aborts_the_request_and_the_server_closes_the_provider_stream(
    editor_page, monstera, fake_openai
):
    page = editor_page
    fake_openai.token_delay = 0.3
    body = open_editor(page, monstera)
    original = raw_content(body)

    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")
    expect(preview.locator(".wab-draftail-preview__stream")).to_contain_text("forgiving")
    preview.get_by_role("button", name="Stop").click()

    expect(preview.get_by_text("Stopped")).to_be_visible()
    expect(preview.get_by_role("button", name="Replace")).to_have_count(0)
    assert normalised(raw_content(body)) == normalised(original)
    # The server noticed the browser going away and stopped reading from the provider.
    deadline = time.monotonic() + 10
    while not UsageRecord.objects.filter(error_code="client_disconnected").exists():
        assert time.monotonic() < deadline, "the server never saw the stream closed"
        page.wait_for_timeout(100)


def test_streamfield_rich_text_block_uses_its_own_features(editor_page, monstera, fake_openai):
    page = editor_page
    monstera.sections = [
        ("paragraph", RichText(MONSTERA_BODY)),
        ("tip", {"title": "Light", "text": RichText(MONSTERA_BODY)}),
    ]
    monstera.save_revision()
    sections = open_editor(page, monstera, "sections")
    paragraph = sections.locator("[data-draftail-editor-wrapper]").nth(0).locator("xpath=..")
    original = raw_content(paragraph)

    select_text(page, paragraph, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, paragraph, "Make shorter")
    preview.get_by_role("button", name="Replace").click()

    expect(paragraph.locator(".public-DraftEditor-content")).to_contain_text(SHORTENED)
    replaced = saved_content(paragraph, SHORTENED)
    block = replaced["blocks"][0]
    assert block["text"] == SHORTENED
    assert styled_text(block, "BOLD") == ["forgiving houseplant"]
    assert linked_text(replaced, block) == [("Monstera article", MONSTERA_URL)]
    page.keyboard.press("Control+z")
    expect(paragraph.locator(".public-DraftEditor-content")).to_contain_text(FIRST_PARAGRAPH)
    assert normalised(saved_content(paragraph, FIRST_PARAGRAPH)) == normalised(original)
    system = chat_requests(fake_openai)[-1]["messages"][0]["content"]
    assert prompt_tags(system) == set(allowed_tags(RICH_TEXT_FEATURES))

    # The tip's rich text allows only bold, italic and links: the request says so.
    tip = sections.locator("[data-draftail-editor-wrapper]").nth(1).locator("xpath=..")
    select_text(page, tip, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, tip, "Make shorter")
    expect(preview.get_by_role("button", name="Replace")).to_be_visible()
    system = chat_requests(fake_openai)[-1]["messages"][0]["content"]
    assert prompt_tags(system) == {"p", "br", "b", "strong", "i", "em", "a"}
    assert page.console_log.errors == []


def test_keyboard_only(editor_page, monstera, fake_openai):
    page = editor_page
    body = open_editor(page, monstera)
    content = body.locator(".public-DraftEditor-content")
    original = raw_content(body)
    content.focus()
    page.keyboard.press("Control+Home")

    # No selection: the shortcut opens the menu for the paragraph with the cursor.
    page.keyboard.press("Control+Shift+A")
    menu = page.get_by_role("menu", name="AI actions")
    expect(menu.get_by_role("menuitem", name="Improve writing")).to_be_focused()
    expect(page.locator(".wab-draftail-menu footer")).to_contain_text("Ctrl+Shift+A")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Make shorter")).to_be_focused()
    page.keyboard.press("Enter")
    preview = page.get_by_role("region", name="AI answer")
    expect(preview.get_by_role("button", name="Replace")).to_be_focused()

    # Escape discards and gives the keyboard back to the editor.
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    expect(content).to_be_focused()
    assert normalised(raw_content(body)) == normalised(original)

    # A submenu: Change tone ▸ Professional, then Enter on Replace, then undo.
    page.keyboard.press("Control+Shift+A")
    expect(menu.get_by_role("menuitem", name="Improve writing")).to_be_focused()
    page.keyboard.press("c")  # type-ahead: "Change tone"
    expect(menu.get_by_role("menuitem", name="Change tone")).to_be_focused()
    page.keyboard.press("ArrowRight")
    tones = page.get_by_role("menu", name="Change tone")
    expect(tones.get_by_role("menuitem", name="Professional")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(menu.get_by_role("menuitem", name="Change tone")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(preview.get_by_role("button", name="Replace")).to_be_focused()
    system = chat_requests(fake_openai)[-1]["messages"][0]["content"]
    assert "professional (clear, precise and polite)" in system

    page.keyboard.press("Enter")
    expect(preview).to_be_hidden()
    expect(content).to_be_focused()
    expect(content).to_contain_text(SHORTENED)
    page.keyboard.press("Control+z")
    expect(content).to_contain_text(FIRST_PARAGRAPH)
    assert normalised(saved_content(body, FIRST_PARAGRAPH)) == normalised(original)
    assert page.console_log.errors == []


def test_our_own_rate_limit_says_when_once_and_offers_no_try_again(
    editor_page, monstera, fake_openai, settings
):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"USER": 1, "STAFF": 1, "SUPERUSER_EXEMPT": False},
    }
    page = editor_page
    body = open_editor(page, monstera)
    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")
    expect(preview.get_by_text("Answer ready")).to_be_visible()
    preview.get_by_role("button", name="Discard").click()
    expect(preview).to_be_hidden()
    original = raw_content(body)

    # A second, different request: our own limit refuses it before the provider.
    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Simplify")

    alert = preview.get_by_role("alert")
    expect(alert).to_have_text(re.compile(r"^You have used all your AI requests for now\."))
    assert alert.inner_text().count("Try again in") == 1
    expect(preview.get_by_role("button", name="Try again")).to_have_count(0)
    expect(preview.get_by_role("button", name="Discard")).to_be_focused()
    assert fake_openai.call_count == 1
    assert normalised(raw_content(body)) == normalised(original)
