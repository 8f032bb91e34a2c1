"""``manage.py ai_usage_report``: the usage report's figures for a date range.

::

    python manage.py ai_usage_report                      # this month, as text
    python manage.py ai_usage_report --since 2025-01-01 --until 2025-01-31 --json
    python manage.py ai_usage_report --days 7 --by user,action

Days are whole days in the site's time zone, both ends included. The JSON output
gives money as strings ("0.012345") so no precision is lost; its shape is
``{"period", "currency", "totals", "by_day", "by_user", "by_action", "by_model"}``
(only the groupings asked for with ``--by``). Bad arguments print what to change.
"""

from __future__ import annotations

import argparse
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.reports import figures
from wagtail_ai_blocks.reports.charts import percent
from wagtail_ai_blocks.reports.formatting import format_money


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = "Print AI usage and cost for a date range (text or JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, help="First day (YYYY-MM-DD).")
        parser.add_argument("--until", type=_date, help="Last day (YYYY-MM-DD), included.")
        parser.add_argument(
            "--days", type=int, help="The last N days, today included (instead of --since)."
        )
        parser.add_argument(
            "--by",
            default=",".join(figures.GROUPINGS),
            help=f"Groupings to print, comma-separated: {', '.join(figures.GROUPINGS)}.",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        period = self._period(options)
        groupings = [name.strip() for name in options["by"].split(",") if name.strip()]
        unknown = [name for name in groupings if name not in figures.GROUPINGS]
        if unknown:
            raise CommandError(
                f"Unknown grouping {unknown[0]!r}: use {', '.join(figures.GROUPINGS)}."
            )
        records = period.filter(figures.ledger())
        report = {
            "period": {"since": period.start.isoformat(), "until": period.end.isoformat()},
            "currency": conf.get("CURRENCY"),
            "totals": figures.totals(records),
        }
        for name in groupings:
            report[f"by_{name}"] = figures.BY[name](records)
        if options["json"]:
            self.stdout.write(json.dumps(_jsonable(report), indent=2, ensure_ascii=False))
        else:
            self._write_text(report, groupings)

    def _period(self, options) -> figures.Period:
        today = timezone.localdate()
        until = options["until"] or today
        if options["days"] is not None:
            if options["since"]:
                raise CommandError("Use --days or --since, not both.")
            if options["days"] < 1:
                raise CommandError("--days must be at least 1.")
            try:
                since = until - datetime.timedelta(days=options["days"] - 1)
            except OverflowError as exc:
                raise CommandError("--days reaches before the year 1.") from exc
        else:
            since = options["since"] or figures.Period.this_month(until).start
        if until < since:
            raise CommandError("--until is before --since.")
        return figures.Period(since, until)

    def _write_text(self, report: dict, groupings: list[str]) -> None:
        period, totals = report["period"], report["totals"]
        write = self.stdout.write
        write(f"AI usage from {period['since']} to {period['until']}")
        write("")
        write(f"  calls          {totals.calls}")
        write(f"  answered       {totals.answered} ({totals.cache_hits} from the cache)")
        write(f"  refused        {totals.refused}")
        write(f"  errors         {totals.errors}")
        write(f"  stopped        {totals.stopped} (by the editor)")
        write(f"  cache hit rate {percent(totals.hit_rate)}")
        write(f"  tokens         {totals.input_tokens} in, {totals.output_tokens} out")
        write(f"  cost           {format_money(totals.cost)}")
        write(f"  saved by cache {format_money(totals.cost_saved)}")
        for name in groupings:
            rows = report[f"by_{name}"]
            write("")
            write(f"By {name}:")
            if not rows:
                write("  (none)")
                continue
            width = max(len(row.label) for row in rows)
            for row in rows:
                write(
                    f"  {row.label:<{width}}  {row.calls:>6} calls  "
                    f"{percent(row.hit_rate):>5} hits  {format_money(row.cost):>12}"
                )


def _jsonable(report: dict) -> dict:
    return {
        key: (
            value.as_dict()
            if isinstance(value, figures.Figures)
            else [row.as_dict() for row in value]
            if isinstance(value, list)
            else value
        )
        for key, value in report.items()
    }
