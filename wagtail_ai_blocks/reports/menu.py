"""The Reports menu entry."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem


def can_view_usage(user) -> bool:
    """Superusers, and users whose group has "view" on AI usage records."""
    return user.is_active and user.has_perm("wagtail_ai_blocks.view_usagerecord")


class UsageReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_usage(request.user)


def usage_report_menu_item() -> MenuItem:
    return UsageReportMenuItem(
        _("AI usage"),
        reverse("wagtail_ai_blocks_reports:usage"),
        name="ai-usage",
        icon_name="ai-sparkle",
        order=1300,
    )
