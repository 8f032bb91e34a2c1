"""Admin views: "Images without alt text", a bulk job's review page and its status (JSON).

Thin: the permission checks and the work are in :mod:`.access` and :mod:`.bulk`.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Collection

from wagtail_ai_blocks.api.errors import error_response
from wagtail_ai_blocks.exceptions import AIBlocksError
from wagtail_ai_blocks.exceptions import PermissionDenied as PermissionDenied_
from wagtail_ai_blocks.images import bulk
from wagtail_ai_blocks.images.access import image_permission_policy
from wagtail_ai_blocks.images.models import (
    BULK_PERMISSION,
    ImageDescriptionItem,
    ImageDescriptionJob,
)
from wagtail_ai_blocks.images.vision import vision_available
from wagtail_ai_blocks.permissions import can_use_ai

#: Images listed (and started at once) on the page.
MAX_IMAGES = 500


def can_describe_in_bulk(user) -> bool:
    return can_use_ai(user) and (user.is_superuser or user.has_perm(BULK_PERMISSION))


class FilterForm(forms.Form):
    collection = forms.ModelChoiceField(
        Collection.objects.all(), required=False, label=gettext_lazy("Collection")
    )
    tag = forms.CharField(required=False, label=gettext_lazy("Tag"))
    missing = forms.BooleanField(
        required=False, initial=True, label=gettext_lazy("Only images without a description")
    )


class BulkMixin(WagtailAdminTemplateMixin):
    header_icon = "image"

    def dispatch(self, request, *args, **kwargs):
        if not can_describe_in_bulk(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImagesWithoutAltTextView(BulkMixin, TemplateView):
    template_name = "wagtail_ai_blocks/images/bulk_index.html"
    page_title = gettext_lazy("Images without alt text")

    def filtered_images(self):
        data = self.request.GET if self.request.GET else {"missing": "on"}
        self.filters = FilterForm(data)
        policy = image_permission_policy()
        images = policy.instances_user_has_permission_for(self.request.user, "change")
        if self.filters.is_valid():
            cleaned = self.filters.cleaned_data
            if cleaned["missing"]:
                images = images.filter(description="")
            if cleaned["collection"]:
                images = images.filter(collection=cleaned["collection"])
            if cleaned["tag"]:
                images = images.filter(tags__name=cleaned["tag"])
        return images.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        images = self.filtered_images()
        context.update(
            images=images[:MAX_IMAGES],
            total=images.count(),
            filters=self.filters,
            vision_available=vision_available(),
            jobs=ImageDescriptionJob.objects.filter(created_by=self.request.user)[:5],
        )
        return context

    def post(self, request, *args, **kwargs):
        images = self.filtered_images()
        if "all" not in request.POST:
            ids = [int(pk) for pk in request.POST.getlist("image") if pk.isdigit()]
            images = images.filter(pk__in=ids)
        try:
            job = bulk.start_job(request.user, images[:MAX_IMAGES])
        except AIBlocksError as exc:
            messages.error(request, exc.message)
            return redirect(request.get_full_path())
        return redirect("wagtail_ai_blocks_images:job", pk=job.pk)


class JobView(BulkMixin, TemplateView):
    template_name = "wagtail_ai_blocks/images/bulk_job.html"
    page_title = gettext_lazy("Image descriptions")

    def dispatch(self, request, *args, **kwargs):
        self.job = get_object_or_404(ImageDescriptionJob, pk=kwargs["pk"])
        if self.job.created_by_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            job=self.job,
            items=self.job.items.select_related("image"),
            status=job_status(self.job),
            status_url=reverse("wagtail_ai_blocks_images:job_status", args=[self.job.pk]),
            index_url=reverse("wagtail_ai_blocks_images:index"),
        )
        return context

    def post(self, request, *args, **kwargs):
        items = self.job.items.select_related("image")
        Status = ImageDescriptionItem.Status
        post = request.POST
        if "approve_all" in post:
            chosen = items.filter(status=Status.SUGGESTED)
            done = sum(
                bulk.approve(request.user, item, post.get(f"text-{item.pk}")) for item in chosen
            )
            messages.success(
                request,
                ngettext("%(count)d description saved.", "%(count)d descriptions saved.", done)
                % {"count": done},
            )
        elif "approve" in post:
            item = get_object_or_404(items, pk=post["approve"])
            if bulk.approve(request.user, item, post.get(f"text-{item.pk}")):
                messages.success(request, _("Description saved."))
        elif "reject" in post:
            bulk.reject(request.user, get_object_or_404(items, pk=post["reject"]))
        elif "retry" in post:
            bulk.retry(request.user, items.filter(pk=post["retry"]))
        elif "retry_failed" in post:
            bulk.retry(request.user, items.filter(status=Status.FAILED))
        return redirect("wagtail_ai_blocks_images:job", pk=self.job.pk)


def job_status(job: ImageDescriptionJob) -> dict:
    """What the review page shows and updates without reload (``images/job_controller.ts``)."""
    progress = bulk.progress(job)
    if progress.state == "paused":
        when = date_format(localtime(progress.resume_at), "TIME_FORMAT")
        message = _("Paused: %(reason)s Resumes at %(time)s.") % {
            "reason": progress.pause_reason,
            "time": when,
        }
    elif progress.state == "finished":
        message = _("Finished. Review the descriptions, then approve them.")
    else:
        message = _("Describing images…")
    return {
        "state": progress.state,
        "percent": progress.percent,
        "processed": progress.processed,
        "total": progress.total,
        "message": message,
        "resume_at": progress.resume_at.isoformat() if progress.state == "paused" else None,
        "items": [
            {
                "id": item.pk,
                "status": item.status,
                "status_label": str(item.get_status_display()),
                "suggestion": item.suggestion,
                "error": item.error,
                "retryable": item.retryable,
            }
            for item in job.items.all()
        ],
    }


def job_status_view(request, pk: int):
    job = ImageDescriptionJob.objects.filter(pk=pk).first()
    allowed = can_describe_in_bulk(request.user) and (
        job is not None and (job.created_by_id == request.user.pk or request.user.is_superuser)
    )
    if not allowed:
        return error_response(PermissionDenied_(_("You cannot see this job.")))
    return JsonResponse(job_status(job))
