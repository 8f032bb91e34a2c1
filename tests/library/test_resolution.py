"""What a site's editors are offered and what their requests run."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType

from wagtail_ai_blocks.client_config import client_config
from wagtail_ai_blocks.exceptions import BadRequest, UnknownAction
from wagtail_ai_blocks.library import resolve_action, site_actions
from wagtail_ai_blocks.library.actions import BRAND_VOICE_HEADING, LibraryAction
from wagtail_ai_blocks.library.models import AISiteSettings
from wagtail_ai_blocks.prompts import get_action, list_actions

pytestmark = pytest.mark.django_db


def ids(actions) -> list[str]:
    return [action.id for action in actions]


def test_without_library_prompts_the_site_offers_the_registered_actions(default_site):
    assert ids(site_actions()) == ids(list_actions())
    assert site_actions()[0] is get_action("improve")


def test_a_library_prompt_follows_the_builtins_as_a_rewrite_action(make_prompt):
    prompt = make_prompt(description="For our social accounts")
    action = site_actions()[-1]
    assert isinstance(action, LibraryAction)
    assert action.as_client_dict() == {
        "id": f"prompt_{prompt.pk}",
        "label": "Make it a tweet",
        "description": "For our social accounts",
        "kind": "rewrite",
        "output": "replace",
        "formats": ["text", "html"],
        "params": [],
        "candidates": 1,
        "source": "library",
        "prompt_id": prompt.pk,
        "fields": [],
        "page_types": [],
        "overrides": "",
    }


def test_the_page_config_lists_library_prompts_for_the_rich_text_menu(make_prompt):
    prompt = make_prompt(label="Shout it", output="insert_below")
    actions = {action["id"]: action for action in client_config()["actions"]}
    assert actions[f"prompt_{prompt.pk}"]["label"] == "Shout it"
    assert actions[f"prompt_{prompt.pk}"]["output"] == "insert_below"
    # The browser never sees an instruction.
    assert "selected_text" not in json.dumps(client_config())


def test_a_saved_change_is_offered_at_once(make_prompt):
    prompt = make_prompt()
    prompt.label = "Tweet it"
    prompt.save()
    assert site_actions()[-1].label == "Tweet it"
    prompt.enabled = False
    prompt.save()
    assert f"prompt_{prompt.pk}" not in ids(site_actions())


def test_library_prompts_keep_their_admin_order(make_prompt):
    first = make_prompt(label="First")
    second = make_prompt(label="Second")
    first.sort_order, second.sort_order = 2, 1
    first.save()
    second.save()
    assert [a.label for a in site_actions()[-2:]] == ["Second", "First"]


def test_a_field_prompt_offers_candidates_for_field_panels(make_prompt):
    make_prompt(placement="field", instruction="Write a teaser for {page_title}.")
    action = site_actions()[-1]
    assert (action.kind, action.candidates) == ("field", 3)


def test_the_language_placeholder_asks_the_editor_for_a_language(make_prompt):
    make_prompt(instruction="Translate {selected_text} into {language}, formally.")
    action = site_actions()[-1]
    assert [param.name for param in action.params] == ["language"]
    assert action.as_client_dict()["params"][0]["kind"] == "language"


def test_a_prompt_for_another_site_is_not_offered_here(make_prompt, other_site):
    prompt = make_prompt(site=other_site)
    assert f"prompt_{prompt.pk}" not in ids(site_actions())
    assert f"prompt_{prompt.pk}" in ids(site_actions(other_site))


def test_hidden_builtins_are_neither_offered_nor_run(default_site):
    AISiteSettings.objects.create(site=default_site, hidden_actions=["expand", "title"])
    assert "expand" not in ids(site_actions())
    assert "title" not in ids(site_actions())
    with pytest.raises(UnknownAction):
        resolve_action("expand")


def test_hiding_on_one_site_leaves_the_other_alone(default_site, other_site):
    AISiteSettings.objects.create(site=other_site, hidden_actions=["expand"])
    assert "expand" in ids(site_actions())
    assert "expand" not in ids(site_actions(other_site))


def test_an_override_replaces_the_builtin_in_place_and_keeps_its_options(make_prompt):
    make_prompt(
        overrides="change_tone",
        label="Change tone (house style)",
        instruction="Rewrite {selected_text} so it sounds {tone}, in our house style.",
    )
    actions = site_actions()
    assert ids(actions) == ids(list_actions())
    action = actions[ids(actions).index("change_tone")]
    assert action.label == "Change tone (house style)"
    assert action.as_client_dict()["overrides"] == "change_tone"
    assert [param.name for param in action.params] == ["tone"]
    assert action.system_prompt.startswith("Rewrite the text in the TEXT block so it sounds {tone}")


def test_the_sites_own_override_wins_over_an_every_site_one(make_prompt, default_site):
    make_prompt(overrides="improve", label="Everywhere")
    make_prompt(overrides="improve", label="Here", site=default_site)
    assert resolve_action("improve").label == "Here"


def test_the_brand_voice_follows_every_task_on_its_site(make_prompt, default_site):
    make_prompt()
    AISiteSettings.objects.create(site=default_site, brand_voice="Plain British English.")
    for action in site_actions():
        assert action.system_prompt.endswith(f"\n\n{BRAND_VOICE_HEADING}\nPlain British English.")
    assert resolve_action("improve").system_prompt.startswith(get_action("improve").system_prompt)


def test_a_prompt_id_picks_the_library_prompt(make_prompt):
    prompt = make_prompt()
    assert resolve_action("ignored", prompt_id=prompt.pk).prompt_pk == prompt.pk
    with pytest.raises(UnknownAction) as error:
        resolve_action("improve", prompt_id=prompt.pk + 100)
    assert error.value.detail == {"field": "params.prompt_id"}


def test_a_prompt_for_some_fields_refuses_other_fields(make_prompt):
    prompt = make_prompt(field_names="body, intro")
    action_id = f"prompt_{prompt.pk}"
    assert resolve_action(action_id, field_name="body").fields == ("body", "intro")
    with pytest.raises(BadRequest, match="not available for this field"):
        resolve_action(action_id, field_name="title")


@pytest.mark.parametrize("field_name", [None, ""])
def test_a_prompt_for_some_fields_refuses_a_request_that_names_no_field(make_prompt, field_name):
    prompt = make_prompt(field_names="intro")
    with pytest.raises(BadRequest, match="not available for this field") as error:
        resolve_action(f"prompt_{prompt.pk}", field_name=field_name)
    assert error.value.detail == {"field": "field.name"}


def test_a_prompt_for_some_page_types_refuses_other_types(make_prompt):
    from blog.models import BlogPage

    prompt = make_prompt(page_types=[ContentType.objects.get_for_model(BlogPage)])
    action_id = f"prompt_{prompt.pk}"
    assert resolve_action(action_id, page_type="blog page").page_types == ("Blog page",)
    with pytest.raises(BadRequest, match="not available for this page type"):
        resolve_action(action_id, page_type="Home page")


@pytest.mark.parametrize("page_type", [None, ""])
def test_a_prompt_for_some_page_types_refuses_a_request_without_one(make_prompt, page_type):
    from blog.models import BlogPage

    prompt = make_prompt(page_types=[ContentType.objects.get_for_model(BlogPage)])
    with pytest.raises(BadRequest, match="not available for this page type") as error:
        resolve_action(f"prompt_{prompt.pk}", page_type=page_type)
    assert error.value.detail == {"field": "context.page_type"}


def test_a_prompt_for_every_field_and_page_type_needs_neither(make_prompt):
    prompt = make_prompt()
    assert resolve_action(f"prompt_{prompt.pk}").prompt_pk == prompt.pk


def test_reading_a_sites_actions_costs_two_queries_without_prompts(
    default_site, django_assert_num_queries
):
    with django_assert_num_queries(2):
        site_actions()
