"""Admin URLs of the usage report (mounted under the admin by ``wagtail_hooks``)."""

from __future__ import annotations

from django.urls import path

from wagtail_ai_blocks.reports.views import UsageReportView

app_name = "wagtail_ai_blocks_reports"

urlpatterns = [
    path("", UsageReportView.as_view(), name="usage"),
    path("results/", UsageReportView.as_view(results_only=True), name="usage_results"),
]
