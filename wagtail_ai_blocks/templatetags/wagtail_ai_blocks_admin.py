"""Template tags for the admin pages (``{% load wagtail_ai_blocks_admin %}``)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def ai_blocks_client_config(context) -> str:
    """The browser's AI config as a ``json_script``, or nothing for users who may not use AI.

    Wagtail's page editor has the page as ``page``, the snippet editor its object as
    ``object`` (other views may have a paginator's page there: only a model counts).
    """
    from wagtail_ai_blocks.client_config import render_client_config

    request = context.get("request")
    if request is None:
        return ""
    candidates = (context.get("page"), context.get("object"))
    instance = next((value for value in candidates if hasattr(value, "_meta")), None)
    return render_client_config(request, instance)


@register.simple_tag(takes_context=True)
def ai_page_review(context) -> str:
    """ "Review with AI" for the Checks side panel, or nothing for users who may not use AI."""
    from django.template.loader import render_to_string
    from wagtail.admin.staticfiles import versioned_static

    from wagtail_ai_blocks.permissions import can_use_ai

    request = context.get("request")
    if request is None or not can_use_ai(getattr(request, "user", None)):
        return ""
    return render_to_string(
        "wagtail_ai_blocks/feedback/review_section.html",
        {"script_url": versioned_static("wagtail_ai_blocks/js/review.js")},
        request=request,
    )
