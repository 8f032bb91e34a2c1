"""No instruction text leaves the server through /stream.

A streamed delta is sent only once it can no longer be the start of a repetition
of the system prompt (instructions, library prompt, brand voice): a model that
echoes its prompt ends the stream with an error before any of it was sent.
"""

from __future__ import annotations

import pytest
from wagtail.models import Site

from tests.api.conftest import read_events
from wagtail_ai_blocks.echo import SPAN, EchoDetected, EchoGuard
from wagtail_ai_blocks.library.models import AISiteSettings
from wagtail_ai_blocks.models import UsageRecord

BRAND_VOICE = "Write like a friendly gardener who never uses jargon and loves ferns above all."
# A shortening gets no more tokens than its source: long enough for the whole prompt.
SHORTEN = {"action": "shorten", "text": " ".join(f"Monstera{i} likes light." for i in range(400))}


def _deltas(events):
    return "".join(data["text"] for name, data in events if name == "delta")


def _words(text):
    return text.casefold().split()


@pytest.mark.parametrize("prefix", ["", "Sure! Here is what I was told: "])
def test_a_model_echoing_its_system_prompt_sends_no_instruction_text(
    editor_client, fake_openai, post_json, prefix
):
    AISiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"brand_voice": BRAND_VOICE}
    )
    fake_openai.responder = lambda request: prefix + request["messages"][0]["content"]
    fake_openai.token_delay = 0

    events = read_events(post_json(editor_client, "stream", SHORTEN))

    system = fake_openai.requests[-1]["json"]["messages"][0]["content"]
    assert BRAND_VOICE in system
    sent = _deltas(events)
    # Not one word of the instructions went out: only the harmless prefix, if any.
    assert prefix.startswith(sent)
    assert not set(_words(sent)) & (set(_words(system)) - set(_words(prefix)))
    name, data = events[-1]
    assert name == "error"
    assert data["error"]["message"] == "The AI service answered with its instructions. Try again."
    assert UsageRecord.objects.get().error_code == "provider_error"


def test_a_model_echoing_only_the_brand_voice_is_stopped_before_it(
    editor_client, fake_openai, post_json
):
    AISiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"brand_voice": BRAND_VOICE}
    )
    fake_openai.responder = lambda request: "Short answer. " + BRAND_VOICE

    events = read_events(post_json(editor_client, "stream", SHORTEN))

    assert "gardener" not in _deltas(events)
    assert events[-1][0] == "error"


def test_ordinary_answers_stream_whole_and_in_pieces(editor_client, fake_openai, post_json):
    answer = "You are right: monstera likes bright light and a little water."
    fake_openai.responder = lambda request: answer

    events = read_events(post_json(editor_client, "stream", SHORTEN))

    deltas = [data["text"] for name, data in events if name == "delta"]
    assert "".join(deltas) == answer
    assert len(deltas) > 3
    assert events[-1][0] == "done"


INSTRUCTIONS = "You are an editing assistant and you do exactly one task for an editor."


def test_guard_releases_words_that_cannot_start_an_echo_at_once():
    guard = EchoGuard(INSTRUCTIONS)
    assert guard.feed("Monstera") == "Monstera"
    assert guard.feed(" likes") == " likes"
    assert guard.feed(" light.") == " light."


def test_guard_holds_a_run_of_instruction_words_until_it_breaks():
    guard = EchoGuard(INSTRUCTIONS)
    assert guard.feed("Plants, you are an editing") == "Plants, "
    assert guard.feed(" friend") == "you are an editing friend"
    assert guard.finish() == ""


def test_guard_holds_a_word_that_may_grow_into_an_instruction_word():
    guard = EchoGuard(INSTRUCTIONS)
    assert guard.feed("Ok edi") == "Ok "
    assert guard.feed("ble") == "edible"


def test_guard_stops_at_the_span_th_word_of_an_echo_with_nothing_of_it_sent():
    guard = EchoGuard(INSTRUCTIONS)
    words = INSTRUCTIONS.split()
    sent = guard.feed("Well: ")
    for word in words[: SPAN - 1]:
        sent += guard.feed(word + " ")
    assert sent == "Well: "
    with pytest.raises(EchoDetected):
        guard.feed(words[SPAN - 1] + " ")


def test_guard_lets_the_editors_own_words_through():
    text = "You are an editing assistant and you do exactly one task, says our guide."
    guard = EchoGuard(INSTRUCTIONS, data=text)
    assert guard.feed(text) + guard.finish() == text


def test_guard_releases_everything_at_the_end():
    guard = EchoGuard(INSTRUCTIONS)
    assert guard.feed("Ask an editor") == "Ask "
    assert guard.finish() == "an editor"
