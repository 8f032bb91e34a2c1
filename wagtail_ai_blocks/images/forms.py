"""Generate/Improve for an image's title and description on Wagtail's image forms.

One setting installs it on the edit form and the multiple-upload form (whose per-image
forms are the edit form)::

    WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_ai_blocks.images.forms.AIImageForm"

A project with its own base form mixes :class:`AIImageFormMixin` in first instead. A
custom image model works as long as it keeps ``title`` and ``description`` (Wagtail
6.3+); list other fields in :attr:`AIImageFormMixin.ai_fields`.

The fields get the same ``wab-ai-field`` controller as ``AIPanel`` (suggestions within
the field's ``max_length``, Use / Try again / Dismiss), asking the image actions with
the image's id: the server renders the picture for the model. A new image (the single
"Add an image" form, before upload) has nothing to show the model yet, so it gets none.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from wagtail.images.forms import BaseImageForm

from wagtail_ai_blocks.ai_field import (
    INPUT_TARGET_ATTR,
    AIFieldOptions,
    ai_field_media,
)


class AIFieldWidget(forms.Widget):
    """Wraps a field's widget in the ``wab-ai-field`` element (or a note when AI cannot see)."""

    def __init__(self, widget: forms.Widget, attributes: dict[str, str] | None):
        super().__init__()
        self.widget = widget
        self.attributes = attributes
        if attributes is not None:
            self.widget.attrs[INPUT_TARGET_ATTR] = "input"

    def __deepcopy__(self, memo):
        import copy

        result = copy.copy(self)
        result.widget = copy.deepcopy(self.widget, memo)
        memo[id(self)] = result
        return result

    @property
    def is_hidden(self) -> bool:
        return self.widget.is_hidden

    def id_for_label(self, id_):
        return self.widget.id_for_label(id_)

    def value_from_datadict(self, data, files, name):
        return self.widget.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return self.widget.value_omitted_from_data(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        inner = self.widget.render(name, value, attrs, renderer)
        if self.attributes is None:
            note = render_to_string("wagtail_ai_blocks/images/_vision_note.html")
            return format_html("{}{}", inner, note)
        attrs_html = format_html_join(" ", '{}="{}"', self.attributes.items())
        return format_html('<div class="wab-ai-field" {}>{}</div>', attrs_html, inner)

    @property
    def media(self):
        return self.widget.media + ai_field_media()


class AIImageFormMixin:
    """Adds AI suggestions to an image form's fields (see the module docstring)."""

    #: Form field name → image action.
    ai_fields: ClassVar[dict[str, str]] = {
        "title": "image_title",
        "description": "image_description",
    }

    def __init__(self, *args: Any, **kwargs: Any):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None or user is None:
            return
        from wagtail_ai_blocks.images.access import can_change_image
        from wagtail_ai_blocks.images.vision import vision_available
        from wagtail_ai_blocks.permissions import can_use_ai

        if not (can_use_ai(user) and can_change_image(user, instance)):
            return
        sees = vision_available()
        for name, action in self.ai_fields.items():
            field = self.fields.get(name)
            if field is None:
                continue
            attributes = self._ai_attributes(instance, name, action, field) if sees else None
            field.widget = AIFieldWidget(field.widget, attributes)
            if not sees:
                break  # the note that image actions need a vision model, once

    def _ai_attributes(self, instance, name: str, action: str, field) -> dict[str, str]:
        from wagtail_ai_blocks.prompts import get_action, resolve_max_length

        try:
            db_field = instance._meta.get_field(name)
        except Exception:  # a form field without a model field
            db_field = None
        options = AIFieldOptions(
            action=action,
            field_name=name,
            max_length=resolve_max_length(
                get_action(action).default_max_length,
                getattr(db_field, "max_length", None),
                getattr(field, "max_length", None),
            ),
            candidates=3,
            page={"type": str(instance._meta.verbose_name).capitalize(), "title": instance.title},
            image=instance.pk,
        )
        return options.data_attributes()


class AIImageForm(AIImageFormMixin, BaseImageForm):
    """Wagtail's image form with AI suggestions for the title and the description."""
