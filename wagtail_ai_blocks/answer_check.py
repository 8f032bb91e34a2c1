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
``repeated``            says the same five words twice (a small model looping); a title
                        the same two words, or the same part on both sides of a colon
``copied``              copies words of the prompt's worked example the editor never gave

The service drops candidates with problems and asks once more; the evaluation
(``python -m evaluation``) scores answers with the same function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wagtail_ai_blocks.prompts.actions import Action

__all__ = ["SHORTENING_ACTIONS", "copied_phrase", "novel_word_ratio", "problems", "repeated_phrase"]

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
    r"|(?:here|below) (?:is|are) (?:a|the|some)|(?:how|what) can i|can i help|i can help)\b",
    re.IGNORECASE,
)
_LIST_LINE_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+\S", re.MULTILINE)
_EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_NGRAM_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
#: Words in a row that make a repetition (in a title, fewer: "Cycling to Work: Cycling
#: to Work"), or a phrase copied from a worked example.
REPEAT_WORDS = 5
HEADLINE_REPEAT_WORDS = 2
COPY_WORDS = 4
_SEGMENT_RE = re.compile(r"\s*(?:[:|\u2013\u2014]|\s-\s)\s*")
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


def _ngrams(text: str, size: int) -> list[tuple[str, ...]]:
    words = [word.casefold() for word in _NGRAM_WORD_RE.findall(text)]
    return [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]


def repeated_phrase(answer: str, *sources: str, size: int = REPEAT_WORDS) -> str:
    """The first ``size`` words in a row that ``answer`` says twice and none of
    ``sources`` did; ``""`` if none."""
    seen: set[tuple[str, ...]] = set()
    grams = [_ngrams(source, size) for source in sources]
    for gram in _ngrams(answer, size):
        if gram in seen and all(in_source.count(gram) < 2 for in_source in grams):
            return " ".join(gram)
        seen.add(gram)
    return ""


def copied_phrase(answer: str, examples: Iterable[str], given: str = "") -> str:
    """The first :data:`COPY_WORDS` words in a row that ``answer`` shares with one of
    ``examples`` (a worked example's texts) and that ``given`` (what the editor gave:
    the source, the page) does not have, with a word of four letters or more that
    ``given`` lacks; ``""`` if none. A small model that runs out of ideas repeats its
    example ("…Opening Hours and Lending" for a bakery)."""
    example_grams = {gram for text in examples for gram in _ngrams(text, COPY_WORDS)}
    if not example_grams:
        return ""
    given_grams = set(_ngrams(given, COPY_WORDS))
    given_words = {_stem(word) for word in _WORD_RE.findall(given)}
    for gram in _ngrams(answer, COPY_WORDS):
        if (
            gram in example_grams
            and gram not in given_grams
            and any(_stem(word) not in given_words for word in gram if _WORD_RE.fullmatch(word))
        ):
            return " ".join(gram)
    return ""


def _repeats(action: Action, text: str, source: str, given: str) -> bool:
    if action.shape != "headline":
        return bool(repeated_phrase(text, source, given))
    segments = [" ".join(part.casefold().split()) for part in _SEGMENT_RE.split(text)]
    segments = [part for part in segments if part]
    return len(set(segments)) < len(segments) or bool(
        repeated_phrase(text, source, given, size=HEADLINE_REPEAT_WORDS)
    )


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
    given: str = "",
    examples: Iterable[str] = (),
) -> list[str]:
    """What makes ``answer`` (cleaned plain text) unusable for ``action``; ``[]`` if
    nothing. ``source`` is the plain text it was made from (the selection, or the
    field's current value); ``max_length`` the field's limit, if any; ``given``
    anything else the model was given to work from (the page, for a field);
    ``examples`` the texts of the prompt's worked examples, which an answer must not
    copy."""
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
    if _repeats(action, text, source, given):
        found.append("repeated")
    if copied_phrase(text, examples, f"{source}\n{given}"):
        found.append("copied")
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
