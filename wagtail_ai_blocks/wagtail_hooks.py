"""Wagtail hooks: kept thin, each one delegates to a module named for its role."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from wagtail_ai_blocks.components import ProviderStatusPanel


@hooks.register("construct_homepage_panels")
def add_provider_status_panel(request, panels):
    from wagtail_ai_blocks.permissions import can_use_ai

    if can_use_ai(request.user):
        panels.append(ProviderStatusPanel(request.user))


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


@hooks.register("insert_editor_js")
def editor_assets():
    """The field panels' controller and the page-level bundle (Review with AI in the
    Checks panel, related pages) on every editor page: Wagtail does not collect the
    media of panels inside InlinePanel children, and every page has a Checks panel.
    The panels' form media bring the same files and Wagtail renders both, so they load
    through ``js/once.js``, which adds only what the page does not have yet."""
    import json

    from django.utils.html import format_html
    from wagtail.admin.staticfiles import versioned_static

    from wagtail_ai_blocks.ai_field import ai_field_media
    from wagtail_ai_blocks.related.panels import page_media

    media = ai_field_media() + page_media()
    urls = [*media._js, *media._css.get("all", [])]
    return format_html(
        '<script src="{}" data-wab-assets="{}"></script>',
        versioned_static("wagtail_ai_blocks/js/once.js"),
        json.dumps(urls),
    )


@hooks.register("register_rich_text_features")
def register_ai_rich_text_feature(features):
    from wagtail_ai_blocks.draftail import register_feature

    register_feature(features)


@hooks.register("register_permissions")
def register_permissions():
    """In the group editor: "Can use AI assistance", "Can reset AI quotas" and
    "view" on usage records (which opens Reports → AI usage)."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtail_ai_blocks",
        codename__in=["use_ai", "reset_ai_quota", "view_usagerecord", "describe_images_in_bulk"],
    )


# -- administration: prompt library, usage report, quotas ---------------------------


@hooks.register("register_admin_viewset")
def register_prompt_library():
    from wagtail_ai_blocks.library.viewsets import AIPromptViewSet

    return AIPromptViewSet("wagtail_ai_blocks_prompts", url_prefix="ai-blocks/prompts")


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import include

    from wagtail_ai_blocks.images import urls as image_urls
    from wagtail_ai_blocks.localize.progress import progress_view
    from wagtail_ai_blocks.quotas import urls as quota_urls
    from wagtail_ai_blocks.reports import urls as report_urls

    return [
        path("ai-blocks/usage/", include(report_urls)),
        path("ai-blocks/quota/", include(quota_urls)),
        path("ai-blocks/images/", include(image_urls)),
        path(
            "ai-blocks/localize/<int:translation_id>/progress/",
            progress_view,
            name="wagtail_ai_blocks_localize_progress",
        ),
    ]


@hooks.register("insert_global_admin_js")
def localize_progress_script():
    """With wagtail-localize, "Translate with AI" shows how many strings are done."""
    from django.apps import apps
    from django.template.loader import render_to_string

    if not apps.is_installed("wagtail_localize"):
        return ""
    return render_to_string("wagtail_ai_blocks/localize/progress_script.html")


@hooks.register("register_reports_menu_item")
def register_usage_report_menu_item():
    from wagtail_ai_blocks.reports.menu import usage_report_menu_item

    return usage_report_menu_item()


@hooks.register("construct_homepage_panels")
def add_usage_panel(request, panels):
    from wagtail_ai_blocks.reports.menu import can_view_usage
    from wagtail_ai_blocks.reports.panels import UsageDashboardPanel

    if can_view_usage(request.user):
        panels.append(UsageDashboardPanel())


@hooks.register("register_user_listing_buttons")
def add_reset_quota_button(user, request_user):
    from wagtail_ai_blocks.quotas.views import reset_quota_button

    return reset_quota_button(user, request_user)


@hooks.register("register_account_settings_panel")
def register_ai_usage_account_panel(request, user, profile):
    from wagtail_ai_blocks.quotas.account import AIUsageSettingsPanel

    return AIUsageSettingsPanel(request, user, profile)


# -- images -----------------------------------------------------------------------------


@hooks.register("register_admin_menu_item")
def register_images_without_alt_text_menu_item():
    from wagtail_ai_blocks.images.menu import images_menu_item

    return images_menu_item()
