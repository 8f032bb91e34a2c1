"""Per-group limits edited in the admin, merged with ``RATE_LIMITS["GROUPS"]``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail_ai_blocks.limits import RateLimitPolicy, tiers_for
from wagtail_ai_blocks.quotas.models import AILimitSettings, GroupAILimit, admin_group_limits

pytestmark = pytest.mark.django_db


def set_limit(group_name: str, calls: int | None) -> None:
    group, _ = Group.objects.get_or_create(name=group_name)
    GroupAILimit.objects.update_or_create(
        setting=AILimitSettings.load(), group=group, defaults={"calls": calls}
    )


def test_an_admin_group_limit_applies_to_its_members(editor):
    set_limit("Editors", 25)
    assert [(t.name, t.limit) for t in tiers_for(editor)] == [
        ("group:Editors", 25),
        ("global", 100),
    ]


def test_admin_limits_win_over_django_settings_for_the_same_group(editor, settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"GROUPS": {"Editors": 40, "Moderators": 60}},
    }
    set_limit("Editors", 15)
    policy = RateLimitPolicy.from_settings()
    assert dict(policy.groups) == {"Editors": 15, "Moderators": 60}


def test_an_empty_limit_means_no_per_user_limit(editor):
    set_limit("Editors", None)
    assert admin_group_limits() == {"Editors": None}
    assert [t.name for t in tiers_for(editor)] == ["global"]


def test_a_new_limit_takes_effect_on_the_next_call(editor_client, editor):
    url = reverse("wagtail_ai_blocks_api:quota")
    assert editor_client.get(url).json()["quota"]["limit"] == 10
    set_limit("Editors", 30)
    assert editor_client.get(url).json()["quota"]["limit"] == 30


def test_administrators_edit_group_limits_in_settings(admin_client, editor):
    editors = Group.objects.get(name="Editors")
    setting = AILimitSettings.load()
    url = reverse("wagtailsettings:edit", args=["wagtail_ai_blocks", "ailimitsettings", setting.pk])
    page = admin_client.get(url).content.decode()
    assert "editors: 10 calls" in page  # what Django settings give, for reference
    response = admin_client.post(
        url,
        {
            "group_limits-TOTAL_FORMS": "1",
            "group_limits-INITIAL_FORMS": "0",
            "group_limits-MIN_NUM_FORMS": "0",
            "group_limits-MAX_NUM_FORMS": "1000",
            "group_limits-0-group": str(editors.pk),
            "group_limits-0-calls": "12",
            "group_limits-0-id": "",
            "group_limits-0-ORDER": "0",
            "group_limits-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert admin_group_limits() == {"Editors": 12}
    assert tiers_for(editor)[0].limit == 12
