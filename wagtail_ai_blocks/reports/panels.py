"""The admin dashboard panel: this month's AI cost against the budget, top users and actions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.reports import figures

TOP = 5


class UsageDashboardPanel(Component):
    """For users who may read the usage report (administrators).

    The month is the UTC calendar month, like the ``GLOBAL_MONTHLY`` budget.
    """

    name = "wagtail_ai_blocks_usage"
    order = 95
    template_name = "wagtail_ai_blocks/reports/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        with timezone.override(datetime.UTC):
            period = figures.Period.this_month()
            records = period.filter(figures.ledger())
            month = figures.totals(records)
            top_users = figures.by_user(records)[:TOP]
            top_actions = figures.by_action(records)[:TOP]
        budget = conf.get("BUDGETS").get("GLOBAL_MONTHLY")
        share = None
        if budget:
            share = month.cost / Decimal(str(budget))
        query = urlencode(
            {"created_at_from": period.start.isoformat(), "created_at_to": period.end.isoformat()}
        )
        context.update(
            period=period,
            month=month,
            budget=Decimal(str(budget)) if budget is not None else None,
            share=share,
            meter_percent=min(100, round(float(share) * 100)) if share is not None else None,
            top_users=top_users,
            top_actions=top_actions,
            report_url=f"{reverse('wagtail_ai_blocks_reports:usage')}?{query}",
        )
        return context
