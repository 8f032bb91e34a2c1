"""200 parallel calls in 4 processes never spend more than the budget.

The whole service runs in each child (real ``openai`` SDK over HTTP to the fake
provider, the ledger in the shared SQLite file), against Redis or the database
storage. Each call reserves its maximum cost before asking the provider, so the
money recorded can never pass the budget, however the calls interleave; and what
the budget storage says was spent is exactly what the ledger says.
"""

from __future__ import annotations

import multiprocessing
import queue
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Sum

from wagtail_ai_blocks.models import UsageRecord

from .workers import BUDGET, cache_config, money_settings, spend

PROCESSES = 4
CALLS = 50  # per process
WAIT = 300


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["redis", "database"])
def test_200_parallel_calls_in_4_processes_never_overshoot_the_budget(
    request, settings, kind, regular_user, fake_openai, tmp_path
):
    location = request.getfixturevalue("redis_url") if kind == "redis" else str(tmp_path)
    fake_openai.latency = 0.3  # every call is in flight at once
    db_name = str(connection.settings_dict["NAME"])
    connections.close_all()

    context = multiprocessing.get_context("spawn")
    messages, start = context.Queue(), context.Event()
    processes = [
        context.Process(
            target=spend,
            args=(
                kind,
                db_name,
                location,
                fake_openai.base_url,
                regular_user.pk,
                CALLS,
                start,
                messages,
                f"p{number}",
            ),
        )
        for number in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    ready, outcomes, errors = 0, {}, []
    try:
        while ready < PROCESSES or len(outcomes) + len(errors) < PROCESSES:
            tag, value = messages.get(timeout=WAIT)
            if tag == "ready":
                ready += 1
                if ready == PROCESSES:
                    start.set()
            elif tag == "outcomes":
                outcomes[len(outcomes)] = value
            else:
                errors.append(value)
                start.set()
    except queue.Empty:
        errors.append("a child process stopped reporting")
    finally:
        for process in processes:
            process.join(timeout=WAIT)
            if process.is_alive():
                process.kill()

    assert errors == []
    totals: dict[str, int] = {}
    for counts in outcomes.values():
        for code, count in counts.items():
            totals[code] = totals.get(code, 0) + count
    assert sum(totals.values()) == PROCESSES * CALLS
    assert set(totals) == {"ok", "budget_exceeded"}, totals
    assert totals["ok"] >= 5

    ledger = UsageRecord.objects.filter(outcome="ok")
    assert ledger.count() == totals["ok"] == fake_openai.call_count
    # SQLite sums decimals as floats: back to the micro-units the ledger stores.
    recorded = ledger.aggregate(total=Sum("cost"))["total"].quantize(Decimal("0.000001"))
    assert 0 < recorded <= Decimal(str(BUDGET))

    settings.CACHES = {"default": cache_config(kind, location)}
    settings.WAGTAIL_AI_BLOCKS = money_settings(fake_openai.base_url)
    from wagtail_ai_blocks.limits import BudgetGuard

    states = {s.name: s.spent for s in BudgetGuard.from_settings().peek(regular_user).budgets}
    assert Decimal(str(states["budget:user_daily"])) == recorded
    assert Decimal(str(states["budget:global_monthly"])) == recorded
