"""Backend settings become frozen configs; mistakes are reported with how to fix them."""

from __future__ import annotations

import dataclasses

import pytest

from wagtail_ai_blocks.backends import get_backend
from wagtail_ai_blocks.backends.base import GenerationParams
from wagtail_ai_blocks.backends.openai_backend import OpenAIConfig
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend


def test_missing_api_key_says_how_to_set_it(configure):
    configure({"default": {"CLASS": "openai", "MODEL": "gpt-4o-mini"}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend()

    assert (
        "set the OPENAI_API_KEY environment variable or BACKENDS['default']['API_KEY']"
        in excinfo.value.message
    )
    assert excinfo.value.status == 503


def test_defaults_fit_a_request_inside_a_web_request(configure):
    configure({"default": {"CLASS": "openai", "API_KEY": "sk-test"}})

    backend = get_backend()

    assert backend.config.model == "gpt-4o-mini"
    assert backend.config.max_retries == 1
    assert backend._client.timeout.read == 30.0
    assert backend._client.timeout.connect == 5.0
    assert backend._client.max_retries == 0  # retries are ours, see _create()


def test_timeouts_are_configurable(configure):
    configure({"default": {"API_KEY": "sk-test", "TIMEOUT": 10, "CONNECT_TIMEOUT": 2.5}})

    timeout = get_backend()._client.timeout

    assert (timeout.read, timeout.connect) == (10.0, 2.5)


def test_config_is_frozen():
    config = OpenAIConfig.from_settings("default", {"API_KEY": "sk-test"})

    with pytest.raises(dataclasses.FrozenInstanceError):
        config.model = "gpt-4o"  # type: ignore[misc]


def test_unknown_keys_are_reported_with_the_known_ones(configure):
    configure({"default": {"API_KEY": "sk-test", "API_KEYS": "sk-typo"}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend()

    message = excinfo.value.message
    assert "Unknown key(s) API_KEYS in WAGTAIL_AI_BLOCKS['BACKENDS']['default']" in message
    assert "BASE_URL" in message


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("TIMEOUT", "30", "must be a number above 0"),
        ("TIMEOUT", 0, "must be a number above 0"),
        ("MAX_RETRIES", -1, "must be a whole number of at least 0"),
        ("MAX_RETRIES", 1.5, "must be a whole number of at least 0"),
        ("VISION", "yes", "must be True or False"),
        ("DEFAULT_HEADERS", {"X-Count": 3}, "must be a dict of strings"),
        ("MODEL", 4, "must be a string"),
    ],
)
def test_wrong_types_name_the_key(key, value, expected, configure):
    configure({"default": {"API_KEY": "sk-test", key: value}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend()

    assert f"WAGTAIL_AI_BLOCKS['BACKENDS']['default']['{key}'] {expected}" in (
        excinfo.value.message
    )


def test_a_wrong_typed_secret_is_not_echoed(configure):
    configure({"default": {"API_KEY": ["sk-secret-in-a-list"]}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend()

    assert "sk-secret-in-a-list" not in excinfo.value.message


def test_entry_must_be_a_dict(configure):
    configure({"default": "openai"})

    with pytest.raises(ImproperlyConfiguredBackend, match="must be a dict"):
        get_backend()


def test_local_model_path_must_exist(configure, tmp_path):
    configure({"local": {"CLASS": "local", "MODEL_PATH": str(tmp_path / "nope.gguf")}})

    with pytest.raises(ImproperlyConfiguredBackend, match=r"MODEL_PATH.*is not a file"):
        get_backend("local")


def test_local_backend_without_xllamacpp_says_what_to_install(configure, tmp_path, monkeypatch):
    import sys

    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # makes `import xllamacpp` fail
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    configure({"local": {"CLASS": "local", "MODEL_PATH": str(model)}})

    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        get_backend("local")

    assert 'pip install "wagtail-ai-blocks[local]"' in excinfo.value.message


def test_local_settings_are_read(configure, tmp_path, monkeypatch):
    model = tmp_path / "tiny-model.gguf"
    model.write_bytes(b"GGUF")
    configure(
        {
            "local": {
                "CLASS": "local",
                "MODEL_PATH": str(model),
                "N_PARALLEL": 4,
                "N_CTX": 1024,
                "N_THREADS": 3,
                "TIMEOUT": 20,
            }
        }
    )

    backend = get_backend("local")

    assert backend.model == "tiny-model"
    assert backend.provider_label == "Embedded local model"
    assert backend.free is True
    config = backend.config
    assert (config.n_parallel, config.n_ctx, config.n_threads, config.timeout) == (4, 1024, 3, 20)


def test_a_server_of_your_own_needs_no_api_key(configure, openai_server):
    configure({"default": {"CLASS": "openai", "MODEL": "m", "BASE_URL": openai_server.base_url}})

    completion = get_backend().complete([{"role": "user", "content": "Hello"}], GenerationParams())

    assert completion.text
    # No placeholder goes over the wire: the request carries no Authorization header.
    assert "authorization" not in {name.lower() for name in openai_server.requests[0]["headers"]}


def test_the_sdks_base_url_variable_also_makes_the_key_optional(
    configure, openai_server, monkeypatch
):
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    configure({"default": {"CLASS": "openai", "MODEL": "m"}})

    assert get_backend().complete([{"role": "user", "content": "Hi"}], GenerationParams()).text


def test_the_package_reads_no_openai_model_variable(configure, monkeypatch):
    # Documented: OPENAI_MODEL belongs to the demo's settings; the package reads MODEL.
    monkeypatch.setenv("OPENAI_MODEL", "gpt-4o")
    configure({"default": {"CLASS": "openai", "API_KEY": "sk-test"}})

    assert get_backend().model == "gpt-4o-mini"


def test_the_demo_settings_read_openai_model_and_need_no_key_for_a_base_url(monkeypatch):
    from demo_site.settings import _ai_backend

    assert _ai_backend() == {"CLASS": "local"}
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("OPENAI_MODEL", "llama3.2")
    assert _ai_backend() == {"CLASS": "openai", "MODEL": "llama3.2"}


@pytest.mark.parametrize(("cpus", "threads"), [(1, 1), (2, 1), (4, 2), (8, 4), (32, 4)])
def test_local_model_defaults_leave_cores_and_the_sources_words_alone(
    configure, tmp_path, monkeypatch, cpus, threads
):
    model = tmp_path / "tiny-model.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    configure({"local": {"CLASS": "local", "MODEL_PATH": str(model)}})

    config = get_backend("local").config

    # llama.cpp's threads wait for each other: half the CPUs, the web server keeps the rest.
    assert config.n_threads == threads
    # No repetition penalty: it counts the prompt, so it pushed rewrites off the source.
    assert config.repeat_penalty == 1.0
