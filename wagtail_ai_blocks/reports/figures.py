"""The usage ledger's figures: one place that adds up calls, tokens and money.

Used by the report view, its charts and exports, the dashboard panel, the
account panel and the ``ai_usage_report`` command, so they always agree.

Money is summed by the database and returned as :class:`~decimal.Decimal`
quantised to the ledger's six decimal places, so totals are exact (PostgreSQL's
``numeric`` sums exactly; SQLite's float sums are far inside that precision).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_ai_blocks.models import UsageRecord

MICRO = Decimal("0.000001")
ZERO = Decimal(0)

#: Groupings of the report, the command and the exports.
GROUPINGS = ("day", "user", "action", "model")

_MONEY = DecimalField(max_digits=18, decimal_places=6)
_AGGREGATES: dict[str, Any] = {
    "calls": Count("pk"),
    "answered": Count("pk", filter=Q(outcome=UsageRecord.Outcome.OK)),
    "errors": Count("pk", filter=Q(outcome=UsageRecord.Outcome.ERROR)),
    "refused": Count("pk", filter=Q(outcome=UsageRecord.Outcome.LIMITED)),
    "stopped": Count("pk", filter=Q(outcome=UsageRecord.Outcome.STOPPED)),
    "cache_hits": Count("pk", filter=Q(cache_hit=True)),
    "input_tokens": Coalesce(Sum("input_tokens"), Value(0), output_field=IntegerField()),
    "output_tokens": Coalesce(Sum("output_tokens"), Value(0), output_field=IntegerField()),
    "cost": Coalesce(Sum("cost"), Value(ZERO), output_field=_MONEY),
    "cost_saved": Coalesce(Sum("cost_saved"), Value(ZERO), output_field=_MONEY),
}


def money(value: Any) -> Decimal:
    """A database sum as an exact amount with six decimal places."""
    return Decimal(str(value if value is not None else 0)).quantize(MICRO)


@dataclass(frozen=True)
class Figures:
    """The ledger's figures for one group of requests (a day, a user, …) or all of them.

    ``answered`` counts requests that got an answer (cache hits included);
    ``refused`` those a rate limit or budget refused; ``errors`` the failures;
    ``stopped`` the answers the editor stopped before they were finished.
    """

    key: Any = None
    label: str = ""
    calls: int = 0
    answered: int = 0
    errors: int = 0
    refused: int = 0
    stopped: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: Decimal = ZERO
    cost_saved: Decimal = ZERO

    @classmethod
    def from_row(cls, row: dict[str, Any], key: Any = None, label: str = "") -> Figures:
        return cls(
            key=key,
            label=label,
            calls=row["calls"],
            answered=row["answered"],
            errors=row["errors"],
            refused=row["refused"],
            stopped=row["stopped"],
            cache_hits=row["cache_hits"],
            input_tokens=int(row["input_tokens"]),
            output_tokens=int(row["output_tokens"]),
            cost=money(row["cost"]),
            cost_saved=money(row["cost_saved"]),
        )

    @property
    def provider_calls(self) -> int:
        """Answers that came from the provider (and cost money)."""
        return self.answered - self.cache_hits

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    @property
    def hit_rate(self) -> float | None:
        """Share of answered requests served by the cache (``None`` when nothing was answered)."""
        return self.cache_hits / self.answered if self.answered else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe: money as strings, so no precision is lost."""
        return {
            "key": self.key if not isinstance(self.key, datetime.date) else self.key.isoformat(),
            "label": self.label,
            "calls": self.calls,
            "answered": self.answered,
            "errors": self.errors,
            "refused": self.refused,
            "stopped": self.stopped,
            "cache_hits": self.cache_hits,
            "cache_hit_rate": round(self.hit_rate, 4) if self.hit_rate is not None else None,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost": str(self.cost),
            "cost_saved": str(self.cost_saved),
        }


def totals(records: QuerySet[UsageRecord]) -> Figures:
    """The figures of every record in ``records``."""
    return Figures.from_row(records.order_by().aggregate(**_AGGREGATES), label=_("Total"))


def _grouped(records: QuerySet[UsageRecord], key: str, **annotations: Any) -> list[dict]:
    return list(
        records.order_by().annotate(**annotations).values(key).annotate(**_AGGREGATES).order_by(key)
    )


def by_day(records: QuerySet[UsageRecord]) -> list[Figures]:
    """One row per day with requests (in the current time zone), oldest first."""
    tz = timezone.get_current_timezone()
    rows = _grouped(records, "day", day=TruncDate("created_at", tzinfo=tz))
    return [Figures.from_row(row, key=row["day"], label=_day_label(row["day"])) for row in rows]


def by_user(records: QuerySet[UsageRecord]) -> list[Figures]:
    """One row per user, most expensive first."""
    rows = _grouped(records, "user")
    names = user_names(row["user"] for row in rows)
    figures = [
        Figures.from_row(row, key=row["user"], label=names.get(row["user"], _("Deleted user")))
        for row in rows
    ]
    return _by_cost(figures)


def by_action(records: QuerySet[UsageRecord]) -> list[Figures]:
    """One row per action (library prompts by their label), most expensive first."""
    rows = _grouped(records, "action")
    labels = action_labels()
    return _by_cost(
        [
            Figures.from_row(row, key=row["action"], label=labels.get(row["action"], row["action"]))
            for row in rows
        ]
    )


def by_model(records: QuerySet[UsageRecord]) -> list[Figures]:
    """One row per model, most expensive first."""
    rows = _grouped(records, "model")
    return _by_cost(
        [
            Figures.from_row(row, key=row["model"], label=row["model"] or _("(no model)"))
            for row in rows
        ]
    )


BY = {"day": by_day, "user": by_user, "action": by_action, "model": by_model}


def _by_cost(figures: list[Figures]) -> list[Figures]:
    return sorted(figures, key=lambda f: (-f.cost, -f.calls, f.label.casefold()))


def _day_label(day: datetime.date) -> str:
    return day.isoformat()


def fill_days(rows: list[Figures], start: datetime.date, end: datetime.date) -> list[Figures]:
    """``rows`` (from :func:`by_day`) with an empty row for each day without requests."""
    known = {row.key: row for row in rows}
    days = []
    day = start
    while day <= end:
        days.append(known.get(day) or Figures(key=day, label=_day_label(day)))
        day += datetime.timedelta(days=1)
    return days


def user_names(pks: Iterable[Any]) -> dict[Any, str]:
    """User pk → the name the admin shows (full name, else username)."""
    from django.contrib.auth import get_user_model

    wanted = {pk for pk in pks if pk is not None}
    if not wanted:
        return {}
    users = get_user_model().objects.filter(pk__in=wanted)
    return {user.pk: user.get_full_name() or user.get_username() for user in users}


def action_labels() -> dict[str, str]:
    """Action id → label: registered actions, library prompts, then deleted prompts."""
    from wagtail_ai_blocks.library.models import AIPrompt, AIPromptVersion
    from wagtail_ai_blocks.prompts import list_actions
    from wagtail_ai_blocks.related.embedder import ACTION_LABELS as OTHER_ACTION_LABELS

    labels = {
        version.action_id: version.label
        for version in AIPromptVersion.objects.filter(overrides="").order_by("created_at", "pk")
    }
    labels.update({action.id: str(action.label) for action in list_actions()})
    labels.update({action: str(label) for action, label in OTHER_ACTION_LABELS.items()})
    labels.update(
        {prompt.action_id: prompt.label for prompt in AIPrompt.objects.filter(overrides="")}
    )
    return labels


# -- periods ----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end`` (both included), in the current time zone."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def this_month(cls, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        start = today.replace(day=1)
        next_month = (start + datetime.timedelta(days=32)).replace(day=1)
        return cls(start, next_month - datetime.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def filter(self, records: QuerySet[UsageRecord]) -> QuerySet[UsageRecord]:
        tz = timezone.get_current_timezone()
        since = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        until = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return records.filter(created_at__gte=since, created_at__lt=until)


def ledger() -> QuerySet[UsageRecord]:
    return UsageRecord.objects.all()
