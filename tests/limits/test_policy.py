"""Which tiers apply to whom (policy only, no storage)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from wagtail_ai_blocks.limits import RateLimitPolicy, Tier, tiers_for

pytestmark = pytest.mark.django_db

POLICY = RateLimitPolicy(window=3600, user=10, staff=50, global_limit=100, groups={"Editors": 30})


def test_regular_user_gets_user_and_global_tiers(regular_user):
    assert POLICY.tiers_for(regular_user) == [
        Tier("user", f"user:{regular_user.pk}", 10, 3600),
        Tier("global", "global", 100, 3600),
    ]


def test_staff_user_gets_staff_tier(staff_user):
    assert [(t.name, t.limit) for t in POLICY.tiers_for(staff_user)] == [
        ("staff", 50),
        ("global", 100),
    ]


def test_group_limit_replaces_user_tier_when_higher(editor):
    assert [(t.name, t.key, t.limit) for t in POLICY.tiers_for(editor)] == [
        ("group:Editors", f"user:{editor.pk}", 30),
        ("global", "global", 100),
    ]


def test_group_limit_lower_than_staff_keeps_staff_tier(staff_user):
    staff_user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    assert POLICY.tiers_for(staff_user)[0].name == "staff"


def test_highest_group_limit_wins(editor):
    editor.groups.add(Group.objects.create(name="Writers"))
    editor.groups.add(Group.objects.create(name="Unlisted"))
    policy = RateLimitPolicy(groups={"Editors": 30, "Writers": 40})
    assert (policy.tiers_for(editor)[0].name, policy.tiers_for(editor)[0].limit) == (
        "group:Writers",
        40,
    )


def test_unlimited_group_removes_the_per_user_tier(editor):
    policy = RateLimitPolicy(groups={"Editors": None})
    assert [t.name for t in policy.tiers_for(editor)] == ["global"]


def test_superuser_is_exempt_from_user_tiers_but_counts_against_global(superuser):
    assert [t.name for t in POLICY.tiers_for(superuser)] == ["global"]


def test_superuser_gets_staff_tier_when_not_exempt(superuser):
    policy = RateLimitPolicy(superuser_exempt=False)
    assert [t.name for t in policy.tiers_for(superuser)] == ["staff", "global"]


def test_none_limits_mean_no_tier(regular_user):
    assert [t.name for t in RateLimitPolicy(user=None).tiers_for(regular_user)] == ["global"]
    assert [t.name for t in RateLimitPolicy(global_limit=None).tiers_for(regular_user)] == ["user"]


def test_anonymous_user_shares_one_user_key():
    from django.contrib.auth.models import AnonymousUser

    assert POLICY.tiers_for(AnonymousUser())[0].key == "user:anonymous"


def test_tiers_for_reads_rate_limits_from_settings(settings, editor):
    settings.WAGTAIL_AI_BLOCKS = {
        "RATE_LIMITS": {"USER": 3, "GLOBAL": 7, "WINDOW": 60, "GROUPS": {"Editors": 5}}
    }
    assert [(t.name, t.limit, t.window) for t in tiers_for(editor)] == [
        ("group:Editors", 5, 60),
        ("global", 7, 60),
    ]


def test_window_must_be_positive():
    with pytest.raises(ValueError, match="WINDOW"):
        RateLimitPolicy(window=0)
