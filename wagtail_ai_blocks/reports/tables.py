"""The report's columns: one definition for the table on screen and the exports.

Each column shows a formatted value on screen (``get_value``) and exports the same
cell as a value a spreadsheet can compute with (``export_value``: money as an exact
decimal, a rate as a fraction, a date as a date), under the same heading and in the
same order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn

from wagtail_ai_blocks.reports.charts import percent
from wagtail_ai_blocks.reports.formatting import format_money


class ExportColumn(Column):
    """A column whose export value is its raw value (the shown value by default)."""

    def export_value(self, instance: Any) -> Any:
        return Column.get_value(self, instance)


class MoneyColumn(ExportColumn):
    """An amount of money, exact, in the ``CURRENCY`` setting (a decimal when exported)."""

    def get_value(self, instance):
        return format_money(super().get_value(instance) or 0)


class PercentColumn(ExportColumn):
    """A share shown as a percentage, exported as a fraction (four decimal places)."""

    def get_value(self, instance):
        return percent(super().get_value(instance))

    def export_value(self, instance):
        value = super().export_value(instance)
        return round(value, 4) if value is not None else None


class WhenColumn(DateColumn):
    """When the call was made (Wagtail's date cell on screen, the date and time exported)."""

    def export_value(self, instance: Any) -> Any:
        return self.get_value(instance)


def export_value(column: Column, instance: Any) -> Any:
    """What ``column`` exports for ``instance`` (its shown value for a plain column)."""
    if hasattr(column, "export_value"):
        return column.export_value(instance)
    return column.get_value(instance)


def figure_columns(heading: str) -> list[Column]:
    """The columns of a grouped table (``Figures`` rows), first the group's name."""
    return [
        ExportColumn("label", label=heading),
        ExportColumn("calls", label=_("Calls")),
        ExportColumn("answered", label=_("Answered")),
        ExportColumn("cache_hits", label=_("Cache hits")),
        PercentColumn("hit_rate", label=_("Hit rate")),
        ExportColumn("refused", label=_("Refused")),
        ExportColumn("errors", label=_("Errors")),
        ExportColumn("stopped", label=_("Stopped")),
        ExportColumn("input_tokens", label=_("Input tokens")),
        ExportColumn("output_tokens", label=_("Output tokens")),
        MoneyColumn("cost", label=_("Cost")),
        MoneyColumn("cost_saved", label=_("Saved by cache")),
    ]


def call_columns(action_label: Callable[[Any], str]) -> list[Column]:
    """The columns of the call-by-call table (``UsageRecord`` rows)."""
    return [
        WhenColumn("created_at", label=_("When")),
        ExportColumn("user", label=_("User"), accessor=_username),
        ExportColumn("action", label=_("Action"), accessor=action_label),
        ExportColumn("model", label=_("Model")),
        ExportColumn("outcome", label=_("Outcome"), accessor="get_outcome_display"),
        ExportColumn("error_code", label=_("Error code")),
        ExportColumn("cache_hit", label=_("Cache"), accessor=_cache_label),
        ExportColumn("input_tokens", label=_("Input tokens")),
        ExportColumn("output_tokens", label=_("Output tokens")),
        MoneyColumn("cost", label=_("Cost")),
        MoneyColumn("cost_saved", label=_("Saved by cache")),
        ExportColumn("latency_ms", label=_("Latency (ms)")),
    ]


def _username(record: Any) -> str:
    return record.user.get_username() if record.user else ""


def _cache_label(record: Any) -> str:
    return str(_("hit")) if record.cache_hit else ""
