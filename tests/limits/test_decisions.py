"""The value objects' HTTP header and JSON shapes."""

from __future__ import annotations

from wagtail_ai_blocks.limits import LimitDecision, TierState
from wagtail_ai_blocks.limits.decisions import human_duration

USER = TierState("user", limit=10, remaining=7, reset_after=1200, window=3600)
GLOBAL = TierState("global", limit=100, remaining=40, reset_after=1200, window=3600)


def test_most_restrictive_is_the_tier_with_fewest_remaining():
    tight_global = TierState("global", limit=100, remaining=2, reset_after=1200, window=3600)
    assert LimitDecision(True, None, 0, (USER, GLOBAL)).most_restrictive == USER
    assert LimitDecision(True, None, 0, (USER, tight_global)).most_restrictive == tight_global


def test_headers_describe_the_most_restrictive_tier_and_list_every_policy():
    assert LimitDecision(True, None, 0, (USER, GLOBAL)).as_headers() == {
        "RateLimit": "limit=10, remaining=7, reset=1200",
        "RateLimit-Policy": "10;w=3600, 100;w=3600",
    }


def test_policy_header_puts_the_most_restrictive_tier_first():
    tight_global = TierState("global", limit=100, remaining=2, reset_after=1200, window=3600)
    headers = LimitDecision(True, None, 0, (USER, tight_global)).as_headers()
    assert headers["RateLimit-Policy"] == "100;w=3600, 10;w=3600"


def test_refused_decision_adds_retry_after():
    full = TierState("user", limit=10, remaining=0, reset_after=1200, window=3600)
    headers = LimitDecision(False, "user", 1200, (full, GLOBAL)).as_headers()
    assert headers["Retry-After"] == "1200"
    assert headers["RateLimit"] == "limit=10, remaining=0, reset=1200"


def test_as_dict_is_the_quota_of_the_most_restrictive_tier():
    assert LimitDecision(True, None, 0, (USER, GLOBAL)).as_dict() == {
        "limit": 10,
        "remaining": 7,
        "reset": 1200,
        "tier": "user",
    }


def test_unlimited_decision_has_no_headers_and_null_quota():
    decision = LimitDecision(True, None, 0, ())
    assert decision.most_restrictive is None
    assert decision.as_headers() == {}
    assert decision.as_dict() == {"limit": None, "remaining": None, "reset": None, "tier": None}


def test_human_duration_rounds_for_editors():
    assert human_duration(1) == "1 second"
    assert human_duration(45) == "45 seconds"
    assert human_duration(61) == "2 minutes"
    assert human_duration(3000) == "50 minutes"
    assert human_duration(3600) == "1 hour"
    assert human_duration(5 * 3600 + 100) == "5 hours"
    assert human_duration(10 * 86400) == "10 days"
