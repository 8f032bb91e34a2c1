"""The demo's pages: a home page and blog posts that use every AI feature."""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.snippets.models import register_snippet

from wagtail_ai_blocks.blocks import AICharBlock, AIImageBlock, AIRichTextBlock, AITextBlock
from wagtail_ai_blocks.panels import (
    AIPanel,
    AISearchDescriptionPanel,
    AISEOTitlePanel,
    AITitlePanel,
)
from wagtail_ai_blocks.related.panels import RelatedPagesPanel

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "ai"]
#: Inline rich text (list items, link notes, author profiles), with the AI toolbar.
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ai"]
#: What the AI panels read to know what a post is about (current, unsaved values).
POST_CONTEXT = ["title", "intro", "body"]


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
            ("heading", AICharBlock(form_classname="title", max_length=120)),
            ("paragraph", AIRichTextBlock(features=RICH_TEXT_FEATURES)),
            ("text", AITextBlock(label="AI text", help_text="Plain text, drafted by AI.")),
            (
                "tip",
                blocks.StructBlock(
                    [
                        ("title", AICharBlock(max_length=80)),
                        ("text", AIRichTextBlock(features=["bold", "italic", "link", "ai"])),
                    ]
                ),
            ),
            ("image", AIImageBlock()),
            (
                "steps",
                blocks.ListBlock(
                    blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES),
                    label="Steps",
                    help_text="A list of rich text items, each with the AI toolbar.",
                ),
            ),
        ],
        blank=True,
        use_json_field=True,
    )

    content_panels = [
        AITitlePanel(context_fields=["intro", "body"]),
        AIPanel("intro", action="introduction", context_fields=["title", "body"]),
        FieldPanel("body"),
        FieldPanel("sections"),
        InlinePanel("related_links", heading="Related links", label="Link"),
        RelatedPagesPanel(
            "related_pages",
            chooser_field_name="related_page",
            heading="Related posts",
            label="Related post",
        ),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                AISEOTitlePanel(context_fields=POST_CONTEXT),
                AISearchDescriptionPanel(context_fields=POST_CONTEXT),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]
    parent_page_types = ["blog.HomePage"]


class BlogPageRelatedLink(Orderable):
    """A link under a post: an AI panel inside InlinePanel children."""

    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_links")
    url = models.URLField("URL")
    title = models.CharField(max_length=100)
    note = RichTextField(
        blank=True, features=SHORT_RICH_TEXT_FEATURES, help_text="Why the link is worth a visit."
    )

    panels = [
        FieldPanel("url"),
        AIPanel("title", action="link_title", context_fields=["url"]),
        FieldPanel("note"),
    ]


class BlogPageRelatedPage(Orderable):
    """A link to another page, suggested by "Suggest related pages"."""

    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_pages")
    related_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="page"
    )

    panels = [FieldPanel("related_page")]


@register_snippet
class Author(models.Model):
    """A snippet with an AI panel."""

    name = models.CharField(max_length=100)
    bio = models.TextField(blank=True, max_length=500)
    profile = RichTextField(blank=True, features=SHORT_RICH_TEXT_FEATURES)

    panels = [
        FieldPanel("name"),
        AIPanel("bio", action="introduction", context_fields=["name"], candidates=2),
        FieldPanel("profile"),
    ]

    def __str__(self) -> str:
        return self.name
