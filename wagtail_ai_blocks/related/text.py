"""What a page says, as one text to embed: its title, then every text field and block."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.richtext import html_to_text

_PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}
_SKIPPED = (models.SlugField, models.URLField, models.EmailField)


def page_text(page: Page) -> str:
    """A saved page's text: title, search description, its own text fields and blocks."""
    page = page.specific
    parts = [page.title, page.search_description]
    for field in page._meta.concrete_fields:
        if field.name in _PAGE_FIELDS or field.choices:
            continue
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            parts.extend(field.stream_block.get_searchable_content(getattr(page, field.name)))
        elif isinstance(field, RichTextField):
            parts.append(html_to_text(value or ""))
        elif isinstance(field, (models.CharField, models.TextField)) and not isinstance(
            field, _SKIPPED
        ):
            parts.append(value or "")
    return join(parts)


def join(parts: Iterable[Any]) -> str:
    """Non-empty parts, one a line, cut to ``RELATED_PAGES["MAX_CHARS"]``."""
    text = "\n".join(str(part).strip() for part in parts if part and str(part).strip())
    return text[: conf.get("RELATED_PAGES")["MAX_CHARS"]]


def content_hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()
