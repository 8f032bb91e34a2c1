"""The OpenAI backend against the fake server, through the real SDK over real HTTP."""

from __future__ import annotations

import pytest

from tests.backends.conftest import MESSAGES
from tests.fake_openai import Fail, Reply
from wagtail_ai_blocks.backends import Completion, GenerationParams, StreamEvent, Usage, describe
from wagtail_ai_blocks.backends.openai_backend import OpenAIBackend, retry_after_seconds
from wagtail_ai_blocks.exceptions import ProviderError


def test_complete_returns_text_model_and_usage(openai_backend, openai_server):
    openai_server.script(
        Reply("Why bees matter", usage={"prompt_tokens": 12, "completion_tokens": 3})
    )

    completion = openai_backend().complete(MESSAGES, GenerationParams())

    assert completion == Completion(
        texts=("Why bees matter",),
        model="fake-model",
        usage=Usage(input_tokens=12, output_tokens=3),
        finish_reason="stop",
    )


def test_complete_sends_messages_and_sampling_parameters(openai_backend, openai_server):
    openai_backend().complete(MESSAGES, GenerationParams(max_tokens=64, temperature=0.2))

    (request,) = openai_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == "Bearer sk-test"
    body = request["json"]
    assert body["model"] == "fake-model"
    assert body["messages"] == MESSAGES
    assert body["max_tokens"] == 64
    assert body["temperature"] == 0.2
    assert "n" not in body
    assert "stream" not in body


def test_candidates_come_from_one_call_with_n(openai_backend, openai_server):
    completion = openai_backend().complete(MESSAGES, GenerationParams(candidates=3))

    assert openai_server.call_count == 1
    assert openai_server.requests[0]["json"]["n"] == 3
    assert len(completion.texts) == 3
    assert len(set(completion.texts)) == 3


def test_candidates_are_requested_one_by_one_when_the_server_ignores_n(
    openai_backend, openai_server, monkeypatch
):
    openai_server.script(
        Reply("First", usage={"prompt_tokens": 5, "completion_tokens": 1}),
        Reply("Second", usage={"prompt_tokens": 5, "completion_tokens": 1}),
        Reply("Third", usage={"prompt_tokens": 5, "completion_tokens": 1}),
    )
    backend = openai_backend()
    create = backend._client.chat.completions.create
    sent_n = []

    def server_ignoring_n(**kwargs):
        sent_n.append(kwargs.pop("n", None))
        return create(**kwargs)

    monkeypatch.setattr(backend._client.chat.completions, "create", server_ignoring_n)

    completion = backend.complete(MESSAGES, GenerationParams(candidates=3))

    assert completion.texts == ("First", "Second", "Third")
    assert sent_n == [3, None, None]
    assert openai_server.call_count == 3
    assert completion.usage == Usage(input_tokens=15, output_tokens=3)


def test_stream_yields_deltas_then_usage(openai_backend, openai_server):
    openai_server.script(
        Reply("Bees keep us fed", usage={"prompt_tokens": 9, "completion_tokens": 4})
    )

    events = list(openai_backend().stream(MESSAGES, GenerationParams()))

    *deltas, final = events
    assert "".join(event.delta for event in deltas) == "Bees keep us fed"
    assert all(event.usage is None for event in deltas)
    assert final == StreamEvent(
        usage=Usage(input_tokens=9, output_tokens=4), model="fake-model", finish_reason="stop"
    )
    body = openai_server.requests[0]["json"]
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


def test_stream_sends_nothing_until_iterated(openai_backend, openai_server):
    stream = openai_backend().stream(MESSAGES, GenerationParams())

    assert openai_server.call_count == 0
    stream.close()
    assert openai_server.call_count == 0


def test_closing_the_stream_early_closes_the_http_response(
    openai_backend, openai_server, monkeypatch
):
    openai_server.token_delay = 0.05
    openai_server.script(Reply(" ".join(["word"] * 200)))
    backend = openai_backend()
    sdk_streams = []
    create = backend._client.chat.completions.create

    def spy(**kwargs):
        sdk_stream = create(**kwargs)
        sdk_streams.append(sdk_stream)
        return sdk_stream

    monkeypatch.setattr(backend._client.chat.completions, "create", spy)

    stream = backend.stream(MESSAGES, GenerationParams())
    first = next(stream)
    stream.close()

    assert first.delta == "word"
    (sdk_stream,) = sdk_streams
    assert sdk_stream.response.is_closed


def test_a_second_call_reuses_the_client(openai_backend, openai_server):
    backend = openai_backend()
    client = backend._client

    backend.complete(MESSAGES, GenerationParams())
    list(backend.stream(MESSAGES, GenerationParams()))

    assert backend._client is client
    assert openai_server.call_count == 2


def test_retries_a_server_error_once_by_default(openai_backend, openai_server):
    openai_server.script(Fail(500, retry_after=0), Reply("Second time lucky"))
    backend = openai_backend(MAX_RETRIES=None)  # None: the default

    completion = backend.complete(MESSAGES, GenerationParams())

    assert completion.text == "Second time lucky"
    assert openai_server.call_count == 2


def test_does_not_sleep_through_a_long_retry_after(openai_backend, openai_server):
    from wagtail_ai_blocks.exceptions import ProviderRateLimited

    openai_server.script(Fail(429, retry_after=60))

    with pytest.raises(ProviderRateLimited) as excinfo:
        openai_backend(MAX_RETRIES=1).complete(MESSAGES, GenerationParams())

    assert excinfo.value.retry_after == 60
    assert openai_server.call_count == 1


def test_extra_headers_and_organization_are_sent(openai_backend, openai_server):
    backend = openai_backend(DEFAULT_HEADERS={"X-Gateway": "blue"}, ORGANIZATION="org-42")

    backend.complete(MESSAGES, GenerationParams())

    headers = openai_server.requests[0]["headers"]
    assert headers["x-gateway"] == "blue"
    assert headers["openai-organization"] == "org-42"


def test_api_key_and_base_url_default_to_the_sdk_environment(configure, openai_server, monkeypatch):
    from wagtail_ai_blocks.backends import get_backend

    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    configure({"default": {"CLASS": "openai", "MODEL": "fake-model", "MAX_RETRIES": 0}})

    backend = get_backend()
    backend.complete(MESSAGES, GenerationParams())

    assert openai_server.requests[0]["headers"]["authorization"] == "Bearer sk-from-env"
    assert backend.provider_label == "OpenAI-compatible server"


def test_reasoning_models_get_max_completion_tokens_and_no_temperature(
    openai_backend, openai_server
):
    openai_backend(MODEL="gpt-5-mini").complete(MESSAGES, GenerationParams(max_tokens=99))

    body = openai_server.requests[0]["json"]
    assert body["max_completion_tokens"] == 99
    assert "max_tokens" not in body
    assert "temperature" not in body


def test_describes_a_compatible_server_without_vision(openai_backend):
    assert describe(openai_backend()) == {
        "name": "default",
        "provider": "OpenAI-compatible server",
        "model": "fake-model",
        "streaming": True,
        "vision": False,
        # A remote server is not the small offline model: full prompts, no offline note.
        "profile": "standard",
    }


def test_provider_label_and_vision_can_be_set(openai_backend):
    backend = openai_backend(PROVIDER_LABEL="Ollama", VISION=True)

    assert backend.provider_label == "Ollama"
    assert backend.supports_vision is True


def test_openai_itself_is_labelled_and_vision_follows_the_model(configure):
    from wagtail_ai_blocks.backends import get_backend

    configure(
        {
            "default": {"CLASS": "openai", "MODEL": "gpt-4o-mini", "API_KEY": "sk-test"},
            "old": {"CLASS": "openai", "MODEL": "gpt-3.5-turbo", "API_KEY": "sk-test"},
        }
    )

    assert get_backend().provider_label == "OpenAI"
    assert get_backend().supports_vision is True
    assert get_backend("old").supports_vision is False


def test_the_api_key_is_not_in_the_config_repr(openai_backend):
    backend = openai_backend(API_KEY="sk-very-secret", DEFAULT_HEADERS={"Authorization": "x"})

    assert "sk-very-secret" not in repr(backend.config)
    assert "sk-very-secret" not in repr(backend)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
    ],
)
def test_retry_after_header_parsing(headers, expected):
    assert retry_after_seconds(headers) == expected


def test_is_the_class_the_registry_builds_for_openai(openai_backend):
    assert type(openai_backend()) is OpenAIBackend


def test_candidates_are_requested_one_by_one_when_the_server_refuses_n(
    openai_backend, openai_server
):
    # What a llama.cpp server with two slots answers to n=3.
    refusal = Fail(400, message="Field 'n': Value must be between 1 <= value <= 2, but got 3")
    replies = [Reply(text) for text in ("First", "Second", "Third", "Fourth", "Fifth")]
    openai_server.script(refusal, *replies)
    backend = openai_backend()

    completion = backend.complete(MESSAGES, GenerationParams(candidates=3))

    assert completion.texts == ("First", "Second", "Third")
    assert [request["json"].get("n") for request in openai_server.requests] == [3, None, None, None]
    # Once refused, n is not sent again: the next call goes straight to one by one.
    again = backend.complete(MESSAGES, GenerationParams(candidates=2))
    assert again.texts == ("Fourth", "Fifth")
    assert [request["json"].get("n") for request in openai_server.requests[4:]] == [None, None]


def test_a_bad_request_that_is_not_about_n_is_still_an_error(openai_backend, openai_server):
    openai_server.script(Fail(400, message="temperature is wrong"), Fail(400, message="again"))
    backend = openai_backend()

    with pytest.raises(ProviderError, match="rejected this request"):
        backend.complete(MESSAGES, GenerationParams(candidates=2))

    assert openai_server.call_count == 2  # n=2, then once without n to be sure
    assert backend._n_refused is False
