"""Sliding-window, all-or-nothing tiers: every behaviour against every storage."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks.exceptions import RateLimited
from wagtail_ai_blocks.limits import RateLimiter

pytestmark = pytest.mark.django_db


def use_up(limiter, user, times):
    for _ in range(times):
        limiter.check_and_charge(user)


def test_regular_user_gets_exactly_the_user_limit_then_a_refusal(make_limiter, regular_user):
    limiter = make_limiter(user=3, global_limit=100)
    decisions = [limiter.check_and_charge(regular_user) for _ in range(3)]
    assert [d.as_dict()["remaining"] for d in decisions] == [2, 1, 0]

    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(regular_user)

    assert refused.value.tier == "user"
    assert refused.value.status == 429
    assert 0 < refused.value.retry_after <= 3600
    assert refused.value.retry_after == 3600  # the first of the three leaves in an hour
    assert refused.value.message == (
        "You have used all your AI requests for now. Try again in 1 hour."
    )
    assert refused.value.as_dict()["error"]["retry_after"] == 3600
    assert refused.value.decision.as_headers()["Retry-After"] == "3600"


def test_staff_user_gets_the_staff_limit(make_limiter, staff_user):
    limiter = make_limiter(user=1, staff=4)
    use_up(limiter, staff_user, 4)
    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(staff_user)
    assert refused.value.tier == "staff"


def test_group_member_gets_the_group_limit(make_limiter, editor):
    limiter = make_limiter(user=1, groups={"Editors": 3})
    use_up(limiter, editor, 3)
    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(editor)
    assert refused.value.tier == "group:Editors"


def test_superuser_is_exempt_but_counts_against_global(make_limiter, superuser, regular_user):
    limiter = make_limiter(user=1, staff=1, global_limit=3)
    use_up(limiter, superuser, 3)
    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(superuser)
    assert refused.value.tier == "global"
    with pytest.raises(RateLimited):
        limiter.check_and_charge(regular_user)


def test_refusal_by_global_charges_no_user_tier(make_limiter, regular_user, other_user):
    limiter = make_limiter(user=5, global_limit=2)
    use_up(limiter, other_user, 2)

    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(regular_user)

    assert refused.value.tier == "global"
    assert refused.value.message == (
        "AI assistance has reached its limit for the whole site. Try again in 1 hour."
    )
    user_tier = limiter.peek(regular_user).tiers[0]
    assert (user_tier.name, user_tier.remaining) == ("user", 5)


def test_refusal_by_user_charges_no_global(make_limiter, regular_user):
    limiter = make_limiter(user=1, global_limit=10)
    limiter.check_and_charge(regular_user)
    for _ in range(3):
        with pytest.raises(RateLimited):
            limiter.check_and_charge(regular_user)
    global_tier = limiter.peek(regular_user).tiers[1]
    assert (global_tier.name, global_tier.remaining) == ("global", 9)


def test_window_rollover_restores_the_quota(make_limiter, clock, regular_user):
    limiter = make_limiter(user=2)
    use_up(limiter, regular_user, 2)
    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(regular_user)

    clock.advance(refused.value.retry_after)

    decision = limiter.check_and_charge(regular_user)
    assert decision.as_dict() == {"limit": 2, "remaining": 1, "reset": 3600, "tier": "user"}


def test_no_span_of_the_window_ever_holds_more_than_the_limit(make_limiter, clock, regular_user):
    """Issue 13: "10 an hour" let 20 through in two minutes across a clock-aligned hour."""
    limiter = make_limiter(user=10, global_limit=1000)
    clock.advance(2990)  # ten seconds before the hour a fixed window would start
    use_up(limiter, regular_user, 10)
    clock.advance(20)  # past that hour
    with pytest.raises(RateLimited) as refused:
        limiter.check_and_charge(regular_user)
    assert refused.value.retry_after == 3580

    clock.advance(3579)
    with pytest.raises(RateLimited):
        limiter.check_and_charge(regular_user)
    clock.advance(1)
    assert limiter.check_and_charge(regular_user).as_dict()["remaining"] == 9


def test_calls_leave_the_window_one_by_one(make_limiter, clock, regular_user):
    limiter = make_limiter(user=3)
    for _ in range(3):
        limiter.check_and_charge(regular_user)
        clock.advance(100)
    decision = limiter.peek(regular_user)
    assert (decision.allowed, decision.retry_after) == (False, 3300)
    assert decision.tiers[0].reset_after == 3300
    clock.advance(3300)
    assert limiter.peek(regular_user).tiers[0].remaining == 1
    clock.advance(100)
    assert limiter.peek(regular_user).tiers[0].remaining == 2


def test_an_amount_is_charged_as_that_many_calls(make_limiter, regular_user):
    limiter = make_limiter(user=5, global_limit=100)
    decision = limiter.check_and_charge(regular_user, amount=3)
    assert [t.remaining for t in decision.tiers] == [2, 97]
    with pytest.raises(RateLimited):
        limiter.check_and_charge(regular_user, amount=3)
    limiter.refund(decision)
    assert [t.remaining for t in limiter.peek(regular_user).tiers] == [5, 100]


def test_a_refund_gives_back_that_charge_only(make_limiter, clock, regular_user):
    limiter = make_limiter(user=3)
    first = limiter.check_and_charge(regular_user)
    clock.advance(10)
    second = limiter.check_and_charge(regular_user)
    limiter.refund(second)
    limiter.refund(second)
    assert limiter.peek(regular_user).tiers[0].remaining == 2
    limiter.refund(first)
    assert limiter.peek(regular_user).tiers[0].remaining == 3


def test_peek_does_not_charge(make_limiter, regular_user):
    limiter = make_limiter(user=2, global_limit=10)
    for _ in range(5):
        decision = limiter.peek(regular_user)
    assert decision.allowed
    assert [(t.name, t.remaining) for t in decision.tiers] == [("user", 2), ("global", 10)]
    assert decision.charged_keys == ()


def test_peek_reports_a_full_tier_without_raising(make_limiter, regular_user):
    limiter = make_limiter(user=2)
    use_up(limiter, regular_user, 2)
    decision = limiter.peek(regular_user)
    assert not decision.allowed
    assert decision.tier_hit == "user"
    assert decision.retry_after == 3600


def test_reset_user_restores_that_users_quota_only(make_limiter, regular_user, other_user):
    limiter = make_limiter(user=2, global_limit=10)
    use_up(limiter, regular_user, 2)
    use_up(limiter, other_user, 1)

    limiter.reset_user(regular_user)

    assert limiter.peek(regular_user).as_dict()["remaining"] == 2
    assert limiter.peek(other_user).tiers[0].remaining == 1
    assert limiter.peek(other_user).tiers[1].remaining == 7  # global is not reset


def test_reset_global(make_limiter, regular_user):
    limiter = make_limiter(user=5, global_limit=3)
    use_up(limiter, regular_user, 3)
    limiter.reset_global()
    assert limiter.peek(regular_user).tiers[1].remaining == 3


def test_refund_gives_back_a_charge(make_limiter, regular_user):
    limiter = make_limiter(user=2, global_limit=10)
    decision = limiter.check_and_charge(regular_user)
    limiter.refund(decision)
    limiter.refund(decision)  # never below zero
    assert [t.remaining for t in limiter.peek(regular_user).tiers] == [2, 10]


def test_headers_and_quota_after_three_calls(make_limiter, regular_user):
    limiter = make_limiter(user=10, global_limit=100)
    use_up(limiter, regular_user, 2)
    decision = limiter.check_and_charge(regular_user)
    assert decision.as_headers() == {
        "RateLimit": "limit=10, remaining=7, reset=3600",
        "RateLimit-Policy": "10;w=3600, 100;w=3600",
    }
    assert decision.as_dict() == {"limit": 10, "remaining": 7, "reset": 3600, "tier": "user"}


def test_no_limits_at_all_never_touches_storage(superuser, clock):
    class ExplodingStorage:
        name = "exploding"

        def __getattr__(self, name):
            raise AssertionError(f"storage.{name} used")

    from wagtail_ai_blocks.limits import RateLimitPolicy

    limiter = RateLimiter(RateLimitPolicy(global_limit=None), ExplodingStorage(), clock=clock)
    assert limiter.check_and_charge(superuser).allowed
    assert limiter.peek(superuser).as_headers() == {}


def test_from_settings_uses_the_configured_limits(settings, regular_user, clock):
    settings.WAGTAIL_AI_BLOCKS = {"RATE_LIMITS": {"USER": 1}}
    limiter = RateLimiter.from_settings(clock=clock)
    limiter.storage.clear()
    try:
        limiter.check_and_charge(regular_user)
        with pytest.raises(RateLimited):
            limiter.check_and_charge(regular_user)
    finally:
        limiter.storage.clear()
