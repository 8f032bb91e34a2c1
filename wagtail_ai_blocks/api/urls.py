"""The NinjaAPI instance and its URL patterns (mounted by ``wagtail_hooks``)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from wagtail_ai_blocks.api.auth import AIUserAuth
from wagtail_ai_blocks.api.errors import (
    error_response,
    unexpected_error_response,
    validation_message,
)
from wagtail_ai_blocks.api.views import router
from wagtail_ai_blocks.exceptions import (
    AIBlocksError,
    BadRequest,
    CsrfFailed,
    NotAuthenticated,
    PayloadTooLarge,
    PermissionDenied,
)
from wagtail_ai_blocks.feedback.api import router as feedback_router
from wagtail_ai_blocks.permissions import can_use_ai
from wagtail_ai_blocks.related.api import router as related_router


def ai_users_only(view):
    """The schema (``openapi.json``) is for those who may call the API: others get a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not can_use_ai(request.user):
            return error_response(PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="wagtail-ai-blocks",
    version="1",
    description="AI generation for Wagtail editors. Session authentication with CSRF.",
    auth=AIUserAuth(),
    urls_namespace="wagtail_ai_blocks_api",
    docs_url=None,
    docs_decorator=ai_users_only,
)
api.add_router("", router)
api.add_router("", feedback_router)
api.add_router("", related_router)


@api.exception_handler(AIBlocksError)
def _ai_error(request: HttpRequest, exc: AIBlocksError):
    return error_response(exc)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError):
    return error_response(BadRequest(validation_message(exc.errors)))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
    return error_response(NotAuthenticated())


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    if exc.status_code == 403:  # ninja raises this when the CSRF check fails
        return error_response(CsrfFailed())
    return error_response(BadRequest(str(exc)))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig):
    return error_response(PayloadTooLarge())


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception):
    return unexpected_error_response(request, exc)
