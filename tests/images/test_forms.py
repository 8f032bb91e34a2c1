"""Generate/Improve on Wagtail's image edit and multiple-upload forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_multi_form


def ai_fields(html: str) -> dict[str, dict[str, str]]:
    """The ``wab-ai-field`` elements of a page: field name → their data attributes."""
    found = {}
    for match in re.finditer(r'<div class="wab-ai-field" ([^>]*)>', html):
        attrs = dict(re.findall(r'(data-[\w-]+)="([^"]*)"', match.group(1)))
        found[attrs["data-wab-ai-field-field-value"]] = attrs
    return found


def test_the_edit_form_offers_ai_for_title_and_description(
    image_editor_client, vision_openai, plant_image
):
    image = plant_image()

    html = image_editor_client.get(reverse("wagtailimages:edit", args=[image.pk])).content.decode()

    fields = ai_fields(html)
    assert fields["title"]["data-wab-ai-field-action-value"] == "image_title"
    assert fields["description"]["data-wab-ai-field-action-value"] == "image_description"
    assert fields["description"]["data-wab-ai-field-image-value"] == str(image.pk)
    assert fields["description"]["data-wab-ai-field-max-length-value"] == "255"
    assert 'data-wab-ai-field-target="input"' in html
    assert "wagtail_ai_blocks/js/panel.js" in html


def test_the_multiple_upload_forms_offer_it_too(image_editor, vision_openai, plant_image):
    image = plant_image()
    form_class = get_image_multi_form(get_image_model())

    html = form_class(instance=image, user=image_editor, prefix=f"image-{image.pk}").as_div()

    assert set(ai_fields(html)) == {"title", "description"}
    assert f'name="image-{image.pk}-description"' in html


def test_a_backend_that_cannot_see_gets_a_clear_note_instead(
    image_editor_client, plant_image, settings
):
    settings.WAGTAIL_AI_BLOCKS = {"BACKENDS": {"default": {"CLASS": "local"}}}

    response = image_editor_client.get(reverse("wagtailimages:edit", args=[plant_image().pk]))

    html = response.content.decode()
    assert ai_fields(html) == {}
    assert "need an AI model that can see images" in html


@pytest.mark.parametrize("who", ["no_ai", "no_change"])
def test_users_who_may_not_ask_see_plain_fields(who, make_user, vision_openai, plant_image):
    from django.contrib.auth.models import Permission

    from tests.images.conftest import grant_image_permissions

    image = plant_image()
    user = make_user(who, groups=())
    if who == "no_ai":
        grant_image_permissions(user, "change_image")
    else:
        user.user_permissions.add(Permission.objects.get(codename="use_ai"))
    form_class = get_image_multi_form(get_image_model())

    html = form_class(instance=image, user=user).as_div()

    assert ai_fields(html) == {}
    assert "wab-ai-field" not in html


def test_saving_the_edit_form_stores_the_description(image_editor_client, plant_image):
    image = plant_image()
    url = reverse("wagtailimages:edit", args=[image.pk])

    response = image_editor_client.post(
        url,
        {
            "title": image.title,
            "description": "A monstera in a terracotta pot.",
            "collection": image.collection_id,
            "tags": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.description == "A monstera in a terracotta pot."
