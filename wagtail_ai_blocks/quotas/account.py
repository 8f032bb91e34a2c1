"""Account → AI assistance: an editor's own quota and this month's usage (read-only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, SettingsTab

from wagtail_ai_blocks.permissions import can_use_ai
from wagtail_ai_blocks.quotas.state import quota_for
from wagtail_ai_blocks.reports import figures

ai_tab = SettingsTab("ai", _("AI assistance"), order=300)


class _NoFields(forms.Form):
    """The panel shows figures only; the account form saves nothing for it."""


class AIUsageSettingsPanel(BaseSettingsPanel):
    name = "ai_usage"
    title = _("AI assistance")
    tab = ai_tab
    order = 100
    template_name = "wagtail_ai_blocks/account/ai_usage_panel.html"
    form_class = _NoFields

    def is_active(self) -> bool:
        return can_use_ai(self.user)

    def get_form(self):
        return _NoFields(prefix=self.name)  # never bound: nothing to validate or save

    def get_context_data(self):
        period = figures.Period.this_month()
        records = period.filter(figures.ledger().filter(user=self.user))
        return {
            **super().get_context_data(),
            "quota": quota_for(self.user),
            "period": period,
            "month": figures.totals(records),
            "top_actions": figures.by_action(records)[:5],
        }
