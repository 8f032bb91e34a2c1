"""Reports → AI usage: permissions, filters, grouping, charts and exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "wagtail_ai_blocks_reports:usage"


def get(client, **params):
    return client.get(reverse(URL), params)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_editors_cannot_open_the_report(editor_client):
    response = get(editor_client)
    assert response.status_code == 302  # Wagtail's "permission denied" redirect
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(URL) not in home  # no Reports menu entry either


def test_a_group_with_the_view_permission_can_open_it(make_user, ledger):
    analysts = Group.objects.create(name="Analysts")
    analysts.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_usagerecord"),
    )
    user = make_user("analyst", groups=[])
    user.groups.add(analysts)
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert get(client).status_code == 200
    assert reverse(URL) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_report_shows_exact_totals_and_charts(admin_client, ledger):
    response = get(admin_client)
    assert response.status_code == 200
    page = response.content.decode()
    totals = response.context["totals"]
    assert (totals.calls, str(totals.cost), str(totals.cost_saved)) == (9, "0.004829", "0.004545")
    assert 'data-wab-figure="cost">$0.004829<' in page
    assert 'data-wab-figure="cost_saved">$0.004545<' in page
    assert 'data-wab-figure="hit_rate">29%<' in page
    assert page.count('<svg class="wab-chart__svg"') == 3
    assert "Calls per day" in page and "Cost per day" in page and "Cache hit rate" in page
    # One bar per day and series with its exact value as a tooltip.
    assert "<title>2026-03-02: Cost $0.004508</title>" in page


def test_the_table_groups_per_day_by_default_newest_first(admin_client, ledger):
    rows = get(admin_client).context["object_list"]
    assert [(row.label, row.calls, str(row.cost)) for row in rows] == [
        ("2026-03-02", 4, "0.004508"),
        ("2026-03-01", 5, "0.000321"),
    ]


@pytest.mark.parametrize(
    ("group", "labels"),
    [
        ("user", ["bob", "Ann Lee", "admin"]),
        ("action", ["Summarise", "Translate", "Improve writing"]),
        ("model", ["gpt-4o", "gpt-4o-mini"]),
    ],
)
def test_the_table_groups_per_user_action_or_model(admin_client, ledger, group, labels):
    response = get(admin_client, group=group)
    assert [row.label for row in response.context["object_list"]] == labels
    for label in labels:
        assert label in response.content.decode()


def test_each_call_lists_the_ledger_rows(admin_client, ledger):
    response = get(admin_client, group="call")
    rows = response.context["object_list"]
    assert len(rows) == 9
    assert rows[0].action == "translate"  # the newest row first
    page = response.content.decode()
    assert "Translate" in page
    assert "$0.000008" in page


def test_filters_narrow_everything(admin_client, ledger):
    bob = ledger["bob"]
    response = get(admin_client, user=bob.pk, created_at_from="2026-03-02")
    totals = response.context["totals"]
    assert (totals.calls, str(totals.cost)) == (3, "0.004500")
    response = get(admin_client, action="translate")
    assert response.context["totals"].calls == 3
    response = get(admin_client, outcome="limited", group="user")
    assert [row.label for row in response.context["object_list"]] == ["Ann Lee"]


def test_filter_choices_list_who_and_what_appears_in_the_ledger(admin_client, ledger):
    form = get(admin_client).context["filters"].form
    assert [str(user) for user in form.fields["user"].queryset] == ["admin", "ann", "bob"]
    assert [label for _value, label in form.fields["action"].choices if _value] == [
        "Improve writing",
        "Summarise",
        "Translate",
    ]


def test_the_results_view_refreshes_with_the_filters(admin_client, ledger):
    response = admin_client.get(
        reverse("wagtail_ai_blocks_reports:usage_results"), {"action": "summarize"}
    )
    assert response.status_code == 200
    assert response.context["totals"].calls == 2


def test_csv_export_per_user_has_exact_figures(admin_client, ledger):
    response = get(admin_client, group="user", export="csv")
    assert response["Content-Type"] == "text/csv"
    assert 'filename="ai-usage-user-' in response["Content-Disposition"]
    assert csv_rows(response) == [
        [
            "User",
            "Calls",
            "Answered",
            "Cache hits",
            "Hit rate",
            "Refused",
            "Errors",
            "Stopped",
            "Input tokens",
            "Output tokens",
            "Cost",
            "Saved by cache",
        ],
        ["bob", "4", "3", "1", "0.3333", "0", "1", "0", "1120", "280", "0.004566", "0.004500"],
        ["Ann Lee", "4", "3", "1", "0.3333", "1", "0", "0", "300", "350", "0.000255", "0.000045"],
        ["admin", "1", "1", "0", "0.0", "0", "0", "0", "10", "10", "0.000008", "0.000000"],
    ]


def test_csv_export_follows_the_filters_and_is_not_paginated(admin_client, record, editor):
    from tests.reports.conftest import DAY1

    for _ in range(60):
        record(editor, DAY1, cost="0.000010")
    record(editor, DAY1, hour=9, action="translate")
    rows = csv_rows(get(admin_client, group="call", export="csv"))
    assert len(rows) == 62
    assert rows[0][:4] == ["When", "User", "Action", "Model"]
    assert rows[1][1:3] == ["editor", "Improve writing"]
    assert rows[1][9] == "0.000010"
    filtered = csv_rows(get(admin_client, group="call", export="csv", action="translate"))
    assert [row[2] for row in filtered[1:]] == ["Translate"]


def test_xlsx_export_has_numbers(admin_client, ledger):
    from openpyxl import load_workbook

    response = get(admin_client, group="action", export="xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Action"
    assert rows[1][:2] == ("Summarise", 2)
    assert rows[0][10] == "Cost"
    assert rows[1][10] == pytest.approx(0.0045)


def test_the_export_buttons_are_offered(admin_client, ledger):
    page = get(admin_client, group="model").content.decode()
    assert "export=csv" in page and "export=xlsx" in page
    assert "group=model" in page


@pytest.mark.parametrize(
    "params",
    [
        {"created_at_to": "0001-01-01"},
        {"created_at_from": "0001-01-01"},
        {"created_at_to": "9999-12-31"},
        {"created_at_from": "9999-12-31", "created_at_to": "9999-12-31"},
        {"created_at_to": "0001-01-01", "group": "call", "export": "csv"},
    ],
)
@pytest.mark.parametrize("view", [URL, "wagtail_ai_blocks_reports:usage_results"])
def test_dates_outside_the_calendar_are_a_form_error(admin_client, ledger, params, view):
    response = admin_client.get(reverse(view), params)

    assert response.status_code == 200
    if params.get("export") == "csv":
        assert csv_rows(response)[0][0] == "When"
    elif view == URL:  # the results fragment has no filter form to show the error in
        page = response.content.decode()
        assert "Enter a date between 1900-01-01 and 9998-12-31." in page
