"""The CSV and XLSX exports have the table's columns: same headings, same order."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "wagtail_ai_blocks_reports:usage"


def screen_headings(client, group: str) -> list[str]:
    page = client.get(reverse(URL), {"group": group}).content.decode()
    start = page.index('<table class="listing')
    table = page[start : page.index("</table>", start)]
    cells = re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)
    return [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", cell).split())) for cell in cells]


def exported(client, group: str, fmt: str) -> list[list]:
    response = client.get(reverse(URL), {"group": group, "export": fmt})
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode())))
    from openpyxl import load_workbook

    return [list(row) for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("group", ["day", "user", "action", "model", "call"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_has_the_columns_of_the_table_on_screen(admin_client, ledger, group, fmt):
    headings = screen_headings(admin_client, group)
    rows = exported(admin_client, group, fmt)

    assert len(headings) >= 8
    assert rows[0] == headings
    assert all(len(row) == len(headings) for row in rows[1:])


def test_the_exported_cells_are_the_shown_values_as_numbers(admin_client, ledger):
    rows = exported(admin_client, "model", "csv")
    table = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}

    gpt4o = table["gpt-4o"]
    assert (gpt4o["Calls"], gpt4o["Answered"], gpt4o["Cache hits"]) == ("2", "2", "1")
    assert gpt4o["Hit rate"] == "0.5"  # shown as 50%
    assert gpt4o["Cost"] == "0.004500"  # shown as $0.0045
    assert (gpt4o["Input tokens"], gpt4o["Output tokens"]) == ("1000", "200")
    page = admin_client.get(reverse(URL), {"group": "model"}).content.decode()
    assert "50%" in page
