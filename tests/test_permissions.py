from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail_ai_blocks.permissions import can_use_ai


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_default_groups_are_granted_the_ai_permission_by_migration(group):
    permissions = Group.objects.get(name=group).permissions.values_list(
        "content_type__app_label", "codename"
    )
    assert ("wagtail_ai_blocks", "use_ai") in permissions


@pytest.mark.django_db
def test_who_can_use_ai(make_user, admin_user):
    assert can_use_ai(admin_user)
    assert can_use_ai(make_user("ed", groups=["Editors"]))
    assert not can_use_ai(make_user("viewer", groups=["Viewers"]))
    inactive = make_user("gone", groups=["Editors"])
    inactive.is_active = False
    assert not can_use_ai(inactive)


@pytest.mark.django_db
def test_the_permission_is_offered_in_wagtails_group_editor(admin_client):
    group = Group.objects.get(name="Editors")
    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    assert "Can use AI assistance" in response.content.decode()
