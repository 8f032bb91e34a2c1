"""Wagtail hooks: kept thin, each one delegates to a module named for its role."""

from __future__ import annotations

from wagtail import hooks

from wagtail_ai_blocks.components import ProviderStatusPanel


@hooks.register("construct_homepage_panels")
def add_provider_status_panel(request, panels):
    panels.append(ProviderStatusPanel())


@hooks.register("register_icons")
def register_icons(icons):
    return [*icons, "wagtail_ai_blocks/icons/ai-sparkle.svg"]
