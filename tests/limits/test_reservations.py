"""Reserve, then settle: budgets against every storage."""

from __future__ import annotations

import contextlib
import threading
from decimal import Decimal

import pytest
from django.db import connections

from wagtail_ai_blocks.exceptions import BudgetExceeded
from wagtail_ai_blocks.limits import BudgetGuard

from .conftest import WINDOW_START

pytestmark = pytest.mark.django_db

TO_DAY_END = 86400 - 600


@pytest.fixture
def make_guard(storage, clock):
    def make(**budgets):
        return BudgetGuard(storage, clock=clock, **budgets)

    return make


def spent(guard, user):
    return {state.name: state.spent for state in guard.peek(user).budgets}


def test_a_reservation_counts_as_spent_until_it_is_settled(make_guard, regular_user):
    guard = make_guard(user_daily=1.0, global_monthly=10.0)
    reservation = guard.reserve(regular_user, Decimal("0.4"))
    assert spent(guard, regular_user) == {
        "budget:user_daily": 0.4,
        "budget:global_monthly": 0.4,
    }
    guard.settle(reservation, Decimal("0.123456"))
    assert spent(guard, regular_user) == {
        "budget:user_daily": 0.123456,
        "budget:global_monthly": 0.123456,
    }


def test_a_reservation_that_does_not_fit_is_refused_and_reserves_nothing(
    make_guard, regular_user, clock
):
    assert clock() == WINDOW_START + 600
    guard = make_guard(user_daily=1.0, global_monthly=10.0)
    guard.reserve(regular_user, Decimal("0.7"))

    with pytest.raises(BudgetExceeded) as refused:
        guard.reserve(regular_user, Decimal("0.4"))

    assert refused.value.tier == "budget:user_daily"
    assert refused.value.retry_after == TO_DAY_END
    assert refused.value.status == 429
    assert spent(guard, regular_user)["budget:global_monthly"] == pytest.approx(0.7)


def test_the_global_budget_refuses_without_charging_the_users_day(
    make_guard, regular_user, other_user
):
    guard = make_guard(user_daily=5.0, global_monthly=1.0)
    guard.reserve(other_user, Decimal("0.9"))
    with pytest.raises(BudgetExceeded) as refused:
        guard.reserve(regular_user, Decimal("0.2"))
    assert refused.value.tier == "budget:global_monthly"
    assert spent(guard, regular_user)["budget:user_daily"] == 0


def test_settling_above_the_reservation_adds_the_difference(make_guard, regular_user):
    guard = make_guard(user_daily=1.0)
    reservation = guard.reserve(regular_user, Decimal("0.1"))
    guard.settle(reservation, Decimal("0.3"))
    assert spent(guard, regular_user) == {"budget:user_daily": pytest.approx(0.3)}


def test_a_free_call_reserves_nothing_but_is_refused_once_the_budget_is_spent(
    make_guard, regular_user
):
    guard = make_guard(user_daily=0.5)
    guard.settle(guard.reserve(regular_user, Decimal("0.5")), Decimal("0.5"))
    with pytest.raises(BudgetExceeded):
        guard.reserve(regular_user, 0)


@pytest.mark.django_db(transaction=True)
def test_64_threads_never_reserve_more_than_the_budget(make_guard, regular_user):
    guard = make_guard(user_daily=1.0)
    barrier = threading.Barrier(64)
    granted, errors = [], []

    def worker():
        try:
            barrier.wait()
            with contextlib.suppress(BudgetExceeded):
                granted.append(guard.reserve(regular_user, Decimal("0.03")))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(granted) == 33  # 33 x 0.03 = 0.99; a 34th would pass 1.00
    assert spent(guard, regular_user)["budget:user_daily"] == pytest.approx(0.99)
