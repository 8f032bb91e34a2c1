"""``wagtail_ai_blocks.W010``: image actions need a backend that can see images."""

from __future__ import annotations

from wagtail_ai_blocks.checks import check_vision_backend

OPENAI = {"CLASS": "openai", "MODEL": "gpt-4o-mini", "API_KEY": "sk-x"}


def test_the_embedded_model_cannot_see_images_and_the_check_says_so(settings):
    settings.WAGTAIL_AI_BLOCKS = {"BACKENDS": {"default": {"CLASS": "local"}}}

    [warning] = check_vision_backend()

    assert warning.id == "wagtail_ai_blocks.W010"
    assert "cannot see images" in warning.msg
    assert "VISION_BACKEND" in warning.hint


def test_an_openai_vision_model_passes(settings):
    settings.WAGTAIL_AI_BLOCKS = {"BACKENDS": {"default": OPENAI}}
    assert check_vision_backend() == []


def test_a_vision_backend_beside_a_text_only_default_passes(settings):
    settings.WAGTAIL_AI_BLOCKS = {
        "BACKENDS": {"default": {"CLASS": "local"}, "eyes": OPENAI},
        "VISION_BACKEND": "eyes",
    }
    assert check_vision_backend() == []


def test_a_text_only_vision_backend_is_reported(settings):
    settings.WAGTAIL_AI_BLOCKS = {
        "BACKENDS": {"default": OPENAI, "eyes": {**OPENAI, "VISION": False}},
        "VISION_BACKEND": "eyes",
    }
    assert [w.id for w in check_vision_backend()] == ["wagtail_ai_blocks.W010"]
