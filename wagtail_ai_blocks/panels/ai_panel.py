"""``AIPanel``: a ``FieldPanel`` that offers AI suggestions for its field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.forms import Media
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from wagtail_ai_blocks.ai_field import (
    INPUT_TARGET_ATTR,
    AIFieldOptions,
    ai_field_media,
    page_context,
)

if TYPE_CHECKING:
    from wagtail_ai_blocks.prompts import Action

DEFAULT_CANDIDATES = 3


class AIPanel(FieldPanel):
    """A ``FieldPanel`` with "Generate" (empty field) and "Improve" (field with text).

    The editor picks one of ``candidates`` suggestions (default 3); choosing
    one fills the field, and one Ctrl/Cmd+Z in the field undoes it::

        AIPanel("seo_title", action="seo_title", context_fields=["title", "intro", "body"])

    :param action: a registered action id (``title``, ``seo_title``,
        ``search_description``, ``introduction`` or your own). Defaults to
        ``field_name``, so ``AIPanel("seo_title")`` asks for an SEO title.
    :param context_fields: other form fields whose current (unsaved) values are
        sent as context; the page's title, type and locale always are.
    :param max_length: bounds the suggestions. The tightest of this, the model
        field's ``max_length`` (or ``MaxLengthValidator``) and the action's own
        limit (60 characters for ``seo_title``, 160 for ``search_description``)
        applies.
    :param candidates: how many suggestions to ask for (the server caps this).
    :param labels: button labels, e.g. ``{"generate": _("Suggest")}``.

    Every other argument is ``FieldPanel``'s. Works with ``CharField``,
    ``TextField`` and ``RichTextField`` (the answer then follows the field's
    features), in ``content_panels``, ``promote_panels``, ``MultiFieldPanel``,
    ``InlinePanel`` children and snippets. Editors without the "Can use AI"
    permission see a plain ``FieldPanel``.
    """

    def __init__(
        self,
        field_name: str,
        *args: Any,
        action: str | None = None,
        context_fields: Iterable[str] = (),
        max_length: int | None = None,
        candidates: int = DEFAULT_CANDIDATES,
        labels: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ):
        super().__init__(field_name, *args, **kwargs)
        if isinstance(context_fields, str):
            raise ImproperlyConfigured(
                f"AIPanel({field_name!r}): context_fields must be a list of field names, "
                f"not the string {context_fields!r}."
            )
        self.action = action
        self.context_fields = tuple(context_fields)
        self.max_length = max_length
        self.candidates = candidates
        self.labels = labels

    def clone_kwargs(self) -> dict[str, Any]:
        return {
            **super().clone_kwargs(),
            "action": self.action,
            "context_fields": self.context_fields,
            "max_length": self.max_length,
            "candidates": self.candidates,
            "labels": self.labels,
        }

    @property
    def action_id(self) -> str:
        return self.action or self.field_name

    def get_action(self) -> Action:
        """The registered action; ``ImproperlyConfigured`` names the choices if there is none."""
        from wagtail_ai_blocks.prompts import list_actions

        actions = {action.id: action for action in list_actions()}
        if self.action_id not in actions:
            raise ImproperlyConfigured(
                f"{type(self).__name__}({self.field_name!r}): there is no AI action "
                f"{self.action_id!r}. Pass action= one of {', '.join(actions)}, or register "
                "your own with wagtail_ai_blocks.prompts.register_action()."
            )
        return actions[self.action_id]

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"<{name} '{self.field_name}' action={self.action_id!r} with model={self.model}>"

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "wagtail_ai_blocks/panels/ai_panel.html"

        @cached_property
        def ai_enabled(self) -> bool:
            """Editable, and the editor may use AI (else: a plain ``FieldPanel``)."""
            from wagtail_ai_blocks.permissions import can_use_ai

            if self.read_only or self.bound_field is None or self.request is None:
                return False
            return can_use_ai(self.request.user)

        def ai_options(self) -> AIFieldOptions:
            from wagtail_ai_blocks.prompts import resolve_max_length

            panel = self.panel
            action = panel.get_action()
            try:
                db_field = panel.db_field
            except FieldDoesNotExist:  # a form field without a model field
                db_field = None
            is_rich_text = isinstance(db_field, RichTextField)
            features = getattr(db_field, "features", None) if is_rich_text else None
            return AIFieldOptions(
                action=panel.action_id,
                field_name=panel.field_name,
                format="html" if is_rich_text else "text",
                max_length=resolve_max_length(
                    panel.max_length,
                    action.default_max_length,
                    getattr(db_field, "max_length", None),
                    getattr(self.bound_field.field, "max_length", None),
                    validators=getattr(db_field, "validators", ()),
                ),
                candidates=panel.candidates,
                context_fields=panel.context_fields,
                features=tuple(features) if features is not None else None,
                mode="rewrite" if action.kind == "rewrite" else "field",
                page=page_context(self.instance),
                labels=panel.labels,
            )

        def get_editable_context_data(self) -> dict[str, Any]:
            if self.ai_enabled:
                # The form is built per request, so its widget is ours to change.
                self.bound_field.field.widget.attrs[INPUT_TARGET_ATTR] = "input"
            return super().get_editable_context_data()

        def get_context_data(self, parent_context=None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["ai_attrs"] = self.ai_options().data_attributes() if self.ai_enabled else None
            return context

        @property
        def media(self) -> Media:
            return ai_field_media() if self.ai_enabled else Media()
