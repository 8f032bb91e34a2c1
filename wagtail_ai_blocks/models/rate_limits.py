"""The database fallback for rate-limit counters and budget accumulators.

Used by :class:`wagtail_ai_blocks.limits.storage.database.DatabaseStorage` when the
limiter cache alias is not Redis or local memory (file, database and memcached
caches cannot count atomically, so the limiter counts in the database instead).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """One rate-limit window (a sliding log) or one budget counter.

    ``count`` is a number of calls for rate-limit keys (``wab:rl:…``) and an amount
    of money in micro-units (millionths of the currency of ``PRICES``) for budget
    keys (``wab:budget:…``), so money adds up exactly with integer arithmetic.
    A row whose ``expires_at`` has passed counts as zero; expired rows are reused
    in place and purged from time to time.
    """

    key = models.CharField(_("key"), max_length=255, unique=True)
    count = models.BigIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    #: Sliding-window keys (``wab:rl:v2:…``): the calls of the window as JSON
    #: ``[[epoch ms, calls, token], …]``; ``count`` is their sum.
    log = models.TextField(_("log"), blank=True, default="")

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")

    def __str__(self) -> str:
        return f"{self.key} = {self.count}"
