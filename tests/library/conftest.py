"""Fixtures for the prompt library: a default site and a prompt factory."""

from __future__ import annotations

import pytest


@pytest.fixture
def default_site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def other_site(db, default_site):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Other", slug="other"))
    return Site.objects.create(hostname="other.example.com", root_page=home)


@pytest.fixture
def make_prompt(db):
    """Create an enabled rich-text prompt: ``make_prompt(label=…, instruction=…, …)``."""
    from wagtail_ai_blocks.library.models import AIPrompt

    def make(**fields):
        fields.setdefault("label", "Make it a tweet")
        fields.setdefault("instruction", "Rewrite {selected_text} as a tweet.")
        page_types = fields.pop("page_types", ())
        prompt = AIPrompt(**fields)
        prompt.full_clean()
        prompt.save()
        if page_types:
            prompt.page_types.set(page_types)
        return prompt

    return make
