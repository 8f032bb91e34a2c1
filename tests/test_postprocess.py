"""Post-processing answers: chatter, quotes, fences, lengths and candidates."""

from __future__ import annotations

import random
import string

import pytest

from wagtail_ai_blocks.exceptions import EmptyAnswer
from wagtail_ai_blocks.postprocess import (
    clean_text,
    fit_length,
    postprocess,
    postprocess_candidates,
    split_candidates,
)
from wagtail_ai_blocks.prompts import FieldInfo, get_action

CLEAN_CASES = [
    # (answer, expected)
    ("The mayor resigned.", "The mayor resigned."),
    ("  The mayor resigned.\n\n", "The mayor resigned."),
    ('"The mayor resigned."', "The mayor resigned."),
    ("'The mayor resigned.'", "The mayor resigned."),
    ("\u201cThe mayor resigned.\u201d", "The mayor resigned."),
    ("\u2018The mayor resigned.\u2019", "The mayor resigned."),
    (
        "\u201eDer B\u00fcrgermeister trat zur\u00fcck.\u201c",
        "Der B\u00fcrgermeister trat zur\u00fcck.",
    ),
    ("\u00abLe maire a d\u00e9missionn\u00e9.\u00bb", "Le maire a d\u00e9missionn\u00e9."),
    ("\u300c\u5e02\u957f\u8f9e\u804c\u4e86\u300d", "\u5e02\u957f\u8f9e\u804c\u4e86"),
    ("'It's the mayor's turn'", "It's the mayor's turn"),
    ('"Yes," she said, "no."', '"Yes," she said, "no."'),
    ("'Tis the season, 'twas said'", "'Tis the season, 'twas said'"),
    ("**Monstera care guide**", "Monstera care guide"),
    ("`Monstera care guide`", "Monstera care guide"),
    ("```\nThe mayor resigned.\n```", "The mayor resigned."),
    ("```html\n<p>The mayor <b>resigned</b>.</p>\n```", "<p>The mayor <b>resigned</b>.</p>"),
    ("```text\nOne\n\nTwo\n```", "One\n\nTwo"),
    (
        "Here is the improved text:\n```\nThe mayor resigned.\n```\nI made it clearer.",
        "The mayor resigned.",
    ),
    ("Sure! Here is the rewritten text:\n\nThe mayor resigned.", "The mayor resigned."),
    ("Sure! Here is the rewritten text: The mayor resigned.", "The mayor resigned."),
    ("Sure, here's a shorter version: The mayor resigned.", "The mayor resigned."),
    ("Here's a shorter version: The mayor resigned.", "The mayor resigned."),
    ("Here\u2019s a shorter version:\nThe mayor resigned.", "The mayor resigned."),
    ("Certainly!\n\nThe mayor resigned.", "The mayor resigned."),
    ("Of course! Here's a punchier take:\nThe mayor quit.", "The mayor quit."),
    ("Here you go:\nThe mayor resigned.", "The mayor resigned."),
    ("I've rewritten the text to be clearer:\n\nThe mayor resigned.", "The mayor resigned."),
    ("Below is the translation:\n\nDer B\u00fcrgermeister.", "Der B\u00fcrgermeister."),
    ("Title: Monstera care guide", "Monstera care guide"),
    ('Title: "Monstera care guide"', "Monstera care guide"),
    ("**Title:** Monstera care guide", "Monstera care guide"),
    ("SEO title: Monstera care guide", "Monstera care guide"),
    ("Meta description: Learn to care for Monstera.", "Learn to care for Monstera."),
    ("Translation (German): Guten Tag.", "Guten Tag."),
    ("Sure! Title: \u201cMonstera care\u201d", "Monstera care"),
    ("The mayor resigned.\n\nLet me know if you want changes!", "The mayor resigned."),
    ("The mayor resigned.\n\nI hope this helps.", "The mayor resigned."),
    ("The mayor resigned.\n\n---\nNote: I kept the tone.", "The mayor resigned."),
    ("The mayor resigned.\n\nI've kept the facts and shortened it.", "The mayor resigned."),
    ("The mayor resigned. Let me know if you need another version.", "The mayor resigned."),
    ("The mayor resigned.\n\nWould you like a more formal tone?", "The mayor resigned."),
    (
        'Sure! Here is the rewritten text:\n\n"The mayor resigned."\n\nHope this helps!',
        "The mayor resigned.",
    ),
    ("[[TEXT 1a2b3c4d]]\nThe mayor resigned.\n[[/TEXT 1a2b3c4d]]", "The mayor resigned."),
    # Text that only starts like chatter is the answer itself.
    ("Here is the news: the mayor resigned.", "Here is the news: the mayor resigned."),
    ("Certainly, the mayor resigned.", "Certainly, the mayor resigned."),
    ("Sure enough, the mayor resigned.", "Sure enough, the mayor resigned."),
    ("Great news: the mayor resigned.", "Great news: the mayor resigned."),
    ("Titles matter: a guide to naming", "Titles matter: a guide to naming"),
    ("One paragraph.\n\nAnother paragraph.", "One paragraph.\n\nAnother paragraph."),
    (
        "Intro.\n\nNote: we close at 5.\n\nSee you soon.",
        "Intro.\n\nNote: we close at 5.\n\nSee you soon.",
    ),
    ("Run this:\n```\nnpm install\n```", "Run this:\n```\nnpm install\n```"),
    ("One.\n\nI hope this helps.\n\nLet me know!", "One."),
    ("Let me know what you think, says the mayor.", "Let me know what you think, says the mayor."),
    ("", ""),
    ("   ", ""),
    ("\r\nThe mayor resigned.\r\n", "The mayor resigned."),
]


@pytest.mark.parametrize("answer, expected", CLEAN_CASES)
def test_clean_text(answer, expected):
    assert clean_text(answer) == expected


def test_clean_text_is_idempotent():
    for answer, _expected in CLEAN_CASES:
        once = clean_text(answer)
        assert clean_text(once) == once


@pytest.mark.parametrize(
    "answer, source",
    [
        ("Here are our opening hours:\nMon-Fri 9-5", "Here are our opening hours: Mon-Fri 9-5"),
        ("Call us.\n\nLet me know if you have questions.", "Let me know if you have questions."),
        ("Summary: the year in numbers", "Summary: the year in numbers"),
        ("```\nnpm install\n```", "Install with:\n```\nnpm install\n```"),
    ],
)
def test_chatter_lookalikes_from_the_editors_own_text_are_kept(answer, source):
    assert clean_text(answer, source=source) == answer


def test_chatter_is_removed_when_not_in_the_source():
    assert clean_text("Here are our opening hours:\nMon-Fri 9-5") == "Mon-Fri 9-5"


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("Short enough", 50, "Short enough"),
        ("Exactly ten", 11, "Exactly ten"),
        ("Anything at all", None, "Anything at all"),
        ("  padded text  ", 20, "padded text"),
        # Too long: left whole for the caller to drop, never cut at a word.
        ("The quick brown fox jumps", 15, "The quick brown fox jumps"),
        (
            "Caring For Monstera: Light, Water, Soil, Moss Pole",
            40,
            "Caring For Monstera: Light, Water, Soil, Moss Pole",
        ),
        ("One sentence. Another one here", 16, "One sentence. Another one here"),
    ],
)
def test_fit_length_never_cuts_a_headline(text, limit, expected):
    assert fit_length(text, limit) == expected


def test_fit_length_never_cuts_inside_a_sentence():
    rng = random.Random(20240601)
    ends = ["", "", ",", ".", ";", "!", "?"]
    for _ in range(2000):
        words = [
            "".join(rng.choices(string.ascii_letters, k=rng.randint(1, 12))) + rng.choice(ends)
            for _word in range(rng.randint(1, 30))
        ]
        text = " ".join(words)
        limit = rng.randint(5, 200)
        result = fit_length(text, limit, prefer_sentence=True)
        if len(text) <= limit:
            assert result == text
        elif result != text:
            # Shortened: only to complete sentences, within the limit.
            assert len(result) <= limit
            assert result.endswith((".", "!", "?"))
            assert text.startswith(result)
            assert text[len(result) :][:1] in (" ", "")


def test_postprocess_titles_are_one_line_without_a_final_full_stop():
    answer = 'Sure! Here is a title:\n\n"Monstera care:\nthe complete guide."'
    assert postprocess(get_action("title"), answer) == "Monstera care: the complete guide"


def test_postprocess_keeps_a_question_mark_in_a_title():
    assert postprocess(get_action("seo_title"), "Why is my Monstera yellow?") == (
        "Why is my Monstera yellow?"
    )


def test_postprocess_leaves_an_overlong_seo_title_whole_for_the_caller_to_drop():
    answer = "How to care for Monstera deliciosa: watering, light, soil and propagation tips"
    assert postprocess(get_action("seo_title"), answer) == answer


def test_postprocess_fits_the_search_description_to_160_characters():
    answer = "Meta description: " + ("Learn to water your Monstera well. " * 8)
    result = postprocess(get_action("search_description"), answer)
    assert len(result) <= 160
    assert result.endswith("well.")


def test_postprocess_respects_the_field_max_length():
    result = postprocess(
        get_action("improve"), "One two. Three four.", "text", FieldInfo(max_length=9)
    )
    assert result == "One two."


def test_postprocess_keeps_paragraphs_for_rewrites():
    assert postprocess(get_action("improve"), "One.\n\nTwo.") == "One.\n\nTwo."


def test_postprocess_html_is_cleaned_and_sanitised():
    answer = '```html\n<p>Hi <b>you</b><script>x</script> <a href="javascript:x">link</a></p>\n```'
    result = postprocess(get_action("improve"), answer, "html", FieldInfo(features=("bold",)))
    assert result == "<p>Hi <b>you</b> link</p>"


def test_postprocess_html_drops_links_the_source_did_not_have():
    source = '<p>See <a href="https://example.com/">our site</a>.</p>'
    answer = (
        '<p>Visit <a href="https://example.com/">our site</a> or '
        '<a href="https://evil.example/">this</a>.</p>'
    )
    result = postprocess(
        get_action("improve"), answer, "html", FieldInfo(features=("link",)), source=source
    )
    assert result == '<p>Visit <a href="https://example.com/">our site</a> or this.</p>'


@pytest.mark.parametrize("answer", ["", "   ", '""', "```\n```", "Sure!"])
def test_empty_answers_raise(answer):
    with pytest.raises(EmptyAnswer):
        postprocess(get_action("improve"), answer)


def test_split_candidates_splits_numbered_and_bulleted_lists():
    assert split_candidates("1. One\n2) Two\n3. Three") == ["One", "Two", "Three"]
    assert split_candidates("- One\n* Two\n\u2022 Three") == ["One", "Two", "Three"]
    assert split_candidates("Just one title") == ["Just one title"]
    assert split_candidates("Line one\n2. Line two") == ["Line one\n2. Line two"]


def test_candidates_are_cleaned_deduplicated_and_empties_dropped():
    answers = [
        '"Monstera care guide"',
        "Title: monstera  care guide.",
        "",
        "  ",
        "Growing Monstera",
    ]
    assert postprocess_candidates(get_action("title"), answers) == [
        "Monstera care guide",
        "Growing Monstera",
    ]


def test_one_answer_listing_several_candidates_is_split():
    answer = (
        "Here are three titles:\n"
        "1. Monstera care guide\n2. Growing Monstera\n3. Monstera care guide"
    )
    assert postprocess_candidates(get_action("title"), [answer]) == [
        "Monstera care guide",
        "Growing Monstera",
    ]


def test_candidates_are_capped_by_the_setting():
    answers = [f"Title number {i}" for i in range(10)]
    assert len(postprocess_candidates(get_action("title"), answers)) == 5


def test_no_usable_candidate_raises():
    with pytest.raises(EmptyAnswer):
        postprocess_candidates(get_action("title"), ["", '""'])


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("First one. Second sentence goes on", 30, "First one."),
        ("A long first sentence here. Then more words", 36, "A long first sentence here."),
        ("Done! And then", 14, "Done! And then"),
        ("No sentence end at all here", 20, "No sentence end at all here"),
    ],
)
def test_fit_length_keeps_complete_sentences_only(text, limit, expected):
    assert fit_length(text, limit, prefer_sentence=True) == expected


@pytest.mark.parametrize(
    ("answer", "source", "expected"),
    [
        ('Care <script>alert(1)</script>guide <b onclick="x()">now</b>', None, "Care guide now"),
        ("<p>Monstera care</p>", "Monstera", "Monstera care"),
        ("Keep 1 < 2 and 3 > 2", None, "Keep 1 < 2 and 3 > 2"),
        ("Use <b>bold</b> sparingly", "Use <b>bold</b> often", "Use <b>bold</b> sparingly"),
    ],
)
def test_plain_text_answer_written_in_html_keeps_only_its_text(answer, source, expected):
    assert postprocess(get_action("improve"), answer, "text", source=source) == expected


PROMPT = "You are an editing assistant inside the Wagtail CMS. You do exactly one task."


@pytest.mark.parametrize(
    ("answer", "data", "echoes"),
    [
        ("Sure: you are an editing assistant inside the Wagtail CMS. You do", "", True),
        ("YOU ARE AN EDITING ASSISTANT INSIDE THE WAGTAIL CMS!", "", True),
        ("An editing assistant helps inside the Wagtail CMS.", "", False),
        ("You are an editing assistant inside the Wagtail CMS.", PROMPT, False),
        ("Short.", "", False),
    ],
)
def test_echoes_instructions(answer, data, echoes):
    from wagtail_ai_blocks.postprocess import echoes_instructions

    assert echoes_instructions(answer, PROMPT, data) is echoes
