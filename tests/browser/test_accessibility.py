"""axe-core on every AI screen, in real Chromium: no serious or critical violation.

axe-core comes from node_modules (an npm devDependency) and is injected into the page;
nothing is downloaded while the tests run. Each audit is scoped to our own UI (the
menu, the preview, the panel) or to the page's main content for our admin views, so
a finding is ours to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.ai_answers import answer_for_action
from tests.browser.conftest import login
from tests.browser.test_ai_panel import ai_field
from tests.browser.test_richtext_ai import open_editor, select_text
from tests.fake_answers import shorten_responder

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

RUN_AXE_JS = """
async (selector) => {
  const context = selector ? { include: [selector] } : document;
  const results = await window.axe.run(context, { resultTypes: ['violations'] });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}
"""


def serious_violations(page, selector: str | None = None) -> list[dict]:
    """axe's serious and critical violations on ``selector`` (or the whole page)."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci`.")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE_JS, selector) if v["impact"] in BLOCKING]


def test_rich_text_menu_streaming_preview_and_diff(page, fake_openai, monstera):
    fake_openai.responder = shorten_responder
    fake_openai.token_delay = 0.15
    login(page)
    body = open_editor(page, monstera)
    select_text(page, body, "forgiving houseplant", "natural habitat.")

    body.get_by_role("button", name="AI actions").click()
    menu = page.get_by_role("menu", name="AI actions")
    expect(menu).to_be_visible()
    assert serious_violations(page, ".wab-draftail-menu") == []

    page.get_by_role("menuitem", name="Make shorter").click()
    preview = page.get_by_role("region", name="AI answer")
    expect(preview.get_by_role("button", name="Stop")).to_be_visible()
    assert serious_violations(page, ".wab-draftail-preview") == []

    expect(preview.get_by_text("Answer ready")).to_be_visible()
    expect(preview.locator("del").first).to_be_visible()
    assert serious_violations(page, ".wab-draftail-preview") == []


def test_field_panel_with_candidates(page, fake_openai, monstera):
    fake_openai.responder = answer_for_action
    login(page)
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    page.get_by_role("tab", name="Promote").click()
    seo_title = ai_field(page, "seo_title")

    seo_title.get_by_role("button", name="Generate").click()

    expect(seo_title.locator(".wab-ai-field__candidate")).to_have_count(3)
    selector = '[data-wab-ai-field-field-value="seo_title"]'
    assert serious_violations(page, selector) == []


@pytest.mark.parametrize(
    "path",
    ["/admin/ai-blocks/usage/", "/admin/ai-blocks/prompts/", "/admin/ai-blocks/prompts/new/"],
    ids=["usage-report", "prompt-library", "prompt-form"],
)
def test_admin_views(page, path):
    login(page)
    page.goto(path)
    page.locator("main").first.wait_for()

    assert serious_violations(page, "main") == []
