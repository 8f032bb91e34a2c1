"""The admin dashboard panel: this month's cost against the budget, top users and actions."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_month(record, make_user, admin_user):
    today = timezone.now().date()
    ann, bob = make_user("ann"), make_user("bob")
    record(ann, today, hour=0, cost="0.250000")
    record(ann, today, hour=0, action="translate", cost="0.500000")
    record(bob, today, hour=0, cost="1.000000")
    record(bob, today, hour=0, cache_hit=True, cost_saved="1.000000")
    last_year = today.replace(year=today.year - 1)
    record(ann, last_year, cost="99.000000")  # not this month
    return {"ann": ann, "bob": bob}


def test_administrators_see_this_months_cost_against_the_budget(admin_client, this_month, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "BUDGETS": {"GLOBAL_MONTHLY": 5}}
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-wab-usage-panel" in page
    assert "<strong>$1.75</strong> spent of the monthly budget of $5.00 (35%)." in page
    assert "4 calls, 1 from the cache (saving $1.00)." in page
    assert 'aria-valuenow="35"' in page
    top = page[page.index("Top users") :]
    assert top.index("bob") < top.index("ann")  # most expensive first
    assert "Improve writing" in page and "Translate" in page


def test_without_a_budget_the_panel_says_so(admin_client, this_month):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<strong>$1.75</strong> spent. No monthly budget is set." in page
    assert 'role="meter"' not in page


def test_editors_do_not_see_the_panel(editor_client, this_month):
    page = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-wab-usage-panel" not in page
