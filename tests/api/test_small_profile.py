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


def _shorten(post_json, client, endpoint="generate"):
    body = {
        "action": "shorten",
        "text": SELECTION,
        "format": "html",
        "field": {"features": ["bold", "link"]},
    }
    return post_json(client, endpoint, body)


def test_the_model_gets_a_short_prompt_one_example_and_the_plain_text(
    editor_client, offline_model, post_json
):
    offline_model.script(Reply(SHORTER))
    _shorten(post_json, editor_client)

    request = offline_model.requests[-1]["json"]
    messages = request["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    # One short instruction, no chat-assistant framing (it invites chat replies).
    assert messages[0]["content"] == "Shorten the text. Keep its words and facts."
    # The worked example keeps its last sentence (a link, in the editor) word for word.
    assert messages[2]["content"].endswith("Our village history page tells the whole story.")
    assert messages[-1]["content"] == PLAIN
    assert "<" not in messages[-1]["content"]
    assert request["temperature"] == 0.0
    # A shortening never gets more tokens than its source has words and marks.
    assert request["max_tokens"] <= 30


def test_links_and_bold_survive_make_shorter(editor_client, offline_model, post_json):
    offline_model.script(Reply(SHORTER))
    data = _shorten(post_json, editor_client).json()

    candidate = data["candidates"][0]
    assert candidate["html"] == (
        "<p>The <b>Monstera deliciosa</b> is an easy houseplant; read our "
        '<a href="https://example.com/watering">watering guide</a>.</p>'
    )
    assert candidate["lost_entities"] == []


def test_a_chat_reply_is_asked_again_and_never_offered(editor_client, offline_model, post_json):
    offline_model.script(Reply(CHAT), Reply(SHORTER))
    data = _shorten(post_json, editor_client).json()

    assert [c["text"] for c in data["candidates"]] == [
        "The Monstera deliciosa is an easy houseplant; read our watering guide."
    ]
    first, retry = (r["json"] for r in offline_model.requests[-2:])
    assert retry["messages"] == first["messages"]
    assert retry["temperature"] > first["temperature"]
    # Two answers at once on the retry (side by side on llama.cpp), one offered.
    assert (first.get("n", 1), retry["n"]) == (1, 2)


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_two_unusable_answers_say_the_offline_model_could_not_and_cost_no_quota(
    editor_client, offline_model, post_json, api_url, endpoint
):
    longer = PLAIN + " It is also very forgiving."
    offline_model.script(Reply(CHAT), Reply(longer))
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


def test_a_checked_answer_is_streamed_after_it_passed(editor_client, offline_model, post_json):
    offline_model.script(Reply(CHAT), Reply(SHORTER))
    events = read_events(_shorten(post_json, editor_client, "stream"))

    streamed = "".join(data["text"] for name, data in events if name == "delta")
    assert streamed == SHORTER
    assert "ready to help" not in streamed
    assert events[-1][0] == "done"
    assert 'href="https://example.com/watering"' in events[-1][1]["candidates"][0]["html"]


def test_field_suggestions_that_do_not_fit_are_dropped_not_cut(
    editor_client, offline_model, post_json
):
    offline_model.responder = lambda request: "Caring for Monstera: Light, Water, Soil, Moss Pole"
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
    request = offline_model.requests[-1]["json"]
    assert "at most 40 characters" in request["messages"][0]["content"]
    assert request["messages"][-1]["content"].startswith("Page title: Monstera care")


NO_LINK = "The Monstera deliciosa is one of the easiest popular houseplants."


def test_an_answer_that_dropped_the_link_is_asked_again_and_the_one_keeping_it_offered(
    editor_client, offline_model, post_json
):
    offline_model.script(Reply(NO_LINK), Reply(SHORTER))
    data = _shorten(post_json, editor_client).json()

    assert offline_model.call_count == 2
    assert [c["text"] for c in data["candidates"]] == [SHORTER]
    assert data["candidates"][0]["lost_entities"] == []


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_when_the_second_answer_is_no_better_the_first_is_offered_with_its_warning(
    editor_client, offline_model, post_json, endpoint
):
    offline_model.script(Reply(NO_LINK), Reply(CHAT))
    response = _shorten(post_json, editor_client, endpoint)

    if endpoint == "stream":
        events = read_events(response)
        streamed = "".join(data["text"] for name, data in events if name == "delta")
        assert streamed == NO_LINK
        candidate = events[-1][1]["candidates"][0]
    else:
        candidate = response.json()["candidates"][0]
    assert candidate["text"] == NO_LINK
    # The preview warns that replacing would remove the link.
    assert candidate["lost_entities"] == ["link:https://example.com/watering"]
    assert UsageRecord.objects.latest("pk").outcome == "ok"


def test_an_answer_that_copies_the_worked_example_is_never_offered(
    editor_client, offline_model, post_json
):
    copied = "The Monstera deliciosa is easy. Our village history page tells the whole story."
    offline_model.script(Reply(copied), Reply(SHORTER))
    data = _shorten(post_json, editor_client).json()

    assert [c["text"] for c in data["candidates"]] == [SHORTER]
