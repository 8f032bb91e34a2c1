"""Backends on the official ``openai`` SDK: OpenAI, OpenAI-compatible servers, Azure OpenAI.

Settings (``WAGTAIL_AI_BLOCKS["BACKENDS"][name]``), ``"CLASS": "openai"``:

``MODEL``
    Model sent to the provider (default ``"gpt-4o-mini"``).
``API_KEY``
    Default: the SDK reads ``OPENAI_API_KEY``. Optional when a base URL is set (``BASE_URL``
    or ``OPENAI_BASE_URL``): without a key no ``Authorization`` header is sent.
``BASE_URL``
    An OpenAI-compatible server (Ollama, vLLM, llama.cpp …). Default: the SDK's own
    (``OPENAI_BASE_URL``, else api.openai.com).

The package reads no environment variable of its own: only the ``openai`` SDK reads its
documented ones (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``OPENAI_ORG_ID``, and the Azure
ones below). ``OPENAI_MODEL`` is read by the demo's settings, not here: set ``MODEL``.
``ORGANIZATION``
    Default: the SDK reads ``OPENAI_ORG_ID``.
``TIMEOUT`` / ``CONNECT_TIMEOUT``
    Seconds per attempt (default 30) and for connecting (default 5): short, because an
    editor is waiting on a web request.
``MAX_RETRIES``
    Extra attempts after connection errors, 5xx, or a 429 whose ``Retry-After`` is at most
    :data:`MAX_RETRY_WAIT` seconds (default 1). Timeouts are not retried.
``DEFAULT_HEADERS``
    Extra HTTP headers (dict of strings), e.g. for a gateway.
``VISION``
    Whether the model reads images. Default: guessed from the model name on OpenAI,
    ``False`` on other servers.
``PROVIDER_LABEL``
    Shown in the admin. Default ``"OpenAI"``, or ``"OpenAI-compatible server"``.

``"CLASS": "azure"`` takes ``AZURE_ENDPOINT`` (default: ``AZURE_OPENAI_ENDPOINT``),
``API_VERSION`` (default: ``OPENAI_API_VERSION``), ``DEPLOYMENT`` (default: ``MODEL``),
``API_KEY`` (default: ``AZURE_OPENAI_API_KEY``), ``MODEL`` (default: ``DEPLOYMENT``; used
for prices) and the timeout, retry, header, vision and label keys above.
"""

from __future__ import annotations

from wagtail_ai_blocks.backends.openai_backend.backend import AzureOpenAIBackend, OpenAIBackend
from wagtail_ai_blocks.backends.openai_backend.config import AzureOpenAIConfig, OpenAIConfig
from wagtail_ai_blocks.backends.openai_backend.errors import MAX_RETRY_WAIT, retry_after_seconds

__all__ = [
    "MAX_RETRY_WAIT",
    "AzureOpenAIBackend",
    "AzureOpenAIConfig",
    "OpenAIBackend",
    "OpenAIConfig",
    "retry_after_seconds",
]
