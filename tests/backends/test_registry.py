"""The registry: builds each named backend once from settings, by short name or dotted path."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from wagtail_ai_blocks.backends import (
    Completion,
    GenerationParams,
    StreamEvent,
    backend_for_action,
    clear,
    get_backend,
)
from wagtail_ai_blocks.backends.local import LocalBackend
from wagtail_ai_blocks.backends.openai_backend import AzureOpenAIBackend, OpenAIBackend
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend


class EchoBackend:
    """A custom backend as a project would write one (referenced by dotted path)."""

    supports_streaming = True
    supports_vision = False
    supports_candidates = False
    provider_label = "Echo"
    built = 0

    def __init__(self, name: str, prefix: str):
        self.name = name
        self.model = "echo"
        self.prefix = prefix

    @classmethod
    def from_settings(cls, name: str, settings: dict[str, Any]) -> EchoBackend:
        time.sleep(0.01)  # widen the window for the concurrency test
        cls.built += 1
        return cls(name, settings.get("PREFIX", ""))

    def complete(self, messages, params) -> Completion:
        return Completion(texts=(self.prefix + messages[-1]["content"],), model=self.model)

    def stream(self, messages, params) -> Iterator[StreamEvent]:
        yield StreamEvent(delta=self.prefix + messages[-1]["content"])


class NoFactory:
    pass


class NotABackend:
    @classmethod
    def from_settings(cls, name, settings):
        return cls()


ECHO = f"{__name__}.EchoBackend"


@pytest.fixture(autouse=True)
def _reset_echo_count():
    EchoBackend.built = 0


def test_builds_a_dotted_path_class_through_from_settings(configure):
    configure({"default": {"CLASS": ECHO, "PREFIX": "> "}})

    backend = get_backend()

    assert isinstance(backend, EchoBackend)
    assert backend.name == "default"
    message = {"role": "user", "content": "hi"}
    assert backend.complete([message], GenerationParams()).text == "> hi"


def test_caches_the_instance_per_name(configure):
    configure({"default": {"CLASS": ECHO}, "cheap": {"CLASS": ECHO}})

    assert get_backend() is get_backend("default")
    assert get_backend("cheap") is get_backend("cheap")
    assert get_backend("cheap") is not get_backend()
    assert EchoBackend.built == 2


def test_clear_makes_the_next_call_rebuild(configure):
    configure({"default": {"CLASS": ECHO}})
    first = get_backend()

    clear()

    assert get_backend() is not first
    assert EchoBackend.built == 2


def test_changing_the_setting_rebuilds(configure):
    configure({"default": {"CLASS": ECHO, "PREFIX": "a"}})
    first = get_backend()

    configure({"default": {"CLASS": ECHO, "PREFIX": "b"}})

    assert get_backend() is not first
    assert get_backend().prefix == "b"


def test_concurrent_first_calls_build_one_instance(configure):
    configure({"default": {"CLASS": ECHO}})
    results = []
    barrier = threading.Barrier(8)

    def call():
        barrier.wait()
        results.append(get_backend())

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert EchoBackend.built == 1
    assert len({id(backend) for backend in results}) == 1


def test_backend_for_action_follows_action_backends(configure):
    configure(
        {"default": {"CLASS": ECHO}, "cheap": {"CLASS": ECHO}},
        ACTION_BACKENDS={"seo_title": "cheap"},
    )

    assert backend_for_action("seo_title") is get_backend("cheap")
    assert backend_for_action("summarise") is get_backend("default")


def test_unknown_backend_name(configure):
    configure({"default": {"CLASS": ECHO}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend("missing")

    assert "No AI backend named 'missing'" in excinfo.value.message
    assert "'default'" in excinfo.value.message


def test_action_mapped_to_an_unknown_backend(configure):
    configure({"default": {"CLASS": ECHO}}, ACTION_BACKENDS={"seo_title": "gone"})

    with pytest.raises(ImproperlyConfiguredBackend, match="ACTION_BACKENDS"):
        backend_for_action("seo_title")


@pytest.mark.parametrize(
    ("class_setting", "message"),
    [
        ("anthropic", "Unknown backend CLASS 'anthropic'"),
        ("myproject.backends.Missing", "Cannot import backend CLASS"),
        (f"{__name__}.NoFactory", "has no from_settings"),
        (f"{__name__}.NotABackend", "does not implement the Backend protocol"),
    ],
)
def test_bad_class_settings(class_setting, message, configure):
    configure({"default": {"CLASS": class_setting}})

    with pytest.raises(ImproperlyConfiguredBackend, match=message):
        get_backend()


def test_a_failed_build_is_not_cached(configure, monkeypatch):
    configure({"default": {"CLASS": "openai", "MODEL": "gpt-4o-mini"}})
    with pytest.raises(ImproperlyConfiguredBackend):
        get_backend()

    monkeypatch.setenv("OPENAI_API_KEY", "sk-now-set")

    assert isinstance(get_backend(), OpenAIBackend)


def test_short_names_resolve_to_the_builtin_classes():
    from wagtail_ai_blocks.backends.registry import backend_class

    assert backend_class("openai") is OpenAIBackend
    assert backend_class("azure") is AzureOpenAIBackend
    assert backend_class("local") is LocalBackend


def test_default_class_is_openai(configure):
    configure({"default": {"MODEL": "gpt-4o-mini", "API_KEY": "sk-test"}})

    assert type(get_backend()) is OpenAIBackend
