"""The v1 endpoints: generate, stream, quota. Thin: parse, call the service, shape."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from ninja import Router

from wagtail_ai_blocks.api import sse
from wagtail_ai_blocks.api.schema import (
    ErrorOut,
    GenerateIn,
    GenerateOut,
    QuotaStatusOut,
)
from wagtail_ai_blocks.backends import get_backend
from wagtail_ai_blocks.backends.base import describe
from wagtail_ai_blocks.prompts import FieldInfo
from wagtail_ai_blocks.service import GenerationRequest, GenerationService, quota_dict

router = Router(tags=["generation"])

ERRORS = {code: ErrorOut for code in (400, 401, 403, 413, 422, 429, 502, 503, 504)}


def _request(request: HttpRequest, payload: GenerateIn) -> GenerationRequest:
    site = getattr(request, "_wagtail_site", None)
    field = payload.field
    context = payload.context.model_dump(exclude_none=True)
    image = None
    if payload.image is not None:
        from wagtail_ai_blocks.images.access import image_request_parts

        image, context = image_request_parts(request.user, payload.image, context)
    return GenerationRequest(
        user=request.user,
        action=payload.action,
        text=payload.text,
        format=payload.format,
        params=payload.params.model_dump(exclude_none=True),
        context=context,
        image=image,
        field=FieldInfo(
            name=field.name or "",
            max_length=field.max_length,
            features=tuple(field.features) if field.features is not None else None,
        ),
        candidates=payload.candidates,
        refresh=payload.refresh,
        site_id=getattr(site, "pk", None),
    )


@router.post("/generate", response={200: GenerateOut, **ERRORS}, summary="Generate an answer")
def generate(request: HttpRequest, payload: GenerateIn):
    """One finished answer, with ``candidates`` suggestions for field actions."""
    result = GenerationService().generate(_request(request, payload))
    response = JsonResponse(result.as_dict())
    for header, value in result.quota.as_headers().items():
        response[header] = value
    return response


@router.post(
    "/stream",
    response={200: None, **ERRORS},
    summary="Stream an answer (Server-Sent Events)",
    openapi_extra={"responses": {"200": {"content": {"text/event-stream": {}}}}},
)
def stream(request: HttpRequest, payload: GenerateIn):
    """``delta`` events with text, then ``done`` (like /generate's answer) or ``error``."""
    events = GenerationService().open_stream(_request(request, payload))

    def body():
        try:
            yield sse.comment("stream opened")
            for name, data in events:
                yield sse.event(name, data)
        finally:
            # The server closes us when the browser goes away: stop the provider too.
            events.close()

    response = StreamingHttpResponse(body(), content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@router.get("/quota", response={200: QuotaStatusOut, **ERRORS}, summary="What I have left")
def quota(request: HttpRequest):
    decision = GenerationService().quota(request.user)
    backend = describe(get_backend())
    return {
        "quota": quota_dict(decision),
        "tiers": [
            {"limit": t.limit, "remaining": t.remaining, "reset": t.reset_after, "tier": t.name}
            for t in decision.tiers
        ],
        "provider": {
            "backend": backend["name"],
            "provider": backend["provider"],
            "model": backend["model"],
            "streaming": backend["streaming"],
        },
    }
