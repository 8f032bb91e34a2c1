"""The demo's pages: a home page and blog posts that use every AI feature."""

from __future__ import annotations

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class HomePage(Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["blog.BlogPage"]


class BlogPage(Page):
    intro = models.TextField(
        blank=True, max_length=300, help_text="One or two sentences shown in listings."
    )
    body = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    sections = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", max_length=120)),
            ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES)),
            (
                "tip",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(max_length=80)),
                        ("text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
                    ]
                ),
            ),
        ],
        blank=True,
        use_json_field=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("sections"),
    ]
    parent_page_types = ["blog.HomePage"]
