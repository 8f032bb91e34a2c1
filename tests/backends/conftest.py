"""Fixtures for backend tests: one fake OpenAI server per session, backends built from settings."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from tests.fake_openai import FakeOpenAIServer
from wagtail_ai_blocks.backends import registry

MESSAGES = [
    {"role": "system", "content": "You write short titles."},
    {"role": "user", "content": "Bees pollinate most crops"},
]


@pytest.fixture(scope="session")
def openai_server_session():
    server = FakeOpenAIServer(latency=0.0, token_delay=0.0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def openai_server(openai_server_session):
    """The session's fake OpenAI server with an empty script and no recorded requests."""
    openai_server_session.reset()
    yield openai_server_session
    openai_server_session.reset()


@pytest.fixture(autouse=True)
def _fresh_registry(monkeypatch):
    """No built backend leaks between tests; the SDK's environment is the test's own."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    for name in ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("AZURE_OPENAI_AD_TOKEN", raising=False)
    registry.clear()
    yield
    registry.clear()


@pytest.fixture
def configure(settings) -> Callable[..., None]:
    """Set ``WAGTAIL_AI_BLOCKS["BACKENDS"]`` (and other keys); conf and registry follow."""

    def configure(backends: dict[str, dict[str, Any]], **other: Any) -> None:
        settings.WAGTAIL_AI_BLOCKS = {"BACKENDS": backends, **other}

    return configure


@pytest.fixture
def openai_settings(openai_server) -> Callable[..., dict[str, Any]]:
    """Settings for an ``openai`` backend on the fake server, without retries."""

    def openai_settings(**overrides: Any) -> dict[str, Any]:
        return {
            "CLASS": "openai",
            "MODEL": "fake-model",
            "API_KEY": "sk-test",
            "BASE_URL": openai_server.base_url,
            "MAX_RETRIES": 0,
            **overrides,
        }

    return openai_settings


@pytest.fixture
def openai_backend(configure, openai_settings):
    """Build the ``default`` backend through the registry with ``openai_settings(**kw)``."""

    def openai_backend(**overrides: Any):
        configure({"default": openai_settings(**overrides)})
        return registry.get_backend("default")

    return openai_backend


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
