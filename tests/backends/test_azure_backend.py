"""The Azure OpenAI backend: deployment path, api-version and api-key header."""

from __future__ import annotations

import pytest

from tests.backends.conftest import MESSAGES
from tests.fake_openai import Fail, Reply
from wagtail_ai_blocks.backends import GenerationParams, get_backend
from wagtail_ai_blocks.backends.openai_backend import AzureOpenAIBackend
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend


@pytest.fixture
def azure_settings(openai_server):
    def azure_settings(**overrides):
        return {
            "CLASS": "azure",
            "AZURE_ENDPOINT": openai_server.url,
            "API_VERSION": "2024-10-21",
            "DEPLOYMENT": "blog-gpt",
            "API_KEY": "azure-key",
            "MAX_RETRIES": 0,
            **overrides,
        }

    return azure_settings


def test_complete_calls_the_deployment_with_the_api_version(
    configure, azure_settings, openai_server
):
    configure({"default": azure_settings()})
    openai_server.script(Reply("Hello from Azure"))

    backend = get_backend()
    completion = backend.complete(MESSAGES, GenerationParams())

    assert isinstance(backend, AzureOpenAIBackend)
    assert completion.text == "Hello from Azure"
    (request,) = openai_server.requests
    assert request["path"] == "/openai/deployments/blog-gpt/chat/completions"
    assert request["query"] == {"api-version": "2024-10-21"}
    assert request["headers"]["api-key"] == "azure-key"


def test_stream_calls_the_deployment(configure, azure_settings, openai_server):
    configure({"default": azure_settings()})
    openai_server.script(Reply("Streamed from Azure"))

    events = list(get_backend().stream(MESSAGES, GenerationParams()))

    assert "".join(event.delta for event in events) == "Streamed from Azure"
    assert events[-1].usage is not None
    assert openai_server.requests[0]["path"] == "/openai/deployments/blog-gpt/chat/completions"


def test_model_defaults_to_the_deployment_and_label_to_azure(configure, azure_settings):
    configure({"default": azure_settings()})

    backend = get_backend()

    assert backend.model == "blog-gpt"
    assert backend.provider_label == "Azure OpenAI"


def test_model_names_the_priced_model_when_the_deployment_is_named_otherwise(
    configure, azure_settings, openai_server
):
    configure({"default": azure_settings(MODEL="gpt-4o-mini")})

    backend = get_backend()
    backend.complete(MESSAGES, GenerationParams())

    assert backend.model == "gpt-4o-mini"
    assert openai_server.requests[0]["path"] == "/openai/deployments/blog-gpt/chat/completions"


def test_key_endpoint_and_version_come_from_the_environment(configure, openai_server, monkeypatch):
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "env-azure-key")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", openai_server.url)
    monkeypatch.setenv("OPENAI_API_VERSION", "2024-06-01")
    configure({"default": {"CLASS": "azure", "DEPLOYMENT": "blog-gpt", "MAX_RETRIES": 0}})

    get_backend().complete(MESSAGES, GenerationParams())

    (request,) = openai_server.requests
    assert request["headers"]["api-key"] == "env-azure-key"
    assert request["query"] == {"api-version": "2024-06-01"}


def test_refused_key_names_the_azure_variable(configure, azure_settings, openai_server):
    configure({"default": azure_settings()})
    openai_server.script(Fail(401))

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend().complete(MESSAGES, GenerationParams())

    assert "AZURE_OPENAI_API_KEY" in excinfo.value.message


@pytest.mark.parametrize(
    ("missing", "hint"),
    [
        ("AZURE_ENDPOINT", "AZURE_OPENAI_ENDPOINT"),
        ("API_VERSION", "OPENAI_API_VERSION"),
        ("API_KEY", "AZURE_OPENAI_API_KEY"),
        ("DEPLOYMENT", "DEPLOYMENT"),
    ],
)
def test_missing_settings_say_how_to_fix_them(missing, hint, configure, azure_settings):
    settings = azure_settings()
    del settings[missing]
    configure({"default": settings})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend()

    assert hint in excinfo.value.message
