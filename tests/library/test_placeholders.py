"""Placeholders: what an administrator may write, and what the model is told."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wagtail_ai_blocks.library.placeholders import (
    Placeholder,
    parse,
    to_task,
    uses_language,
    validate_no_placeholders,
)


def messages(exc: ValidationError) -> list[str]:
    return [message for error in exc.error_list for message in error.messages]


def test_every_documented_placeholder_is_accepted():
    found = parse(
        "Use {selected_text}, {page_title}, {field:intro} and {language}; {{literal}} braces."
    )
    assert found == [
        Placeholder("selected_text"),
        Placeholder("page_title"),
        Placeholder("field", field="intro"),
        Placeholder("language"),
    ]


def test_an_unknown_placeholder_is_named_with_the_allowed_ones():
    with pytest.raises(ValidationError) as error:
        parse("Summarise {selected_txt} for {audience}.")
    assert messages(error.value) == [
        "Unknown placeholder {selected_txt}. Use {selected_text}, {page_title}, "
        "{field:<name>}, {language}.",
        "Unknown placeholder {audience}. Use {selected_text}, {page_title}, "
        "{field:<name>}, {language}.",
    ]


@pytest.mark.parametrize("instruction", ["{field:}", "{field:2nd}", "{field:a b}", "{}"])
def test_field_placeholders_need_a_field_name(instruction):
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        parse(instruction)


def test_a_lone_brace_says_how_to_write_a_literal_one():
    with pytest.raises(ValidationError) as error:
        parse("Keep the {selected_text as it is")
    assert messages(error.value) == [
        "A brace is not closed (at character 10). Write {{ or }} for a literal brace."
    ]


def test_extra_names_are_allowed_when_overriding_a_builtin_with_parameters():
    assert parse("Make {selected_text} sound {tone}.", extra=("tone",))[1] == Placeholder("tone")
    with pytest.raises(ValidationError, match=r"\{tone\}"):
        parse("Make it sound {tone}.")


def test_the_task_refers_to_data_blocks_instead_of_holding_editor_content():
    task = to_task("Tweet {selected_text} about {page_title} using {field:intro}, in {language}.")
    assert task == (
        "Tweet the text in the TEXT block about the page title (in the CONTEXT block) using "
        'the page\'s "intro" field (in the CONTEXT block), in {language}.'
    )


def test_escaped_braces_become_literal_braces():
    assert to_task('Answer as JSON: {{"text": …}}') == 'Answer as JSON: {"text": …}'


def test_uses_language_only_when_the_placeholder_is_there():
    assert uses_language("Translate {selected_text} into {language}.")
    assert not uses_language("Translate {selected_text} into French.")


def test_the_brand_voice_cannot_contain_placeholders():
    validate_no_placeholders("Warm, plain English. Say “plants”, never “flora”.")
    with pytest.raises(ValidationError, match=r"\{tone\}"):
        validate_no_placeholders("Use a {tone} tone.")
