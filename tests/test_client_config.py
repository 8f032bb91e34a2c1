"""What the browser is told about the backend that answers."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks.client_config import client_config

pytestmark = pytest.mark.django_db


def test_a_provider_is_not_called_offline(fake_openai):
    provider = client_config()["provider"]
    assert provider["model"] == "fake-model"
    assert provider["offline"] is False


def test_the_small_model_profile_is_flagged_offline_with_how_to_connect_a_provider(
    fake_openai, settings
):
    backend = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]["default"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {**backend, "CLASS": "tests.small_backend.SmallProfileOpenAIBackend"}
        },
    }
    provider = client_config()["provider"]
    assert provider["offline"] is True
    assert "OPENAI_API_KEY" in str(provider["offline_help"])


def _config_on(client, url: str) -> dict:
    import json
    import re

    response = client.get(url)
    assert response.status_code == 200
    found = re.search(
        r'<script id="wagtail-ai-blocks-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, "no AI config on the page"
    return json.loads(found.group(1))


def test_the_page_editor_config_says_which_page_is_edited(fake_openai, admin_client):
    """One source of page context for the toolbar and the panels: the server's."""
    import io

    from django.core.management import call_command

    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")

    page = _config_on(admin_client, f"/admin/pages/{post.pk}/edit/")["page"]
    assert page == {
        "type": "Blog page",
        "titleField": "title",
        "title": "Caring for Monstera deliciosa",
        "locale": "en",
    }
    # The explorer lists pages (Django's paginator calls its pages "page"): no page.
    assert "page" not in _config_on(admin_client, f"/admin/pages/{post.get_parent().pk}/")
