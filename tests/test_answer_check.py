"""Which answers are not worth offering (used by the service and the evaluation)."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks.answer_check import (
    copied_phrase,
    novel_word_ratio,
    problems,
    repeated_phrase,
)
from wagtail_ai_blocks.prompts import get_action

SOURCE = (
    "The Monstera deliciosa is one of the most popular houseplants because it is easy to "
    "care for and grows quickly in bright, indirect light."
)


@pytest.mark.parametrize(
    "answer",
    [
        "I'm ready to help you edit and improve your writing!",
        "Sure, here is a shorter version of the text.",
        "Awesome job! I'm glad you included that sentence.",
        "Great question! Monstera is popular.",
        "The Monstera is popular 🌿 and easy.",
        "This sentence is clear, but the revised version drops the adverbs.",
        "The Monstera is popular. How can I help you today?",
    ],
)
def test_chat_replies_and_comments_are_refused(answer):
    assert "chat" in problems(get_action("shorten"), answer, SOURCE)


def test_a_list_of_advice_is_refused_when_the_source_had_no_list():
    advice = "1. Use short sentences.\n2. Remove filler words.\n3. Keep the facts."
    assert "list" in problems(get_action("shorten"), advice, SOURCE)


def test_a_shortening_that_is_not_shorter_is_refused():
    longer = SOURCE + " It also likes humidity."
    assert "not_shorter" in problems(get_action("shorten"), longer, SOURCE)
    assert "not_shorter" not in problems(get_action("improve"), longer, SOURCE)


def test_a_good_shortening_has_no_problem():
    answer = "The Monstera deliciosa is a popular houseplant: easy to care for, quick to grow."
    assert problems(get_action("shorten"), answer, SOURCE) == []


def test_an_answer_cut_mid_sentence_is_unfinished():
    assert "unfinished" in problems(get_action("shorten"), "The Monstera is easy to", SOURCE)


def test_invented_content_is_refused_for_rewrites_that_keep_content():
    answer = "Bees swarm every winter across Europe, producing valuable honey harvests."
    assert "invented" in problems(get_action("shorten"), answer, SOURCE)
    assert novel_word_ratio("The Monstera grows quickly.", SOURCE) == 0.0


def test_the_editors_own_words_are_not_taken_for_chat():
    source = "I'm a gardener and I have grown Monstera plants for twenty years in my flat."
    answer = "I'm a gardener who has grown Monstera for twenty years."
    assert problems(get_action("shorten"), answer, source) == []


def test_a_field_value_over_the_limit_is_too_long():
    assert problems(get_action("seo_title"), "x" * 61, max_length=60) == ["too_long"]
    assert problems(get_action("seo_title"), "x" * 60, max_length=60) == []
    assert problems(get_action("seo_title"), "   ", max_length=60) == ["empty"]


def test_an_answer_that_says_the_same_five_words_twice_is_repeated():
    answer = (
        "The Monstera deliciosa is easy to care for. The Monstera deliciosa is easy to care for."
    )
    assert "repeated" in problems(get_action("shorten"), answer, SOURCE)
    assert repeated_phrase(answer) == "the monstera deliciosa is easy"


def test_a_repetition_the_source_already_had_is_the_editors():
    source = "Water it. Then water it again. Water it and water it and water it and water it."
    answer = "Water it and water it and water it and water it."
    assert "repeated" not in problems(get_action("shorten"), answer, source)


def test_words_copied_from_the_worked_example_are_refused():
    example = ("The town library is open on weekdays.", "Town Library: Opening Hours and Lending")
    answer = "Our Bakery: Opening Hours and Lending"
    found = problems(
        get_action("seo_title"), answer, given="Page title: Our bakery", examples=example
    )
    assert found == ["copied"]
    assert copied_phrase(answer, example, "Our bakery") == "opening hours and lending"


def test_words_the_editor_gave_are_not_copied_even_if_the_example_has_them():
    example = ("The town library is open on weekdays.", "Town Library: Opening Hours and Lending")
    given = "Page title: The town library\nText: The town library is open on weekdays."
    answer = "The town library is open on weekdays"
    assert problems(get_action("seo_title"), answer, given=given, examples=example) == []


@pytest.mark.parametrize(
    "title",
    [
        "Bakery: Bakery",
        "Cycling to Work: Cycling to Work: Saving on Fuel",
        "Winter Tyres | winter tyres",
    ],
)
def test_a_title_that_says_the_same_thing_twice_is_repeated(title):
    assert "repeated" in problems(get_action("seo_title"), title, max_length=60)


def test_a_title_may_repeat_a_single_word():
    title = "Winter Tyres: Tyre Checks and Tyre Care"
    assert problems(get_action("seo_title"), title, max_length=60) == []
