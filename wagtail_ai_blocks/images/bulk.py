"""Bulk descriptions: start a job, run its items as tasks, review, approve.

Every image is one task (:func:`.tasks.describe_image`), so any number of workers share a
job and one image's failure never stops the others. Each task asks the generation service
as the job's creator, so the cache, rate limits, budgets and the ledger apply as they do in
the editor. A limit or budget that refuses a call pauses the job: its tasks are deferred
(``run_after``) until the time the limit gives, and no provider call is made meanwhile.
Nothing is written to an image until an editor approves its description.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_ai_blocks.exceptions import AIBlocksError, PermissionDenied, RateLimited
from wagtail_ai_blocks.images.access import can_change_image, image_context
from wagtail_ai_blocks.images.models import ImageDescriptionItem, ImageDescriptionJob
from wagtail_ai_blocks.images.vision import image_input
from wagtail_ai_blocks.prompts import FieldInfo

logger = logging.getLogger(__name__)

Status = ImageDescriptionItem.Status
ACTION = "image_description"
#: Errors worth trying again later (the provider, a timeout, the network).
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class Progress:
    """A job's counts, as the progress bar and the status endpoint show them."""

    total: int
    counts: dict[str, int]
    resume_at: datetime | None
    pause_reason: str

    @property
    def processed(self) -> int:
        return self.total - self.counts.get(Status.PENDING, 0) - self.counts.get(Status.WORKING, 0)

    @property
    def percent(self) -> int:
        return 100 if not self.total else (100 * self.processed) // self.total

    @property
    def state(self) -> str:
        """``running``, ``paused`` or ``finished`` (every image answered or failed)."""
        if self.processed == self.total:
            return "finished"
        if self.resume_at is not None and self.resume_at > timezone.now():
            return "paused"
        return "running"


def progress(job: ImageDescriptionJob) -> Progress:
    rows = job.items.values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    job.refresh_from_db(fields=["resume_at", "pause_reason"])
    return Progress(sum(counts.values()), counts, job.resume_at, job.pause_reason)


# -- starting and running ---------------------------------------------------------------


def start_job(user: Any, images: Iterable[Any]) -> ImageDescriptionJob:
    """A job for the ``images`` ``user`` may change, with one task per image."""
    images = [image for image in images if can_change_image(user, image)]
    if not images:
        raise PermissionDenied(_("Select at least one image you may change."))
    with transaction.atomic():
        job = ImageDescriptionJob.objects.create(created_by=user)
        items = ImageDescriptionItem.objects.bulk_create(
            ImageDescriptionItem(job=job, image=image) for image in images
        )
    for item in items:
        _enqueue(item.pk)
    return job


def _enqueue(item_id: int, run_after: datetime | None = None) -> None:
    from wagtail_ai_blocks.images.tasks import describe_image

    runner = describe_image.using(run_after=run_after) if run_after else describe_image
    runner.enqueue(item_id)


def run_item(item_id: int) -> str:
    """Describe one item's image (the task's body); returns what happened."""
    item = ImageDescriptionItem.objects.select_related("job", "image").filter(pk=item_id).first()
    if item is None or item.status != Status.PENDING:
        return "skipped"
    job = item.job
    if job.is_paused():
        # Another task hit the limit: wait with it, without asking the provider.
        _enqueue(item.pk, run_after=job.resume_at)
        return "deferred"
    claimed = ImageDescriptionItem.objects.filter(pk=item.pk, status=Status.PENDING).update(
        status=Status.WORKING, attempts=item.attempts + 1
    )
    if not claimed:
        return "skipped"
    try:
        text = _describe(job, item.image)
    except RateLimited as exc:
        resume_at = timezone.now() + timedelta(seconds=exc.retry_after)
        _pause(job, resume_at, exc.message)
        ImageDescriptionItem.objects.filter(pk=item.pk).update(status=Status.PENDING)
        _enqueue(item.pk, run_after=resume_at)
        return "paused"
    except AIBlocksError as exc:
        _fail(item, exc.message, retryable=exc.status in RETRYABLE_STATUSES)
        return "failed"
    except Exception:
        logger.exception("Describing an image failed", extra={"image_id": item.image_id})
        _fail(item, _("Something went wrong. Try again in a moment."), retryable=True)
        return "failed"
    ImageDescriptionItem.objects.filter(pk=item.pk).update(
        status=Status.SUGGESTED, suggestion=text, error="", retryable=False
    )
    _resume(job)
    return "suggested"


def _describe(job: ImageDescriptionJob, image: Any) -> str:
    from wagtail_ai_blocks.service import GenerationRequest, GenerationService

    user = job.created_by
    if user is None or not can_change_image(user, image):
        raise PermissionDenied(_("You do not have permission to change this image."))
    field = image._meta.get_field("description")
    request = GenerationRequest(
        user=user,
        action=ACTION,
        context=image_context(image, {}),
        field=FieldInfo(name="description", max_length=field.max_length),
        candidates=1,
        image=image_input(image),
    )
    result = GenerationService().generate(request)
    return result.candidates[0].text


def _pause(job: ImageDescriptionJob, resume_at: datetime, reason: str) -> None:
    # Several workers may hit the limit at once: the latest resume time wins.
    ImageDescriptionJob.objects.filter(pk=job.pk).filter(
        Q(resume_at__isnull=True) | Q(resume_at__lt=resume_at)
    ).update(resume_at=resume_at, pause_reason=reason[:255])


def _resume(job: ImageDescriptionJob) -> None:
    ImageDescriptionJob.objects.filter(pk=job.pk, resume_at__lte=timezone.now()).update(
        resume_at=None, pause_reason=""
    )


def _fail(item: ImageDescriptionItem, message: str, *, retryable: bool) -> None:
    ImageDescriptionItem.objects.filter(pk=item.pk).update(
        status=Status.FAILED, error=message[:255], retryable=retryable
    )


# -- review -----------------------------------------------------------------------------


def retry(user: Any, items: Iterable[ImageDescriptionItem]) -> int:
    """Queue failed, retryable items again."""
    count = 0
    for item in items:
        if item.status == Status.FAILED and item.retryable and can_change_image(user, item.image):
            ImageDescriptionItem.objects.filter(pk=item.pk).update(
                status=Status.PENDING, error="", retryable=False
            )
            _enqueue(item.pk)
            count += 1
    return count


def approve(user: Any, item: ImageDescriptionItem, text: str | None = None) -> bool:
    """Write the (possibly edited) description to the image; ``False`` if not allowed."""
    if item.status != Status.SUGGESTED or not can_change_image(user, item.image):
        return False
    image = item.image
    max_length = image._meta.get_field("description").max_length
    description = (text if text is not None else item.suggestion).strip()[:max_length]
    if not description:
        return False
    with transaction.atomic():
        image.description = description
        image.save(update_fields=["description"])
        item.suggestion = description
        item.status = Status.APPROVED
        item.save(update_fields=["suggestion", "status", "updated_at"])
    return True


def reject(user: Any, item: ImageDescriptionItem) -> bool:
    if item.status not in (Status.SUGGESTED, Status.FAILED):
        return False
    if not can_change_image(user, item.image):
        return False
    item.status = Status.REJECTED
    item.save(update_fields=["status", "updated_at"])
    return True
