"""``POST pages/<id>/review``: review the page as the edit form holds it now.

The browser posts the whole edit form (``FormData``), as Wagtail's preview does; the
answer is :meth:`~wagtail_ai_blocks.feedback.review.PageReview.as_dict` (mirrored in
``frontend/src/review/types.ts``). Errors are the API's usual JSON errors.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router
from wagtail.models import Page

from wagtail_ai_blocks.exceptions import BadRequest, PermissionDenied
from wagtail_ai_blocks.feedback.content import bound_edit_form, page_content
from wagtail_ai_blocks.feedback.review import review_page

router = Router(tags=["page review"])


def page_for_edit(request: HttpRequest, page_id: int) -> tuple[Page, Page]:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise BadRequest(_("This page does not exist."), detail={"field": "page_id"})
    page = page.get_latest_revision_as_object()
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied(_("You cannot edit this page."))
    return page, page.get_parent().specific


def page_for_create(request: HttpRequest, app_label: str, model: str, parent_id: int):
    parent = Page.objects.filter(pk=parent_id).first()
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    page_class = content_type.model_class() if content_type else None
    if parent is None or page_class is None or not issubclass(page_class, Page):
        raise BadRequest(_("This page type or parent page does not exist."))
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied(_("You cannot add a page here."))
    page = page_class(owner=request.user)
    page.locale = parent.locale
    return page, parent.specific


def _respond(request: HttpRequest, page: Page, parent: Page) -> JsonResponse:
    form = bound_edit_form(page, request.POST, request.FILES, request.user, parent)
    site = getattr(request, "_wagtail_site", None)
    result = review_page(
        page_content(form.save(commit=False), form),
        user=request.user,
        site_id=getattr(site, "pk", None),
        refresh=request.GET.get("refresh") == "1",
    )
    response = JsonResponse(result.as_dict())
    for header, value in result.result.quota.as_headers().items():
        response[header] = value
    return response


@router.post(
    "/pages/{page_id}/review",
    summary="Review a page's current content",
)
def review_existing(request: HttpRequest, page_id: int):
    """The edit form's data in, a score, observations and located improvements out."""
    page, parent = page_for_edit(request, page_id)
    return _respond(request, page, parent)


@router.post(
    "/pages/new/{app_label}/{model}/{parent_id}/review",
    summary="Review a page that is not saved yet",
)
def review_new(request: HttpRequest, app_label: str, model: str, parent_id: int):
    page, parent = page_for_create(request, app_label, model, parent_id)
    return _respond(request, page, parent)
