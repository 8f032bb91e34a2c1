"""Bulk description jobs: one job, one item per image, nothing written before approval."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string

BULK_PERMISSION = "wagtail_ai_blocks.describe_images_in_bulk"


class ImageDescriptionJob(models.Model):
    """Descriptions asked for a set of images, run as background tasks.

    Its state is derived from its items (see :attr:`state`); ``resume_at`` is set while a
    rate limit or budget holds the job back, with ``pause_reason`` saying which.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resume_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image description job")
        verbose_name_plural = _("image description jobs")
        permissions = [("describe_images_in_bulk", _("Can describe images in bulk with AI"))]

    def __str__(self) -> str:
        return str(_("Image descriptions %(date)s") % {"date": self.created_at})

    def is_paused(self, now=None) -> bool:
        return self.resume_at is not None and self.resume_at > (now or timezone.now())


class ImageDescriptionItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        WORKING = "working", _("Describing")
        SUGGESTED = "suggested", _("To review")
        FAILED = "failed", _("Failed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    #: Still to be asked of the model.
    OPEN = (Status.PENDING, Status.WORKING)

    job = models.ForeignKey(ImageDescriptionJob, on_delete=models.CASCADE, related_name="items")
    image = models.ForeignKey(get_image_model_string(), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    suggestion = models.TextField(blank=True)
    error = models.CharField(max_length=255, blank=True)
    retryable = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "image"], name="wab_one_item_per_image")
        ]
        verbose_name = _("image description")
        verbose_name_plural = _("image descriptions")

    def __str__(self) -> str:
        return f"{self.image_id}: {self.status}"
