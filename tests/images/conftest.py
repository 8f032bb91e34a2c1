"""Images drawn with Pillow (demo/blog/pictures.py) and a fake provider that can see."""

from __future__ import annotations

import pytest


@pytest.fixture
def plant_image(db):
    from wagtail.models import Collection

    from blog.pictures import create_plant_image

    def make(index: int = 0, **fields):
        # Transactional tests flush the root collection that migrations create.
        if not Collection.get_first_root_node():
            Collection.add_root(name="Root")
        return create_plant_image(index, **fields)

    return make


@pytest.fixture
def vision_openai(fake_openai, settings):
    """The fake server as a backend that sees images (a real one detects this by model)."""
    backends = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {"default": {**backends["default"], "VISION": True}},
    }
    return fake_openai


def grant_image_permissions(user, *codenames: str) -> None:
    """Wagtail's way: a group with these image permissions on the root collection."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    # Transactional tests flush the root collection that migrations create.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    group, _created = Group.objects.get_or_create(name="Image editors")
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    user.groups.add(group)


@pytest.fixture
def image_editor(make_user):
    """An Editors member (may use AI) who may add and change images."""
    user = make_user("imageeditor")
    grant_image_permissions(user, "add_image", "change_image")
    return user


@pytest.fixture
def image_editor_client(client, image_editor):
    client.force_login(image_editor)
    return client


@pytest.fixture
def post_json():
    """POST a JSON body to one of the API endpoints with a given client."""
    import json

    from django.urls import reverse

    def post(client, name: str, body: dict):
        return client.post(
            reverse(f"wagtail_ai_blocks_api:{name}"),
            data=json.dumps(body),
            content_type="application/json",
        )

    return post


@pytest.fixture
def ai_user_without_images(client, make_user):
    """May use AI in the admin, but may not change any image."""
    from django.contrib.auth.models import Permission

    user = make_user("writer", groups=())
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtail_ai_blocks", codename="use_ai"),
    )
    client.force_login(user)
    return client
