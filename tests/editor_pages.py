"""Helpers for tests that render Wagtail edit views and read what reaches the browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Tag

CONTROLLER = "wab-ai-field"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def ai_fields(page: BeautifulSoup) -> dict[str, Tag]:
    """Every element the ``wab-ai-field`` controller attaches to, by field name."""
    return {
        element[f"data-{CONTROLLER}-field-value"]: element
        for element in page.select(f'[data-controller~="{CONTROLLER}"]')
    }


def values(element: Tag) -> dict[str, Any]:
    """The controller's values on ``element``: ``{"action": "seo_title", "maxLength": 60…}``.

    JSON values (arrays, objects) are decoded; numbers stay strings, as in the HTML.
    """
    prefix = f"data-{CONTROLLER}-"
    result = {}
    for name, value in element.attrs.items():
        if name.startswith(prefix) and name.endswith("-value"):
            key = name[len(prefix) : -len("-value")]
            camel = key.split("-")[0] + "".join(part.title() for part in key.split("-")[1:])
            result[camel] = json.loads(value) if value[:1] in "[{" else value
    return result


def scripts(page: BeautifulSoup) -> list[str]:
    return [script["src"].split("?")[0] for script in page.select("script[src]")]


def stylesheets(page: BeautifulSoup) -> list[str]:
    return [link["href"].split("?")[0] for link in page.select("link[rel=stylesheet]")]


def telepath_nodes(data: Any) -> Iterator[dict]:
    """Every packed telepath object (``{"_type": …, "_args": […]}``) in ``data``."""
    if isinstance(data, dict):
        if "_type" in data:
            yield data
        for value in data.values():
            yield from telepath_nodes(value)
    elif isinstance(data, list):
        for value in data:
            yield from telepath_nodes(value)


def stream_block_definitions(page: BeautifulSoup, field_name: str) -> list[dict]:
    """The packed block definitions of a StreamField on an edit page."""
    widget = page.select_one(f'[data-contentpath="{field_name}"] [data-controller="w-block"]')
    assert widget is not None, f"no StreamField {field_name!r} on the page"
    return list(telepath_nodes(json.loads(widget["data-w-block-data-value"])))
