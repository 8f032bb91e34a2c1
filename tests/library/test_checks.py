"""The system check for Wagtail's settings app, which the AI settings need."""

from __future__ import annotations

import pytest
from django.apps import apps

from wagtail_ai_blocks.checks import check_settings_app


@pytest.fixture
def without_settings_app(monkeypatch):
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "wagtail.contrib.settings" and installed(name)
    )


def test_no_error_when_wagtails_settings_app_is_installed():
    assert check_settings_app() == []


def test_an_error_says_to_install_wagtails_settings_app(without_settings_app):
    (error,) = check_settings_app()
    assert error.id == "wagtail_ai_blocks.E005"
    assert error.hint == 'Add "wagtail.contrib.settings" to INSTALLED_APPS.'
