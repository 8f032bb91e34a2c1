"""Admin components (dashboard panels)."""

from __future__ import annotations

import logging

from wagtail.admin.ui.components import Component

from wagtail_ai_blocks.exceptions import AIBlocksError

logger = logging.getLogger(__name__)


class ProviderStatusPanel(Component):
    """Says plainly which AI provider and model answer editors' requests."""

    name = "wagtail_ai_blocks_provider"
    order = 90
    template_name = "wagtail_ai_blocks/panels/provider_status.html"

    def get_context_data(self, parent_context=None):
        from wagtail_ai_blocks.backends import registry
        from wagtail_ai_blocks.backends.base import describe

        context = super().get_context_data(parent_context)
        try:
            context["backend"] = describe(registry.get_backend())
        except AIBlocksError as exc:
            context["error"] = exc.message
            logger.warning("AI backend is not usable: %s", exc.message)
        return context
