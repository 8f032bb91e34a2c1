"""What the package tells people who should not know: configuration details and the
provider, model and prompt labels stay with those who may use AI or fix it."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GENERIC = "AI is not configured; ask an administrator."


@pytest.fixture
def unconfigured(settings, monkeypatch):
    """An OpenAI backend with neither a key nor a server of its own."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings.WAGTAIL_AI_BLOCKS = {
        "BACKENDS": {"default": {"CLASS": "openai", "MODEL": "secret-model-7"}},
    }


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_editors_are_not_told_how_the_backend_is_configured(
    editor_client, unconfigured, post_json, endpoint, caplog
):
    response = post_json(editor_client, endpoint, {"action": "shorten", "text": "Some text."})

    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    assert GENERIC in body
    for detail in ("OPENAI_API_KEY", "API_KEY", "BASE_URL", "'default'", "secret-model-7"):
        assert detail not in body
    # The administrator finds the details in the log.
    assert "OPENAI_API_KEY" in caplog.text


def test_the_dashboard_tells_superusers_what_to_fix_and_editors_whom_to_ask(
    admin_client, editor_client, unconfigured
):
    admin_page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    editor_page = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "OPENAI_API_KEY" in admin_page
    assert GENERIC in editor_page
    assert "OPENAI_API_KEY" not in editor_page


def test_the_dashboard_names_no_provider_to_users_who_may_not_use_ai(client, make_user):
    client.force_login(make_user("viewer", groups=["Viewers"]))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-wab-provider" not in page
    assert "fake-model" not in page


def config_on(client) -> str:
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    return page if 'id="wagtail-ai-blocks-config"' in page else ""


def test_the_browser_config_is_for_users_who_may_use_ai(client, editor_client, make_user):
    from tests.library.conftest import make_prompt  # noqa: F401  (the fixture's model)
    from wagtail_ai_blocks.library.models import AIPrompt

    AIPrompt.objects.create(label="Secret launch copy", instruction="Rewrite {selected_text}.")
    config = config_on(editor_client)
    assert "Secret launch copy" in config and "fake-model" in config

    client.force_login(make_user("viewer", groups=["Viewers"]))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "wagtail-ai-blocks-config" not in page
    assert "Secret launch copy" not in page
