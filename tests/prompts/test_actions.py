"""The action registry and the built-in actions."""

from __future__ import annotations

import pytest
from django.core.validators import MaxLengthValidator

from wagtail_ai_blocks.backends.base import GenerationParams
from wagtail_ai_blocks.exceptions import UnknownAction
from wagtail_ai_blocks.prompts import (
    Action,
    FieldInfo,
    get_action,
    list_actions,
    register_action,
    reset_actions,
    unregister_action,
)
from wagtail_ai_blocks.prompts.actions import count_tokens, resolve_max_length
from wagtail_ai_blocks.prompts.builtin import BUILTIN_ACTIONS
from wagtail_ai_blocks.richtext import FeaturePolicy

REWRITE_IDS = [
    "improve",
    "fix_grammar",
    "shorten",
    "expand",
    "simplify",
    "change_tone",
    "translate",
    "summarize",
    "continue",
    "ask",
]
FIELD_IDS = [
    "title",
    "seo_title",
    "search_description",
    "introduction",
    "heading",
    "link_title",
    # wagtail_ai_blocks/images/actions.py
    "image_title",
    "image_description",
    "image_alt_text",
]
PAGE_IDS = ["review_page", "translate_page"]


@pytest.fixture(autouse=True)
def _fresh_registry():
    reset_actions()
    yield
    reset_actions()


def test_builtin_ids_are_registered_in_order():
    assert [a.id for a in list_actions()] == REWRITE_IDS + FIELD_IDS + PAGE_IDS


def test_list_actions_filters_by_kind():
    assert [a.id for a in list_actions("rewrite")] == REWRITE_IDS
    assert [a.id for a in list_actions(kind="field")] == FIELD_IDS
    assert [a.id for a in list_actions(kind="page")] == PAGE_IDS


@pytest.mark.parametrize("action", BUILTIN_ACTIONS, ids=lambda a: a.id)
def test_every_builtin_is_versioned_and_labelled(action):
    assert action.version >= 1
    assert str(action.label)
    assert action.system_prompt
    assert action.cache_token.startswith(f"{action.id}:{action.version}:")


def test_unknown_action_is_a_400_naming_the_field():
    with pytest.raises(UnknownAction) as excinfo:
        get_action("make_it_rhyme")
    assert excinfo.value.status == 400
    assert excinfo.value.detail == {"field": "action"}


def test_unknown_action_with_a_non_string_id_is_still_unknown():
    with pytest.raises(UnknownAction):
        get_action(["improve"])  # type: ignore[arg-type]


def test_continue_inserts_below_and_the_others_replace():
    assert get_action("continue").output == "insert_below"
    assert {a.output for a in list_actions() if a.id != "continue"} == {"replace"}


def test_field_action_lengths_follow_the_seo_guidance():
    assert get_action("seo_title").default_max_length == 60
    assert get_action("search_description").default_max_length == 160
    assert get_action("search_description").target_length == (140, 160)
    assert get_action("title").target_length == (40, 60)


def test_project_can_register_its_own_action():
    action = Action(id="house_style", label="House style", version=1, system_prompt="Do it.")
    register_action(action)
    assert get_action("house_style") is action
    assert list_actions()[-1] is action


def test_registering_an_existing_id_needs_replace():
    replacement = Action(id="improve", label="Better", version=2, system_prompt="Improve.")
    with pytest.raises(ValueError, match="already registered"):
        register_action(replacement)
    register_action(replacement, replace=True)
    assert get_action("improve").version == 2


def test_unregistered_action_is_unknown():
    unregister_action("ask")
    with pytest.raises(UnknownAction):
        get_action("ask")


def test_register_rejects_things_that_are_not_actions():
    with pytest.raises(TypeError):
        register_action({"id": "x"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"id": "Bad Id"}, "must match"),
        ({"version": 0}, "version"),
        ({"kind": "poem"}, "kind"),
        ({"output": "sideways"}, "output"),
        ({"formats": ("markdown",)}, "formats"),
        ({"shape": "circle"}, "shape"),
    ],
)
def test_invalid_action_definitions_fail_loudly(kwargs, message):
    base = {"id": "ok", "label": "OK", "version": 1, "system_prompt": "x"}
    with pytest.raises(ValueError, match=message):
        Action(**{**base, **kwargs})


def test_cache_token_changes_with_version_and_prompt_text():
    action = Action(id="a", label="A", version=1, system_prompt="one")
    bumped = Action(id="a", label="A", version=2, system_prompt="one")
    edited = Action(id="a", label="A", version=1, system_prompt="two")
    assert len({action.cache_token, bumped.cache_token, edited.cache_token}) == 3


def test_actions_are_hashable_value_objects():
    assert hash(get_action("improve")) == hash(get_action("improve"))


def test_resolve_max_length_takes_the_tightest_limit():
    assert resolve_max_length(None, 255, 60) == 60
    assert resolve_max_length(None, validators=[MaxLengthValidator(30)]) == 30
    assert resolve_max_length(0, None) is None
    assert resolve_max_length(None, None) is None


def test_a_requests_field_is_bounded_by_the_tighter_of_action_and_field():
    seo = get_action("seo_title")
    assert FieldInfo().for_action(seo).max_length == 60
    assert FieldInfo(max_length=255).for_action(seo).max_length == 60
    assert FieldInfo(max_length=50).for_action(seo).max_length == 50
    assert FieldInfo().for_action(get_action("improve")).max_length is None
    assert FieldInfo(max_length=80).for_action(get_action("improve")).max_length == 80


def test_a_requests_html_field_carries_its_features_resolved_once():
    from wagtail.rich_text import features as feature_registry

    improve = get_action("improve")
    default = FieldInfo(name="body").for_action(improve, "html")
    assert isinstance(default.features, FeaturePolicy)
    assert list(default.features) == list(dict.fromkeys(feature_registry.get_default_features()))
    own = FieldInfo(features=("bold", "bold", "link")).for_action(improve, "html")
    assert own.features == ("bold", "link")
    assert "a" in own.features.tags and "h2" not in own.features.tags
    # Resolving again hands back the same policy (and its converter): no second resolution.
    assert own.for_action(improve, "html").features is own.features
    assert FieldInfo(features=("bold",)).for_action(improve, "text").features == ("bold",)


def test_max_tokens_grow_with_long_rewrites_but_stay_bounded():
    improve = get_action("improve")
    assert improve.max_tokens_for("short") < 64
    assert improve.max_tokens_for("word " * 3000) > improve.max_tokens
    assert improve.max_tokens_for("word " * 10_000_000) == 16_384


@pytest.mark.parametrize(
    "text",
    [
        "Make this fourteen words shorter please, because it is far too long for us.",
        '<p>A <b>forgiving</b> plant: see the <a href="https://example.com/">guide</a>.</p>',
        "word " * 2000,
        "x",
    ],
)
def test_a_shortening_never_allows_more_tokens_than_its_source_has(text):
    for action_id in ("shorten", "summarize"):
        assert 1 <= get_action(action_id).max_tokens_for(text) <= count_tokens(text)


def test_count_tokens_is_a_lower_bound_of_words_and_marks():
    assert count_tokens("Make it shorter, please.") == 6
    assert count_tokens("") == 0


def test_continue_writing_is_bounded_whatever_the_text():
    action = get_action("continue")
    assert action.max_tokens_for("word " * 5000) == action.max_tokens == 400


def test_field_answers_are_bounded_by_the_field_max_length():
    seo = get_action("seo_title")
    assert seo.max_tokens_for("x" * 9000, FieldInfo(max_length=60)) == 36
    assert seo.max_tokens_for("", FieldInfo(max_length=30)) == 26
    assert get_action("introduction").max_tokens_for("", FieldInfo(max_length=300)) == 116
    # Never more than the action's own ceiling.
    assert get_action("introduction").max_tokens_for("", None) == 416  # its own 1200


def test_generation_params_cap_candidates_at_the_setting(settings):
    params = get_action("title").generation_params()
    assert params == GenerationParams(max_tokens=40, temperature=0.8, candidates=3)
    assert get_action("title").generation_params(candidates=99).candidates == 5


def test_field_info_from_a_model_field():
    from wagtail.fields import RichTextField

    field = RichTextField(features=["bold", "link"], max_length=500)
    field.name = "body"
    assert FieldInfo.from_model_field(field) == FieldInfo("body", 500, ("bold", "link"))


def test_client_description_never_includes_the_prompt():
    data = get_action("change_tone").as_client_dict()
    assert data["id"] == "change_tone"
    assert "system_prompt" not in data
    assert get_action("change_tone").system_prompt not in str(data)
    assert [c["value"] for c in data["params"][0]["choices"]] == [
        "professional",
        "friendly",
        "casual",
        "confident",
        "empathetic",
    ]


def test_client_description_lists_site_languages_first(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("fr", "French"), ("cy", "Welsh")]
    choices = get_action("translate").as_client_dict()["params"][0]["choices"]
    assert [c["value"] for c in choices[:2]] == ["fr", "cy"]
    assert "de" in [c["value"] for c in choices]
