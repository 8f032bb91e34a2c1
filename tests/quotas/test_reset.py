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


# -- who may reset whose quota ------------------------------------------------------


def reset_url(user) -> str:
    return reverse("wagtail_ai_blocks_quotas:reset", args=[user.pk])


def remaining(user) -> int:
    return RateLimiter.from_settings().peek(user).tiers[0].remaining


@pytest.fixture
def user_manager(make_user, client):
    """Edits users (Wagtail's user admin) and uses AI, but has no "reset AI quotas"."""
    from tests.conftest import _group_with_permissions

    manager = make_user("manager")
    manager.groups.add(_group_with_permissions("User managers", "auth.change_user"))
    client.force_login(manager)
    return manager


@pytest.fixture
def quota_resetter(user_manager):
    from tests.conftest import _group_with_permissions

    user_manager.groups.add(
        _group_with_permissions("Quota resetters", "wagtail_ai_blocks.reset_ai_quota")
    )
    return user_manager


def test_editing_users_is_not_enough_to_reset_a_quota(client, user_manager, editor):
    use_up(editor, 10)
    assert client.get(reset_url(editor)).status_code in (302, 403)
    client.post(reset_url(editor))
    assert remaining(editor) == 0


def test_the_reset_permission_resets_another_editors_quota(client, quota_resetter, editor):
    use_up(editor, 10)
    assert client.get(reset_url(editor)).status_code == 200
    client.post(reset_url(editor))
    assert remaining(editor) == 10


def test_nobody_but_a_superuser_resets_their_own_quota(client, quota_resetter):
    use_up(quota_resetter, 10)
    assert client.get(reset_url(quota_resetter)).status_code in (302, 403)
    client.post(reset_url(quota_resetter))
    assert remaining(quota_resetter) == 0
    page = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reset_url(quota_resetter) not in page


@pytest.fixture
def superusers_counted(settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"SUPERUSER_EXEMPT": False},
    }


def test_only_a_superuser_resets_a_superusers_quota(
    client, quota_resetter, admin_user, superusers_counted
):
    use_up(admin_user, 10)
    left = remaining(admin_user)
    client.post(reset_url(admin_user))
    assert remaining(admin_user) == left
    page = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reset_url(admin_user) not in page


def test_a_superuser_may_reset_their_own_quota(admin_client, admin_user, superusers_counted):
    use_up(admin_user, 10)
    left = remaining(admin_user)
    admin_client.post(reset_url(admin_user))
    assert remaining(admin_user) > left


def test_the_reset_permission_is_offered_in_wagtails_group_editor(admin_client):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Editors")
    page = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content
    assert "Can reset AI quotas" in page.decode()


@pytest.mark.parametrize("user_id", ["abc", "1.5", "-1", "99999999999999999999999"])
def test_a_user_id_that_is_not_a_user_is_a_404(admin_client, user_id):
    response = admin_client.get(f"/admin/ai-blocks/quota/{user_id}/reset/")
    assert response.status_code == 404
