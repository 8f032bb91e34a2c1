"""The usage ledger: one row per AI request, whatever its outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UsageRecord(models.Model):
    """What one request cost and how it ended.

    Editor content (``prompt``/``answer``) is only stored when the
    ``STORE_CONTENT`` setting is on.
    """

    class Outcome(models.TextChoices):
        OK = "ok", _("Answered")
        LIMITED = "limited", _("Refused by a limit")
        ERROR = "error", _("Failed")
        #: The editor stopped the answer (closed the stream); not a failure.
        STOPPED = "stopped", _("Stopped by the editor")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=64, db_index=True)
    prompt_version = models.CharField(max_length=32, blank=True)
    backend = models.CharField(max_length=64, blank=True)
    model = models.CharField(max_length=128, blank=True)
    streamed = models.BooleanField(default=False)
    candidates = models.PositiveSmallIntegerField(default=1)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    #: What the provider call would have cost, for cache hits ("money saved").
    cost_saved = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    latency_ms = models.PositiveIntegerField(default=0)
    cache_hit = models.BooleanField(default=False)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, db_index=True)
    #: The stable error code (``rate_limited``, ``provider_timeout``…) when not ok.
    error_code = models.CharField(max_length=64, blank=True)
    prompt = models.TextField(blank=True)
    answer = models.TextField(blank=True)

    class Meta:
        verbose_name = _("AI usage record")
        verbose_name_plural = _("AI usage records")
        ordering = ["-created_at"]
        permissions = [
            ("use_ai", _("Can use AI assistance")),
            ("reset_ai_quota", _("Can reset AI quotas")),
        ]

    def __str__(self) -> str:
        when = f"{self.created_at:%Y-%m-%d %H:%M}"
        return f"{self.action} by {self.user_id} at {when} ({self.outcome})"
