"""What the browser's ``wab-ai-field`` controller needs to assist one field.

Panels (:mod:`wagtail_ai_blocks.panels`) render these options as ``data-*``
attributes on the element around the field; StreamField blocks
(:mod:`wagtail_ai_blocks.blocks`) send the same attributes through telepath and
their JavaScript sets them on the block. Either way the controller in
``frontend/src/panel/ai_field_controller.ts`` reads them; ``frontend/src/panel/options.ts``
mirrors this module. Change both together.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.forms.widgets import Media
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.staticfiles import versioned_static

#: The Stimulus identifier of the controller (our own ``wab-`` prefix).
CONTROLLER = "wab-ai-field"
#: Set on the field's input (or Draftail's hidden input): the controller's ``input`` target.
INPUT_TARGET_ATTR = f"data-{CONTROLLER}-target"

Format = Literal["text", "html"]
#: ``field``: Generate and Improve ask a field action. ``rewrite``: Improve only,
#: with a rewrite action (it needs text). ``section``: a StreamField section,
#: drafted from the blocks around it and improved with ``action``.
Mode = Literal["field", "rewrite", "section"]


def default_labels() -> dict[str, Any]:
    """The controller's button labels, translated on the server."""
    return {
        "generate": _("Generate"),
        "improve": _("Improve"),
    }


def ai_field_media() -> Media:
    """The controller's script and stylesheet (``frontend/src/entries/panel.ts``)."""
    return Media(
        js=[versioned_static("wagtail_ai_blocks/js/panel.js")],
        css={"all": [versioned_static("wagtail_ai_blocks/css/panel.css")]},
    )


@dataclass(frozen=True)
class AIFieldOptions:
    """Options of one AI-assisted field.

    ``action`` is a registered action id (``seo_title``…); with text in the
    field the same action is asked to improve it (``mode``: see :data:`Mode`).
    ``field_name`` names the field in the request and ``context_fields`` the
    other form fields whose current values go with it. ``max_length`` bounds the
    candidates (``None``: no limit); ``candidates`` is how many to ask for.
    ``format`` is ``"html"`` for rich text, whose ``features`` (``None``:
    Wagtail's defaults) bound the answer.
    ``page`` is what the editor sees of the page: ``title``, ``titleField`` (the
    form field holding the live title), ``type`` and ``locale``. ``labels``
    override some of :func:`default_labels`.
    """

    action: str
    field_name: str = ""
    format: Format = "text"
    max_length: int | None = None
    candidates: int = 3
    context_fields: tuple[str, ...] = ()
    features: tuple[str, ...] | None = None
    mode: Mode = "field"
    page: Mapping[str, str] | None = None
    labels: Mapping[str, Any] | None = None
    #: Image actions: the image's id (forms), or the name of the sibling field holding
    #: it (``AIImageBlock``'s alt text reads its ``image`` chooser).
    image: int | None = None
    image_field: str = ""

    def data_attributes(self) -> dict[str, str]:
        """``data-*`` attributes for the element the controller attaches to."""
        prefix = f"data-{CONTROLLER}"
        labels = self.labels or {}
        attrs = {
            "data-controller": CONTROLLER,
            f"{prefix}-action-value": self.action,
            f"{prefix}-field-value": self.field_name,
            f"{prefix}-format-value": self.format,
            f"{prefix}-candidates-value": str(self.candidates),
            f"{prefix}-mode-value": self.mode,
            f"{prefix}-context-fields-value": json.dumps(list(self.context_fields)),
            f"{prefix}-labels-value": json.dumps(
                {key: str(value) for key, value in {**default_labels(), **labels}.items()}
            ),
        }
        if self.max_length:
            attrs[f"{prefix}-max-length-value"] = str(self.max_length)
        if self.features is not None:
            attrs[f"{prefix}-features-value"] = json.dumps(list(self.features))
        if self.page:
            attrs[f"{prefix}-page-value"] = json.dumps(dict(self.page))
        if self.image:
            attrs[f"{prefix}-image-value"] = str(self.image)
        if self.image_field:
            attrs[f"{prefix}-image-field-value"] = self.image_field
        return attrs


def page_context(instance: Any) -> dict[str, str]:
    """What the controller is told about the object being edited.

    Pages give their title field, type and locale; snippets their type and
    string form. Unsaved values (the title being typed) are read in the browser.
    An InlinePanel child (a model with a ``ParentalKey``) gives nothing: the
    browser then describes the page around it.
    """
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    if instance is None:
        return {}
    meta = instance._meta
    if any(isinstance(field, ParentalKey) for field in meta.get_fields()):
        return {}
    context = {"type": capfirst(str(meta.verbose_name))}

    if isinstance(instance, Page):
        context["titleField"] = "title"
        context["title"] = instance.title or ""
    elif instance.pk:
        context["title"] = str(instance)
    if getattr(instance, "locale_id", None):  # TranslatableMixin, with a locale set
        context["locale"] = instance.locale.language_code
    return context
