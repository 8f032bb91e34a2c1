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
        ("The quick brown fox jumps", 15, "The quick brown"),
        ("The quick brown fox jumps", 16, "The quick brown"),
        ("The quick brown fox jumps", 18, "The quick brown"),
        ("The quick brown fox jumps", 19, "The quick brown fox"),
        ("Apples, pears, and plums", 8, "Apples"),
        ("Apples, pears, and plums", 14, "Apples, pears"),
        ("Care guide - watering and light", 13, "Care guide"),
        ("Care guide (watering and light)", 12, "Care guide"),
        ("One sentence. Another one here", 16, "One sentence."),
        ("Supercalifragilistic word", 5, "Super"),
        ("Supercalifragilistic", 10, "Supercalif"),
        ("  padded text  ", 6, "padded"),
        ("Anything", 0, ""),
        ("Anything at all", None, "Anything at all"),
        ("Line one\nline two", 10, "Line one"),
    ],
)
def test_fit_length(text, limit, expected):
    assert fit_length(text, limit) == expected


def _tokens_respected(original: str, result: str) -> bool:
    """Every token of ``result`` is the original token; the last may lose trailing punctuation."""
    original_tokens = original.split()
    result_tokens = result.split()
    if len(result_tokens) > len(original_tokens):
        return False
    for index, token in enumerate(result_tokens):
        source = original_tokens[index]
        if token == source:
            continue
        is_last = index == len(result_tokens) - 1
        if (
            is_last
            and source.startswith(token)
            and not any(ch.isalnum() for ch in source[len(token) :])
        ):
            continue
        return False
    return True


def test_fit_length_never_exceeds_and_never_cuts_a_word():
    rng = random.Random(20240601)
    punctuation = ["", "", "", ",", ".", ";", ":", "!", "?", " -", " \u2014", " ("]
    for _ in range(3000):
        words = [
            "".join(rng.choices(string.ascii_letters, k=rng.randint(1, 12)))
            + rng.choice(punctuation)
            for _word in range(rng.randint(1, 30))
        ]
        text = " ".join(words)
        limit = rng.randint(13, 200)  # longer than any single word: no hard cut
        result = fit_length(text, limit)
        assert len(result) <= limit
        assert text.startswith(result)
        assert result == result.strip()
        assert _tokens_respected(text, result), (text, limit, result)
        if len(text) <= limit:
            assert result == text
        else:
            assert result, (text, limit)


def test_fit_length_hard_cuts_only_a_single_overlong_word():
    rng = random.Random(7)
    for _ in range(200):
        word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(20, 60)))
        limit = rng.randint(1, 19)
        assert fit_length(f"{word} tail", limit) == word[:limit]


def test_postprocess_titles_are_one_line_without_a_final_full_stop():
    answer = 'Sure! Here is a title:\n\n"Monstera care:\nthe complete guide."'
    assert postprocess(get_action("title"), answer) == "Monstera care: the complete guide"


def test_postprocess_keeps_a_question_mark_in_a_title():
    assert postprocess(get_action("seo_title"), "Why is my Monstera yellow?") == (
        "Why is my Monstera yellow?"
    )


def test_postprocess_fits_the_seo_title_to_sixty_characters():
    answer = "How to care for Monstera deliciosa: watering, light, soil and propagation tips"
    result = postprocess(get_action("seo_title"), answer)
    assert len(result) <= 60
    assert result == "How to care for Monstera deliciosa: watering, light, soil"


def test_postprocess_fits_the_search_description_to_160_characters():
    answer = "Meta description: " + ("Learn to water your Monstera well. " * 8)
    result = postprocess(get_action("search_description"), answer)
    assert len(result) <= 160
    assert result.endswith("well.")


def test_postprocess_respects_the_field_max_length():
    result = postprocess(
        get_action("improve"), "one two three four", "text", FieldInfo(max_length=9)
    )
    assert result == "one two"


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
        ("First one. Second sentence goes on", 30, "First one. Second sentence"),
        ("A long first sentence here. Then more words", 36, "A long first sentence here."),
        ("Done! And then", 14, "Done! And then"),
        ("No sentence end at all here", 20, "No sentence end at"),
    ],
)
def test_fit_length_can_prefer_a_complete_sentence(text, limit, expected):
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
