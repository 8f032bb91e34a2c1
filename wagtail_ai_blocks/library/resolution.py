"""Which actions a site offers, and which action an editor's request runs.

For a site, in order:

1. the registered actions (:func:`~wagtail_ai_blocks.prompts.list_actions`), minus
   those the site hides (Settings → AI assistance);
2. each replaced by the enabled library prompt that overrides it (the site's own
   prompt wins over an every-site one);
3. then the site's new library prompts, in their admin order;
4. every action followed by the site's brand voice (the page review also by the
   site's review criteria).

The site is the one a request names, else Wagtail's default site. Pages are
rendered with one client config for the whole admin (Wagtail renders it without
a request), so both the menus and the API use the default site unless a request
carries another one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends import backend_for_action, get_backend
from wagtail_ai_blocks.backends.base import Backend
from wagtail_ai_blocks.exceptions import UnknownAction
from wagtail_ai_blocks.library.actions import (
    LibraryAction,
    prompt_action,
    with_brand_voice,
    with_review_criteria,
)
from wagtail_ai_blocks.prompts import Action, list_actions

if TYPE_CHECKING:
    from wagtail.models import Site

    from wagtail_ai_blocks.library.models import AIPrompt

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteLibrary:
    """What the database says about one site's actions."""

    brand_voice: str
    hidden: frozenset[str]
    prompts: tuple[AIPrompt, ...]
    review_criteria: str = ""


def _site_lookup(site: Site | None, site_id: int | None) -> dict[str, Any]:
    """Filter arguments for "this site", without a query of its own."""
    if site is not None:
        return {"site": site}
    if site_id is not None:
        return {"site_id": site_id}
    return {"site__is_default_site": True}


def load_library(site: Site | None = None, *, site_id: int | None = None) -> SiteLibrary:
    """The site's settings and enabled prompts: two queries (three with prompts), or
    none while the configuration has not changed (:mod:`wagtail_ai_blocks.memo`)."""
    from wagtail_ai_blocks.memo import memoized

    key = ("library", site.pk if site is not None else site_id)
    return memoized(key, lambda: _read_library(site, site_id))


def _read_library(site: Site | None, site_id: int | None) -> SiteLibrary:
    from django.db.models import Q

    from wagtail_ai_blocks.library.models import AIPrompt, AISiteSettings

    lookup = _site_lookup(site, site_id)
    settings = AISiteSettings.objects.filter(**lookup).first()
    prompts = (
        AIPrompt.objects.filter(Q(site__isnull=True) | Q(**lookup), enabled=True)
        .prefetch_related("page_types")
        .order_by("sort_order", "pk")
    )
    return SiteLibrary(
        brand_voice=settings.brand_voice if settings else "",
        hidden=frozenset(settings.hidden_actions if settings else ()),
        prompts=tuple(prompts),
        review_criteria=settings.review_criteria if settings else "",
    )


def site_actions(site: Site | None = None, *, site_id: int | None = None) -> list[Action]:
    """The actions the site's editors are offered, in menu order."""
    library = load_library(site, site_id=site_id)
    overrides: dict[str, AIPrompt] = {}
    added: list[AIPrompt] = []
    for prompt in library.prompts:
        if not prompt.overrides:
            added.append(prompt)
        elif prompt.overrides not in overrides or prompt.site_id is not None:
            overrides[prompt.overrides] = prompt

    actions: list[Action] = []
    for action in list_actions():
        if action.id in library.hidden:
            continue
        prompt = overrides.get(action.id)
        actions.append(prompt_action(prompt, action) if prompt else action)
    actions.extend(prompt_action(prompt) for prompt in added)
    return [
        with_brand_voice(with_review_criteria(action, library.review_criteria), library.brand_voice)
        for action in actions
    ]


def resolve_action(
    action_id: str,
    *,
    prompt_id: Any = None,
    site_id: int | None = None,
    field_name: str | None = None,
    page_type: str | None = None,
) -> Action:
    """The action a request runs on its site.

    ``prompt_id`` (``params.prompt_id``) picks a library prompt by its primary key
    whatever ``action_id`` says. Raises
    :class:`~wagtail_ai_blocks.exceptions.UnknownAction` (400) for actions the site
    does not offer (unknown, hidden or disabled) and
    :class:`~wagtail_ai_blocks.exceptions.BadRequest` when a library prompt is not
    meant for the request's field or page type.
    """
    actions = site_actions(site_id=site_id)
    if prompt_id is not None:
        detail = {"field": "params.prompt_id"}
        if isinstance(prompt_id, bool) or not isinstance(prompt_id, int):
            raise UnknownAction(detail=detail)
        found = next(
            (a for a in actions if isinstance(a, LibraryAction) and a.prompt_pk == prompt_id),
            None,
        )
    else:
        found = next((a for a in actions if a.id == action_id), None)
        detail = {"field": "action"}
    if found is None:
        raise UnknownAction(detail=detail)
    if isinstance(found, LibraryAction):
        found.check_applies(field_name, page_type)
    return found


def resolve_request_action(request: Any) -> Action:
    """:func:`resolve_action` for a :class:`~wagtail_ai_blocks.service.GenerationRequest`."""
    params: Mapping[str, Any] = request.params or {}
    context: Mapping[str, Any] = request.context or {}
    page_type = context.get("page_type") if isinstance(context, Mapping) else None
    return resolve_action(
        request.action,
        prompt_id=params.get("prompt_id") if isinstance(params, Mapping) else None,
        site_id=request.site_id,
        field_name=request.field.name if request.field else None,
        page_type=page_type if isinstance(page_type, str) else None,
    )


def backend_for(action: Action) -> Backend:
    """The prompt's own backend when it names a configured one, else the usual choice."""
    name = getattr(action, "backend", "")
    if name:
        if name in conf.get("BACKENDS"):
            return get_backend(name)
        logger.warning(
            "AI prompt names a backend that is not configured; using the default",
            extra={"ai_action": action.id, "ai_backend": name},
        )
    return backend_for_action(action.id)
