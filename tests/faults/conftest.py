"""Fixtures for the fault tests: the API helpers from ``tests/api`` and a backend setter."""

from __future__ import annotations

import pytest

from tests.api.conftest import api_url, post_json  # noqa: F401  (fixtures, re-exported)


@pytest.fixture
def backend_options(settings, fake_openai):
    """Change options of the default backend (pointing at the fake server)."""

    def set_options(**options):
        backends = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]
        settings.WAGTAIL_AI_BLOCKS = {
            **settings.WAGTAIL_AI_BLOCKS,
            "BACKENDS": {"default": {**backends["default"], **options}},
        }

    return set_options
