"""OpenAI-shaped JSON bodies: chat completions, stream chunks, errors, model lists.

Kept apart from the HTTP handling so the shapes can be read (and compared with the OpenAI
API reference) in one place. Tokens are counted as whitespace-separated words: crude, but
deterministic, and consistent with ``max_tokens`` truncating words.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tests.fake_openai.scripts import Usage

FINGERPRINT = "fp_fake_openai"
DEFAULT_MODEL = "fake-model"

# Each piece carries its leading whitespace, as OpenAI's deltas do (" world"); a trailing run
# of whitespace is its own piece so that joining the pieces gives back the exact text.
_PIECE = re.compile(r"\s*\S+|\s+$")

_ERROR_DEFAULTS: dict[int, tuple[str, str, str]] = {
    400: ("invalid_request_error", "invalid_request", "Invalid request (fake)."),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided (fake)."),
    403: ("invalid_request_error", "permission_denied", "Permission denied (fake)."),
    404: ("invalid_request_error", "not_found", "Not found (fake)."),
    429: ("requests", "rate_limit_exceeded", "Rate limit reached (fake)."),
    500: ("server_error", "server_error", "The server had an error (fake)."),
    502: ("server_error", "bad_gateway", "Bad gateway (fake)."),
    503: ("server_error", "service_unavailable", "The engine is currently overloaded (fake)."),
}


@dataclass(frozen=True)
class Choice:
    """One generated answer after ``max_tokens`` was applied."""

    index: int
    text: str
    finish_reason: str  # "stop" or "length"


def count_tokens(text: str) -> int:
    """Deterministic token estimate: the number of whitespace-separated words."""
    return len(text.split())


def message_text(message: Any) -> str:
    """Text of a chat message whose content is a string or a list of content parts."""
    if not isinstance(message, dict):
        return ""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict)).strip()
    return ""


def last_user_text(request: dict[str, Any]) -> str:
    """Content of the last ``user`` message of a chat request, or ``""``."""
    messages = request.get("messages")
    if not isinstance(messages, list):
        return ""
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return message_text(message)
    return ""


def image_urls(request: dict[str, Any]) -> list[str]:
    """URLs of every ``image_url`` content part of a chat request, in order."""
    messages = request.get("messages")
    urls = []
    for message in messages if isinstance(messages, list) else ():
        content = message.get("content") if isinstance(message, dict) else None
        for part in content if isinstance(content, list) else ():
            image = part.get("image_url") if isinstance(part, dict) else None
            if part.get("type") == "image_url" and isinstance(image, dict):
                urls.append(str(image.get("url", "")))
    return urls


def prompt_tokens(request: dict[str, Any]) -> int:
    messages = request.get("messages")
    if not isinstance(messages, list):
        return 0
    return sum(count_tokens(message_text(message)) for message in messages)


def token_limit(request: dict[str, Any]) -> int | None:
    """``max_completion_tokens`` (current name) or ``max_tokens`` (legacy), if a number."""
    for key in ("max_completion_tokens", "max_tokens"):
        value = request.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return None


def make_choice(index: int, text: str, limit: int | None) -> Choice:
    """Choice ``index`` of an answer, truncated to ``limit`` words (``finish_reason="length"``).

    Choices after the first end with a marker word, ``" (2)"``, ``" (3)"``…, so ``n`` > 1
    gives distinct answers. The marker counts as a word and survives truncation, so the
    choices stay distinct under any ``max_tokens`` except 0.
    """
    marker = [f" ({index + 1})"] if index else []
    pieces = split_pieces(text)
    words = sum(1 for piece in pieces if not piece.isspace())
    if limit is None or words + len(marker) <= limit:
        kept, finish_reason = pieces + marker, "stop"
    else:
        kept, finish_reason = pieces[: max(limit - len(marker), 0)] + marker[:limit], "length"
    # Choice 0 is the text unchanged; a marker on an empty text should not start with a space.
    answer = "".join(kept)
    return Choice(index, answer.lstrip() if marker else answer, finish_reason)


def split_pieces(text: str) -> list[str]:
    """Stream pieces, one word each with its leading whitespace; they join to ``text``."""
    return _PIECE.findall(text)


def usage_for(request: dict[str, Any], choices: Sequence[Choice], usage: Usage | None) -> Usage:
    if usage is not None:
        return usage
    return Usage(prompt_tokens(request), sum(count_tokens(c.text) for c in choices))


def completion(
    completion_id: str, model: str, choices: Sequence[Choice], usage: Usage
) -> dict[str, Any]:
    """A ``chat.completion`` object."""
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": FINGERPRINT,
        "choices": [
            {
                "index": choice.index,
                "message": {"role": "assistant", "content": choice.text, "refusal": None},
                "logprobs": None,
                "finish_reason": choice.finish_reason,
            }
            for choice in choices
        ],
        "usage": usage.to_json(),
    }


def chunk(
    completion_id: str,
    model: str,
    choices: list[dict[str, Any]],
    *,
    include_usage: bool,
    usage: Usage | None = None,
) -> dict[str, Any]:
    """A ``chat.completion.chunk`` object; ``usage`` is only present when it was asked for."""
    data: dict[str, Any] = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": FINGERPRINT,
        "choices": choices,
    }
    if include_usage:
        data["usage"] = usage.to_json() if usage is not None else None
    return data


def chunk_choice(
    index: int, delta: dict[str, Any], finish_reason: str | None = None
) -> dict[str, Any]:
    return {"index": index, "delta": delta, "logprobs": None, "finish_reason": finish_reason}


def stream_chunks(
    completion_id: str,
    model: str,
    choices: Sequence[Choice],
    usage: Usage,
    *,
    include_usage: bool,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(kind, chunk)`` in OpenAI's order; kind is role, content, finish or usage.

    Per choice: a role delta, one content delta per word, then the finish_reason chunk.
    With ``stream_options.include_usage`` a last chunk has ``choices: []`` and the usage.
    """
    for choice in choices:
        role = chunk_choice(choice.index, {"role": "assistant", "content": "", "refusal": None})
        yield "role", chunk(completion_id, model, [role], include_usage=include_usage)
        for piece in split_pieces(choice.text):
            content = chunk_choice(choice.index, {"content": piece})
            yield "content", chunk(completion_id, model, [content], include_usage=include_usage)
    for choice in choices:
        finish = chunk_choice(choice.index, {}, choice.finish_reason)
        yield "finish", chunk(completion_id, model, [finish], include_usage=include_usage)
    if include_usage:
        yield "usage", chunk(completion_id, model, [], include_usage=True, usage=usage)


def error(status: int, message: str | None = None, code: str | None = None) -> dict[str, Any]:
    """OpenAI's error body: ``{"error": {"message", "type", "param", "code"}}``."""
    default_type, default_code, default_message = _ERROR_DEFAULTS.get(
        status, ("server_error" if status >= 500 else "invalid_request_error", "error", "")
    )
    return {
        "error": {
            "message": message or default_message or f"HTTP {status} (fake).",
            "type": default_type,
            "param": None,
            "code": code or default_code,
        }
    }


def model_list(model: str = DEFAULT_MODEL) -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": model, "object": "model", "created": 0, "owned_by": "fake-openai"}],
    }


#: Dimensions of the fake embeddings.
EMBEDDING_DIMENSIONS = 256
_EMBED_WORD = re.compile(r"[a-z]{4,}")
_EMBED_STOP = frozenset(
    [
        "this",
        "that",
        "with",
        "from",
        "your",
        "they",
        "them",
        "their",
        "when",
        "what",
        "which",
        "into",
        "have",
        "will",
        "just",
        "than",
        "then",
        "also",
        "some",
        "more",
        "most",
        "very",
        "over",
        "under",
        "about",
        "once",
        "every",
        "each",
    ]
)


def embedding_vector(text: str) -> list[float]:
    """A deterministic bag-of-words vector (hashed words of four letters or more): texts
    sharing words are close, texts on different topics are not. Not normalised."""
    vector = [0.0] * EMBEDDING_DIMENSIONS
    for word in _EMBED_WORD.findall(text.lower()):
        if word in _EMBED_STOP:
            continue
        digest = hashlib.sha256(word.encode()).digest()
        vector[int.from_bytes(digest[:4], "big") % EMBEDDING_DIMENSIONS] += 1.0
    return vector


def embeddings(inputs: Sequence[str], model: str) -> dict[str, Any]:
    """An ``/embeddings`` answer; usage counts whitespace-separated words."""
    tokens = sum(len(text.split()) for text in inputs)
    return {
        "object": "list",
        "data": [
            {"object": "embedding", "index": index, "embedding": embedding_vector(text)}
            for index, text in enumerate(inputs)
        ],
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
