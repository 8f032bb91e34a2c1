"""A small OpenAI-compatible HTTP server for tests and benchmarks.

Usage::

    from tests.fake_openai import FakeOpenAIServer, Reply, Fail

    with FakeOpenAIServer(latency=0.0, token_delay=0.0) as server:
        server.script(Reply("Hello"), Fail(429, retry_after=2))
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)

Another process can script a running server through ``RemoteFakeOpenAI`` (the
``/_fake/...`` control endpoint); ``python -m tests.fake_openai`` runs one standalone.
"""

from __future__ import annotations

from tests.fake_openai.control import RemoteFakeOpenAI
from tests.fake_openai.scripts import (
    Behaviour,
    CutStream,
    Fail,
    Hang,
    Malformed,
    Reply,
    Usage,
    behaviour_from_json,
)
from tests.fake_openai.server import FakeOpenAIServer, Responder, default_responder

__all__ = [
    "Behaviour",
    "CutStream",
    "Fail",
    "FakeOpenAIServer",
    "Hang",
    "Malformed",
    "RemoteFakeOpenAI",
    "Reply",
    "Responder",
    "Usage",
    "behaviour_from_json",
    "default_responder",
]
