"""Per-group AI call limits, edited in the admin (Settings → AI limits).

They are merged over ``RATE_LIMITS["GROUPS"]`` by
:meth:`wagtail_ai_blocks.limits.policy.RateLimitPolicy.from_settings`: a group
listed here uses the admin's limit, whatever Django settings say for it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from wagtail_ai_blocks.quotas.panels import SettingsLimitsPanel


@register_setting(icon="ai-sparkle")
class AILimitSettings(ClusterableModel, BaseGenericSetting):
    """The one set of per-group limits (the limiter is the same on every site)."""

    panels = [
        SettingsLimitsPanel(),
        InlinePanel("group_limits", heading=_("Group limits"), label=_("Group limit")),
    ]

    class Meta:
        verbose_name = _("AI limits")
        verbose_name_plural = _("AI limits")


class GroupAILimit(models.Model):
    """How many AI calls per window a member of ``group`` may make."""

    setting = ParentalKey(AILimitSettings, on_delete=models.CASCADE, related_name="group_limits")
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    calls = models.PositiveIntegerField(
        _("calls per window"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )

    panels = [FieldPanel("group"), FieldPanel("calls")]

    class Meta:
        verbose_name = _("group limit")
        verbose_name_plural = _("group limits")
        constraints = [
            models.UniqueConstraint(fields=["setting", "group"], name="wab_one_limit_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.calls if self.calls is not None else '∞'}"


def admin_group_limits() -> dict[str, int | None]:
    """Group name → calls per window (``None``: no limit), as set in the admin (one
    query, or none while the configuration has not changed: :mod:`wagtail_ai_blocks.memo`)."""
    from wagtail_ai_blocks.memo import memoized

    def read() -> dict[str, int | None]:
        rows = GroupAILimit.objects.values_list("group__name", "calls").order_by("group__name")
        return dict(rows)

    return memoized("group_limits", read)
