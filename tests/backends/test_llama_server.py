"""The OpenAI backend against a real OpenAI-compatible server: llama.cpp's own HTTP server.

``llama_server`` (tests/llama_server.py) runs ``xllamacpp.Server`` with the SmolLM2 file in
a process of its own, with two slots and no API key. Answers are capped at a few tokens
so that the tests stay fast on a CPU; what is checked is the protocol: streaming, usage as
llama.cpp counts it, ``n`` above the slots, cancellation and a server that dies mid-stream.
"""

from __future__ import annotations

import re
import time
import urllib.request

import openai
import pytest

from tests.llama_server import N_PARALLEL, start_llama
from wagtail_ai_blocks.backends import GenerationParams, Usage, get_backend
from wagtail_ai_blocks.exceptions import StreamInterrupted

STORY = [{"role": "user", "content": "Write a long story about bees and their flowers."}]


@pytest.fixture
def llama_backend(configure, llama_server):
    """The ``default`` backend on the session's llama.cpp server: no API key, only BASE_URL."""

    def build(server=llama_server):
        configure(
            {
                "default": {
                    "CLASS": "openai",
                    "MODEL": "SmolLM2-135M-Instruct",
                    "BASE_URL": server.base_url,
                    "MAX_RETRIES": 0,
                }
            }
        )
        return get_backend()

    return build


def predicted_tokens(server) -> int:
    """llama.cpp's own count of generated tokens (its Prometheus metrics)."""
    with urllib.request.urlopen(server.url + "/metrics", timeout=10) as response:
        text = response.read().decode()
    return int(float(re.search(r"^llamacpp:tokens_predicted_total (\S+)$", text, re.M)[1]))


def wait_until_idle(server, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while any(slot["is_processing"] for slot in server.get("/slots")):
        assert time.monotonic() < deadline, "llama.cpp kept generating"
        time.sleep(0.05)


def test_stream_reports_the_usage_llama_cpp_counted(llama_backend, llama_server):
    backend = llama_backend()
    before = predicted_tokens(llama_server)

    events = list(backend.stream(STORY, GenerationParams(max_tokens=8)))

    *deltas, last = events
    assert "".join(event.delta for event in deltas).strip()
    assert last.finish_reason in {"length", "stop"}
    assert last.usage.input_tokens > 0
    assert 0 < last.usage.output_tokens <= 8
    assert last.usage.output_tokens == predicted_tokens(llama_server) - before


def test_more_candidates_than_slots_are_asked_one_by_one(llama_backend, llama_server):
    backend = llama_backend()
    client = openai.OpenAI(base_url=llama_server.base_url, api_key="unused")
    # What the server does with n above its slots: refuses it.
    with pytest.raises(openai.BadRequestError, match="Value must be between"):
        client.chat.completions.create(model="m", messages=STORY, max_tokens=1, n=N_PARALLEL + 1)

    completion = backend.complete(STORY, GenerationParams(max_tokens=6, candidates=3))

    assert len(completion.texts) == 3
    assert backend._n_refused  # the fallback answered, not n
    assert completion.usage.output_tokens <= 3 * 6
    assert completion.usage != Usage()


def test_closing_a_stream_stops_the_generation(llama_backend, llama_server):
    backend = llama_backend()
    before = predicted_tokens(llama_server)
    stream = backend.stream(STORY, GenerationParams(max_tokens=400))

    assert next(stream).delta
    stream.close()

    wait_until_idle(llama_server)
    # The slot was freed after a few tokens, not after the 400 it was allowed.
    assert predicted_tokens(llama_server) - before < 100


def test_a_server_killed_mid_stream_is_a_clear_error(llama_backend):
    doomed = start_llama()
    try:
        backend = llama_backend(doomed)
        stream = backend.stream(STORY, GenerationParams(max_tokens=400))
        assert next(stream).delta

        doomed.kill()

        with pytest.raises(StreamInterrupted) as excinfo:
            for _event in stream:
                pass
        assert excinfo.value.message == "The AI service stopped answering part-way. Try again."
    finally:
        doomed.stop()


def test_a_server_that_is_down_is_a_clear_error_at_once(llama_backend):
    from wagtail_ai_blocks.exceptions import ProviderUnavailable

    gone = start_llama()
    gone.stop()
    backend = llama_backend(gone)

    with pytest.raises(ProviderUnavailable, match="cannot be reached"):
        backend.complete(STORY, GenerationParams(max_tokens=4))
