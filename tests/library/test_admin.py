"""The prompt library and the AI settings in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail_ai_blocks.library.models import AIPrompt, AIPromptVersion, AISiteSettings

pytestmark = pytest.mark.django_db

FORM = {
    "label": "Make it a tweet",
    "description": "",
    "instruction": "Rewrite {selected_text} as a tweet about {page_title}.",
    "placement": "rich_text",
    "output": "replace",
    "site": "",
    "field_names": "",
    "overrides": "",
    "backend": "",
    "enabled": "on",
}


def test_the_library_is_in_the_settings_menu(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("wagtail_ai_blocks_prompts:index") in response.content.decode()


def test_an_administrator_creates_a_prompt_and_its_first_version(admin_client, admin_user):
    response = admin_client.post(reverse("wagtail_ai_blocks_prompts:add"), FORM)
    assert response.status_code == 302, response.context["form"].errors
    prompt = AIPrompt.objects.get()
    assert (prompt.label, prompt.version, prompt.enabled) == ("Make it a tweet", 1, True)
    assert AIPromptVersion.objects.get().created_by == admin_user


def test_an_unknown_placeholder_is_explained_on_the_form(admin_client):
    response = admin_client.post(
        reverse("wagtail_ai_blocks_prompts:add"),
        {**FORM, "instruction": "Rewrite {selection}."},
    )
    assert response.status_code == 200
    assert AIPrompt.objects.count() == 0
    assert response.context["form"].errors["instruction"] == [
        "Unknown placeholder {selection}. Use {selected_text}, {page_title}, "
        "{field:<name>}, {language}."
    ]
    assert "Unknown placeholder {selection}." in response.content.decode()


def test_editing_the_instruction_shows_the_version_history(admin_client, make_prompt):
    prompt = make_prompt()
    url = reverse("wagtail_ai_blocks_prompts:edit", args=[prompt.pk])
    response = admin_client.post(url, {**FORM, "instruction": "Tweet {selected_text}!"})
    assert response.status_code == 302
    page = admin_client.get(url).content.decode()
    assert "Version 2" in page and "Version 1" in page
    assert "Rewrite {selected_text} as a tweet." in page  # the old text stays readable


def test_field_names_must_be_names(admin_client):
    response = admin_client.post(
        reverse("wagtail_ai_blocks_prompts:add"), {**FORM, "field_names": "body, two words"}
    )
    assert response.context["form"].errors["field_names"] == [
        "“two words” is not a field name. Separate names with commas."
    ]


def test_one_enabled_override_per_builtin_and_site(admin_client, make_prompt):
    make_prompt(overrides="improve", label="House improve")
    response = admin_client.post(
        reverse("wagtail_ai_blocks_prompts:add"), {**FORM, "overrides": "improve"}
    )
    assert response.context["form"].errors["overrides"] == [
        "“House improve” already replaces this action on this site."
    ]


def test_backend_choices_come_from_settings(admin_client, settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {"default": {"CLASS": "openai"}, "cheap": {"CLASS": "openai"}},
    }
    response = admin_client.get(reverse("wagtail_ai_blocks_prompts:add"))
    choices = response.context["form"].fields["backend"].choices
    assert [value for value, _label in choices] == ["", "cheap"]


def test_editors_cannot_manage_prompts(editor_client):
    response = editor_client.get(reverse("wagtail_ai_blocks_prompts:index"))
    assert response.status_code == 302  # Wagtail sends users without permission home


def test_site_settings_hide_builtins_and_set_the_brand_voice(admin_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["wagtail_ai_blocks", "aisitesettings", site.pk])
    response = admin_client.post(
        url, {"brand_voice": "Warm and plain.", "hidden_actions": ["expand", "simplify"]}
    )
    assert response.status_code == 302
    settings_row = AISiteSettings.objects.get(site=site)
    assert settings_row.hidden_actions == ["expand", "simplify"]
    assert settings_row.brand_voice == "Warm and plain."


def test_the_brand_voice_cannot_hold_placeholders(admin_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["wagtail_ai_blocks", "aisitesettings", site.pk])
    response = admin_client.post(url, {"brand_voice": "Use a {tone} tone."})
    assert response.status_code == 200
    assert "cannot contain placeholders such as {tone}" in response.content.decode()


def test_the_group_editor_offers_the_ai_and_report_permissions(admin_client):
    group = Group.objects.get(name="Editors")
    page = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    assert "Can use AI assistance" in page
    assert "AI usage record" in page  # its "view" box opens Reports → AI usage
    assert "AI prompt" in page  # add / change / delete library prompts
