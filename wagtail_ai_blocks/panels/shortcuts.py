"""Ready-made ``AIPanel``\\ s for the fields most pages have.

Each is an ``AIPanel`` with its field name and action filled in; every
``AIPanel`` option still applies (``context_fields``, ``candidates``…)::

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                AISEOTitlePanel(context_fields=["title", "intro", "body"]),
                AISearchDescriptionPanel(context_fields=["title", "intro", "body"]),
            ],
            heading="For search engines",
        ),
    ]

They are subclasses rather than factory functions so that ``clone()`` (which
Wagtail calls when it binds panels to a model) keeps their type.
"""

from __future__ import annotations

from typing import Any

from wagtail_ai_blocks.panels.ai_panel import AIPanel


class AISEOTitlePanel(AIPanel):
    """``seo_title`` with the ``seo_title`` action (at most 60 characters)."""

    def __init__(self, field_name: str = "seo_title", *args: Any, **kwargs: Any):
        kwargs.setdefault("action", "seo_title")
        super().__init__(field_name, *args, **kwargs)


class AISearchDescriptionPanel(AIPanel):
    """``search_description`` with the ``search_description`` action (at most 160 characters)."""

    def __init__(self, field_name: str = "search_description", *args: Any, **kwargs: Any):
        kwargs.setdefault("action", "search_description")
        super().__init__(field_name, *args, **kwargs)


class AIIntroductionPanel(AIPanel):
    """An introduction field with the ``introduction`` action. Give its name::

    AIIntroductionPanel("intro", context_fields=["title", "body"])
    """

    def __init__(self, field_name: str, *args: Any, **kwargs: Any):
        kwargs.setdefault("action", "introduction")
        super().__init__(field_name, *args, **kwargs)
