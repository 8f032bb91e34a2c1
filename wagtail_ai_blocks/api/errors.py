"""The one place that turns errors into JSON responses."""

from __future__ import annotations

import logging
import uuid

from django.http import JsonResponse

from wagtail_ai_blocks.exceptions import AIBlocksError

logger = logging.getLogger(__name__)


def error_response(exc: AIBlocksError) -> JsonResponse:
    response = JsonResponse(exc.as_dict(), status=exc.status)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(int(retry_after))
    return response


def unexpected_error_response(request, exc: Exception) -> JsonResponse:
    """Log with a request id; answer a 500 without internals."""
    request_id = uuid.uuid4().hex[:12]
    logger.exception(
        "Unexpected error in the AI API",
        extra={"request_id": request_id, "path": request.path},
    )
    error = AIBlocksError(detail={"request_id": request_id})
    return error_response(error)


def validation_message(errors: list[dict]) -> str:
    """A short, readable summary of pydantic/ninja validation errors."""
    parts = []
    for error in errors[:5]:
        location = ".".join(
            str(part) for part in error.get("loc", ()) if part not in {"body", "payload"}
        )
        parts.append(
            f"{location}: {error.get('msg', 'invalid')}"
            if location
            else error.get("msg", "invalid")
        )
    return "; ".join(parts) or "Invalid request."
