"""A usage ledger built in the test, with known users, days and amounts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

#: Days of the ledger below (UTC; the test settings' time zone).
DAY1 = datetime.date(2026, 3, 1)
DAY2 = datetime.date(2026, 3, 2)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@pytest.fixture
def record(db):
    """``record(user, day, action="improve", cost="0.000123", …)`` adds one ledger row."""
    from wagtail_ai_blocks.models import UsageRecord

    def add(user, day, *, hour=12, **fields):
        fields.setdefault("action", "improve")
        fields.setdefault("model", "gpt-4o-mini")
        fields.setdefault("backend", "default")
        fields.setdefault("outcome", "ok")
        for money in ("cost", "cost_saved"):
            if money in fields:
                fields[money] = Decimal(fields[money])
        row = UsageRecord.objects.create(user=user, **fields)
        UsageRecord.objects.filter(pk=row.pk).update(created_at=at(day, hour))
        row.refresh_from_db()
        return row

    return add


@pytest.fixture
def ledger(record, make_user, admin_user):
    """Nine rows over two days, two users, three actions, two models.

    ======  ====  =====================  ===================  =======  ========  =========
    user    day   action                 outcome              tokens   cost      saved
    ======  ====  =====================  ===================  =======  ========  =========
    ann     1     improve                ok                   100+50   0.000045
    ann     1     improve                ok (cache hit)       0        0         0.000045
    ann     1     translate              ok                   200+300  0.000210
    ann     1     translate              limited                       0
    bob     1     improve                ok                   120+80   0.000066
    bob     2     summarize (gpt-4o)     ok                   1000+200 0.004500
    bob     2     summarize (gpt-4o)     ok (cache hit)       0        0         0.004500
    bob     2     improve                error                         0
    admin   2     translate              ok                   10+10    0.000008
    ======  ====  =====================  ===================  =======  ========  =========
    """
    ann = make_user("ann", first_name="Ann", last_name="Lee")
    bob = make_user("bob")
    rows = [
        (ann, DAY1, {"input_tokens": 100, "output_tokens": 50, "cost": "0.000045"}),
        (ann, DAY1, {"cache_hit": True, "cost_saved": "0.000045"}),
        (
            ann,
            DAY1,
            {"action": "translate", "input_tokens": 200, "output_tokens": 300, "cost": "0.000210"},
        ),
        (ann, DAY1, {"action": "translate", "outcome": "limited", "error_code": "rate_limited"}),
        (bob, DAY1, {"input_tokens": 120, "output_tokens": 80, "cost": "0.000066"}),
        (
            bob,
            DAY2,
            {
                "action": "summarize",
                "model": "gpt-4o",
                "input_tokens": 1000,
                "output_tokens": 200,
                "cost": "0.004500",
            },
        ),
        (
            bob,
            DAY2,
            {"action": "summarize", "model": "gpt-4o", "cache_hit": True, "cost_saved": "0.004500"},
        ),
        (bob, DAY2, {"outcome": "error", "error_code": "provider_timeout"}),
        (
            admin_user,
            DAY2,
            {"action": "translate", "input_tokens": 10, "output_tokens": 10, "cost": "0.000008"},
        ),
    ]
    for user, day, fields in rows:
        record(user, day, **fields)
    return {"ann": ann, "bob": bob, "admin": admin_user}


@pytest.fixture
def make_prompt_for_report(db):
    from wagtail_ai_blocks.library.models import AIPrompt

    def make(**fields):
        fields.setdefault("instruction", "Rewrite {selected_text} as a tweet.")
        return AIPrompt.objects.create(**fields)

    return make
