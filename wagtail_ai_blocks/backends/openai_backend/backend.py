"""``OpenAIBackend`` and ``AzureOpenAIBackend``: chat completions through the ``openai`` SDK."""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, cast

import openai
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
from wagtail_ai_blocks.backends.openai_backend.config import (
    AzureOpenAIConfig,
    OpenAIConfig,
    SDKConfig,
)
from wagtail_ai_blocks.backends.openai_backend.errors import (
    log_fields,
    mapped_errors,
    retry_delay,
)
from wagtail_ai_blocks.exceptions import (
    EmptyAnswer,
    ImproperlyConfiguredBackend,
    ProviderError,
    StreamInterrupted,
)

logger = logging.getLogger(__name__)

OPENAI_HOST = "api.openai.com"
# Models that read images (on OpenAI itself).
_VISION_PREFIXES = ("gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4")
# Reasoning models accept only the default temperature and only ``max_completion_tokens``.
_REASONING_PREFIXES = ("gpt-5", "o1", "o3", "o4")


class OpenAIBackend:
    """Chat completions through ``openai.OpenAI``; one SDK client (and pool) per instance.

    The client is thread-safe and shared by all requests using this backend. Retries are
    done here rather than by the SDK so that a long ``Retry-After`` is handed back to the
    editor instead of being slept through inside a web request.
    """

    supports_streaming: bool = True
    supports_vision: bool = False
    #: OpenAI honours ``n``; for servers that ignore or refuse it the missing candidates
    #: are requested one by one.
    supports_candidates: bool = True
    provider_label: str = "OpenAI"
    #: Billed by the provider: costs come from ``PRICES`` by model.
    free: ClassVar[bool] = False
    #: For related pages when ``RELATED_PAGES["MODEL"]`` is empty.
    default_embedding_model: ClassVar[str] = "text-embedding-3-small"

    config_class: ClassVar[type[SDKConfig]] = OpenAIConfig
    #: How the error messages tell an administrator to set the key.
    key_hint: ClassVar[str] = "the OPENAI_API_KEY environment variable"

    def __init__(self, name: str, config: SDKConfig):
        self.name = name
        self.config = config
        self.model = config.model
        #: Per-request options: a server without a key gets no Authorization header.
        self._request_options: dict[str, Any] = {}
        #: Set once the server refused ``n`` > 1: candidates are then asked one by one.
        self._n_refused = False
        self._client = self._make_client()
        official = self._client.base_url.host == OPENAI_HOST
        self.provider_label = config.provider_label or self._default_label(official)
        if config.vision is not None:
            self.supports_vision = config.vision
        else:
            self.supports_vision = official and self.model.startswith(_VISION_PREFIXES)
        reasoning = self.model.startswith(_REASONING_PREFIXES)
        # OpenAI takes max_completion_tokens for every model; many compatible servers (and
        # older Azure API versions) only know max_tokens.
        self._token_param = "max_completion_tokens" if official or reasoning else "max_tokens"
        self._send_temperature = not reasoning

    @classmethod
    def from_settings(cls, name: str, settings: Mapping[str, Any]) -> OpenAIBackend:
        return cls(name, cls.config_class.from_settings(name, settings))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} model={self.model!r}>"

    # -- the Backend protocol -----------------------------------------------------------

    def complete(self, messages: list[Message], params: GenerationParams) -> Completion:
        wanted = max(1, params.candidates)
        with mapped_errors(self):
            texts, usage, model, finish_reason = self._first_answer(messages, params, wanted)
            # Servers that ignore `n` answer once, those that refuse it were asked for
            # one: ask for the rest one by one.
            for _attempt in range(wanted - len(texts)):
                more = self._create(self._request(messages, params))
                more_texts, more_usage, _model, _finish_reason = self._read(more)
                texts += more_texts
                usage += more_usage
        answers = tuple(text for text in texts if text.strip())
        if not answers:
            raise EmptyAnswer()
        return Completion(texts=answers, model=model, usage=usage, finish_reason=finish_reason)

    def stream(self, messages: list[Message], params: GenerationParams) -> Iterator[StreamEvent]:
        """Yield text deltas, then one event with usage; one candidate only.

        The request is sent on the first ``next()``. Closing the generator closes the HTTP
        response, which makes the provider stop generating.
        """
        with mapped_errors(self):
            sdk_stream = self._create(self._request(messages, params, stream=True))
        usage: Usage | None = None
        model: str | None = None
        finish_reason: str | None = None
        seen_text = False
        try:
            with mapped_errors(self, streaming=True):
                for chunk in sdk_stream:
                    model = getattr(chunk, "model", None) or model
                    if getattr(chunk, "usage", None):
                        usage = _usage(chunk.usage)
                    for choice in getattr(chunk, "choices", None) or ():
                        if choice.index != 0:
                            continue
                        finish_reason = choice.finish_reason or finish_reason
                        delta = choice.delta.content if choice.delta else None
                        if delta:
                            seen_text = seen_text or not delta.isspace()
                            yield StreamEvent(delta=delta)
        finally:
            sdk_stream.close()
        if not seen_text:
            raise EmptyAnswer()
        if finish_reason is None:
            logger.warning(
                "AI provider stream ended without a finish reason",
                extra={"backend": self.name, "provider": self.provider_label},
            )
            raise StreamInterrupted()
        yield StreamEvent(
            usage=usage or Usage(), model=model or self.model, finish_reason=finish_reason
        )

    def _first_answer(
        self, messages: list[Message], params: GenerationParams, wanted: int
    ) -> tuple[list[str], Usage, str, str | None]:
        """One call asking for ``wanted`` candidates, or for one if the server refuses ``n``.

        A llama.cpp server with fewer slots than ``n`` answers 400 ("Value must be between
        1 <= value <= 2"); other servers refuse ``n`` altogether. Then the same request
        without ``n`` is sent, and once that works this backend stops sending ``n``.
        """
        n = 1 if self._n_refused else wanted
        try:
            return self._read(self._create(self._request(messages, params, n=n)))
        except openai.BadRequestError as exc:
            if n == 1 or exc.code == "context_length_exceeded":
                raise
            answer = self._read(self._create(self._request(messages, params)))
            self._n_refused = True
            logger.info(
                "AI provider refused several candidates in one call: asking one by one",
                extra={**log_fields(self, exc), "n": n},
            )
            return answer

    def embed(self, texts: list[str], model: str) -> Embeddings:
        """Vectors from the ``/embeddings`` endpoint (OpenAI, llama.cpp, Ollama, vLLM…)."""
        with mapped_errors(self):
            response = self._create_embeddings({"model": model, "input": list(texts)})
        try:
            items = sorted(response.data, key=lambda item: item.index or 0)
            vectors = tuple(tuple(float(x) for x in item.embedding) for item in items)
            usage = Usage(input_tokens=getattr(response.usage, "prompt_tokens", 0) or 0)
        except (AttributeError, TypeError, ValueError) as exc:
            raise ProviderError(_("The AI service sent an answer that could not be read.")) from exc
        if len(vectors) != len(texts):
            raise ProviderError(_("The AI service sent an answer that could not be read."))
        return Embeddings(
            vectors=vectors, model=getattr(response, "model", "") or model, usage=usage
        )

    # -- the SDK ------------------------------------------------------------------------

    def _default_label(self, official: bool) -> str:
        return "OpenAI" if official else "OpenAI-compatible server"

    def _timeout(self) -> openai.Timeout:
        config = self.config
        return openai.Timeout(config.timeout, connect=min(config.connect_timeout, config.timeout))

    def _make_client(self) -> openai.OpenAI:
        config = cast(OpenAIConfig, self.config)
        api_key: Any = config.api_key
        if api_key is None and not os.environ.get("OPENAI_API_KEY"):
            # A server of our own that needs no key (the config allows this only with a
            # base URL). The SDK insists on a key at construction: an empty one from a
            # callable passes, and omitting the header sends no placeholder to the server.
            api_key = _no_api_key
            self._request_options = {"extra_headers": {"Authorization": openai.Omit()}}
        kwargs: dict[str, Any] = {
            "api_key": api_key,
            "organization": config.organization,
            "timeout": self._timeout(),
            "max_retries": 0,  # see _create()
            "default_headers": dict(config.default_headers) or None,
        }
        if config.base_url:  # otherwise the SDK reads OPENAI_BASE_URL itself
            kwargs["base_url"] = config.base_url
        return self._construct(openai.OpenAI, kwargs)

    def _construct(self, client_class: type, kwargs: dict[str, Any]) -> Any:
        try:
            return client_class(**kwargs)
        except (openai.OpenAIError, ValueError) as exc:
            raise ImproperlyConfiguredBackend(
                f"Cannot set up the AI backend {self.name!r}: {exc}"
            ) from exc

    def _request_model(self) -> str:
        return self.model

    def _request(
        self, messages: list[Message], params: GenerationParams, *, n: int = 1, stream: bool = False
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self._request_model(),
            "messages": list(messages),
            self._token_param: params.max_tokens,
        }
        if self._send_temperature:
            request["temperature"] = params.temperature
        if n > 1:
            request["n"] = n
        if params.response_schema is not None:
            request["response_format"] = json_schema_format(params.response_schema)
        if stream:
            request["stream"] = True
            request["stream_options"] = {"include_usage": True}
        return request

    def _create(self, request: dict[str, Any]) -> Any:
        for attempt in itertools.count():
            try:
                return self._client.chat.completions.create(**request, **self._request_options)
            except openai.APIError as exc:
                delay = retry_delay(exc, attempt, self.config.max_retries)
                if delay is None:
                    raise
                logger.info(
                    "Retrying the AI provider",
                    extra={**log_fields(self, exc), "attempt": attempt + 1, "delay": delay},
                )
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _create_embeddings(self, request: dict[str, Any]) -> Any:
        for attempt in itertools.count():
            try:
                return self._client.embeddings.create(**request)
            except openai.APIError as exc:
                delay = retry_delay(exc, attempt, self.config.max_retries)
                if delay is None:
                    raise
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, response: Any) -> tuple[list[str], Usage, str, str | None]:
        """Texts (in choice order), usage, model and first finish reason of an answer."""
        try:
            choices = sorted(response.choices, key=lambda choice: choice.index or 0)
            texts = [(choice.message.content or "") for choice in choices]
            finish_reason = choices[0].finish_reason if choices else None
            return texts, _usage(response.usage), response.model or self.model, finish_reason
        except (AttributeError, TypeError) as exc:
            # A non-JSON body comes back from the SDK as a str; a wrong shape lacks fields.
            logger.warning(
                "AI provider answer has an unexpected shape",
                extra={"backend": self.name, "provider": self.provider_label},
            )
            raise ProviderError(_("The AI service sent an answer that could not be read.")) from exc


class AzureOpenAIBackend(OpenAIBackend):
    """Chat completions through ``openai.AzureOpenAI`` on one deployment."""

    provider_label: str = "Azure OpenAI"
    config_class: ClassVar[type[SDKConfig]] = AzureOpenAIConfig
    key_hint: ClassVar[str] = "the AZURE_OPENAI_API_KEY environment variable"

    def _default_label(self, official: bool) -> str:
        return "Azure OpenAI"

    def _make_client(self) -> openai.AzureOpenAI:
        config = cast(AzureOpenAIConfig, self.config)
        return self._construct(
            openai.AzureOpenAI,
            {
                "azure_endpoint": config.azure_endpoint,
                "azure_deployment": config.deployment,
                "api_version": config.api_version,
                "api_key": config.api_key,
                "timeout": self._timeout(),
                "max_retries": 0,
                "default_headers": dict(config.default_headers) or None,
            },
        )

    def _request_model(self) -> str:
        config = cast(AzureOpenAIConfig, self.config)
        return config.deployment


def _no_api_key() -> str:
    return ""


def _usage(usage: Any) -> Usage:
    if usage is None:
        return Usage()
    return Usage(
        input_tokens=getattr(usage, "prompt_tokens", None) or 0,
        output_tokens=getattr(usage, "completion_tokens", None) or 0,
    )
