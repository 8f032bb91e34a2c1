"""AI backends: the contract, the registry and the built-in providers.

::

    from wagtail_ai_blocks.backends import GenerationParams, get_backend

    backend = get_backend()  # WAGTAIL_AI_BLOCKS["BACKENDS"]["default"]
    completion = backend.complete(messages, GenerationParams(candidates=3))
    for event in backend.stream(messages, GenerationParams()):
        ...

The provider modules (``openai_backend``, ``local``) are imported only when a backend
that uses them is built.
"""

from __future__ import annotations

from wagtail_ai_blocks.backends.base import (
    Backend,
    Completion,
    GenerationParams,
    Message,
    StreamEvent,
    Usage,
    describe,
)
from wagtail_ai_blocks.backends.registry import backend_for_action, clear, get_backend

__all__ = [
    "Backend",
    "Completion",
    "GenerationParams",
    "Message",
    "StreamEvent",
    "Usage",
    "backend_for_action",
    "clear",
    "describe",
    "get_backend",
]
