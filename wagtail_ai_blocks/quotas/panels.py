"""Admin panels for the AI limits setting."""

from __future__ import annotations

from wagtail.admin.panels import HelpPanel

from wagtail_ai_blocks import conf


class SettingsLimitsPanel(HelpPanel):
    """Shows the limits Django settings give, so the admin knows what a group row changes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "wagtail_ai_blocks/quotas/limits_help.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            limits = conf.get("RATE_LIMITS")
            context["limits"] = limits
            context["window_minutes"] = int(limits["WINDOW"]) // 60
            context["settings_groups"] = sorted((limits.get("GROUPS") or {}).items())
            return context
