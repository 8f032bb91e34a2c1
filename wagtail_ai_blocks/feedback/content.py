"""The text of a page as the editor sees it now: the edit form's data, not a revision.

Like Wagtail's preview, the browser posts the whole edit form; the page's own edit
handler builds and validates it (required fields deferred, as the preview does), and
every text the editor can change becomes a :class:`Segment` named after its input in
the form (``title``, ``body``, ``sections-2-value-text``…), so the browser can find
the field again to show or change it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.rich_text import RichText

from wagtail_ai_blocks.exceptions import BadRequest
from wagtail_ai_blocks.richtext import html_to_text

#: Between the parts of a nested field's label (Sections, Tip, Text).
LABEL_SEPARATOR = " \u203a "
#: Plain form fields that hold identifiers, not prose.
_SKIPPED_FIELDS = (forms.SlugField, forms.URLField, forms.EmailField)


@dataclass(frozen=True)
class Segment:
    """One piece of text on the page and where it lives in the edit form."""

    #: The input's name in the edit form (``title``, ``sections-0-value-text``).
    name: str
    #: What an editor calls it ("Body", "Sections > Tip > Text", with a guillemet).
    label: str
    text: str
    format: Literal["text", "html"] = "text"
    #: The rich text's HTML (Wagtail's database format), for ``format == "html"``.
    html: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "label": self.label, "format": self.format}


@dataclass(frozen=True)
class PageContent:
    """The page's title, type and locale, and its text segments in form order."""

    title: str
    page_type: str
    locale: str
    segments: tuple[Segment, ...]

    def as_prompt_text(self, max_chars: int) -> tuple[str, bool]:
        """The text the model reviews (whole segments only) and whether it was cut."""
        parts: list[str] = []
        used = 0
        for segment in self.segments:
            part = f"### {segment.label}\n{segment.text}"
            if used + len(part) + 2 > max_chars:
                return "\n\n".join(parts), True
            parts.append(part)
            used += len(part) + 2
        return "\n\n".join(parts), False

    def context(self) -> dict[str, str]:
        return {"page_title": self.title, "page_type": self.page_type, "locale": self.locale}


def bound_edit_form(page: Any, data: Any, files: Any, user: Any, parent: Any) -> Any:
    """The page's edit form bound to ``data``, validated as Wagtail's preview does."""
    form_class = page.get_edit_handler().get_form_class()
    data = data.copy()
    # A draft may have no title or slug yet; the review still reads the rest.
    placeholder_title = not data.get("title")
    if placeholder_title:
        data["title"] = _("Untitled page")
    if not data.get("slug"):
        data["slug"] = str(uuid.uuid4())
    form = form_class(data, files, instance=page, parent_page=parent, for_user=user)
    defer = getattr(form, "defer_required_fields", None)
    if defer is not None:
        defer()
    form.wab_placeholder_title = placeholder_title
    try:
        valid = form.is_valid()
    except (ValueError, TypeError, KeyError) as exc:
        # Widgets parse what the browser sent (Draftail's JSON, a StreamField's counts);
        # a hand-made or truncated post breaks them. Say so instead of failing.
        raise BadRequest(
            _("The page's form could not be read. Reload the page and try again."),
            detail={"field": "form"},
        ) from exc
    if not valid:
        raise BadRequest(
            _("The page has errors. Fix them, then review it again."),
            detail={"field": "form", "fields": sorted(form.errors)},
        )
    return form


def page_content(page: Any, form: Any) -> PageContent:
    """The :class:`PageContent` of a validated edit form."""
    skipped = {form.add_prefix("title")} if getattr(form, "wab_placeholder_title", False) else set()
    segments = [s for s in _form_segments(form, form.data) if s.name not in skipped]
    locale = getattr(getattr(page, "locale", None), "language_code", "") or ""
    return PageContent(
        title=str(form.cleaned_data.get("title") or page.title or ""),
        page_type=str(page._meta.verbose_name),
        locale=locale,
        segments=tuple(segment for segment in segments if segment.text.strip()),
    )


def _form_segments(form: Any, data: Mapping[str, Any], prefix_label: str = "") -> Iterator[Segment]:
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        label = _join(prefix_label, str(field.label or name))
        input_name = form.add_prefix(name)
        if hasattr(field, "block") and value is not None:  # a StreamField
            yield from _block_segments(field.block, value, input_name, label, data)
        elif isinstance(field, forms.CharField) and not isinstance(field, _SKIPPED_FIELDS):
            if not isinstance(value, str) or not value.strip():
                continue
            if _is_rich_text(field):
                yield Segment(input_name, label, html_to_text(value), "html", value)
            else:
                yield Segment(input_name, label, value, "text")
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if not getattr(child, "cleaned_data", None) or child.cleaned_data.get("DELETE"):
                continue
            heading = _join(prefix_label, str(formset.model._meta.verbose_name).capitalize())
            yield from _form_segments(child, data, heading)


def _is_rich_text(field: forms.Field) -> bool:
    widget = field.widget
    return hasattr(widget, "features") or "RichText" in type(widget).__name__


def _child_prefixes(data: Mapping[str, Any], prefix: str) -> list[str]:
    """The input prefixes (``sections-3``) of a stream's or list's live children, in
    the order the form gives them (``-order``), as Wagtail's own form reading does."""
    try:
        count = int(data.get(f"{prefix}-count") or 0)
    except (TypeError, ValueError):
        return []
    children = []
    for index in range(count):
        child = f"{prefix}-{index}"
        if data.get(f"{child}-deleted"):
            continue
        try:
            order = int(data.get(f"{child}-order") or index)
        except (TypeError, ValueError):
            order = index
        children.append((order, child))
    return [child for _order, child in sorted(children)]


def _block_segments(
    block: blocks.Block, value: Any, name: str, label: str, data: Mapping[str, Any]
) -> Iterator[Segment]:
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        stream = isinstance(block, blocks.StreamBlock)
        children = value if stream else getattr(value, "bound_blocks", ())
        for child, prefix in zip(children, _child_prefixes(data, name), strict=False):
            child_block = child.block if stream else block.child_block
            child_label = (
                _join(label, str(child_block.label or child_block.name)) if stream else label
            )
            yield from _block_segments(
                child_block, child.value, f"{prefix}-value", child_label, data
            )
    elif isinstance(block, blocks.StructBlock):
        for child_name, child_block in block.child_blocks.items():
            yield from _block_segments(
                child_block,
                value.get(child_name),
                f"{name}-{child_name}",
                _join(label, str(child_block.label or child_name)),
                data,
            )
    elif isinstance(value, RichText):
        yield Segment(name, label, html_to_text(value.source), "html", value.source)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)) and isinstance(value, str):
        yield Segment(name, label, value, "text")


def _join(prefix: str, label: str) -> str:
    return f"{prefix}{LABEL_SEPARATOR}{label}" if prefix else label
