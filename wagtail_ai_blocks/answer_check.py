"""Is an answer a usable suggestion? The shape checks, shared by the service and the
evaluation set.

A small model asked to shorten a paragraph often answers with a chat reply ("I'm ready
to help you edit…"), a list of writing advice, or a text longer than the source.
:func:`problems` names what is wrong with one cleaned answer, as stable codes:

``empty``               nothing left after cleaning
``chat``                a chat reply or comment about the text, not the text
``list``                a list where the source had none (advice, options)
``not_shorter``         a shortening that is not shorter than its source
``too_long``            longer than the field's ``max_length``
``unfinished``          stops mid-sentence where the source ended a sentence
``invented``            a rewrite whose words are mostly not the source's

The service drops candidates with problems and asks once more; the evaluation
(``python -m evaluation``) scores answers with the same function.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wagtail_ai_blocks.prompts.actions import Action

__all__ = ["SHORTENING_ACTIONS", "novel_word_ratio", "problems"]

#: Rewrites whose answer must be shorter than the source.
SHORTENING_ACTIONS = frozenset({"shorten", "summarize"})
#: Rewrites that keep the source's content: most answer words must come from it.
#: (threshold: the share of new content words above which an answer is ``invented``)
FAITHFUL_ACTIONS = {
    "shorten": 0.5,
    "summarize": 0.5,
    "fix_grammar": 0.4,
    "simplify": 0.7,
    "improve": 0.7,
}

_CHAT_OPENING_RE = re.compile(
    r"^\W*(?:i['\u2019]m|i am|i['\u2019]ll|i will|i['\u2019]ve|i have|i can|i['\u2019]d|i would"
    r"|i think|i hope|sure|certainly|of course|absolutely|great|awesome|wow|thanks?\b"
    r"|thank you|hello|hi|hey|yes|no problem|as an ai|here['\u2019]s|here is|here are"
    r"|you['\u2019]re|you are|let['\u2019]s|let me|okay|ok|glad|happy to|what a|welcome"
    r"|congratulations|good (?:job|question|idea))\b",
    re.IGNORECASE,
)
_META_RE = re.compile(
    r"\b(?:the (?:given|original|input|above|provided|following|revised|rewritten)"
    r" (?:text|sentence|paragraph|version)|this (?:text|sentence|paragraph)|revised version"
    r"|rewritten version|let me know|feel free|hope this helps|as an ai|language model"
    r"|your (?:text|writing|sentence|paragraph|essay)|i (?:made|changed|removed|added)"
    r"|(?:here|below) (?:is|are) (?:a|the|some))\b",
    re.IGNORECASE,
)
_LIST_LINE_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+\S", re.MULTILINE)
_EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "\u201d", ")", "\u2026")


def _stem(word: str) -> str:
    word = word.casefold()
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def novel_word_ratio(answer: str, source: str) -> float:
    """The share of the answer's content words (four letters or more) that the source
    does not have, comparing rough stems (``grows`` matches ``growing``)."""
    words = [_stem(word) for word in _WORD_RE.findall(answer)]
    if not words:
        return 0.0
    known = {_stem(word) for word in _WORD_RE.findall(source)}
    return sum(word not in known for word in words) / len(words)


def _starts_like(answer: str, source: str) -> bool:
    """Whether the answer opens with the source's own first words (then a chat-like
    opening is the editor's, not the model's)."""
    first = answer.split()[:2]
    return bool(first) and source.casefold().split()[:2] == [w.casefold() for w in first]


def problems(
    action: Action,
    answer: str,
    source: str = "",
    *,
    max_length: int | None = None,
) -> list[str]:
    """What makes ``answer`` (cleaned plain text) unusable for ``action``; ``[]`` if
    nothing. ``source`` is the plain text it was made from (the selection, or the
    field's current value); ``max_length`` the field's limit, if any."""
    text = answer.strip()
    if not text:
        return ["empty"]
    found: list[str] = []
    source = source.strip()
    chat = _CHAT_OPENING_RE.match(text) and not _starts_like(text, source)
    meta = (match := _META_RE.search(text)) and match.group(0).casefold() not in source.casefold()
    emoji = _EMOJI_RE.search(text) and not _EMOJI_RE.search(source)
    if chat or meta or emoji:
        found.append("chat")
    if len(_LIST_LINE_RE.findall(text)) >= 2 and not _LIST_LINE_RE.search(source):
        found.append("list")
    if max_length is not None and len(text) > max_length:
        found.append("too_long")
    if action.kind == "rewrite" and source:
        if action.id in SHORTENING_ACTIONS and len(text) >= len(source):
            found.append("not_shorter")
        if source.endswith(_SENTENCE_END) and not text.endswith(_SENTENCE_END):
            found.append("unfinished")
        threshold = FAITHFUL_ACTIONS.get(action.id)
        if threshold is not None and novel_word_ratio(text, source) > threshold:
            found.append("invented")
    return found
