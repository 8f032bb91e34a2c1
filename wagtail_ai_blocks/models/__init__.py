"""Models, one module per concern, re-exported here."""

from wagtail_ai_blocks.images.models import ImageDescriptionItem, ImageDescriptionJob
from wagtail_ai_blocks.library.models import AIPrompt, AIPromptVersion, AISiteSettings
from wagtail_ai_blocks.models.rate_limits import RateLimitCounter
from wagtail_ai_blocks.models.usage import UsageRecord
from wagtail_ai_blocks.quotas.models import AILimitSettings, GroupAILimit
from wagtail_ai_blocks.related.models import PageEmbedding

__all__ = [
    "AILimitSettings",
    "AIPrompt",
    "AIPromptVersion",
    "AISiteSettings",
    "GroupAILimit",
    "ImageDescriptionItem",
    "ImageDescriptionJob",
    "PageEmbedding",
    "RateLimitCounter",
    "UsageRecord",
]
