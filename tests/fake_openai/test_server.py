"""The fake server as the real ``openai`` SDK sees it: answers, streams, errors, timing.

Findings about the SDK (openai 3.x over httpx2) that other tests can rely on:

- A stream cut mid-body (``CutStream``) raises ``openai.APIConnectionError`` from inside
  the iteration, after the chunks that did arrive were yielded; its ``__cause__`` is
  ``httpx2.RemoteProtocolError`` ("incomplete chunked read"). A non-streaming answer cut
  mid-body raises the same ``APIConnectionError`` from ``create()``.
- A 200 answer whose body is not JSON (``Malformed``) is NOT wrapped: ``create()`` raises
  ``json.JSONDecodeError`` (a ``ValueError``), and so does iterating a stream whose SSE
  data is not JSON.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import openai
import pytest

from tests.fake_openai import CutStream, Fail, FakeOpenAIServer, Hang, Malformed, Reply, Usage

MODEL = "gpt-test"


def ask(sdk: openai.OpenAI, prompt: str = "Write a title", **kwargs):
    return sdk.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": prompt}], **kwargs
    )


def wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


# -- answers ----------------------------------------------------------------------------


def test_unscripted_request_gets_default_answer_with_word_count_usage(sdk):
    completion = ask(sdk, "Summarise the history of Wagtail", max_tokens=100)

    assert completion.choices[0].message.content == (
        "Fake answer: Summarise the history of Wagtail"
    )
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == MODEL
    assert completion.object == "chat.completion"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (5, 7)
    assert completion.usage.total_tokens == 12


def test_default_answer_quotes_first_60_characters_of_last_user_message(sdk):
    completion = sdk.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "first question"},
            {"role": "assistant", "content": "first answer"},
            {"role": "user", "content": [{"type": "text", "text": "x" * 80}]},
        ],
    )

    assert completion.choices[0].message.content == "Fake answer: " + "x" * 60


def test_scripted_reply_is_returned_with_its_usage(server, sdk):
    server.script(Reply("Scripted", usage=Usage(prompt_tokens=11, completion_tokens=22)))

    completion = ask(sdk)

    assert completion.choices[0].message.content == "Scripted"
    assert completion.usage.prompt_tokens == 11
    assert completion.usage.completion_tokens == 22
    assert completion.usage.total_tokens == 33


def test_empty_reply_gives_empty_answer(server, sdk):
    server.script(Reply(""))

    completion = ask(sdk)

    assert completion.choices[0].message.content == ""
    assert completion.usage.completion_tokens == 0


def test_script_is_consumed_in_order_then_responder_answers(server, sdk):
    server.script(Reply("one"), Reply("two"))

    answers = [ask(sdk, "third").choices[0].message.content for _ in range(3)]

    assert answers == ["one", "two", "Fake answer: third"]
    assert server.pending == 0
    assert server.call_count == 3


def test_custom_responder_answers_and_reset_restores_default(server, sdk):
    server.responder = lambda request: request["messages"][-1]["content"].upper()
    assert ask(sdk, "shout").choices[0].message.content == "SHOUT"

    server.reset()

    assert ask(sdk, "calm").choices[0].message.content == "Fake answer: calm"
    assert server.call_count == 1


def test_responder_that_raises_is_answered_as_500_naming_the_error(server, sdk):
    server.responder = lambda request: 1 / 0

    with pytest.raises(openai.InternalServerError, match="ZeroDivisionError"):
        ask(sdk)


def test_n_gives_distinct_deterministic_choices(sdk):
    completion = ask(sdk, "title", n=3)

    assert [choice.message.content for choice in completion.choices] == [
        "Fake answer: title",
        "Fake answer: title (2)",
        "Fake answer: title (3)",
    ]
    assert [choice.index for choice in completion.choices] == [0, 1, 2]
    assert completion.usage.completion_tokens == 3 + 4 + 4


@pytest.mark.parametrize("limit_name", ["max_tokens", "max_completion_tokens"])
def test_token_limit_truncates_words_and_reports_length(server, sdk, limit_name):
    server.script(Reply("one two three four five"))

    completion = ask(sdk, n=2, **{limit_name: 3})

    assert [c.message.content for c in completion.choices] == ["one two three", "one two (2)"]
    assert {c.finish_reason for c in completion.choices} == {"length"}
    assert completion.usage.completion_tokens == 6


def test_requests_are_recorded_with_path_headers_and_body(server, sdk):
    ask(sdk, "recorded", temperature=0.5)

    [request] = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    assert request["headers"]["authorization"] == "Bearer sk-test"
    assert request["json"]["messages"] == [{"role": "user", "content": "recorded"}]
    assert request["json"]["temperature"] == 0.5


def test_models_endpoint_lists_one_model(sdk):
    models = sdk.models.list()

    assert [model.id for model in models.data] == ["fake-model"]


def test_azure_client_is_served_on_the_deployment_path(server):
    with openai.AzureOpenAI(
        azure_endpoint=server.url, api_key="azure-key", api_version="2024-10-21", max_retries=0
    ) as azure:
        completion = azure.chat.completions.create(
            model="my-deployment", messages=[{"role": "user", "content": "from azure"}]
        )
        stream = azure.chat.completions.create(
            model="my-deployment", messages=[{"role": "user", "content": "streamed"}], stream=True
        )
        streamed = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)

    assert completion.choices[0].message.content == "Fake answer: from azure"
    assert streamed == "Fake answer: streamed"
    request = server.requests[0]
    assert request["path"] == "/openai/deployments/my-deployment/chat/completions"
    assert request["query"] == {"api-version": "2024-10-21"}
    assert request["headers"]["api-key"] == "azure-key"
    assert server.call_count == 2


# -- streaming --------------------------------------------------------------------------


def test_stream_deltas_join_to_answer_and_end_with_usage_chunk(server, sdk):
    server.script(Reply("A streamed answer in words"))

    chunks = list(ask(sdk, stream=True, stream_options={"include_usage": True}))

    assert chunks[0].choices[0].delta.role == "assistant"
    contents = [c.choices[0].delta.content for c in chunks[1:] if c.choices]
    assert contents[:5] == ["A", " streamed", " answer", " in", " words"]
    assert "".join(filter(None, contents)) == "A streamed answer in words"
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == []
    assert chunks[-1].usage.completion_tokens == 5
    assert all(chunk.usage is None for chunk in chunks[:-1])
    assert {chunk.object for chunk in chunks} == {"chat.completion.chunk"}
    assert {chunk.model for chunk in chunks} == {MODEL}


def test_stream_without_include_usage_has_no_usage_chunk(sdk):
    chunks = list(ask(sdk, "plain", stream=True))

    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(chunk.usage is None for chunk in chunks)


def test_stream_of_several_choices_keeps_each_choice_apart(sdk):
    chunks = list(ask(sdk, "pick", stream=True, n=2))

    texts = {0: "", 1: ""}
    for chunk in chunks:
        for choice in chunk.choices:
            texts[choice.index] += choice.delta.content or ""
    assert texts == {0: "Fake answer: pick", 1: "Fake answer: pick (2)"}


def test_streaming_empty_reply_sends_no_content(server, sdk):
    server.script(Reply(""))

    chunks = list(ask(sdk, stream=True))

    assert "".join(c.choices[0].delta.content or "" for c in chunks) == ""
    assert chunks[-1].choices[0].finish_reason == "stop"


# -- errors -----------------------------------------------------------------------------


def test_rate_limit_with_retry_after_raises_rate_limit_error_carrying_header(server, sdk):
    server.script(Fail(429, retry_after=2))

    with pytest.raises(openai.RateLimitError) as caught:
        ask(sdk)

    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "2"
    assert caught.value.code == "rate_limit_exceeded"


def test_rate_limit_without_retry_after_has_no_retry_after_header(server, sdk):
    server.script(Fail(429, message="Slow down"))

    with pytest.raises(openai.RateLimitError) as caught:
        ask(sdk)

    assert "retry-after" not in caught.value.response.headers
    assert caught.value.body["message"] == "Slow down"


@pytest.mark.parametrize(
    ("status", "exception", "error_type"),
    [
        (400, openai.BadRequestError, "invalid_request_error"),
        (500, openai.InternalServerError, "server_error"),
        (503, openai.InternalServerError, "server_error"),
    ],
)
def test_failure_raises_matching_sdk_error_with_openai_shaped_body(
    server, sdk, status, exception, error_type
):
    server.script(Fail(status))

    with pytest.raises(exception) as caught:
        ask(sdk)

    assert caught.value.status_code == status
    assert set(caught.value.body) == {"message", "type", "param", "code"}
    assert caught.value.body["type"] == error_type
    assert server.call_count == 1


def test_hang_makes_client_time_out(server, sdk):
    server.script(Hang(30))

    with pytest.raises(openai.APITimeoutError):
        ask(sdk.with_options(timeout=0.3))


def test_hang_does_not_block_other_requests(server, sdk):
    server.script(Hang(30))
    outcome: list[BaseException] = []

    def hanging_request() -> None:
        try:
            ask(sdk)
        except openai.APIError as exc:
            outcome.append(exc)

    hanging = threading.Thread(target=hanging_request)
    hanging.start()
    wait_for(lambda: server.call_count == 1)

    assert ask(sdk, "meanwhile").choices[0].message.content == "Fake answer: meanwhile"
    assert hanging.is_alive()

    server.stop()
    hanging.join(timeout=10)
    assert not hanging.is_alive(), "stop() should drop the hanging request"
    assert isinstance(outcome[0], openai.APIConnectionError)


def test_hang_answers_normally_once_its_time_is_up(server, sdk):
    server.script(Hang(0.2))

    started = time.monotonic()
    completion = ask(sdk, "patience")

    assert time.monotonic() - started >= 0.2
    assert completion.choices[0].message.content == "Fake answer: patience"


def test_cut_stream_raises_api_connection_error_during_iteration(server, sdk):
    """The SDK yields what arrived, then raises ``openai.APIConnectionError``."""
    server.script(CutStream(after_chunks=2))
    received = []

    with pytest.raises(openai.APIConnectionError) as caught:
        for chunk in ask(sdk, "one two three four", stream=True):
            received.append(chunk.choices[0].delta.content)

    assert received == ["", "Fake", " answer:"]
    assert type(caught.value.__cause__).__name__ == "RemoteProtocolError"


def test_cut_non_streaming_answer_raises_api_connection_error(server, sdk):
    server.script(CutStream())

    with pytest.raises(openai.APIConnectionError):
        ask(sdk)


def test_malformed_answer_raises_json_decode_error(server, sdk):
    """The SDK does not wrap an unparsable 200 body in an ``openai`` exception."""
    server.script(Malformed())

    with pytest.raises(json.JSONDecodeError):
        ask(sdk)


def test_malformed_stream_raises_json_decode_error_during_iteration(server, sdk):
    server.script(Malformed())
    stream = ask(sdk, stream=True)

    with pytest.raises(json.JSONDecodeError):
        list(stream)


def test_server_keeps_answering_after_failures(server, sdk):
    server.script(CutStream(), Malformed(), Fail(500))
    for _ in range(3):
        with pytest.raises((openai.APIError, json.JSONDecodeError)):
            ask(sdk)

    assert ask(sdk, "after").choices[0].message.content == "Fake answer: after"


# -- timing and load --------------------------------------------------------------------


def test_latency_delays_every_answer(server, sdk):
    server.latency = 0.2

    started = time.monotonic()
    ask(sdk)

    assert time.monotonic() - started >= 0.2


def test_token_delay_spaces_stream_chunks():
    with FakeOpenAIServer(token_delay=0.05) as server:
        server.script(Reply("one two three four"))
        with openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0) as sdk:
            started = time.monotonic()
            chunks = list(ask(sdk, stream=True))

    # role + 4 words + finish = 6 chunks, so 5 gaps.
    assert len(chunks) == 6
    assert time.monotonic() - started >= 5 * 0.05


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "streaming"])
def test_concurrent_requests_are_all_answered(server, sdk, stream):
    server.latency = 0.05  # keeps requests in flight together

    def one(i: int) -> str:
        if stream:
            return "".join(c.choices[0].delta.content or "" for c in ask(sdk, f"q{i}", stream=True))
        return ask(sdk, f"q{i}").choices[0].message.content

    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(one, range(32)))

    assert answers == [f"Fake answer: q{i}" for i in range(32)]
    assert server.call_count == 32
