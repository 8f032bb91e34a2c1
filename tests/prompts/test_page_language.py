"""Answers are written in the page's language unless the action translates."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks.prompts import build_messages, get_action


def _system(action_id, text="Un texte.", params=None, context=None):
    return build_messages(get_action(action_id), text, "text", params or {}, context)[0]["content"]


@pytest.mark.parametrize("action_id", ["improve", "continue", "summarize"])
def test_rewrite_on_a_french_page_is_written_in_french(action_id):
    system = _system(action_id, context={"locale": "fr"})

    assert "The page is in French: write in French" in system
    assert "Write in the same language as the TEXT block." not in system


def test_field_suggestion_on_a_german_page_is_written_in_german():
    system = _system("title", text="", context={"locale": "de", "page_title": "Pflanzen"})

    assert "The page is in German: write in German" in system


def test_translate_writes_in_the_language_asked_for_not_the_page_language():
    system = _system("translate", params={"language": "de"}, context={"locale": "fr"})

    assert "Write the result in German (de)" in system
    assert "The page is in French" not in system


def test_regional_locale_names_the_language():
    system = _system("improve", context={"locale": "pt-br"})

    assert "The page is in Brazilian Portuguese" in system


def test_without_a_locale_the_text_keeps_its_own_language():
    assert "Write in the same language as the TEXT block." in _system("improve")


def test_translate_menu_marks_the_sites_own_languages(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("ar", "Arabic")]
    choices = get_action("translate").as_client_dict()["params"][0]["choices"]

    assert [c["value"] for c in choices if c["site"]] == ["en", "ar"]
    assert not next(c for c in choices if c["value"] == "de")["site"]
