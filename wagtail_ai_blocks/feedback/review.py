"""Reviewing a page: its current text through the generation service, read as a review.

One request to :class:`~wagtail_ai_blocks.service.GenerationService` (so the cache,
rate limits, budgets and usage ledger apply; the ledger's action is ``review_page``).
An answer that is not a valid review is asked for once more, bypassing the cache
(``refresh``), so a bad answer never stays cached; a second bad answer is an
:class:`~wagtail_ai_blocks.exceptions.InvalidAnswer` (502) the editor can read.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import BadRequest, InvalidAnswer
from wagtail_ai_blocks.feedback.action import REVIEW_ACTION_ID
from wagtail_ai_blocks.feedback.answer import InvalidReview, Review, locate, parse_review
from wagtail_ai_blocks.feedback.content import PageContent
from wagtail_ai_blocks.service import (
    GenerationRequest,
    GenerationResult,
    GenerationService,
    quota_dict,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageReview:
    """A located review and how it was answered."""

    review: Review
    result: GenerationResult
    #: Whether the page was longer than ``MAX_TEXT_CHARS`` (only its start was reviewed).
    truncated: bool
    attempts: int

    def as_dict(self) -> dict[str, Any]:
        """The ``ReviewOut`` shape (``feedback/api.py``; ``frontend/src/review/types.ts``)."""
        return {
            "score": self.review.score,
            "observations": list(self.review.observations),
            "improvements": [item.as_dict() for item in self.review.improvements],
            "truncated": self.truncated,
            "backend": self.result.backend,
            "model": self.result.model,
            "cache": self.result.cache,
            "quota": quota_dict(self.result.quota),
        }


def review_page(
    content: PageContent,
    *,
    user: Any,
    site_id: int | None = None,
    refresh: bool = False,
    service: GenerationService | None = None,
) -> PageReview:
    """Review ``content`` for ``user``; raises ``AIBlocksError`` subclasses."""
    if not content.segments:
        raise BadRequest(_("The page has no text to review yet."), detail={"field": "form"})
    service = service or GenerationService()
    text, truncated = content.as_prompt_text(conf.get("MAX_TEXT_CHARS"))
    request = GenerationRequest(
        user=user,
        action=REVIEW_ACTION_ID,
        text=text,
        context=content.context(),
        site_id=site_id,
        refresh=refresh,
    )
    result = service.generate(request)
    attempts = 1
    try:
        review = parse_review(_answer_text(result))
    except InvalidReview as first:
        logger.warning(
            "AI page review was not valid; asking again",
            extra={"ai_action": REVIEW_ACTION_ID, "ai_problem": str(first)},
        )
        result = service.generate(dataclasses.replace(request, refresh=True))
        attempts = 2
        try:
            review = parse_review(_answer_text(result))
        except InvalidReview as second:
            logger.warning(
                "AI page review was not valid twice",
                extra={"ai_action": REVIEW_ACTION_ID, "ai_problem": str(second)},
            )
            raise InvalidAnswer(detail={"problem": str(second)}) from second
    return PageReview(locate(review, content.segments), result, truncated, attempts)


def _answer_text(result: GenerationResult) -> str:
    if result.raw:
        return result.raw
    return result.candidates[0].text if result.candidates else ""
