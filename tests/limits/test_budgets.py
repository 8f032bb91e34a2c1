"""Money budgets against every storage."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks.exceptions import BudgetExceeded
from wagtail_ai_blocks.limits import BudgetGuard

from .conftest import WINDOW_START

pytestmark = pytest.mark.django_db

# 2023-11-15 00:00 UTC (WINDOW_START is a UTC midnight) plus ten minutes.
NOW = WINDOW_START + 600
TO_DAY_END = 86400 - 600
TO_MONTH_END = 16 * 86400 - 600  # November has 30 days; the 15th has just begun


@pytest.fixture
def make_guard(storage, clock):
    def make(**budgets):
        return BudgetGuard(storage, clock=clock, **budgets)

    return make


def test_cost_accumulates(make_guard, regular_user):
    guard = make_guard(user_daily=1.0, global_monthly=10.0)
    for _ in range(3):
        guard.record(regular_user, 0.1)
    spent = {state.name: state.spent for state in guard.check(regular_user).budgets}
    assert spent == pytest.approx({"budget:user_daily": 0.3, "budget:global_monthly": 0.3})


def test_user_is_refused_once_the_daily_budget_is_spent(make_guard, regular_user):
    guard = make_guard(user_daily=0.5)
    guard.record(regular_user, 0.3)
    guard.check(regular_user)
    guard.record(regular_user, 0.2)

    with pytest.raises(BudgetExceeded) as refused:
        guard.check(regular_user)

    assert refused.value.tier == "budget:user_daily"
    assert refused.value.retry_after == TO_DAY_END
    assert refused.value.status == 429
    assert refused.value.code == "budget_exceeded"
    assert refused.value.message == "You have reached your daily AI budget. It renews in 24 hours."


def test_daily_budget_is_per_user(make_guard, regular_user, other_user):
    guard = make_guard(user_daily=0.5)
    guard.record(regular_user, 0.5)
    with pytest.raises(BudgetExceeded):
        guard.check(regular_user)
    assert guard.check(other_user).allowed


def test_daily_budget_renews_the_next_utc_day(make_guard, clock, regular_user):
    guard = make_guard(user_daily=0.5)
    guard.record(regular_user, 0.6)
    clock.advance(TO_DAY_END)
    assert guard.check(regular_user).allowed


def test_global_monthly_budget_refuses_everyone_until_the_month_ends(
    make_guard, regular_user, other_user
):
    guard = make_guard(user_daily=5.0, global_monthly=1.0)
    guard.record(regular_user, 0.6)
    guard.record(other_user, 0.4)

    with pytest.raises(BudgetExceeded) as refused:
        guard.check(other_user)

    assert refused.value.tier == "budget:global_monthly"
    assert refused.value.retry_after == TO_MONTH_END
    assert refused.value.message == (
        "The site's monthly AI budget has been reached. It renews in 16 days."
    )


def test_when_both_budgets_are_spent_the_longer_wait_is_named(make_guard, regular_user):
    guard = make_guard(user_daily=1.0, global_monthly=1.0)
    guard.record(regular_user, 1.0)
    with pytest.raises(BudgetExceeded) as refused:
        guard.check(regular_user)
    assert refused.value.tier == "budget:global_monthly"


def test_free_calls_and_disabled_budgets_record_nothing(make_guard, storage, regular_user):
    make_guard(user_daily=1.0).record(regular_user, 0)
    make_guard().record(regular_user, 5.0)
    assert make_guard(user_daily=1.0).check(regular_user).budgets[0].spent == 0.0


def test_from_settings_reads_budgets(settings, clock, regular_user):
    settings.WAGTAIL_AI_BLOCKS = {"BUDGETS": {"USER_DAILY": 0.01}}
    guard = BudgetGuard.from_settings(clock=clock)
    try:
        assert (guard.user_daily, guard.global_monthly) == (0.01, None)
        guard.record(regular_user, 0.02)
        with pytest.raises(BudgetExceeded):
            guard.check(regular_user)
    finally:
        guard.storage.clear()


def test_many_small_costs_reach_the_budget_exactly(make_guard, regular_user):
    guard = make_guard(user_daily=0.5)
    for _ in range(5):
        guard.record(regular_user, 0.1)
    with pytest.raises(BudgetExceeded):
        guard.check(regular_user)
