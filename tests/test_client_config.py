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
