"""``AITitlePanel``: the title field with AI suggestions and Wagtail's slug sync."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import TitleFieldPanel

from wagtail_ai_blocks.panels.ai_panel import AIPanel


class AITitlePanel(AIPanel, TitleFieldPanel):
    """``TitleFieldPanel`` (the big title input that fills in the slug) plus AI.

    Use it in place of the ``TitleFieldPanel("title")`` that ``Page.content_panels``
    starts with::

        content_panels = [AITitlePanel(context_fields=["intro", "body"]), ...]

    Defaults: ``field_name="title"``, ``action="title"``. Takes every
    ``AIPanel`` and ``TitleFieldPanel`` option.
    """

    def __init__(self, field_name: str = "title", *args: Any, action: str = "title", **kwargs: Any):
        super().__init__(field_name, *args, action=action, **kwargs)

    class BoundPanel(AIPanel.BoundPanel, TitleFieldPanel.BoundPanel):
        pass
