"""Installation and deployment checks (wagtail_ai_blocks.install_checks), by stable id."""

from __future__ import annotations

import pytest

from tests.redis_server import free_port
from wagtail_ai_blocks.checks import check_settings
from wagtail_ai_blocks.install_checks import check_prices


@pytest.fixture
def budgets_on(settings):
    def configure(backends, **values):
        settings.WAGTAIL_AI_BLOCKS = {
            "BACKENDS": backends,
            "BUDGETS": {"GLOBAL_MONTHLY": 50},
            **values,
        }

    return configure


def test_a_billed_model_without_a_price_is_w004_when_budgets_are_on(budgets_on):
    budgets_on({"default": {"CLASS": "openai", "MODEL": "my-llama", "API_KEY": "x"}})

    [warning] = check_prices()

    assert warning.id == "wagtail_ai_blocks.W004"
    assert "'my-llama'" in warning.msg
    assert "PRICES']['my-llama']" in warning.hint


def test_a_price_for_the_model_silences_w004(budgets_on):
    budgets_on(
        {"default": {"CLASS": "openai", "MODEL": "my-llama", "API_KEY": "x"}},
        PRICES={"my-llama": (0.1, 0.2)},
    )
    assert check_prices() == []


def test_dated_snapshots_and_the_default_model_have_prices(budgets_on):
    budgets_on(
        {
            "default": {"CLASS": "openai", "API_KEY": "x"},
            "dated": {"CLASS": "openai", "MODEL": "gpt-4o-mini-2024-07-18", "API_KEY": "x"},
        }
    )
    assert check_prices() == []


def test_free_backends_and_budgets_off_need_no_price(budgets_on, settings):
    budgets_on({"default": {"CLASS": "local", "MODEL": "tiny"}})
    assert check_prices() == []

    settings.WAGTAIL_AI_BLOCKS = {
        "BACKENDS": {"default": {"CLASS": "openai", "MODEL": "my-llama", "API_KEY": "x"}}
    }
    assert check_prices() == []


def test_a_server_of_your_own_needs_no_key_so_no_w001(settings, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings.WAGTAIL_AI_BLOCKS = {
        "BACKENDS": {
            "default": {"CLASS": "openai", "BASE_URL": f"http://127.0.0.1:{free_port()}/v1"}
        }
    }
    assert check_settings() == []
