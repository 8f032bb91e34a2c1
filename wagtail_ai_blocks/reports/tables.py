"""The report's columns and export rows (one definition for the screen and the files)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from wagtail_ai_blocks.reports.charts import percent
from wagtail_ai_blocks.reports.formatting import format_money


class MoneyColumn(Column):
    """An amount of money, exact, in the ``CURRENCY`` setting."""

    def get_value(self, instance):
        return format_money(super().get_value(instance) or 0)


class PercentColumn(Column):
    def get_value(self, instance):
        return percent(super().get_value(instance))


FIGURE_COLUMNS = [
    Column("calls", label=_("Calls")),
    Column("answered", label=_("Answered")),
    Column("cache_hits", label=_("Cache hits")),
    PercentColumn("hit_rate", label=_("Hit rate")),
    Column("refused", label=_("Refused")),
    Column("errors", label=_("Errors")),
    Column("tokens", label=_("Tokens")),
    MoneyColumn("cost", label=_("Cost")),
    MoneyColumn("cost_saved", label=_("Saved by cache")),
]

#: Exported per group (``Figures`` attributes); money as exact decimals.
FIGURE_EXPORT = [
    "label",
    "calls",
    "answered",
    "errors",
    "refused",
    "cache_hits",
    "hit_rate",
    "input_tokens",
    "output_tokens",
    "cost",
    "cost_saved",
]
FIGURE_HEADINGS = {
    "label": _("Group"),
    "calls": _("Calls"),
    "answered": _("Answered"),
    "errors": _("Errors"),
    "refused": _("Refused"),
    "cache_hits": _("Cache hits"),
    "hit_rate": _("Cache hit rate"),
    "input_tokens": _("Input tokens"),
    "output_tokens": _("Output tokens"),
    "cost": _("Cost"),
    "cost_saved": _("Saved by cache"),
}

#: Exported call by call (``UsageRecord`` rows).
RECORD_EXPORT = [
    "created_at",
    "user",
    "action",
    "action_label",
    "prompt_version",
    "backend",
    "model",
    "outcome",
    "error_code",
    "cache_hit",
    "streamed",
    "input_tokens",
    "output_tokens",
    "cost",
    "cost_saved",
    "latency_ms",
]
RECORD_HEADINGS = {
    "created_at": _("Date"),
    "user": _("User"),
    "action": _("Action id"),
    "action_label": _("Action"),
    "prompt_version": _("Prompt version"),
    "backend": _("Backend"),
    "model": _("Model"),
    "outcome": _("Outcome"),
    "error_code": _("Error code"),
    "cache_hit": _("Cache hit"),
    "streamed": _("Streamed"),
    "input_tokens": _("Input tokens"),
    "output_tokens": _("Output tokens"),
    "cost": _("Cost"),
    "cost_saved": _("Saved by cache"),
    "latency_ms": _("Latency (ms)"),
}


def record_row(record: Any, labels: dict[str, str]) -> dict[str, Any]:
    """One exported ledger row."""
    return {
        "created_at": record.created_at,
        "user": record.user.get_username() if record.user else "",
        "action": record.action,
        "action_label": labels.get(record.action, record.action),
        "prompt_version": record.prompt_version,
        "backend": record.backend,
        "model": record.model,
        "outcome": record.outcome,
        "error_code": record.error_code,
        "cache_hit": record.cache_hit,
        "streamed": record.streamed,
        "input_tokens": record.input_tokens,
        "output_tokens": record.output_tokens,
        "cost": record.cost,
        "cost_saved": record.cost_saved,
        "latency_ms": record.latency_ms,
    }
