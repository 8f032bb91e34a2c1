"""The prompt model: identity, validation on save, versions kept for the ledger."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wagtail_ai_blocks.library.models import AIPrompt, AIPromptVersion

pytestmark = pytest.mark.django_db


def test_a_new_prompt_is_version_one_with_its_own_action_id(make_prompt):
    prompt = make_prompt()
    assert prompt.version == 1
    assert prompt.action_id == f"prompt_{prompt.pk}"
    assert prompt.token == f"p{prompt.pk}.1"
    version = AIPromptVersion.objects.get(prompt=prompt)
    assert (version.token, version.action_id, version.instruction) == (
        f"p{prompt.pk}.1",
        f"prompt_{prompt.pk}",
        "Rewrite {selected_text} as a tweet.",
    )


def test_an_overriding_prompt_uses_the_builtin_id(make_prompt):
    assert make_prompt(overrides="improve").action_id == "improve"


def test_editing_the_instruction_makes_a_new_version_and_keeps_the_old_one(make_prompt):
    prompt = make_prompt()
    prompt.instruction = "Rewrite {selected_text} as a short, friendly tweet."
    prompt.save()

    assert prompt.version == 2
    assert list(
        AIPromptVersion.objects.filter(prompt=prompt)
        .order_by("version")
        .values_list("token", "instruction")
    ) == [
        (f"p{prompt.pk}.1", "Rewrite {selected_text} as a tweet."),
        (f"p{prompt.pk}.2", "Rewrite {selected_text} as a short, friendly tweet."),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("label", "Tweet it"), ("description", "For social media"), ("enabled", False)],
)
def test_changes_that_do_not_change_the_prompt_keep_the_version(make_prompt, field, value):
    prompt = make_prompt()
    setattr(prompt, field, value)
    prompt.save()
    assert prompt.version == 1
    assert AIPromptVersion.objects.filter(prompt=prompt).count() == 1


@pytest.mark.parametrize(("field", "value"), [("output", "insert_below"), ("placement", "field")])
def test_output_and_placement_changes_make_a_new_version(make_prompt, field, value):
    prompt = make_prompt()
    setattr(prompt, field, value)
    prompt.save()
    assert prompt.version == 2


def test_a_stale_instance_still_gets_the_next_version_number(make_prompt):
    prompt = make_prompt()
    stale = AIPrompt.objects.get(pk=prompt.pk)
    prompt.instruction = "First edit of {selected_text}."
    prompt.save()
    stale.instruction = "Second edit of {selected_text}."
    stale.save()
    assert stale.version == 3
    assert AIPromptVersion.objects.filter(prompt=prompt).count() == 3


def test_versions_outlive_a_deleted_prompt(make_prompt):
    prompt = make_prompt()
    token = prompt.token
    prompt.delete()
    version = AIPromptVersion.objects.get(token=token)
    assert version.prompt is None
    assert version.label == "Make it a tweet"


def test_unknown_placeholders_are_refused_on_the_instruction_field(make_prompt):
    with pytest.raises(ValidationError) as error:
        make_prompt(instruction="Rewrite {selection} for {audience}.")
    assert error.value.message_dict["instruction"] == [
        "Unknown placeholder {selection}. Use {selected_text}, {page_title}, "
        "{field:<name>}, {language}.",
        "Unknown placeholder {audience}. Use {selected_text}, {page_title}, "
        "{field:<name>}, {language}.",
    ]


def test_an_override_may_use_the_builtin_parameters(make_prompt):
    prompt = make_prompt(overrides="change_tone", instruction="Rewrite it to sound {tone}.")
    assert prompt.pk


def test_an_override_must_keep_the_builtins_placement(make_prompt):
    with pytest.raises(ValidationError) as error:
        make_prompt(overrides="seo_title", placement="rich_text")
    assert error.value.message_dict["placement"] == [
        "“Suggest an SEO title” is used in the Field panels: choose that placement."
    ]


def test_an_override_must_name_a_registered_action(make_prompt):
    with pytest.raises(ValidationError) as error:
        make_prompt(overrides="does_not_exist")
    assert "overrides" in error.value.message_dict
