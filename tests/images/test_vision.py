"""Image actions through the generation service: the model sees a bounded rendition."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from tests.fake_openai import Reply
from wagtail_ai_blocks.models import UsageRecord

DESCRIBE = {"action": "image_description", "field": {"name": "description", "max_length": 255}}


def test_the_model_receives_a_bounded_rendition_not_the_original(
    image_editor_client, vision_openai, plant_image, post_json
):
    image = plant_image(0)  # 1600 x 1200 JPEG
    vision_openai.script(Reply("A monstera in a terracotta pot against a cream wall."))

    response = post_json(image_editor_client, "generate", {**DESCRIBE, "image": image.pk})

    assert response.status_code == 200, response.content
    assert response.json()["candidates"][0]["text"] == (
        "A monstera in a terracotta pot against a cream wall."
    )
    [received] = vision_openai.images
    assert received.mime_type == "image/jpeg"
    with image.file.open("rb") as original:
        assert received.data != original.read()
    picture = PILImage.open(io.BytesIO(received.data))
    assert max(picture.size) <= 1024
    assert picture.size == (1024, 768)
    # The text still says what the image is called.
    last = vision_openai.requests[-1]["json"]["messages"][-1]["content"]
    assert "Monstera photo 01" in last


def test_the_same_file_uploaded_twice_is_described_once(
    image_editor_client, vision_openai, plant_image, post_json
):
    first, copy = plant_image(3), plant_image(3)
    assert first.pk != copy.pk
    assert first.get_file_hash() == copy.get_file_hash()
    vision_openai.script(Reply("A fig."))

    answers = [
        post_json(image_editor_client, "generate", {**DESCRIBE, "image": image.pk}).json()
        for image in (first, first, copy)
    ]

    assert vision_openai.call_count == 1
    assert [answer["cache"] for answer in answers] == ["miss", "hit", "hit"]


def test_different_files_are_not_confused(
    image_editor_client, vision_openai, plant_image, post_json
):
    for index in (1, 2):
        image = plant_image(index, title="Same title")
        post_json(image_editor_client, "generate", {**DESCRIBE, "image": image.pk})
    assert vision_openai.call_count == 2


def test_an_image_action_goes_through_limits_and_the_ledger(
    image_editor_client, vision_openai, plant_image, post_json
):
    response = post_json(image_editor_client, "generate", {**DESCRIBE, "image": plant_image().pk})

    assert response.json()["quota"]["remaining"] == 9
    record = UsageRecord.objects.get()
    assert (record.action, record.outcome) == ("image_description", "ok")


def test_a_user_who_cannot_change_the_image_is_refused(
    ai_user_without_images, vision_openai, plant_image, post_json
):
    response = post_json(
        ai_user_without_images, "generate", {**DESCRIBE, "image": plant_image().pk}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert vision_openai.call_count == 0


def test_an_unknown_image_is_a_bad_request(image_editor_client, vision_openai, post_json):
    response = post_json(image_editor_client, "generate", {**DESCRIBE, "image": 999999})

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "image"


def test_an_image_action_without_an_image_is_refused(image_editor_client, vision_openai, post_json):
    response = post_json(
        image_editor_client, "generate", {**DESCRIBE, "context": {"page_title": "Plants"}}
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "image"
    assert vision_openai.call_count == 0


@pytest.mark.parametrize("vision", [False, None])
def test_a_backend_that_cannot_see_refuses_image_actions(
    image_editor_client, fake_openai, plant_image, post_json, settings, vision
):
    backends = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {"default": {**backends["default"], "VISION": vision}},
    }

    response = post_json(image_editor_client, "generate", {**DESCRIBE, "image": plant_image().pk})

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "vision_unavailable"
    assert "vision model" in response.json()["error"]["message"]
    assert fake_openai.call_count == 0


def test_a_separate_vision_backend_answers_image_actions(
    image_editor_client, fake_openai, plant_image, post_json, settings
):
    default = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]["default"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {**default, "VISION": False},
            "eyes": {**default, "MODEL": "fake-vision", "VISION": True},
        },
        "VISION_BACKEND": "eyes",
    }

    response = post_json(image_editor_client, "generate", {**DESCRIBE, "image": plant_image().pk})

    assert response.status_code == 200, response.content
    assert response.json()["backend"] == "eyes"
    assert fake_openai.requests[-1]["json"]["model"] == "fake-vision"
