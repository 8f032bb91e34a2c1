from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def monstera(db):
    """The demo's seeded Monstera post."""
    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    return BlogPage.objects.get(slug="caring-for-monstera-deliciosa")


@pytest.fixture
def writer(make_user, monstera):
    """An editor who may edit pages but not use AI."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page

    user = make_user("writer", groups=["Writers"])
    group = user.groups.get(name="Writers")
    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    return user
