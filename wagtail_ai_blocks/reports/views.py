"""Reports → AI usage: the ledger's figures per day, user, action or model, or call by call.

Filters narrow the ledger (date range, user, action, outcome); ``?group=``
chooses the table (``day``, ``user``, ``action``, ``model`` or ``call``). The
summary, the charts, the table and the CSV/XLSX exports all come from the same
filtered ledger. Needs the "view" permission on AI usage records (superusers
have it).
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.reports import figures
from wagtail_ai_blocks.reports.charts import Series, percent, rate_line, stacked_bars
from wagtail_ai_blocks.reports.exports import FormulaSafeExportMixin
from wagtail_ai_blocks.reports.filters import UsageFilterSet
from wagtail_ai_blocks.reports.formatting import format_money
from wagtail_ai_blocks.reports.tables import call_columns, export_value, figure_columns

#: The charts show at most this many days (the most recent of the period).
MAX_CHART_DAYS = 92

GROUP_LABELS = {
    "day": _("Per day"),
    "user": _("Per user"),
    "action": _("Per action"),
    "model": _("Per model"),
    "call": _("Each call"),
}


class UsageReportView(FormulaSafeExportMixin, ReportView):
    page_title = _("AI usage")
    header_icon = "ai-sparkle"
    template_name = "wagtail_ai_blocks/reports/usage_report.html"
    results_template_name = "wagtail_ai_blocks/reports/usage_report_results.html"
    filterset_class = UsageFilterSet
    index_url_name = "wagtail_ai_blocks_reports:usage"
    index_results_url_name = "wagtail_ai_blocks_reports:usage_results"
    model = UsageRecord
    # Explicit: Wagtail 7.4's ReportView defaults to the *page* permission policy,
    # which would let every editor in.
    permission_policy = ModelPermissionPolicy(UsageRecord)
    permission_required = "view"
    paginate_by = 50
    verbose_name_plural = _("AI requests")

    # -- the ledger and its grouping -------------------------------------------

    @cached_property
    def group(self) -> str:
        group = self.request.GET.get("group", "day")
        return group if group in GROUP_LABELS else "day"

    def get_base_queryset(self):
        return UsageRecord.objects.select_related("user")

    @cached_property
    def ledger(self):
        """The filtered ledger (every row, unpaginated)."""
        return self.filter_queryset(self.get_base_queryset())

    def get_filtered_queryset(self):
        if self.group == "call":
            return self.ledger.order_by("-created_at", "-pk")
        rows = figures.BY[self.group](self.ledger)
        return list(reversed(rows)) if self.group == "day" else rows

    # -- table and export ------------------------------------------------------

    @cached_property
    def columns(self):
        """The table's columns, which the CSV and XLSX exports repeat in the same order
        under the same headings."""
        if self.group == "call":
            labels = self._labels
            return call_columns(lambda record: labels.get(record.action, record.action))
        heading = {
            "day": _("Day"),
            "user": _("User"),
            "action": _("Action"),
            "model": _("Model"),
        }[self.group]
        return figure_columns(heading)

    @property
    def list_export(self):  # read by SpreadsheetExportMixin
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

    @cached_property
    def _labels(self) -> dict[str, str]:
        return figures.action_labels()

    def to_row_dict(self, item):
        return {column.name: export_value(column, item) for column in self.columns}

    def get_filename(self):
        return f"ai-usage-{self.group}-{timezone.localdate():%Y-%m-%d}"

    # -- summary and charts ----------------------------------------------------

    def chart_days(self) -> list[figures.Figures]:
        """Every day of the filtered period (at most :data:`MAX_CHART_DAYS`, the latest)."""
        rows = figures.by_day(self.ledger)
        today = timezone.localdate()
        chosen = self.filters.form.cleaned_data.get("created_at") if self.filters else None
        start = chosen.start.date() if chosen and chosen.start else None
        end = chosen.stop.date() if chosen and chosen.stop else None
        if start is None:
            start = rows[0].key if rows else today - datetime.timedelta(days=29)
        if end is None:
            # Up to today while there is recent activity; an old ledger ends on its last day.
            recent = rows and rows[-1].key >= today - datetime.timedelta(days=MAX_CHART_DAYS)
            end = max(today, rows[-1].key) if recent else rows[-1].key if rows else today
        start = max(start, end - datetime.timedelta(days=MAX_CHART_DAYS - 1))
        if end < start:
            return []
        return figures.fill_days(rows, start, end)

    def charts(self, days: list[figures.Figures]) -> list:
        if not days:
            return []
        total = figures.Figures(
            calls=sum(d.calls for d in days),
            answered=sum(d.answered for d in days),
            stopped=sum(d.stopped for d in days),
            cache_hits=sum(d.cache_hits for d in days),
            cost=sum((d.cost for d in days), figures.ZERO),
            cost_saved=sum((d.cost_saved for d in days), figures.ZERO),
        )
        first, last = days[0].label, days[-1].label
        return [
            stacked_bars(
                _("Calls per day"),
                _("%(calls)s calls from %(first)s to %(last)s, %(hits)s of them from the cache.")
                % {"calls": total.calls, "first": first, "last": last, "hits": total.cache_hits},
                days,
                [
                    (
                        Series(str(_("From the provider")), "wab-chart__s0"),
                        lambda d: d.provider_calls,
                    ),
                    (Series(str(_("From the cache")), "wab-chart__s1"), lambda d: d.cache_hits),
                    (
                        Series(str(_("Refused or failed")), "wab-chart__s2"),
                        lambda d: d.refused + d.errors,
                    ),
                    (
                        Series(str(_("Stopped by the editor")), "wab-chart__s3"),
                        lambda d: d.stopped,
                    ),
                ],
                lambda value: f"{value:g}",
            ),
            stacked_bars(
                _("Cost per day"),
                _("%(cost)s spent from %(first)s to %(last)s; the cache saved %(saved)s.")
                % {
                    "cost": format_money(total.cost),
                    "first": first,
                    "last": last,
                    "saved": format_money(total.cost_saved),
                },
                days,
                [(Series(str(_("Cost")), "wab-chart__s0"), lambda d: float(d.cost))],
                lambda value: format_money(round(value, 6)),
            ),
            rate_line(
                _("Cache hit rate"),
                _("%(rate)s of answers from %(first)s to %(last)s came from the cache.")
                % {"rate": percent(total.hit_rate), "first": first, "last": last},
                days,
                Series(str(_("Cache hit rate")), "wab-chart__s1"),
            ),
        ]

    def group_links(self) -> list[dict[str, Any]]:
        links = []
        for group, label in GROUP_LABELS.items():
            params = self.request.GET.copy()
            params["group"] = group
            params.pop(self.page_kwarg, None)
            params.pop("_w_filter_fragment", None)
            links.append(
                {
                    "label": label,
                    "url": f"{self.index_url}?{params.urlencode()}",
                    "active": group == self.group,
                }
            )
        return links

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        days = self.chart_days()
        context.update(
            totals=figures.totals(self.ledger),
            charts=self.charts(days),
            group=self.group,
            group_links=self.group_links(),
            currency=conf.get("CURRENCY"),
        )
        return context
