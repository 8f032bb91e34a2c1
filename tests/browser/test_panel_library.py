"""The prompt library in the AI panels, in real Chromium: a new "Field panels" prompt is
offered in every panel it applies to, and a built-in field action the site hides loses
its button instead of answering "This AI action does not exist."."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from tests.browser.ai_answers import answer_for_action
from tests.browser.conftest import login
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_ai_panel import ai_field
from wagtail_ai_blocks.library.models import AIPrompt, AISiteSettings
from wagtail_ai_blocks.models import UsageRecord

LABEL = "Plain-words version"
INSTRUCTION = "Say what {page_title} is about in plain words, for beginners."
PLAIN = "Monstera care in plain words"


def plain_or_by_action(request):
    if "plain words" in request["messages"][0]["content"]:
        return PLAIN
    return answer_for_action(request)


@pytest.fixture
def field_prompt(db):
    prompt = AIPrompt(label=LABEL, instruction=INSTRUCTION, placement="field")
    prompt.full_clean()
    prompt.save()
    return prompt


@pytest.fixture
def search_description_hidden(db):
    site = Site.objects.get(is_default_site=True)
    AISiteSettings.objects.update_or_create(
        site=site, defaults={"hidden_actions": ["search_description"]}
    )


def test_a_field_prompt_is_offered_in_every_panel_and_a_hidden_action_has_no_button(
    page, fake_openai, monstera, field_prompt, search_description_hidden
):
    fake_openai.responder = plain_or_by_action
    login(page)
    page.goto(f"/admin/pages/{monstera.pk}/edit/")

    # The intro's panel (Content tab): its own Improve, and the library prompt.
    intro = ai_field(page, "intro")
    expect(intro.get_by_role("button", name="Improve")).to_be_visible()
    expect(intro.get_by_role("button", name=LABEL)).to_be_visible()

    page.get_by_role("tab", name="Promote").click()
    seo_title = ai_field(page, "seo_title")
    search_description = ai_field(page, "search_description")
    expect(seo_title.get_by_role("button", name="Generate")).to_be_visible()
    # Hidden by the site: no Generate, only the library's prompt.
    expect(search_description.get_by_role("button", name=LABEL)).to_be_visible()
    expect(search_description.get_by_role("button", name="Generate")).to_have_count(0)
    assert serious_violations(page, '[data-wab-ai-field-field-value="search_description"]') == []

    seo_title.get_by_role("button", name=LABEL).click()
    candidates = seo_title.locator(".wab-ai-field__candidate")
    expect(candidates).to_have_count(3)
    expect(candidates.first.locator(".wab-ai-field__text")).to_have_text(PLAIN)
    seo_title.get_by_role("button", name="Use suggestion 1").click()
    expect(page.locator("#id_seo_title")).to_have_value(PLAIN)

    request = fake_openai.requests[-1]["json"]
    assert "plain words" in request["messages"][0]["content"]
    row = UsageRecord.objects.latest("pk")
    assert (row.action, row.outcome) == (f"prompt_{field_prompt.pk}", UsageRecord.Outcome.OK)
    assert not UsageRecord.objects.exclude(outcome=UsageRecord.Outcome.OK).exists()
    assert page.console_log.errors == []
