"""Library prompts through the real service and API: versions, cache entries, ledger."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.fake_openai import Reply
from wagtail_ai_blocks.library.models import AIPromptVersion, AISiteSettings
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.service import GenerationRequest, GenerationService

pytestmark = pytest.mark.django_db

TEXT = "Monstera deliciosa likes bright, indirect light."


def generate(client, body: dict):
    return client.post(
        reverse("wagtail_ai_blocks_api:generate"),
        data=json.dumps(body),
        content_type="application/json",
    )


def key_for(user, action_id: str) -> str:
    request = GenerationRequest(user=user, action=action_id, text=TEXT)
    return GenerationService().prepare(request).key


def test_an_editor_runs_a_library_prompt_and_the_ledger_names_its_version(
    editor_client, editor, fake_openai, make_prompt
):
    prompt = make_prompt()
    fake_openai.script(Reply("Monstera loves light! #plants"))

    response = generate(editor_client, {"action": f"prompt_{prompt.pk}", "text": TEXT})

    assert response.status_code == 200, response.content
    assert response.json()["candidates"][0]["text"] == "Monstera loves light! #plants"
    record = UsageRecord.objects.get()
    assert (record.user, record.action, record.prompt_version) == (
        editor,
        f"prompt_{prompt.pk}",
        f"p{prompt.pk}.1",
    )
    system = fake_openai.requests[0]["json"]["messages"][0]["content"]
    assert "Rewrite the text in the TEXT block as a tweet." in system
    assert TEXT not in system  # editor content stays in the data blocks


def test_params_prompt_id_runs_the_prompt_and_is_not_an_action_option(
    editor_client, fake_openai, make_prompt
):
    prompt = make_prompt()
    response = generate(
        editor_client, {"action": "custom", "text": TEXT, "params": {"prompt_id": prompt.pk}}
    )
    assert response.status_code == 200, response.content
    assert response.json()["action"] == f"prompt_{prompt.pk}"
    assert UsageRecord.objects.get().action == f"prompt_{prompt.pk}"


def test_editing_a_prompt_changes_only_its_own_cache_entries(editor, make_prompt, fake_openai):
    edited, untouched = make_prompt(label="Edited"), make_prompt(label="Untouched")
    edited_key, untouched_key = (
        key_for(editor, edited.action_id),
        key_for(editor, untouched.action_id),
    )
    builtin_key = key_for(editor, "improve")

    edited.instruction = "Rewrite {selected_text} as a tweet with one hashtag."
    edited.save()

    assert key_for(editor, edited.action_id) != edited_key
    assert key_for(editor, untouched.action_id) == untouched_key
    assert key_for(editor, "improve") == builtin_key


def test_after_an_edit_the_new_version_answers_and_the_old_one_stays_in_the_ledger(
    editor_client, fake_openai, make_prompt
):
    prompt = make_prompt()
    other = make_prompt(label="Other")
    body = {"action": prompt.action_id, "text": TEXT}
    assert generate(editor_client, body).json()["cache"] == "miss"
    assert generate(editor_client, {**body, "action": other.action_id}).json()["cache"] == "miss"
    assert generate(editor_client, body).json()["cache"] == "hit"

    prompt.instruction = "Rewrite {selected_text} as a haiku."
    prompt.save()

    assert generate(editor_client, body).json()["cache"] == "miss"
    assert generate(editor_client, {**body, "action": other.action_id}).json()["cache"] == "hit"
    assert fake_openai.call_count == 3
    versions = list(
        UsageRecord.objects.filter(action=prompt.action_id)
        .order_by("pk")
        .values_list("prompt_version", flat=True)
    )
    assert versions == [f"p{prompt.pk}.1", f"p{prompt.pk}.1", f"p{prompt.pk}.2"]
    old = AIPromptVersion.objects.get(token=f"p{prompt.pk}.1")
    assert old.instruction == "Rewrite {selected_text} as a tweet."


def test_an_override_answers_under_the_builtin_id_with_its_own_version(
    editor_client, fake_openai, make_prompt
):
    prompt = make_prompt(overrides="shorten", instruction="Cut {selected_text} to ten words.")
    response = generate(editor_client, {"action": "shorten", "text": TEXT})
    assert response.status_code == 200, response.content
    assert (
        "Cut the text in the TEXT block to ten words."
        in (fake_openai.requests[0]["json"]["messages"][0]["content"])
    )
    record = UsageRecord.objects.get()
    assert (record.action, record.prompt_version) == ("shorten", f"p{prompt.pk}.1")


def test_the_brand_voice_reaches_the_model(editor_client, fake_openai, default_site):
    AISiteSettings.objects.create(site=default_site, brand_voice="Always say “houseplant”.")
    generate(editor_client, {"action": "improve", "text": TEXT})
    assert "Always say “houseplant”." in fake_openai.requests[0]["json"]["messages"][0]["content"]


def test_a_hidden_builtin_is_refused_by_the_api(editor_client, fake_openai, default_site):
    AISiteSettings.objects.create(site=default_site, hidden_actions=["improve"])
    response = generate(editor_client, {"action": "improve", "text": TEXT})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_action"
    assert fake_openai.call_count == 0


def test_a_disabled_prompt_is_refused(editor_client, fake_openai, make_prompt):
    prompt = make_prompt(enabled=False)
    response = generate(editor_client, {"action": prompt.action_id, "text": TEXT})
    assert response.json()["error"]["code"] == "unknown_action"


def test_a_prompt_can_name_its_backend(editor_client, fake_openai, make_prompt, settings):
    backends = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {**backends, "cheap": {**backends["default"], "MODEL": "fake-cheap"}},
    }
    prompt = make_prompt(backend="cheap")
    response = generate(editor_client, {"action": prompt.action_id, "text": TEXT})
    assert response.json()["backend"] == "cheap"
    assert fake_openai.requests[0]["json"]["model"] == "fake-cheap"


@pytest.mark.parametrize(
    ("scope", "body", "where"),
    [
        ({"field_names": "intro"}, {}, "field.name"),
        ({"field_names": "intro"}, {"field": {"name": "body"}}, "field.name"),
        ("blog", {"field": {"name": "intro"}}, "context.page_type"),
        ("blog", {"context": {"page_type": "Home page"}}, "context.page_type"),
    ],
)
@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_a_scoped_prompt_is_refused_when_the_request_leaves_its_scope_out(
    editor_client, fake_openai, make_prompt, scope, body, where, endpoint
):
    from django.contrib.contenttypes.models import ContentType

    from blog.models import BlogPage

    if scope == "blog":
        prompt = make_prompt(page_types=[ContentType.objects.get_for_model(BlogPage)])
    else:
        prompt = make_prompt(**scope)
    fake_openai.script(Reply("Monstera loves light!"))  # what it would answer if asked

    response = editor_client.post(
        reverse(f"wagtail_ai_blocks_api:{endpoint}"),
        data=json.dumps(
            {"action": "improve", "params": {"prompt_id": prompt.pk}, "text": TEXT, **body}
        ),
        content_type="application/json",
    )

    # Read a stream to its end, so a request that ran fails here instead of hanging.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 400, content
    assert json.loads(content)["error"]["field"] == where
    assert fake_openai.call_count == 0
    assert not UsageRecord.objects.filter(outcome="ok").exists()
