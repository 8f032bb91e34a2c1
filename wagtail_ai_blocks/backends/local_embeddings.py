"""Embeddings from the embedded model: a second llama.cpp context in embedding mode.

llama.cpp serves embeddings from any model; SmolLM2-135M with mean pooling gives
576-dimension vectors that separate topics well enough to rank related pages (see
docs/benchmarks.md, "Related pages"). The embedding server is loaded on first use,
once per process, beside the chat server (the model file is shared on disk).
"""

from __future__ import annotations

import logging
import secrets
import threading
from typing import TYPE_CHECKING, Any

from wagtail_ai_blocks.backends.base import Embeddings, Usage
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend, ProviderError

if TYPE_CHECKING:
    from wagtail_ai_blocks.backends.local import LocalConfig

logger = logging.getLogger(__name__)

_servers: dict[str, Any] = {}
_lock = threading.Lock()


def _server(config: LocalConfig) -> Any:
    from wagtail_ai_blocks.backends.local import import_xllamacpp

    key = str(config.model_path)
    with _lock:
        if key in _servers:
            return _servers[key]
        xllamacpp = import_xllamacpp()
        params = xllamacpp.CommonParams()
        params.model.path = key
        params.embedding = True
        params.pooling_type = xllamacpp.llama_pooling_type.LLAMA_POOLING_TYPE_MEAN
        params.n_parallel = 1
        params.n_ctx = config.n_ctx
        params.n_batch = config.n_ctx
        params.n_ubatch = config.n_ctx
        params.cpuparams.n_threads = config.n_threads
        params.cpuparams_batch.n_threads = config.n_threads
        params.api_keys = [secrets.token_urlsafe(32)]
        logger.info("Loading the embedded model for embeddings", extra={"model_path": key})
        try:
            _servers[key] = xllamacpp.Server(params)
        except (RuntimeError, ValueError) as exc:
            raise ImproperlyConfiguredBackend(
                f"The embedded model could not be loaded for embeddings from {key}: {exc}"
            ) from exc
        return _servers[key]


def embed(config: LocalConfig, texts: list[str], model: str) -> Embeddings:
    """One mean-pooled vector per text."""
    try:
        answer = _server(config).handle_embeddings({"input": list(texts)})
    except (RuntimeError, ValueError) as exc:
        raise ProviderError() from exc
    if not isinstance(answer, dict) or "data" not in answer:
        raise ProviderError()
    items = sorted(answer["data"], key=lambda item: item.get("index", 0))
    vectors = tuple(tuple(float(x) for x in item["embedding"]) for item in items)
    tokens = int((answer.get("usage") or {}).get("prompt_tokens") or 0)
    return Embeddings(vectors=vectors, model=model, usage=Usage(input_tokens=tokens))
