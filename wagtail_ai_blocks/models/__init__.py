"""Models, one module per concern, re-exported here."""

from wagtail_ai_blocks.models.rate_limits import RateLimitCounter
from wagtail_ai_blocks.models.usage import UsageRecord

__all__ = ["RateLimitCounter", "UsageRecord"]
