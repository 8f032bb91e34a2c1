"""The page review action: its prompt and the JSON schema of its answer.

The review is an ordinary registered action of kind ``page`` (so the prompt library
can override it, a site can hide it, and it goes through the generation service with
its cache, limits, budgets and ledger); its answer is JSON following
:data:`REVIEW_SCHEMA`, which backends enforce where they can (structured output) and
:mod:`wagtail_ai_blocks.feedback.answer` validates in every case.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks.prompts.actions import Action

REVIEW_ACTION_ID = "review_page"

SCORES = ("needs_work", "adequate", "excellent")
MIN_OBSERVATIONS = 3
MAX_OBSERVATIONS = 5
MAX_IMPROVEMENTS = 5

_TEXT = {"type": "string"}

#: What the model must answer. Strict-mode compatible (every property required, no
#: extra properties); counts are asked for in the prompt and checked on our side.
REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "score": {"type": "string", "enum": list(SCORES)},
        "observations": {"type": "array", "items": _TEXT},
        "improvements": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"original": _TEXT, "suggested": _TEXT, "why": _TEXT},
                "required": ["original", "suggested", "why"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["score", "observations", "improvements"],
    "additionalProperties": False,
}

#: The task; criteria of the site follow it (Settings → AI assistance).
REVIEW_TASK = (
    "Review the web page in the TEXT block as an experienced editor. Each part of the "
    "page starts with a line such as ### Title. Give:\n"
    '- "score": "needs_work", "adequate" or "excellent";\n'
    f'- "observations": {MIN_OBSERVATIONS} to {MAX_OBSERVATIONS} short sentences on what '
    "works and what does not (clarity, structure, tone, completeness);\n"
    f'- "improvements": up to {MAX_IMPROVEMENTS} specific changes. In each, "original" is '
    "a sentence or phrase copied exactly, character for character, from one part of the "
    'page; "suggested" is the text to replace it with; "why" says in one sentence what '
    "it improves. Keep facts, names and numbers."
)

REVIEW_PAGE = Action(
    id=REVIEW_ACTION_ID,
    label=_("Review with AI"),
    description=_("A score, observations and specific improvements for the whole page."),
    version=1,
    kind="page",
    system_prompt=REVIEW_TASK,
    temperature=0.2,
    max_tokens=1500,
    # A review is as long as its findings, not a multiple of the page's length.
    output_ratio=None,
    formats=("text",),
    response_schema=REVIEW_SCHEMA,
)
