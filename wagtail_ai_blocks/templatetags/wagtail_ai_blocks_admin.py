"""Template tags for the admin pages (``{% load wagtail_ai_blocks_admin %}``)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def ai_blocks_client_config(context) -> str:
    """The browser's AI config as a ``json_script``, or nothing for users who may not use AI."""
    from wagtail_ai_blocks.client_config import render_client_config

    request = context.get("request")
    return render_client_config(request) if request is not None else ""
