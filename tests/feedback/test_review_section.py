"""The Checks side panel's "Review with AI" section in the page editor (server-rendered part)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.editor_pages import scripts, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def monstera(db):
    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    return BlogPage.objects.get(slug="caring-for-monstera-deliciosa")


def checks_panel(client, url):
    page = soup(client.get(url))
    panel = page.select_one('[data-side-panel="checks"]')
    assert panel is not None, "no Checks panel"
    return page, panel


def test_the_checks_panel_offers_the_review_after_wagtails_own_checks(admin_client, monstera):
    page, panel = checks_panel(admin_client, f"/admin/pages/{monstera.pk}/edit/")

    section = panel.select_one('section[data-controller="wab-review"]')
    assert section is not None
    # Wagtail's checks are all still there, ours come last.
    assert panel.select_one("[data-checks-panel]") is not None
    assert panel.select("h2")[-1].get_text(strip=True) == "Review with AI"
    assert section.select_one("[data-wab-review-target=button]").get_text(strip=True) == (
        "Review this page"
    )
    # The review code itself loads on first use; the page bundle has the controller.
    assert (
        section["data-wab-review-src-value"]
        .split("?")[0]
        .endswith("wagtail_ai_blocks/js/review.js")
    )
    assert "/static/wagtail_ai_blocks/js/review.js" not in scripts(page)
    assert "/static/wagtail_ai_blocks/js/page.js" in scripts(page)


def test_the_review_is_offered_on_the_create_view_too(admin_client, monstera):
    home = monstera.get_parent()

    _page, panel = checks_panel(admin_client, f"/admin/pages/add/blog/blogpage/{home.pk}/")

    assert panel.select_one('section[data-controller="wab-review"]') is not None


def test_users_who_may_not_use_ai_get_no_review(client, make_user, monstera):
    from django.contrib.auth.models import Permission

    user = make_user("reader", groups=("Writers",))
    for codename in ("add_page", "change_page"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    from wagtail.models import GroupPagePermission

    group = user.groups.get()
    GroupPagePermission.objects.create(
        group=group, page=monstera.get_parent(), permission_type="change"
    )
    client.force_login(user)

    _page, panel = checks_panel(client, f"/admin/pages/{monstera.pk}/edit/")

    assert panel.select_one('[data-controller="wab-review"]') is None
    assert panel.select_one("[data-checks-panel]") is not None
