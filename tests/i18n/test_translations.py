"""The shipped translations reach editors: Python, templates, the JavaScript catalog."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from wagtail_ai_blocks.exceptions import ProviderTimeout
from wagtail_ai_blocks.limits.decisions import human_duration


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("fr", 60, "1 minute"),
        ("fr", 300, "5 minutes"),
        ("de", 7200, "2 Stunden"),
        ("pl", 60, "1 minuta"),
        ("pl", 120, "2 minuty"),
        ("pl", 300, "5 minut"),
        ("pl", 22 * 60, "22 minuty"),
        ("uk", 21 * 60, "21 хвилина"),
        ("uk", 25 * 60, "25 хвилин"),
        ("ar", 120, "دقيقتين"),
        ("ar", 5 * 60, "5 دقائق"),
        ("ar", 11 * 60, "11 دقيقة"),
        ("ja", 300, "5 分"),
    ],
)
def test_durations_use_the_plural_rules_of_each_language(language, seconds, expected):
    with translation.override(language):
        assert human_duration(seconds) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Le service d\u2019IA a mis trop de temps à répondre. Réessayez."),
        (
            "de",
            "Der KI-Dienst hat zu lange für die Antwort gebraucht. Versuchen Sie es noch einmal.",
        ),
        ("zh-hans", "AI 服务响应时间过长。请重试。"),
        ("pt-br", "O serviço de IA demorou demais para responder. Tente novamente."),
    ],
)
def test_error_messages_follow_the_active_language(language, expected):
    with translation.override(language):
        assert ProviderTimeout().message == expected


@pytest.fixture
def french_admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("marie", "marie@example.com", "changeme")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_javascript_catalog_serves_the_editors_language(french_admin):
    response = french_admin.get(reverse("wagtail_ai_blocks_jsi18n"))

    assert response.status_code == 200
    body = response.content.decode()
    assert '"Insert below": "Ins\\u00e9rer en dessous"' in body
    assert "Demande de suggestions \\u00e0 l\\u2019IA\\u2026" in body


@pytest.mark.django_db
def test_usage_report_renders_in_the_editors_language(french_admin):
    response = french_admin.get(reverse("wagtail_ai_blocks_reports:usage"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Utilisation de l\u2019IA" in html
    assert "Regrouper le tableau" in html
