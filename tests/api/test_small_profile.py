"""The small prompt profile end to end: what a tiny model is sent, and what of its
answers reaches the editor (through the fake OpenAI server, so answers are scripted)."""

from __future__ import annotations

import pytest

from tests.api.conftest import read_events
from tests.fake_openai import Reply
from wagtail_ai_blocks.models import UsageRecord

SELECTION = (
    "<p>The <b>Monstera deliciosa</b> is one of the most popular houseplants because it is "
    "easy to care for. Read our "
    '<a href="https://example.com/watering">watering guide</a> for more tips.</p>'
)
PLAIN = (
    "The Monstera deliciosa is one of the most popular houseplants because it is easy to "
    "care for. Read our watering guide for more tips."
)
SHORTER = "The Monstera deliciosa is an easy houseplant; read our watering guide."
CHAT = "I'm ready to help you edit and improve your writing! Here are some tips."


@pytest.fixture
def small_profile(fake_openai, settings):
    backend = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]["default"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {**backend, "CLASS": "tests.small_backend.SmallProfileOpenAIBackend"}
        },
    }
    return fake_openai


def _shorten(post_json, client, endpoint="generate"):
    body = {
        "action": "shorten",
        "text": SELECTION,
        "format": "html",
        "field": {"features": ["bold", "link"]},
    }
    return post_json(client, endpoint, body)


def test_the_model_gets_a_short_prompt_one_example_and_the_plain_text(
    editor_client, small_profile, post_json
):
    small_profile.script(Reply(SHORTER))
    _shorten(post_json, editor_client)

    request = small_profile.requests[-1]["json"]
    messages = request["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert len(messages[0]["content"]) < 300
    assert '"Monstera deliciosa", "watering guide"' in messages[0]["content"]
    assert messages[-1]["content"] == PLAIN
    assert "<" not in messages[-1]["content"]
    assert request["temperature"] == 0.0
    # A shortening never gets more tokens than its source has words and marks.
    assert request["max_tokens"] <= 30


def test_links_and_bold_survive_make_shorter(editor_client, small_profile, post_json):
    small_profile.script(Reply(SHORTER))
    data = _shorten(post_json, editor_client).json()

    candidate = data["candidates"][0]
    assert candidate["html"] == (
        "<p>The <b>Monstera deliciosa</b> is an easy houseplant; read our "
        '<a href="https://example.com/watering">watering guide</a>.</p>'
    )
    assert candidate["lost_entities"] == []


def test_a_chat_reply_is_asked_again_and_never_offered(editor_client, small_profile, post_json):
    small_profile.script(Reply(CHAT), Reply(SHORTER))
    data = _shorten(post_json, editor_client).json()

    assert [c["text"] for c in data["candidates"]] == [
        "The Monstera deliciosa is an easy houseplant; read our watering guide."
    ]
    first, retry = (r["json"] for r in small_profile.requests[-2:])
    assert retry["messages"] == first["messages"]
    assert retry["temperature"] > first["temperature"]


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_two_unusable_answers_say_the_offline_model_could_not_and_cost_no_quota(
    editor_client, small_profile, post_json, api_url, endpoint
):
    longer = PLAIN + " It is also very forgiving."
    small_profile.script(Reply(CHAT), Reply(longer))
    before = editor_client.get(api_url("quota")).json()["quota"]["remaining"]

    response = _shorten(post_json, editor_client, endpoint)

    if endpoint == "stream":
        events = read_events(response)
        # Nothing of either answer was streamed into the preview.
        assert [name for name, _data in events] == ["error"]
        error = events[0][1]["error"]
    else:
        assert response.status_code == 422
        error = response.json()["error"]
    assert error["code"] == "offline_model_failed"
    assert error["message"] == (
        "The offline model could not do this. Connect an AI provider for better answers."
    )
    assert editor_client.get(api_url("quota")).json()["quota"]["remaining"] == before
    record = UsageRecord.objects.latest("pk")
    assert record.error_code == "offline_model_failed"


def test_a_checked_answer_is_streamed_after_it_passed(editor_client, small_profile, post_json):
    small_profile.script(Reply(CHAT), Reply(SHORTER))
    events = read_events(_shorten(post_json, editor_client, "stream"))

    streamed = "".join(data["text"] for name, data in events if name == "delta")
    assert streamed == SHORTER
    assert "ready to help" not in streamed
    assert events[-1][0] == "done"
    assert 'href="https://example.com/watering"' in events[-1][1]["candidates"][0]["html"]


def test_field_suggestions_that_do_not_fit_are_dropped_not_cut(
    editor_client, small_profile, post_json
):
    small_profile.responder = lambda request: "Caring for Monstera: Light, Water, Soil, Moss Pole"
    response = post_json(
        editor_client,
        "generate",
        {
            "action": "seo_title",
            "context": {"page_title": "Monstera care"},
            "field": {"max_length": 40},
        },
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "offline_model_failed"
    request = small_profile.requests[-1]["json"]
    assert "at most 40 characters" in request["messages"][0]["content"]
    assert request["messages"][-1]["content"].startswith("Page title: Monstera care")
