"""The admin menu item of "Images without alt text", shown to those who may use it."""

from __future__ import annotations

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem


class ImagesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        from wagtail_ai_blocks.images.views import can_describe_in_bulk

        return can_describe_in_bulk(request.user)


def images_menu_item() -> MenuItem:
    return ImagesMenuItem(
        _("Images without alt text"),
        reverse_lazy("wagtail_ai_blocks_images:index"),
        name="ai-images-without-alt-text",
        icon_name="image",
        order=310,
    )
