"""Admin components (dashboard panels)."""

from __future__ import annotations

import logging

from wagtail.admin.ui.components import Component

from wagtail_ai_blocks.exceptions import AIBlocksError

logger = logging.getLogger(__name__)


class ProviderStatusPanel(Component):
    """Says plainly which AI provider and model answer editors' requests.

    Shown to users who may use AI; only superusers read what to fix when the
    backend is not configured.
    """

    name = "wagtail_ai_blocks_provider"
    order = 90
    template_name = "wagtail_ai_blocks/panels/provider_status.html"

    def __init__(self, user=None):
        self.user = user

    def get_context_data(self, parent_context=None):
        from wagtail_ai_blocks.backends import registry
        from wagtail_ai_blocks.backends.base import describe

        context = super().get_context_data(parent_context)
        try:
            context["backend"] = describe(registry.get_backend())
        except AIBlocksError as exc:
            logger.warning("AI backend is not usable: %s", exc.message)
            # What to fix (setting names, environment variables) is for superusers.
            superuser = getattr(self.user, "is_superuser", False)
            context["error"] = exc.message if superuser else exc.as_dict()["error"]["message"]
        return context
