"""What the package adds to the demo's blog page editor (every feature on), measured in
Chromium as ``make benchmarks`` does (``benchmarks/frontend.py``): each bundle fetched
once, never more than ``BUDGET_GZIP_BYTES`` (15 kB gzip, JS and CSS) at load, and the
rich text toolbar's menu, preview and diff fetched on its first use only."""

from __future__ import annotations

import re

from benchmarks.frontend import BUDGET_GZIP_BYTES, open_toolbar_weight, served_weight
from tests.browser.conftest import login

AT_LOAD = {
    "css/draftail.css",
    "css/page.css",
    "css/panel.css",
    "js/blocks.js",
    "js/draftail.js",
    "js/once.js",
    "js/page.js",
    "js/panel.js",
}
ON_FIRST_USE = {"js/lazy/assist.js", "css/assist.css"}


def test_the_blog_page_editor_gets_each_bundle_once_and_no_more_than_the_budget(page, monstera):
    login(page)

    sizes = served_weight(page, f"/admin/pages/{monstera.pk}/edit/")

    assert set(sizes) == AT_LOAD, sorted(sizes)  # a second fetch would be "… (again)"
    total = sum(gz for _, gz in sizes.values())
    assert total <= BUDGET_GZIP_BYTES, {name: gz for name, (_, gz) in sizes.items()}
    tags = re.findall(r"""(?:src|href)="[^"]*/wagtail_ai_blocks/([^"?]+)""", page.content())
    assert sorted(tags) == sorted(set(tags)), tags
    assert page.console_log.errors == []


def test_the_toolbar_fetches_its_menu_and_preview_on_first_use_only(page, monstera):
    login(page)
    served_weight(page, f"/admin/pages/{monstera.pk}/edit/")

    first_use = open_toolbar_weight(page)

    assert set(first_use) == ON_FIRST_USE
    menu = page.get_by_role("menu", name="AI actions")
    assert menu.get_by_role("menuitem", name="Make shorter").is_visible()
    page.keyboard.press("Escape")
    assert open_toolbar_weight(page) == {}  # the second time, nothing more
    assert page.console_log.errors == []
