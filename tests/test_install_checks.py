"""Installation and deployment checks (wagtail_ai_blocks.install_checks), by stable id."""

from __future__ import annotations

import pytest

from tests.redis_server import free_port
from wagtail_ai_blocks import install_checks
from wagtail_ai_blocks.checks import check_settings
from wagtail_ai_blocks.install_checks import (
    check_cache_aliases,
    check_frontend_assets,
    check_prices,
    check_separate_cache,
)

REDIS = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_built_assets_pass():
    # make test builds the frontend before running pytest.
    assert check_frontend_assets() == []


def test_missing_assets_are_e006_naming_the_files(monkeypatch, tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "draftail.js").write_text("")
    monkeypatch.setattr(install_checks, "STATIC_DIR", tmp_path)

    [error] = check_frontend_assets()

    assert error.id == "wagtail_ai_blocks.E006"
    assert "js/panel.js" in error.msg
    assert "js/draftail.js" not in error.msg
    assert "npm run build" in error.hint


def test_unknown_cache_alias_is_e007(settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "CACHE_ALIAS": "ai"}

    [error] = check_cache_aliases()

    assert error.id == "wagtail_ai_blocks.E007"
    assert "'ai'" in error.msg and "'default'" in error.hint


def test_redis_as_the_sites_default_cache_is_w003(settings):
    settings.CACHES = {"default": REDIS}

    [warning] = check_separate_cache()

    assert warning.id == "wagtail_ai_blocks.W003"
    assert "CACHE_ALIAS" in warning.hint


def test_a_cache_alias_of_its_own_passes(settings):
    settings.CACHES = {"default": LOCMEM, "ai": REDIS}
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "CACHE_ALIAS": "ai",
        "LIMITER_CACHE_ALIAS": "ai",
    }

    assert check_separate_cache() == []
    assert check_cache_aliases() == []


def test_limiter_alone_on_the_default_redis_is_still_w003(settings):
    settings.CACHES = {"default": REDIS, "ai": REDIS}
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "CACHE_ALIAS": "ai"}

    assert ids(check_separate_cache()) == ["wagtail_ai_blocks.W003"]


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


def test_the_admin_renders_our_config_when_the_package_is_above_wagtail_admin():
    from wagtail_ai_blocks.install_checks import check_admin_template

    assert check_admin_template() == []


def test_wagtails_admin_base_found_before_ours_is_w020(settings):
    from pathlib import Path

    import wagtail.admin

    from wagtail_ai_blocks.install_checks import check_admin_template

    wagtail_templates = str(Path(wagtail.admin.__file__).parent / "templates")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [wagtail_templates]}]

    [warning] = check_admin_template()

    assert warning.id == "wagtail_ai_blocks.W020"
    assert 'above "wagtail.admin"' in warning.hint
