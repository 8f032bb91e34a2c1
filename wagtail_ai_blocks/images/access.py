"""Who may ask for what about an image: only users who may change it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from wagtail_ai_blocks.exceptions import BadRequest, PermissionDenied
from wagtail_ai_blocks.images.vision import ImageInput, image_input


def image_permission_policy() -> Any:
    """Wagtail's permission policy for the image model (its registry from Wagtail 8 on;
    ``wagtail.images.permissions.permission_policy`` is deprecated there)."""
    try:
        from wagtail.permissions import policy_registry
    except ImportError:  # Wagtail 7.4
        from wagtail.images.permissions import permission_policy

        return permission_policy
    return policy_registry.get_by_type(get_image_model())


def can_change_image(user: Any, image: Any) -> bool:
    return image_permission_policy().user_has_permission_for_instance(user, "change", image)


def changeable_image(user: Any, image_id: int) -> Any:
    """The image, if ``user`` may change it (403 otherwise, 400 if there is none)."""
    model = get_image_model()
    image = model.objects.filter(pk=image_id).first()
    if image is None:
        raise BadRequest(_("This image does not exist."), detail={"field": "image"})
    if not can_change_image(user, image):
        raise PermissionDenied(_("You do not have permission to change this image."))
    return image


def image_context(image: Any, context: Mapping[str, Any] | None) -> dict[str, Any]:
    """The request's context plus the image's own title, so the model knows it."""
    context = dict(context or {})
    fields = dict(context.get("fields") or {})
    fields.setdefault("image_title", image.title)
    context["fields"] = fields
    return context


def image_request_parts(
    user: Any, image_id: int, context: Mapping[str, Any] | None
) -> tuple[ImageInput, dict[str, Any]]:
    """What a generation request about image ``image_id`` carries (after the permission check)."""
    image = changeable_image(user, image_id)
    return image_input(image), image_context(image, context)
