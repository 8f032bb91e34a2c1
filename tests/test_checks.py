"""Each system check, by its stable id."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks.checks import check_limiter_cache, check_settings

OPENAI = {"CLASS": "openai", "MODEL": "gpt-4o-mini", "API_KEY": "sk-x"}


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.fixture
def configure(settings):
    def configure(**values):
        settings.WAGTAIL_AI_BLOCKS = {"BACKENDS": {"default": OPENAI}, **values}

    return configure


def test_valid_settings_pass(configure):
    configure(CACHE_TTL=60, RATE_LIMITS={"USER": 5, "GLOBAL": None})
    assert check_settings() == []


def test_unknown_key_is_e001_with_a_hint(configure):
    configure(CACHE_TTLL=60)
    [error] = check_settings()
    assert error.id == "wagtail_ai_blocks.E001"
    assert "CACHE_TTLL" in error.msg
    assert "CACHE_TTL" in error.hint


def test_unknown_nested_key_is_e001(configure):
    configure(RATE_LIMITS={"USERS": 5})
    assert ids(check_settings()) == ["wagtail_ai_blocks.E001"]


@pytest.mark.parametrize(
    "values",
    [
        {"CACHE_TTL": "1 day"},
        {"FAIL_OPEN": "no"},
        {"RATE_LIMITS": {"USER": "ten"}},
        {"BUDGETS": {"USER_DAILY": "5 dollars"}},
        {"PRICES": {"my-model": 3}},
        {"BACKENDS": ["default"]},
    ],
)
def test_wrong_type_is_e002(configure, values):
    configure(**values)
    assert "wagtail_ai_blocks.E002" in ids(check_settings())


def test_backend_problems_are_e003(configure):
    configure(
        BACKENDS={"cheap": {"CLASS": "nope", "API_KEY": "x"}},
        ACTION_BACKENDS={"title": "missing"},
    )
    messages = [m for m in check_settings() if m.id == "wagtail_ai_blocks.E003"]
    assert len(messages) == 3  # no default, unknown class, unknown backend for an action


def test_unknown_cache_scope_is_e004(configure):
    configure(CACHE_SCOPE="planet")
    assert ids(check_settings()) == ["wagtail_ai_blocks.E004"]


def test_openai_backend_without_a_key_is_w001(configure, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    configure(BACKENDS={"default": {"CLASS": "openai"}})
    [warning] = check_settings()
    assert warning.id == "wagtail_ai_blocks.W001"
    assert "OPENAI_API_KEY" in warning.hint


def test_key_from_the_environment_satisfies_w001(configure, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    configure(BACKENDS={"default": {"CLASS": "openai"}})
    assert check_settings() == []


def test_local_backend_needs_no_key(configure):
    configure(BACKENDS={"default": {"CLASS": "local"}})
    assert check_settings() == []


def test_local_memory_limiter_cache_is_w002(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [warning] = check_limiter_cache()
    assert warning.id == "wagtail_ai_blocks.W002"
    assert "django_redis" in warning.hint


def test_redis_limiter_cache_passes(redis_cache):
    assert check_limiter_cache() == []
