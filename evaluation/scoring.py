"""Automatic checks of one answer, and the summary of a run.

An answer is *acceptable* when it passes every check that applies to its case:

``not_empty``   something was offered
``no_chat``     no chat reply, comment on the text, advice list or emoji
``shorter``     (shorten) shorter than the source
``links_kept``  (rich text) every link of the source is still there
``fits``        (fields) within the field's ``max_length``
``finished``    (rewrites) ends a sentence where the source did
``faithful``    (rewrites that keep content) most words come from the source
``no_repeats``  does not say the same five words twice
``not_copied``  does not copy the small prompt profile's worked example (the texts
                of ``wagtail_ai_blocks.prompts.small``: no answer to these cases,
                from any model, should contain them)

The checks are :func:`wagtail_ai_blocks.answer_check.problems` (the ones the service
uses to drop unusable answers) plus ``links_kept``.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from wagtail_ai_blocks.answer_check import problems
from wagtail_ai_blocks.prompts import get_action
from wagtail_ai_blocks.prompts.small import example_texts
from wagtail_ai_blocks.richtext import html_to_text, lost_entities

CHECKS = (
    "not_empty",
    "no_chat",
    "shorter",
    "links_kept",
    "fits",
    "finished",
    "faithful",
    "no_repeats",
    "not_copied",
)
_PROBLEM_CHECK = {
    "empty": "not_empty",
    "chat": "no_chat",
    "list": "no_chat",
    "not_shorter": "shorter",
    "too_long": "fits",
    "unfinished": "finished",
    "invented": "faithful",
    "repeated": "no_repeats",
    "copied": "not_copied",
}
_LINK_KINDS = ("link:", "page:", "document:")


@dataclass
class Result:
    """One case's outcome: what was offered (or the error code), its checks, timing."""

    case_id: str
    action: str
    answer: str = ""
    error: str = ""
    checks: dict[str, bool] = field(default_factory=dict)
    seconds: float = 0.0
    #: CPU time this process spent on the case (llama.cpp's threads included): about
    #: what the case takes on an idle machine with one llama.cpp thread.
    cpu_seconds: float = 0.0
    #: For rewrites: the answer's length as a share of the source's (plain text).
    length_ratio: float | None = None
    #: For rewrites: the answer is the source itself (spacing and case aside).
    unchanged: bool = False

    @property
    def acceptable(self) -> bool:
        return not self.error and all(self.checks.values())


def check_answer(
    action_id: str,
    source: str,
    fmt: str,
    *,
    text: str,
    html: str | None = None,
    max_length: int | None = None,
    given: str = "",
) -> dict[str, bool]:
    """The checks that apply to this answer, each ``True`` when passed. ``given`` is
    the rest of what the case gives the model (its page context)."""
    action = get_action(action_id)
    source_text = html_to_text(source) if fmt == "html" else source
    found = problems(
        action,
        text,
        source_text,
        max_length=max_length,
        given=given,
        examples=example_texts(action_id),
    )
    checks = {"not_empty": True, "no_chat": True, "no_repeats": True, "not_copied": True}
    if action_id == "shorten":
        checks["shorter"] = True
    if max_length:
        checks["fits"] = True
    if action.kind == "rewrite":
        checks["finished"] = True
        checks["faithful"] = True
    for problem in found:
        checks[_PROBLEM_CHECK[problem]] = False
    if fmt == "html" and any(ref.startswith(_LINK_KINDS) for ref in lost_entities(source, "")):
        lost = lost_entities(source, html or "")
        checks["links_kept"] = not any(ref.startswith(_LINK_KINDS) for ref in lost)
    return checks


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def quantile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank: an observed value)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


#: The rewrites of a selection, summed up in their own row (the latency target's subject).
REWRITE_ACTIONS = ("shorten", "fix_grammar", "simplify")


def summary(results: list[Result]) -> list[tuple[str, ...]]:
    """Rows per action, for the rewrites together and in total: cases, acceptable,
    refused, p50, p90 and max seconds, and the p50 of CPU seconds."""
    rows = []
    actions = sorted({r.action for r in results}, key=[r.action for r in results].index)
    rewrites = [r for r in results if r.action in REWRITE_ACTIONS]
    groups = [(a, [r for r in results if r.action == a]) for a in actions]
    if rewrites and len(rewrites) < len(results):
        groups.append(("rewrites", rewrites))
    for name, group in [*groups, ("all", results)]:
        times = [r.seconds for r in group]
        cpu = [r.cpu_seconds for r in group]
        rows.append(
            (
                name,
                str(len(group)),
                percent(sum(r.acceptable for r in group), len(group)),
                percent(sum(bool(r.error) for r in group), len(group)),
                f"{statistics.median(times):.2f}" if times else "-",
                f"{quantile(times, 0.9):.2f}" if times else "-",
                f"{max(times):.2f}" if times else "-",
                f"{statistics.median(cpu):.2f}" if cpu else "-",
            )
        )
    return rows


def check_rates(results: list[Result]) -> dict[str, str]:
    """For each check, the share of answered cases it applies to that pass it."""
    rates = {}
    for check in CHECKS:
        applied = [r.checks[check] for r in results if not r.error and check in r.checks]
        rates[check] = percent(sum(applied), len(applied))
    return rates


def rewrite_effort(results: list[Result]) -> dict[str, tuple[str, int, int]]:
    """Per rewrite action: the median length of its answers as a share of the source's,
    how many answers were the source unchanged, and how many were answered. The
    checks accept an answer that changed little; this says how much did change."""
    effort = {}
    for action in sorted({r.action for r in results if r.length_ratio is not None}):
        answered = [r for r in results if r.action == action and r.length_ratio is not None]
        ratio = statistics.median(r.length_ratio for r in answered)
        effort[action] = (f"{ratio:.2f}", sum(r.unchanged for r in answered), len(answered))
    return effort
