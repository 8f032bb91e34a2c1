"""The candidates an answer offers, and which answers are worth offering.

:func:`build_candidates` turns a backend's answers into :class:`Candidate` values:
cleaned and fitted (:mod:`wagtail_ai_blocks.postprocess`), converted through Wagtail's
rich text converter, and checked (:mod:`wagtail_ai_blocks.answer_check`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from wagtail_ai_blocks.answer_check import problems
from wagtail_ai_blocks.exceptions import (
    EmptyAnswer,
    NoFittingSuggestion,
    OfflineModelFailed,
    ProviderError,
)
from wagtail_ai_blocks.postprocess import echoes_instructions, postprocess_candidates
from wagtail_ai_blocks.prompts import FieldInfo
from wagtail_ai_blocks.prompts.small import example_texts
from wagtail_ai_blocks.richtext import html_to_text, lost_entities, to_contentstate, to_editor_html

if TYPE_CHECKING:
    from wagtail_ai_blocks.service import Prepared

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """One answer to offer. For rich text, ``html``/``contentstate`` are the safe forms."""

    text: str
    length: int
    html: str | None = None
    contentstate: dict | None = None
    lost_entities: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "length": self.length,
            "html": self.html,
            "contentstate": self.contentstate,
            "lost_entities": list(self.lost_entities),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Candidate:
        return cls(
            text=data["text"],
            length=data["length"],
            html=data.get("html"),
            contentstate=data.get("contentstate"),
            lost_entities=tuple(data.get("lost_entities", ())),
        )


def build_candidates(prepared: Prepared, answers: tuple[str, ...] | list[str]) -> list[Candidate]:
    """Clean, fit and (for rich text) convert answers through Wagtail's converter, and
    keep those worth offering.

    A candidate longer than the field's limit is dropped (never cut mid-sentence); with
    the small prompt profile so is any answer with a problem of
    :func:`wagtail_ai_blocks.answer_check.problems` (a chat reply, advice, a "shorter"
    text that is not). When nothing is left this raises :class:`NoFittingSuggestion`,
    :class:`OfflineModelFailed` or :class:`EmptyAnswer`.
    """
    request = prepared.request
    field_info = prepared.field
    answers = _without_echoed_instructions(prepared, answers)
    small = prepared.profile == "small"
    plain_answer = small and request.format == "html"
    texts = postprocess_candidates(
        prepared.action,
        answers,
        request.format,
        field_info,
        source=prepared.source or None,
        plain_answer=plain_answer,
    )
    max_length = field_info.max_length if request.format == "text" else None
    source_text = html_to_text(prepared.source) if request.format == "html" else prepared.source
    # What the model was given may be repeated; its worked example may not.
    given = str(prepared.messages[-1]["content"]) if prepared.messages else ""
    examples = example_texts(prepared.action.id) if small else ()
    candidates: list[Candidate] = []
    rejected: set[str] = set()
    # A structured answer (JSON for the page review) is read by its own parser
    # (feedback/answer.py); the checks for prose would find its copied quotes "copied".
    structured = prepared.action.response_schema is not None
    for text in texts:
        candidate = _candidate(prepared, text, field_info)
        found = problems(
            prepared.action,
            candidate.text,
            source_text,
            max_length=max_length,
            given=given,
            examples=examples,
        )
        if structured:
            found = [problem for problem in found if problem == "empty"]
        if not small:
            found = [problem for problem in found if problem in ("too_long", "empty")]
        if found:
            rejected.update(found)
            continue
        candidates.append(candidate)
    if candidates:
        # A small model often drops a link's words: offer first what kept them all.
        return sorted(candidates, key=lambda c: len(c.lost_entities)) if small else candidates
    logger.info(
        "No usable AI answer",
        extra={"ai_action": prepared.action.id, "problems": sorted(rejected)},
    )
    if small:
        raise OfflineModelFailed()
    if "too_long" in rejected:
        raise NoFittingSuggestion(detail={"max_length": max_length})
    raise EmptyAnswer()


def _candidate(prepared: Prepared, text: str, field_info: FieldInfo) -> Candidate:
    if prepared.request.format != "html":
        return Candidate(text=text, length=len(text))
    contentstate = to_contentstate(text, field_info.features, source_html=prepared.source or None)
    html = to_editor_html(contentstate, field_info.features)
    plain = html_to_text(html)
    lost = lost_entities(prepared.source, html) if prepared.source else []
    return Candidate(
        text=plain,
        length=len(plain),
        html=html,
        contentstate=contentstate,
        lost_entities=tuple(lost),
    )


def instructions_of(prepared: Prepared) -> tuple[str, str]:
    """(our instructions, what the editor gave us): an answer may repeat the second,
    never the first. Shared with the stream's echo guard (``streaming.py``)."""
    system = " ".join(str(m["content"]) for m in prepared.messages if m["role"] == "system")
    given = " ".join(str(m["content"]) for m in prepared.messages if m["role"] != "system")
    given += " " + str(prepared.request.params.get("instruction") or "")
    return system, given


def echo_refused(prepared: Prepared) -> ProviderError:
    """The error for an answer that repeated its instructions (logged here)."""
    logger.warning(
        "AI answer repeated its instructions; not offered",
        extra={"ai_action": prepared.action.id},
    )
    return ProviderError(_("The AI service answered with its instructions. Try again."))


def _without_echoed_instructions(prepared: Prepared, answers) -> list[str]:
    """Drop answers that repeat our system prompt: never offered as field content."""
    system, given = instructions_of(prepared)
    kept = [answer for answer in answers if not echoes_instructions(answer, system, given)]
    if answers and not kept:
        raise echo_refused(prepared)
    return kept
