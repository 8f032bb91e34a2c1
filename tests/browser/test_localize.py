"""wagtail-localize's "Translate this page" → "Translate with AI", in real Chromium.

The demo has a French locale and uses this package's machine translator
(``wagtail_ai_blocks.localize``); the fake provider "translates" each string while
keeping its tags (``tests/localize/test_machine_translator.py``). The Monstera
post's first paragraph has a bold phrase and a link to Wikipedia.
"""

from __future__ import annotations

from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from tests.browser.conftest import login
from tests.localize.test_machine_translator import translations_responder
from wagtail_ai_blocks.models import UsageRecord

MONSTERA_URL = "https://en.wikipedia.org/wiki/Monstera_deliciosa"


def translate_with_ai(page):
    """Click wagtail-localize's machine translation button and wait for its redirect."""
    button = page.get_by_role("button", name="Translate with AI")
    expect(button).to_be_enabled()
    with page.expect_navigation():
        button.click()


def test_translate_this_page_with_ai_keeps_links_and_bold_then_hits_the_cache(
    page, fake_openai, monstera
):
    fake_openai.responder = translations_responder
    french = Locale.objects.get(language_code="fr")
    login(page)

    # "Translate this page" from the page's header menu, into French.
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_role("checkbox", name="French").check()
    page.get_by_role("button", name="Submit").click()

    # wagtail-localize's translation editor, with our translator's button.
    expect(page.get_by_role("button", name="Translate with AI")).to_be_visible()
    assert fake_openai.call_count == 0
    translate_with_ai(page)

    assert fake_openai.call_count >= 1
    calls = fake_openai.call_count
    expect(page.get_by_text("FR forgiving houseplant").first).to_be_visible()
    translated = StringTranslation.objects.filter(locale=french)
    assert translated.exists()
    first_run = dict(translated.values_list("translation_of_id", "data"))

    page.get_by_role("button", name="Publish in French").click()
    expect(page.locator(".messages")).to_contain_text("Published")

    french_post = monstera.get_translation(french).specific
    french_post.refresh_from_db()
    assert "<b>FR forgiving houseplant</b>" in french_post.body
    assert f'<a href="{MONSTERA_URL}">FR Monstera article</a>' in french_post.body
    assert french_post.body.count("<a ") == monstera.body.count("<a ")
    assert french_post.body.count("<b>") == monstera.body.count("<b>")

    # A second run over the same strings: every one from the cache, no provider call.
    translated.delete()
    page.goto(f"/admin/pages/{french_post.pk}/edit/")
    translate_with_ai(page)

    expect(page.get_by_text("FR forgiving houseplant").first).to_be_visible()
    assert fake_openai.call_count == calls
    again = dict(
        StringTranslation.objects.filter(locale=french).values_list("translation_of_id", "data")
    )
    assert again == first_run
    ledger = UsageRecord.objects.filter(action="translate_page", user__username="admin")
    assert ledger.filter(cache_hit=False).count() == calls
    assert ledger.filter(cache_hit=True).exists()
    assert page.console_log.errors == []
