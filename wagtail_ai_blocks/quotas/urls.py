"""Admin URLs for quotas (mounted under the admin by ``wagtail_hooks``)."""

from __future__ import annotations

from django.urls import path

from wagtail_ai_blocks.quotas.views import ResetQuotaView

app_name = "wagtail_ai_blocks_quotas"

urlpatterns = [
    path("<int:user_id>/reset/", ResetQuotaView.as_view(), name="reset"),
]
