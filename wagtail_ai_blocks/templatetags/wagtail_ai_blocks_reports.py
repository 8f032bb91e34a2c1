"""Template filters for the AI usage report, the dashboard and the account panels."""

from __future__ import annotations

from django import template

from wagtail_ai_blocks.reports.charts import percent
from wagtail_ai_blocks.reports.formatting import format_money

register = template.Library()


@register.filter
def wab_money(value) -> str:
    """An exact amount in the ``CURRENCY`` setting: ``{{ figures.cost|wab_money }}``."""
    return format_money(value or 0)


@register.filter
def wab_percent(value) -> str:
    """A share (0 to 1) as a whole percentage; an en dash for ``None``."""
    return percent(value)
