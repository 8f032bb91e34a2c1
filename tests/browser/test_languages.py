"""The AI menu, preview and panel in French and in Arabic (right to left), in real Chromium.

With ``WAB_SCREENSHOTS=1`` the Arabic screens are saved to ``docs/screenshots/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from tests.browser.ai_answers import answer_for_action
from tests.browser.conftest import login
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_ai_panel import ai_field
from tests.browser.test_richtext_ai import open_editor, select_text
from tests.fake_answers import shorten_responder

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def speak(language: str) -> None:
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = language
    profile.save()


def screenshot(page, name: str, *locators) -> None:
    if not os.environ.get("WAB_SCREENSHOTS"):
        return
    boxes = [locator.bounding_box() for locator in locators]
    left = max(min(b["x"] for b in boxes) - 16, 0)
    top = max(min(b["y"] for b in boxes) - 16, 0)
    right = max(b["x"] + b["width"] for b in boxes) + 16
    bottom = max(b["y"] + b["height"] for b in boxes) + 16
    page.mouse.move(0, 0)
    page.screenshot(
        path=SHOTS / name,
        clip={"x": left, "y": top, "width": right - left, "height": bottom - top},
        animations="disabled",
        caret="hide",
    )


def open_menu_and_preview(page, monstera, *, button: str, action: str):
    body = open_editor(page, monstera)
    select_text(page, body, "forgiving houseplant", "natural habitat.")
    body.get_by_role("button", name=button).click()
    menu = page.locator(".wab-draftail-menu")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("menuitem", name=action)).to_be_visible()
    return body, menu


def test_french_editor_sees_the_ai_menu_preview_and_panel_in_french(page, fake_openai, monstera):
    fake_openai.responder = shorten_responder
    speak("fr")
    login(page)

    _body, menu = open_menu_and_preview(
        page, monstera, button="Actions d\u2019IA", action="Raccourcir"
    )
    expect(menu.get_by_role("menuitem", name="Améliorer la rédaction")).to_be_visible()
    menu.get_by_role("menuitem", name="Raccourcir").click()
    preview = page.get_by_role("region", name="Réponse de l\u2019IA")
    expect(preview.get_by_text("Réponse prête")).to_be_visible()
    for label in ("Remplacer", "Insérer en dessous", "Réessayer", "Ignorer"):
        expect(preview.get_by_role("button", name=label)).to_be_visible()

    fake_openai.responder = answer_for_action
    page.get_by_role("tab", name="Promotion").click()
    seo_title = ai_field(page, "seo_title")
    seo_title.get_by_role("button", name="Générer").click()
    expect(seo_title.locator(".wab-ai-field__candidate")).to_have_count(3)
    expect(seo_title.get_by_role("button", name="Utiliser la suggestion 2")).to_be_visible()
    expect(seo_title.locator(".wab-ai-field__count").first).to_contain_text("caractères")


def test_arabic_editor_gets_a_mirrored_ai_menu_preview_and_panel(page, fake_openai, monstera):
    fake_openai.responder = shorten_responder
    speak("ar")
    login(page)

    body, menu = open_menu_and_preview(
        page, monstera, button="إجراءات الذكاء الاصطناعي", action="اختصار"
    )
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert menu.evaluate("element => getComputedStyle(element).direction") == "rtl"
    # Mirrored: the menu's items start at its right edge.
    menu_box = menu.bounding_box()
    item_box = menu.get_by_role("menuitem", name="اختصار").bounding_box()
    assert menu_box["x"] + menu_box["width"] - (item_box["x"] + item_box["width"]) < 24
    assert serious_violations(page, ".wab-draftail-menu") == []
    screenshot(page, "rtl-richtext-menu.png", body, menu)

    menu.get_by_role("menuitem", name="اختصار").click()
    preview = page.get_by_role("region", name="إجابة الذكاء الاصطناعي")
    expect(preview.get_by_text("الإجابة جاهزة")).to_be_visible()
    replace = preview.get_by_role("button", name="استبدال").bounding_box()
    discard = preview.get_by_role("button", name="تجاهل").bounding_box()
    assert replace["x"] > discard["x"], "the first action sits on the right in Arabic"
    assert serious_violations(page, ".wab-draftail-preview") == []
    screenshot(page, "rtl-richtext-preview.png", body, preview)

    fake_openai.responder = answer_for_action
    page.get_by_role("tab", name="الترويج").click()
    seo_title = ai_field(page, "seo_title")
    seo_title.get_by_role("button", name="إنشاء").click()
    candidates = seo_title.locator(".wab-ai-field__candidate")
    expect(candidates).to_have_count(3)
    use = candidates.first.get_by_role("button", name="استخدام الاقتراح 1").bounding_box()
    text = candidates.first.locator(".wab-ai-field__text").bounding_box()
    assert use["x"] < text["x"], "the Use button is on the left, after the text, in Arabic"
    assert serious_violations(page, '[data-wab-ai-field-field-value="seo_title"]') == []
    screenshot(page, "rtl-field-panel.png", seo_title)
