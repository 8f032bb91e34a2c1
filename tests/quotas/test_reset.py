"""Administrators reset a user's AI counters from the user listing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from wagtail_ai_blocks.limits import RateLimiter

pytestmark = pytest.mark.django_db


def use_up(user, times: int) -> None:
    limiter = RateLimiter.from_settings()
    for _ in range(times):
        limiter.check_and_charge(user)


def test_the_user_listing_offers_the_reset(admin_client, editor):
    page = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("wagtail_ai_blocks_quotas:reset", args=[editor.pk]) in page
    assert "Reset AI quota" in page


def test_the_confirmation_shows_what_is_left(admin_client, editor):
    use_up(editor, 4)
    response = admin_client.get(reverse("wagtail_ai_blocks_quotas:reset", args=[editor.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-wab-remaining="user">6 of 10<' in page


def test_resetting_gives_the_user_their_calls_back(admin_client, editor, editor_client):
    use_up(editor, 10)
    quota = reverse("wagtail_ai_blocks_api:quota")
    assert editor_client.get(quota).json()["quota"]["remaining"] == 0

    response = admin_client.post(
        reverse("wagtail_ai_blocks_quotas:reset", args=[editor.pk]), {"next": "/admin/users/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    assert editor_client.get(quota).json()["quota"]["remaining"] == 10
    messages = [str(m).strip() for m in response.wsgi_request._messages]
    assert messages == ["editor can use AI assistance again: their counters are reset."]


def test_resetting_works_on_redis_too(admin_client, editor, redis_cache):
    use_up(editor, 10)
    admin_client.post(reverse("wagtail_ai_blocks_quotas:reset", args=[editor.pk]))
    assert RateLimiter.from_settings().peek(editor).tiers[0].remaining == 10


def test_an_unsafe_next_url_is_ignored(admin_client, editor):
    response = admin_client.post(
        reverse("wagtail_ai_blocks_quotas:reset", args=[editor.pk]),
        {"next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("wagtailusers_users:index")


def test_editors_cannot_reset_anyone(editor_client, editor):
    url = reverse("wagtail_ai_blocks_quotas:reset", args=[editor.pk])
    assert editor_client.post(url).status_code in (302, 403)
    page = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps(url) not in page
