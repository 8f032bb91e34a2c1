"""Editors see their own quota and this month's usage in their account."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_ai_blocks.limits import RateLimiter
from wagtail_ai_blocks.models import UsageRecord

pytestmark = pytest.mark.django_db


def test_an_editor_sees_calls_left_and_this_months_usage(editor_client, editor, make_user):
    limiter = RateLimiter.from_settings()
    for _ in range(3):
        limiter.check_and_charge(editor)
    UsageRecord.objects.create(
        user=editor,
        action="improve",
        outcome="ok",
        input_tokens=30,
        output_tokens=12,
        cost=Decimal("0.000120"),
    )
    UsageRecord.objects.create(user=editor, action="improve", outcome="ok", cache_hit=True)
    UsageRecord.objects.create(  # someone else's call is not counted
        user=make_user("other"), action="improve", outcome="ok", cost=Decimal("1")
    )

    page = editor_client.get(reverse("wagtailadmin_account")).content.decode()

    assert "You have <strong>7 of 10</strong> AI calls left" in page
    month = timezone.localdate().strftime("%B %Y")
    assert f"Your usage in {month}" in page
    assert "2 AI calls (1 from the cache), 42 tokens, costing $0.00012." in page
    assert '<th scope="col">Action</th>' in page
    assert "<td>Improve writing</td>" in page


def test_users_who_cannot_use_ai_do_not_get_the_panel(make_user, client):
    viewer = make_user("viewer", groups=["Viewers"])
    client.force_login(viewer)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "data-wab-account-usage" not in page


def test_saving_the_account_form_still_works(editor_client, editor):
    response = editor_client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Ed",
            "name_email-last_name": "Itor",
            "name_email-email": "ed@example.com",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.first_name == "Ed"
