"""``RelatedPagesPanel``: an inline list of page links with "Suggest related pages"."""

from __future__ import annotations

from typing import Any

from django.forms import Media
from django.utils.functional import cached_property
from wagtail.admin.panels import MultipleChooserPanel
from wagtail.admin.staticfiles import versioned_static


def page_media() -> Media:
    """The page-level bundle (``frontend/src/entries/page.ts``): review and related pages."""
    return Media(
        js=[versioned_static("wagtail_ai_blocks/js/page.js")],
        css={"all": [versioned_static("wagtail_ai_blocks/css/page.css")]},
    )


class RelatedPagesPanel(MultipleChooserPanel):
    """A ``MultipleChooserPanel`` of page links whose editors can ask for related pages::

        RelatedPagesPanel("related_pages", chooser_field_name="related_page")

    "Suggest related pages" lists live pages similar to the page as it is being
    edited (by embeddings, or Wagtail search without them, saying which answered);
    "Add" appends one to the list, like choosing it in the chooser. Pages already
    listed and the page itself are never suggested. Editors without the "Can use
    AI" permission see a plain ``MultipleChooserPanel``.
    """

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        template_name = "wagtail_ai_blocks/panels/related_pages_panel.html"

        @cached_property
        def ai_enabled(self) -> bool:
            from wagtail_ai_blocks.permissions import can_use_ai

            return can_use_ai(self.request.user)

        @property
        def media(self) -> Media:
            media = super().media
            return media + page_media() if self.ai_enabled else media

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["ai_enabled"] = self.ai_enabled
            context["chooser_field"] = self.panel.chooser_field_name
            if self.ai_enabled:
                context["suggest_url"] = page_api_url(self.instance, self.form, "related")
                # The suggestions' code, loaded on the first click (related_controller.ts).
                context["script_url"] = versioned_static("wagtail_ai_blocks/js/related.js")
            return context


def page_api_url(page: Any, form: Any, name: str) -> str:
    """``…/pages/<id>/<name>``, or ``…/pages/new/<app>/<model>/<parent>/<name>`` on create."""
    from django.urls import reverse

    if page.pk:
        return reverse(f"wagtail_ai_blocks_api:{name}_existing", args=[page.pk])
    parent = getattr(form, "parent_page", None)
    meta = page._meta
    return reverse(
        f"wagtail_ai_blocks_api:{name}_new",
        args=[meta.app_label, meta.model_name, getattr(parent, "pk", 0)],
    )
