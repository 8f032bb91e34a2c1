"""The embedded SmolLM2 model, really run by llama.cpp through xllamacpp.

The model is loaded once per process and shared, so these tests share it too.
"""

from __future__ import annotations

import threading

import pytest

from tests.llama_server import missing as local_model_missing
from wagtail_ai_blocks.backends import GenerationParams, get_backend
from wagtail_ai_blocks.backends.local import MODEL_NAME, LocalBackend
from wagtail_ai_blocks.exceptions import PayloadTooLarge

_missing = local_model_missing()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_missing is not None, reason=f"Embedded model unavailable: {_missing}"),
]

PROMPT = [
    {"role": "system", "content": "You write short blog titles."},
    {"role": "user", "content": "Write a title for a post about honey bees."},
]
SHORT = GenerationParams(max_tokens=24, temperature=0.7)


@pytest.fixture
def local_backend(configure) -> LocalBackend:
    configure({"default": {"CLASS": "openai", "API_KEY": "x"}, "local": {"CLASS": "local"}})
    backend = get_backend("local")
    assert isinstance(backend, LocalBackend)
    return backend


def test_complete_answers_with_text_and_usage(local_backend):
    completion = local_backend.complete(PROMPT, SHORT)

    assert completion.text.strip()
    assert completion.model == MODEL_NAME
    assert completion.usage.input_tokens > 0
    assert completion.usage.output_tokens > 0
    assert completion.finish_reason in ("stop", "length")


def test_stream_yields_deltas_then_usage(local_backend):
    events = list(local_backend.stream(PROMPT, SHORT))

    *deltas, final = events
    assert "".join(event.delta for event in deltas).strip()
    assert final.delta == ""
    assert final.model == MODEL_NAME
    assert final.usage.input_tokens > 0
    assert final.usage.output_tokens > 0


def test_closing_the_stream_stops_generation(local_backend):
    stream = local_backend.stream(PROMPT, GenerationParams(max_tokens=400))
    first = next(stream)
    stream.close()

    assert first.delta
    # The worker thread ends once llama.cpp has cancelled the task.
    for thread in threading.enumerate():
        if thread.name == "ai-blocks-local-local":
            thread.join(timeout=30)
            assert not thread.is_alive()
    # The slot is free again for the next request.
    assert local_backend.complete(PROMPT, SHORT).text.strip()


def test_four_concurrent_requests_all_get_answers(local_backend):
    results: dict[int, object] = {}
    errors: list[BaseException] = []

    def ask(index: int) -> None:
        try:
            prompt = [{"role": "user", "content": f"Name a flower, number {index}."}]
            if index % 2:
                results[index] = local_backend.complete(prompt, SHORT)
            else:
                results[index] = list(local_backend.stream(prompt, SHORT))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == 4
    for index, result in results.items():
        if index % 2:
            assert result.text.strip()
            assert result.usage.output_tokens > 0
        else:
            assert "".join(event.delta for event in result).strip()
            assert result[-1].usage.output_tokens > 0


def test_candidates_beyond_the_parallel_slots_come_in_batches(local_backend):
    completion = local_backend.complete(PROMPT, GenerationParams(max_tokens=16, candidates=3))

    assert 1 <= len(completion.texts) <= 3
    assert all(text.strip() for text in completion.texts)
    assert completion.usage.output_tokens > 0


def test_a_prompt_longer_than_the_context_is_too_large(local_backend):
    too_long = [{"role": "user", "content": "bees " * 5000}]

    with pytest.raises(PayloadTooLarge):
        local_backend.complete(too_long, SHORT)


def test_a_file_llama_cpp_cannot_load_is_a_configuration_error(configure, tmp_path):
    from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a model" * 100)
    configure({"broken": {"CLASS": "local", "MODEL_PATH": str(broken)}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend("broken").complete(PROMPT, SHORT)

    assert str(broken) in excinfo.value.message


def test_max_tokens_setting_caps_what_an_action_asks_for(configure):
    configure(
        {
            "default": {"CLASS": "openai", "API_KEY": "x"},
            "local": {"CLASS": "local", "MAX_TOKENS": 8},
        }
    )
    completion = get_backend("local").complete(PROMPT, GenerationParams(max_tokens=400))

    assert 0 < completion.usage.output_tokens <= 8
