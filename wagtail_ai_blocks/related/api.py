"""``POST pages/<id>/related``: live pages related to the page as the form holds it now.

The browser posts the edit form (as for the review) and the ids already chosen in
``?exclude=3,7``; the answer is :meth:`~wagtail_ai_blocks.related.suggest.Suggestions.as_dict`.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from ninja import Router
from wagtail.models import Page

from wagtail_ai_blocks.feedback.api import page_for_create, page_for_edit
from wagtail_ai_blocks.feedback.content import bound_edit_form, page_content
from wagtail_ai_blocks.related.suggest import suggest
from wagtail_ai_blocks.related.text import join

router = Router(tags=["related pages"])


def _exclude(request: HttpRequest, page: Page) -> set[int]:
    ids = {int(part) for part in request.GET.get("exclude", "").split(",") if part.isdigit()}
    if page.pk:
        ids.add(page.pk)
    return ids


def _respond(request: HttpRequest, page: Page, parent: Page) -> JsonResponse:
    form = bound_edit_form(page, request.POST, request.FILES, request.user, parent)
    content = page_content(form.save(commit=False), form)
    text = join([content.title, *(segment.text for segment in content.segments)])
    answer = suggest(content.title, text, user=request.user, exclude=_exclude(request, page))
    return JsonResponse(answer.as_dict())


@router.post("/pages/{page_id}/related", summary="Suggest related live pages")
def related_existing(request: HttpRequest, page_id: int):
    page, parent = page_for_edit(request, page_id)
    return _respond(request, page, parent)


@router.post(
    "/pages/new/{app_label}/{model}/{parent_id}/related",
    summary="Suggest related live pages for a page that is not saved yet",
)
def related_new(request: HttpRequest, app_label: str, model: str, parent_id: int):
    page, parent = page_for_create(request, app_label, model, parent_id)
    return _respond(request, page, parent)
