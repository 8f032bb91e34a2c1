"""Wagtail hooks: kept thin, each one delegates to a module named for its role."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from wagtail_ai_blocks.components import ProviderStatusPanel


@hooks.register("construct_homepage_panels")
def add_provider_status_panel(request, panels):
    panels.append(ProviderStatusPanel())


@hooks.register("register_icons")
def register_icons(icons):
    return [*icons, "wagtail_ai_blocks/icons/ai-sparkle.svg"]


@hooks.register("register_admin_urls")
def register_api_urls():
    from django.views.i18n import JavaScriptCatalog

    from wagtail_ai_blocks.api.urls import api

    return [
        path("ai-blocks/api/v1/", api.urls),
        path(
            "ai-blocks/jsi18n/",
            JavaScriptCatalog.as_view(packages=["wagtail_ai_blocks"]),
            name="wagtail_ai_blocks_jsi18n",
        ),
    ]


@hooks.register("insert_global_admin_js")
def client_config():
    """The browser's config (URLs, actions, provider); our bundles load the
    translations from ``urls.jsi18n`` when they show AI controls."""
    from wagtail_ai_blocks.client_config import render_client_config

    return render_client_config()


@hooks.register("register_rich_text_features")
def register_ai_rich_text_feature(features):
    from wagtail_ai_blocks.draftail import register_feature

    register_feature(features)


@hooks.register("register_permissions")
def register_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="wagtail_ai_blocks", codename="use_ai")
