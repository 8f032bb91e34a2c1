"""Who is translating: wagtail-localize calls a machine translator without the request."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_current_request: ContextVar[HttpRequest | None] = ContextVar(
    "wagtail_ai_blocks_current_request", default=None
)


class CurrentEditorMiddleware:
    """Make the request (and so the editor) known to
    :class:`~wagtail_ai_blocks.localize.AIMachineTranslator` while it is handled.

    Add it after ``AuthenticationMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


def current_user() -> Any:
    request = current_request()
    return getattr(request, "user", None) if request is not None else None
