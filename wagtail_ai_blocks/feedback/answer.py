"""Reading the model's review: parse, validate, and find each improvement on the page.

:func:`parse_review` turns the answer into a :class:`Review` or raises
:class:`InvalidReview` saying what was wrong (the service asks once more). Each
improvement is then located: the page segment whose text contains its ``original``
gives the field to show and change; an improvement whose original text is not on
the page (the model paraphrased) is dropped rather than offered as a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wagtail_ai_blocks.feedback.action import MAX_IMPROVEMENTS, MAX_OBSERVATIONS, SCORES
from wagtail_ai_blocks.feedback.content import Segment
from wagtail_ai_blocks.feedback.suggestion import suggestion_contentstate

_FENCE_RE = re.compile(r"^```[a-zA-Z]*\s*\n?(.*?)\n?```\s*$", re.DOTALL)
_SPACE_RE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


class InvalidReview(ValueError):
    """The answer is not a review; ``str(exc)`` says why (logged, not shown)."""


@dataclass(frozen=True)
class Improvement:
    original: str
    suggested: str
    why: str
    #: The input name of the field holding ``original`` (``""`` until located).
    field: str = ""
    label: str = ""
    format: str = "text"
    #: For rich text: ``suggested`` as Draftail contentstate, the original's links and
    #: bold kept (:mod:`wagtail_ai_blocks.feedback.suggestion`); the browser applies it.
    contentstate: dict | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "suggested": self.suggested,
            "why": self.why,
            "field": self.field,
            "label": self.label,
            "format": self.format,
            "contentstate": self.contentstate,
        }


@dataclass(frozen=True)
class Review:
    score: str
    observations: tuple[str, ...]
    improvements: tuple[Improvement, ...]


def parse_review(answer: str) -> Review:
    """The review in ``answer`` (JSON, possibly fenced or with chatter around it)."""
    data = _load_json(answer)
    if not isinstance(data, Mapping):
        raise InvalidReview("the answer is not a JSON object")
    score = data.get("score")
    if score not in SCORES:
        raise InvalidReview(f"score must be one of {', '.join(SCORES)}")
    observations = data.get("observations")
    if not isinstance(observations, list) or not all(isinstance(o, str) for o in observations):
        raise InvalidReview("observations must be a list of strings")
    kept = [o.strip() for o in observations if o.strip()]
    if not kept:
        raise InvalidReview("observations is empty")
    improvements = data.get("improvements")
    if not isinstance(improvements, list):
        raise InvalidReview("improvements must be a list")
    parsed = []
    for index, item in enumerate(improvements):
        if not isinstance(item, Mapping) or not all(
            isinstance(item.get(key), str) for key in ("original", "suggested", "why")
        ):
            raise InvalidReview(f"improvements[{index}] needs original, suggested and why")
        parsed.append(
            Improvement(item["original"].strip(), item["suggested"].strip(), item["why"].strip())
        )
    return Review(score, tuple(kept[:MAX_OBSERVATIONS]), tuple(parsed))


def locate(review: Review, segments: Iterable[Segment]) -> Review:
    """Keep the improvements whose original text is on the page, with their field."""
    segments = tuple(segments)
    located = []
    for improvement in review.improvements:
        if not improvement.original or _normal(improvement.original) == _normal(
            improvement.suggested
        ):
            continue
        segment = find_segment(improvement.original, segments)
        if segment is None:
            continue
        located.append(
            Improvement(
                improvement.original,
                improvement.suggested,
                improvement.why,
                field=segment.name,
                label=segment.label,
                format=segment.format,
                contentstate=(
                    suggestion_contentstate(
                        improvement.original, improvement.suggested, segment.html
                    )
                    if segment.format == "html"
                    else None
                ),
            )
        )
    return Review(review.score, review.observations, tuple(located[:MAX_IMPROVEMENTS]))


def find_segment(original: str, segments: Iterable[Segment]) -> Segment | None:
    """The first segment containing ``original`` (spaces and curly quotes ignored)."""
    wanted = _normal(original)
    for segment in segments:
        if wanted in _normal(segment.text):
            return segment
    return None


def _normal(text: str) -> str:
    return _SPACE_RE.sub(" ", text.translate(_QUOTES)).strip()


def _load_json(answer: str) -> Any:
    text = answer.strip()
    fenced = _FENCE_RE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end <= start:
        raise InvalidReview("the answer holds no JSON object")
    try:
        return json.loads(text[start : end + 1])
    except ValueError as exc:
        raise InvalidReview(f"the answer is not valid JSON ({exc.msg})") from exc
