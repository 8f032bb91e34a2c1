"""SDK and transport exceptions become ours here; and when to retry.

| SDK exception                                   | ours                                   |
|-------------------------------------------------|----------------------------------------|
| ``RateLimitError`` (429)                        | ``ProviderRateLimited(retry_after=…)`` |
| ``RateLimitError`` with ``insufficient_quota``  | ``ProviderError``                      |
| ``APITimeoutError``                             | ``ProviderTimeout``                    |
| ``APIConnectionError`` before the answer        | ``ProviderUnavailable``                |
| ``APIConnectionError`` / transport error in a   | ``StreamInterrupted``                  |
| stream                                          |                                        |
| ``AuthenticationError``, ``PermissionDenied…``  | ``ImproperlyConfiguredBackend``        |
| ``NotFoundError`` (unknown model or URL)        | ``ImproperlyConfiguredBackend``        |
| ``BadRequestError`` ``context_length_exceeded`` | ``PayloadTooLarge``                    |
| other ``BadRequestError``                       | ``ProviderError``                      |
| ``InternalServerError`` 503                     | ``ProviderUnavailable``                |
| other 5xx and 4xx                               | ``ProviderError``                      |
| ``APIResponseValidationError``, invalid JSON    | ``ProviderError``                      |
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import importlib
import json
import logging
import math
import random
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import openai
from django.utils.translation import gettext as _

from wagtail_ai_blocks.exceptions import (
    AIBlocksError,
    ImproperlyConfiguredBackend,
    PayloadTooLarge,
    ProviderError,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
    StreamInterrupted,
)

if TYPE_CHECKING:
    from wagtail_ai_blocks.backends.openai_backend.backend import OpenAIBackend

logger = logging.getLogger(__name__)

#: Longest ``Retry-After`` (seconds) waited for inside a request; longer ones are passed
#: on to the editor as ``ProviderRateLimited(retry_after=…)``.
MAX_RETRY_WAIT = 5.0


@contextlib.contextmanager
def mapped_errors(backend: OpenAIBackend, *, streaming: bool = False) -> Iterator[None]:
    """Turn SDK and transport exceptions into ours (``raise … from exc``)."""
    try:
        yield
    except AIBlocksError:
        raise
    except openai.OpenAIError as exc:
        raise translate(backend, exc, streaming=streaming) from exc
    except json.JSONDecodeError as exc:
        logger.warning("AI provider sent invalid JSON", extra=log_fields(backend, exc))
        raise ProviderError(_("The AI service sent an answer that could not be read.")) from exc
    except _transport_errors() as exc:
        # Raised while reading a body the SDK does not wrap, e.g. a cut connection.
        logger.warning("AI provider connection failed", extra=log_fields(backend, exc))
        raise (StreamInterrupted() if streaming else ProviderUnavailable()) from exc


def translate(backend: OpenAIBackend, exc: openai.OpenAIError, *, streaming: bool) -> AIBlocksError:
    """Our exception for an SDK exception (logged here, with structured fields)."""
    fields = log_fields(backend, exc)
    if isinstance(exc, openai.RateLimitError):
        if exc.code == "insufficient_quota":
            logger.error("AI provider quota exhausted", extra=fields)
            return ProviderError(_("The AI service account has no credit left."))
        logger.warning("AI provider rate limited us", extra=fields)
        wait = retry_after_seconds(exc.response.headers)
        return ProviderRateLimited(retry_after=math.ceil(wait) if wait else None)
    if isinstance(exc, openai.APITimeoutError):
        logger.warning("AI provider timed out", extra=fields)
        return ProviderTimeout()
    if isinstance(exc, openai.APIConnectionError):
        logger.warning("AI provider connection failed", extra=fields)
        return StreamInterrupted() if streaming else ProviderUnavailable()
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        # The SDK's message may quote part of the key: it is not logged.
        logger.error("AI provider refused the API key", extra=fields)
        return ImproperlyConfiguredBackend(
            f"The AI service refused the API key of the backend {backend.name!r}. An "
            f"administrator must check {backend.key_hint} or "
            f"BACKENDS[{backend.name!r}]['API_KEY']."
        )
    if isinstance(exc, openai.NotFoundError):
        logger.error("AI provider does not know the model or URL", extra=fields)
        return ImproperlyConfiguredBackend(
            f"The AI service does not know the model {backend.model!r} of the backend "
            f"{backend.name!r}. An administrator must check its MODEL and endpoint."
        )
    if isinstance(exc, openai.BadRequestError):
        logger.warning("AI provider rejected the request", extra=fields)
        if exc.code == "context_length_exceeded":
            return PayloadTooLarge()
        return ProviderError(_("The AI service rejected this request."))
    if isinstance(exc, openai.APIStatusError):
        logger.warning("AI provider answered with an error", extra=fields)
        if exc.status_code == 503:
            return ProviderUnavailable()
        return ProviderError()
    if isinstance(exc, openai.APIResponseValidationError):
        logger.warning("AI provider answer did not validate", extra=fields)
        return ProviderError(_("The AI service sent an answer that could not be read."))
    logger.warning("AI provider error", extra=fields)
    return StreamInterrupted() if streaming else ProviderError()


def log_fields(backend: OpenAIBackend, exc: BaseException) -> dict[str, Any]:
    """``extra=`` for log records about ``exc``."""
    # Never the message: provider messages can quote the key or the editor's text.
    return {
        "backend": backend.name,
        "provider": backend.provider_label,
        "model": backend.model,
        "error_class": type(exc).__name__,
        "status": getattr(exc, "status_code", None),
        "error_code": getattr(exc, "code", None),
        "request_id": getattr(exc, "request_id", None),
    }


def retry_delay(exc: openai.APIError, attempt: int, max_retries: int) -> float | None:
    """Seconds to wait before trying again, or ``None`` to give up."""
    if attempt >= max_retries or isinstance(exc, openai.APITimeoutError):
        # A timeout already kept the editor waiting for TIMEOUT seconds.
        return None
    backoff = 0.5 * 2**attempt * (1 - 0.25 * random.random())
    if isinstance(exc, openai.APIConnectionError):
        return backoff
    if isinstance(exc, openai.RateLimitError) and exc.code == "insufficient_quota":
        return None
    if isinstance(exc, openai.APIStatusError) and (
        exc.status_code in (408, 409, 429) or exc.status_code >= 500
    ):
        wait = retry_after_seconds(exc.response.headers)
        if wait is None:
            return backoff
        return wait if wait <= MAX_RETRY_WAIT else None
    return None


def retry_after_seconds(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from ``retry-after-ms`` / ``Retry-After`` (seconds or an HTTP date)."""
    if not headers:
        return None
    for header, divisor in (("retry-after-ms", 1000), ("retry-after", 1)):
        value = headers.get(header)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    value = headers.get("retry-after")
    if value:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
    return None


@functools.cache
def _transport_errors() -> tuple[type[BaseException], ...]:
    """HTTP library errors the SDK can let through (``httpx2`` for SDK 3, ``httpx`` for 2)."""
    errors: list[type[BaseException]] = []
    for module_name in ("httpx2", "httpx"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        errors += [module.HTTPError, module.StreamError]
    return tuple(errors)
