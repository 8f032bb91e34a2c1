"""Fixtures for testing the fake server itself: a fresh server and a real SDK client."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest

from tests.fake_openai import FakeOpenAIServer


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    """A fresh fake server per test (starting one takes about a millisecond)."""
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def sdk(server: FakeOpenAIServer) -> Iterator[openai.OpenAI]:
    """The real ``openai`` client pointed at the fake server, without retries."""
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)
    yield client
    client.close()
