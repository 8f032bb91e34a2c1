"""Turning library prompts (and a site's brand voice) into :class:`Action` objects.

A :class:`LibraryAction` is an ordinary action with four more facts: the prompt
it comes from, the backend it asks, and the fields and page types it is meant
for. Its :attr:`~LibraryAction.cache_token` carries the prompt's version token
(``improve:p7.3:1:1a2b3c4d``), so editing one prompt changes only that prompt's
cache keys and the ledger records which version answered.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks.exceptions import BadRequest
from wagtail_ai_blocks.library import placeholders
from wagtail_ai_blocks.prompts import RULES_VERSION, Action
from wagtail_ai_blocks.prompts.builtin import LANGUAGE

if TYPE_CHECKING:
    from wagtail_ai_blocks.library.models import AIPrompt

#: How many suggestions a new field prompt offers (like the built-in field actions).
FIELD_CANDIDATES = 3

BRAND_VOICE_HEADING = "Follow the site's style guide:"
REVIEW_CRITERIA_HEADING = "Also check the page against the site's own criteria:"


@dataclasses.dataclass(frozen=True)
class LibraryAction(Action):
    """An action defined in the admin (Settings → AI prompts)."""

    prompt_pk: int = 0
    #: A name in ``BACKENDS``; empty for ``ACTION_BACKENDS`` or the default.
    backend: str = ""
    #: Field names the prompt is meant for; empty for every field.
    fields: tuple[str, ...] = ()
    #: Page type names ("Blog page") the prompt is meant for; empty for every type.
    page_types: tuple[str, ...] = ()
    #: The built-in action this prompt replaces; empty for a new action.
    overrides: str = ""

    @property
    def version_token(self) -> str:
        from wagtail_ai_blocks.library.models import version_token

        return version_token(self.prompt_pk, self.version)

    @property
    def cache_token(self) -> str:
        """``id:p<pk>.<version>:rules:hash``: the prompt's own version, not the built-in's."""
        digest = hashlib.sha256(self.system_prompt.encode()).hexdigest()[:8]
        return f"{self.id}:{self.version_token}:{RULES_VERSION}:{digest}"

    def as_client_dict(self) -> dict[str, Any]:
        """The base shape plus ``prompt_id``, ``fields``, ``page_types`` and ``overrides``
        for menus and panels: a new field prompt (no ``overrides``) is offered in every
        AI panel it applies to; an override is asked wherever its built-in is."""
        return {
            **super().as_client_dict(),
            "source": "library",
            "prompt_id": self.prompt_pk,
            "fields": list(self.fields),
            "page_types": list(self.page_types),
            "overrides": self.overrides,
        }

    def check_applies(self, field_name: str | None, page_type: str | None) -> None:
        """Refuse (400) a request for a field or page type the prompt is not meant for.

        A prompt limited to some fields or page types needs the request to say
        which: a request that leaves ``field.name`` or ``context.page_type`` out
        is refused, not let through.
        """
        if self.fields and field_name not in self.fields:
            raise BadRequest(
                _("This prompt is not available for this field."), detail={"field": "field.name"}
            )
        if self.page_types and (page_type or "").casefold() not in {
            name.casefold() for name in self.page_types
        }:
            raise BadRequest(
                _("This prompt is not available for this page type."),
                detail={"field": "context.page_type"},
            )


def _action_fields(action: Action) -> dict[str, Any]:
    return {field.name: getattr(action, field.name) for field in dataclasses.fields(Action)}


def prompt_action(prompt: AIPrompt, builtin: Action | None = None) -> LibraryAction:
    """The action for ``prompt``: a new one, or ``builtin`` with the prompt's instruction."""
    extra = tuple(param.name for param in builtin.params) if builtin else ()
    params = tuple(builtin.params) if builtin else ()
    if placeholders.uses_language(prompt.instruction) and not any(
        param.name == LANGUAGE.name for param in params
    ):
        params = (*params, LANGUAGE)
    library_fields: dict[str, Any] = {
        "prompt_pk": prompt.pk,
        "backend": prompt.backend,
        "fields": prompt.field_name_list,
        "page_types": tuple(_page_type_names(prompt)),
    }
    task = placeholders.to_task(prompt.instruction, extra)
    if builtin is not None:
        return LibraryAction(
            **{
                **_action_fields(builtin),
                "label": prompt.label,
                "description": prompt.description or builtin.description,
                "version": prompt.version,
                "system_prompt": task,
                "params": params,
                "output": prompt.output,
            },
            **library_fields,
            overrides=builtin.id,
        )
    from wagtail_ai_blocks.library.models import PLACEMENT_KINDS

    kind = PLACEMENT_KINDS.get(prompt.placement, "field")
    return LibraryAction(
        id=prompt.action_id,
        label=prompt.label,
        description=prompt.description,
        version=prompt.version,
        system_prompt=task,
        kind=kind,
        params=params,
        output=prompt.output,
        candidates=FIELD_CANDIDATES if kind == "field" else 1,
        **library_fields,
    )


def _page_type_names(prompt: AIPrompt) -> list[str]:
    from wagtail.coreutils import get_content_type_label

    return [str(get_content_type_label(content_type)) for content_type in prompt.page_types.all()]


def with_brand_voice(action: Action, brand_voice: str) -> Action:
    """``action`` with the site's style guide after its task (unchanged when empty)."""
    voice = brand_voice.strip()
    if not voice:
        return action
    return dataclasses.replace(
        action, system_prompt=f"{action.system_prompt}\n\n{BRAND_VOICE_HEADING}\n{voice}"
    )


def with_review_criteria(action: Action, criteria: str) -> Action:
    """A page review ``action`` with the site's criteria after its task."""
    lines = [line.strip() for line in criteria.splitlines() if line.strip()]
    if action.kind != "page" or not lines:
        return action
    listed = "\n".join(f"- {line.lstrip('-* ')}" for line in lines)
    return dataclasses.replace(
        action, system_prompt=f"{action.system_prompt}\n\n{REVIEW_CRITERIA_HEADING}\n{listed}"
    )
