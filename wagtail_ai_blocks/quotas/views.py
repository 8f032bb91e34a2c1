"""Resetting a user's AI rate-limit counters (from the user listing's "More" menu)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from wagtail_ai_blocks.exceptions import LimiterUnavailable
from wagtail_ai_blocks.limits import RateLimiter
from wagtail_ai_blocks.permissions import can_reset_quota, can_reset_quotas
from wagtail_ai_blocks.quotas.state import quota_for


class ResetQuotaView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the user's limits now and a confirmation; POST: forget this window's calls."""

    template_name = "wagtail_ai_blocks/quotas/reset_quota.html"
    page_title = gettext_lazy("Reset AI quota")
    header_icon = "ai-sparkle"

    def dispatch(self, request, *args, **kwargs):
        if not can_reset_quotas(request.user):
            raise PermissionDenied
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        if not can_reset_quota(request.user, self.target):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.target.get_full_name() or self.target.get_username()

    def next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next")
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}
        ):
            return candidate
        return reverse("wagtailusers_users:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(target=self.target, quota=quota_for(self.target), next=self.next_url())
        return context

    def post(self, request, *args, **kwargs):
        name = self.get_page_subtitle()
        try:
            RateLimiter.from_settings().reset_user(self.target)
        except LimiterUnavailable:
            messages.error(
                request,
                _("The AI counters of %(user)s could not be reset: the limiter storage is down.")
                % {"user": name},
            )
        else:
            messages.success(
                request,
                _("%(user)s can use AI assistance again: their counters are reset.")
                % {"user": name},
            )
        return redirect(self.next_url())


def reset_quota_button(user, request_user) -> list[Button]:
    """The user listing's "Reset AI quota" entry (``register_user_listing_buttons``)."""
    if not can_reset_quota(request_user, user):
        return []
    return [
        Button(
            _("Reset AI quota"),
            url=reverse("wagtail_ai_blocks_quotas:reset", args=[user.pk]),
            icon_name="ai-sparkle",
            priority=60,
        )
    ]
