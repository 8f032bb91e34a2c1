"""``AIBlockMixin``: make any ``FieldBlock`` AI-assisted in one line.

::

    class TaglineBlock(AIBlockMixin, blocks.CharBlock): pass

The block gets "Generate" (when empty) and "Improve" (when it has text) in the
editor, whatever StreamBlock, StructBlock or ListBlock it sits in. Options go
in the block's ``Meta`` or as keyword arguments, like any block option::

    TaglineBlock(max_length=80, ai_action="title", ai_candidates=5)
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import cached_property
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.blocks import Block, FieldBlock, RichTextBlock
from wagtail.blocks.field_block import FieldBlockAdapter

from wagtail_ai_blocks.ai_field import AIFieldOptions, Mode, ai_field_media

#: The action that improves a block's text when it has no ``ai_action`` of its own.
IMPROVE_ACTION = "improve"


class AIBlockMixin(Block):
    """Adds AI suggestions to a ``FieldBlock`` subclass (put it first in the bases).

    ``Meta`` options (or keyword arguments of the same name):

    - ``ai_action``: a field action (``title``, ``introduction``…): Generate and
      Improve both ask it; or a rewrite action (``shorten``…): Improve only.
      ``None`` (the default) drafts the block from the blocks around it and the
      page title, and improves it with ``improve``.
    - ``ai_context_fields``: form fields of the page sent as context (``["title", "intro"]``).
    - ``ai_max_length``: bounds the suggestions, with the block's own ``max_length``.
    - ``ai_candidates``: suggestions to ask for (default: 3 for text, 1 for rich text).
    - ``ai_labels``: button labels, ``{"generate": …, "improve": …}``.
    - ``ai_image_field``: for image actions, the sibling block holding the image
      (``AIImageBlock``'s alt text uses ``"image"``).
    """

    class Meta:
        ai_action = None
        ai_context_fields = ()
        ai_max_length = None
        ai_candidates = None
        ai_labels = None
        ai_image_field = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(self, FieldBlock):
            raise ImproperlyConfigured(
                f"{type(self).__name__}: AIBlockMixin works with FieldBlock subclasses "
                "(CharBlock, TextBlock, RichTextBlock…), listed after it in the bases."
            )

    def ai_options(self) -> AIFieldOptions:
        """What the editor's ``wab-ai-field`` controller needs for this block."""
        from wagtail_ai_blocks.prompts import list_actions, resolve_max_length

        meta = self.meta
        actions = {action.id: action for action in list_actions()}
        action_id = meta.ai_action or IMPROVE_ACTION
        if action_id not in actions:
            raise ImproperlyConfigured(
                f"{type(self).__name__}: there is no AI action {action_id!r}. Use one of "
                f"{', '.join(actions)}, or register your own with register_action()."
            )
        is_rich_text = isinstance(self, RichTextBlock)
        field = self.field
        features = getattr(self, "features", None) if is_rich_text else None
        candidates = meta.ai_candidates or (1 if is_rich_text else 3)
        return AIFieldOptions(
            action=action_id,
            field_name=self.name,
            format="html" if is_rich_text else "text",
            max_length=resolve_max_length(
                meta.ai_max_length,
                actions[action_id].default_max_length if meta.ai_action else None,
                getattr(self, "max_length", None),
                getattr(field, "max_length", None),
                validators=field.validators,
            ),
            candidates=candidates,
            context_fields=tuple(meta.ai_context_fields or ()),
            features=tuple(features) if features is not None else None,
            mode=_mode(meta.ai_action, actions[action_id].kind),
            labels=meta.ai_labels,
            image_field=meta.ai_image_field or "",
        )


def _mode(ai_action: str | None, kind: str) -> Mode:
    if not ai_action:
        return "section"
    return "rewrite" if kind == "rewrite" else "field"


class AIFieldBlockAdapter(FieldBlockAdapter):
    """``FieldBlockAdapter`` plus the controller's attributes as a fourth argument.

    Subclasses only change ``js_constructor`` (the block's dotted path); the
    JavaScript side is ``frontend/src/blocks/ai_field_block.ts``.
    """

    js_constructor = "wagtail_ai_blocks.blocks.mixin.AIBlockMixin"

    def js_args(self, block):
        return [*super().js_args(block), block.ai_options().data_attributes()]

    @cached_property
    def media(self):
        return (
            super().media
            + ai_field_media()
            + forms.Media(js=[versioned_static("wagtail_ai_blocks/js/blocks.js")])
        )


register(AIFieldBlockAdapter(), AIBlockMixin)
