"""Settings → AI prompts: the listing says yes or no, in the editor's language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

URL = "wagtail_ai_blocks_prompts:index"


def _status_tags(html: str) -> list[str]:
    return [
        " ".join(tag.split())
        for tag in re.findall(r'<span class="w-status[^"]*">(.*?)</span>', html, re.S)
    ]


def test_the_listing_shows_enabled_as_yes_or_no_status_tags(admin_client, make_prompt):
    make_prompt(label="Tweet")
    make_prompt(label="Old tweet", enabled=False)

    html = admin_client.get(reverse(URL)).content.decode()

    assert sorted(_status_tags(html)) == ["No", "Yes"]
    assert 'class="w-status w-status--primary">Yes' in " ".join(html.split()).replace("> ", ">")
    assert ">True<" not in html and ">False<" not in html


def test_the_enabled_filter_says_yes_not_true(admin_client, make_prompt):
    make_prompt(label="Tweet")
    make_prompt(label="Old tweet", enabled=False)

    response = admin_client.get(reverse(URL), {"enabled": "true"})
    html = " ".join(response.content.decode().split())

    assert [p.label for p in response.context["object_list"]] == ["Tweet"]
    assert re.search(r"Enabled: </span> <b[^>]*>Yes</b>", html)
    assert '<b class="w-ml-1">True</b>' not in html
    off = admin_client.get(reverse(URL), {"enabled": "false"}).context["object_list"]
    assert [p.label for p in off] == ["Old tweet"]


def test_yes_and_no_are_translated(admin_client, make_prompt):
    make_prompt(label="Tweet")
    with translation.override("fr"):
        html = admin_client.get(reverse(URL), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Oui" in _status_tags(html)
