"""Every way the provider can fail becomes one of our exceptions, streaming or not."""

from __future__ import annotations

import logging

import openai
import pytest

from tests.backends.conftest import MESSAGES
from tests.fake_openai import CutStream, Fail, Hang, Malformed, Reply
from wagtail_ai_blocks.backends import GenerationParams
from wagtail_ai_blocks.exceptions import (
    EmptyAnswer,
    ImproperlyConfiguredBackend,
    PayloadTooLarge,
    ProviderError,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
    StreamInterrupted,
)


def complete(backend):
    return backend.complete(MESSAGES, GenerationParams())


def stream(backend):
    return list(backend.stream(MESSAGES, GenerationParams()))


both_modes = pytest.mark.parametrize("call", [complete, stream], ids=["complete", "stream"])


@both_modes
def test_provider_429_with_retry_after_tells_when_to_retry(call, openai_backend, openai_server):
    openai_server.script(Fail(429, retry_after=2))

    with pytest.raises(ProviderRateLimited) as excinfo:
        call(openai_backend())

    assert excinfo.value.retry_after == 2
    assert excinfo.value.as_dict()["error"]["retry_after"] == 2
    assert isinstance(excinfo.value.__cause__, openai.RateLimitError)


@both_modes
def test_provider_429_without_retry_after(call, openai_backend, openai_server):
    openai_server.script(Fail(429))

    with pytest.raises(ProviderRateLimited) as excinfo:
        call(openai_backend())

    assert excinfo.value.retry_after is None
    assert "retry_after" not in excinfo.value.as_dict()["error"]


def test_provider_429_for_an_exhausted_quota_is_not_a_rate_limit(openai_backend, openai_server):
    openai_server.script(Fail(429, code="insufficient_quota", message="You exceeded your quota"))

    with pytest.raises(ProviderError) as excinfo:
        complete(openai_backend(MAX_RETRIES=1))

    assert not isinstance(excinfo.value, ProviderRateLimited)
    assert openai_server.call_count == 1


@both_modes
def test_provider_500_is_a_provider_error(call, openai_backend, openai_server):
    openai_server.script(Fail(500))

    with pytest.raises(ProviderError) as excinfo:
        call(openai_backend())

    assert type(excinfo.value) is ProviderError
    assert excinfo.value.status == 502
    assert isinstance(excinfo.value.__cause__, openai.InternalServerError)


@both_modes
def test_provider_503_is_unavailable(call, openai_backend, openai_server):
    openai_server.script(Fail(503))

    with pytest.raises(ProviderUnavailable):
        call(openai_backend())


@both_modes
@pytest.mark.parametrize("status", [401, 403])
def test_refused_key_is_a_configuration_error(call, status, openai_backend, openai_server):
    openai_server.script(Fail(status))

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        call(openai_backend())

    assert "refused the API key" in excinfo.value.message
    assert "OPENAI_API_KEY" in excinfo.value.message


def test_refused_key_is_never_logged_or_shown(openai_backend, openai_server, caplog):
    secret = "sk-proj-do-not-leak-4242"
    openai_server.script(Fail(401, message=f"Incorrect API key provided: {secret}."))
    caplog.set_level(logging.DEBUG)

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        complete(openai_backend(API_KEY=secret))

    assert secret not in excinfo.value.message
    assert secret not in caplog.text
    for record in caplog.records:
        assert secret not in str(record.__dict__)


def test_unknown_model_is_a_configuration_error(openai_backend, openai_server):
    openai_server.script(Fail(404, message="The model `gpt-9` does not exist"))

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        complete(openai_backend())

    assert "fake-model" in excinfo.value.message


@both_modes
def test_bad_request_is_a_provider_error_with_a_safe_message(call, openai_backend, openai_server):
    openai_server.script(Fail(400, message="Invalid value at messages[1]: 'Bees pollinate'"))

    with pytest.raises(ProviderError) as excinfo:
        call(openai_backend())

    assert excinfo.value.message == "The AI service rejected this request."


def test_context_length_exceeded_means_the_text_is_too_long(openai_backend, openai_server):
    openai_server.script(Fail(400, code="context_length_exceeded"))

    with pytest.raises(PayloadTooLarge):
        complete(openai_backend())


@both_modes
def test_timeout_is_a_provider_timeout_and_not_retried(call, openai_backend, openai_server):
    openai_server.script(Hang(3))

    with pytest.raises(ProviderTimeout) as excinfo:
        call(openai_backend(TIMEOUT=0.3, MAX_RETRIES=1))

    assert isinstance(excinfo.value.__cause__, openai.APITimeoutError)
    assert openai_server.call_count == 1


@both_modes
def test_connection_refused_is_unavailable(call, openai_backend, closed_port):
    backend = openai_backend(BASE_URL=f"http://127.0.0.1:{closed_port}/v1")

    with pytest.raises(ProviderUnavailable) as excinfo:
        call(backend)

    assert isinstance(excinfo.value.__cause__, openai.APIConnectionError)


def test_a_stream_cut_half_way_is_interrupted(openai_backend, openai_server):
    openai_server.script(CutStream(after_chunks=2))
    received = []

    with pytest.raises(StreamInterrupted) as excinfo:
        for event in openai_backend().stream(MESSAGES, GenerationParams()):
            received.append(event.delta)

    assert len(received) == 2
    assert excinfo.value.code == "stream_interrupted"
    assert excinfo.value.status == 502


def test_a_body_cut_half_way_is_an_error(openai_backend, openai_server):
    openai_server.script(CutStream())

    with pytest.raises((ProviderUnavailable, ProviderError)):
        complete(openai_backend())


@both_modes
def test_malformed_json_is_a_provider_error(call, openai_backend, openai_server):
    openai_server.script(Malformed())

    with pytest.raises(ProviderError) as excinfo:
        call(openai_backend())

    assert excinfo.value.message == "The AI service sent an answer that could not be read."


@both_modes
@pytest.mark.parametrize("text", ["", "  \n"])
def test_empty_answer(call, text, openai_backend, openai_server):
    openai_server.script(Reply(text))

    with pytest.raises(EmptyAnswer):
        call(openai_backend())


def test_empty_candidates_are_dropped(openai_backend, openai_server, monkeypatch):
    openai_server.responder = lambda request: ""
    openai_server.script(Reply("Only one"))

    completion = complete(openai_backend())

    assert completion.texts == ("Only one",)


def test_errors_are_logged_with_structured_fields(openai_backend, openai_server, caplog):
    openai_server.script(Fail(500))
    caplog.set_level(logging.WARNING, logger="wagtail_ai_blocks.backends.openai_backend")

    with pytest.raises(ProviderError):
        complete(openai_backend())

    (record,) = caplog.records
    assert record.backend == "default"
    assert record.status == 500
    assert record.error_class == "InternalServerError"
