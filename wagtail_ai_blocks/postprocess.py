"""Turning a model's answer into what goes into the field.

Models wrap answers in chatter ("Sure! Here is the rewritten text:"), quotes,
labels ("Title:") and code fences, whatever the prompt says.
:func:`clean_text` removes those; :func:`fit_length` keeps the complete
sentences that fit a field's maximum length (it never cuts a sentence);
:func:`postprocess` chains them for an action, and
:func:`postprocess_candidates` does the same for several suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.echo import echoes_instructions
from wagtail_ai_blocks.exceptions import EmptyAnswer
from wagtail_ai_blocks.marks import plain_source, restore
from wagtail_ai_blocks.prompts.actions import resolve_max_length
from wagtail_ai_blocks.prompts.blocks import MARKER_RE
from wagtail_ai_blocks.richtext import html_to_text, sanitise_html

if TYPE_CHECKING:
    from wagtail_ai_blocks.prompts.actions import Action, FieldInfo

__all__ = [
    "clean_text",
    "echoes_instructions",
    "fit_length",
    "postprocess",
    "postprocess_candidates",
    "split_candidates",
]

_I = re.IGNORECASE

_FENCE_RE = re.compile(r"^```[^\n`]*\n(.*?)\n?```[ \t]*$", re.DOTALL | re.MULTILINE)

_AFFIRM = (
    r"(?:sure(?: thing)?|certainly|of course|absolutely|okay|ok|great|alright|all right"
    r"|no problem|happy to help|gladly|got it|understood)"
)
_INTRO = (
    r"(?:here(?:['\u2019]s| is| are)|below (?:is|are)|this is|these are|i(?:['\u2019]ve| have)"
    r" (?:written|rewritten|revised|edited|made|shortened|expanded|simplified|corrected"
    r"|translated|summari[sz]ed|created|come up with|prepared|generated))"
)
_NOUN = (
    r"(?:version|versions|text|title|titles|headline|headlines|rewrite|rewritten|translation"
    r"|summary|description|descriptions|meta description|introduction|intro|paragraph"
    r"|paragraphs|suggestion|suggestions|option|options|result|sentence|sentences|content"
    r"|continuation|answer|revision|draft|copy|edit|take|alternative|alternatives)"
)
#: "Sure!" / "Of course!" before anything; "Certainly." / "OK," alone on a line or
#: followed by a "Here is…" clause.
_AFFIRM_RE = re.compile(rf"^{_AFFIRM}(?:!+[ \t]*|[.,]*[ \t]*(?:\n|(?={_INTRO}\b)|$))", _I)
_CHATTER_START_RE = re.compile(rf"^(?:{_AFFIRM}|{_INTRO}|here you go)\b", _I)
#: "Here is the rewritten text:" on the same line as the answer.
_INTRO_INLINE_RE = re.compile(rf"^{_INTRO}\b[^\n:]{{0,80}}?\b{_NOUN}\b[^\n:]{{0,40}}:[ \t]*", _I)
#: "Here's a punchier take:" on a line of its own.
_INTRO_LINE_RE = re.compile(rf"^(?:{_INTRO}\b[^\n]{{0,120}}:|here you go\b[:.!]?)[ \t]*\n", _I)
_LABEL_RE = re.compile(
    r"^(?:\*\*|__)?(?:(?:new|improved|suggested|rewritten|revised|corrected|shortened"
    r"|expanded|simplified|translated|final|seo|meta|page|search)\s+)*"
    r"(?:title|headline|meta description|search description|description|introduction"
    r"|summary|translation|text|result|answer|output|version|continuation)"
    r"(?:\s*\([^)\n]{0,40}\))?\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?[ \t]*",
    _I,
)
_TRAILING_PARA_RE = re.compile(
    r"\n\s*\n\s*(?:-{3,}\s*\n\s*)?(?:\*\*|\()?(?:let me know|i hope|hope this|feel free"
    r"|if you(?:['\u2019]d| would)? (?:like|want|need|prefer)|would you like|do you want"
    r"|note:|notes:|please note|explanation:|changes made|the changes|this version"
    r"|this rewrite|this title|this description|i(?:['\u2019]ve| have) (?:kept|made|changed"
    r"|removed|added|shortened|expanded|tried|used|simplified|corrected|fixed|rewritten))"
    r"(?:(?!\n\s*\n).)*\Z",  # the last paragraph only; clean_text loops for more
    _I | re.DOTALL,
)
_TRAILING_SENTENCE_RE = re.compile(
    r"(?<=[.!?])[ \t]+(?:let me know|i hope this helps|hope this helps|feel free to"
    r"|would you like me to)[^\n]*\Z",
    _I,
)
# Quotation marks, written as escapes so they cannot be mistaken for each other:
# opening -> closing. Straight, English curly, German low-high, guillemets (both
# ways), single guillemets, CJK corner brackets, single straight and curly.
_QUOTE_PAIRS = {
    '"': '"',
    "\u201c": "\u201d",
    "\u201d": "\u201d",
    "\u201e": "\u201c",
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "\u2039": "\u203a",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "'": "'",
    "\u2018": "\u2019",
}
_SINGLE_QUOTES = "'\u2018\u2019"
_DOUBLE_QUOTES = frozenset((set(_QUOTE_PAIRS) | set(_QUOTE_PAIRS.values())) - set(_SINGLE_QUOTES))
_EMPHASIS = ("**", "__", "*", "_", "`")
_LIST_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s+(.*\S)\s*$")
_HEADING_RE = re.compile(r"^#{1,6}[ \t]+")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)")
#: Something that looks like an HTML tag, comment or doctype.
_TAG_RE = re.compile(r"<(?:[a-zA-Z][^<>]*|/[a-zA-Z][^<>]*|!--.*?--|![a-zA-Z][^<>]*)>", re.DOTALL)


def _unfence(text: str, source: str) -> str:
    if "```" in source:
        return text  # the editor's own text has code fences: keep them
    fences = list(_FENCE_RE.finditer(text))
    if len(fences) != 1:
        return text
    fence = fences[0]
    before, after = text[: fence.start()].strip(), text[fence.end() :].strip()
    # Only chatter may surround the one fenced block ("Here is the text:" … "I made it
    # clearer."); "Run this:" before a code sample is content.
    if before and not _CHATTER_START_RE.match(before):
        return text
    if len(before) > 200 or len(after) > 300:
        return text
    return fence.group(1)


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _in_source(fragment: str, source: str) -> bool:
    """Whether a chatter-looking fragment is really the editor's own words."""
    probe = _normalise(fragment).strip(" :")
    return bool(probe) and probe in source


def _cut(
    text: str,
    pattern: re.Pattern[str],
    source: str,
    *,
    at_end: bool = False,
    allow_empty: bool = False,
) -> str:
    match = pattern.search(text) if at_end else pattern.match(text)
    if not match or _in_source(match.group(0).strip().split("\n")[0], source):
        return text
    remaining = text[: match.start()] + text[match.end() :]
    return remaining if remaining.strip() or allow_empty else text


def _strip_leading_chatter(text: str, source: str) -> str:
    text = _cut(text, _AFFIRM_RE, source, allow_empty=True).lstrip()
    text = _cut(text, _INTRO_LINE_RE, source).lstrip()
    return _cut(text, _INTRO_INLINE_RE, source).lstrip()


def _strip_trailing_chatter(text: str, source: str) -> str:
    text = _cut(text, _TRAILING_PARA_RE, source, at_end=True)
    text = _cut(text, _TRAILING_SENTENCE_RE, source, at_end=True)
    return re.sub(r"\n\s*-{3,}\s*\Z", "", text).rstrip()


def _strip_label(text: str, source: str) -> str:
    return _cut(text, _LABEL_RE, source)


def _is_apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _strip_wrapping(text: str) -> str:
    if len(text) >= 2 and text[0] in _QUOTE_PAIRS and text[-1] == _QUOTE_PAIRS[text[0]]:
        inner = text[1:-1]
        if text[0] in _SINGLE_QUOTES:
            quotes = [i for i, char in enumerate(inner) if char in _SINGLE_QUOTES]
            if all(_is_apostrophe(inner, i) for i in quotes):
                return inner.strip()
        elif not any(char in _DOUBLE_QUOTES for char in inner):
            return inner.strip()
    for marker in _EMPHASIS:
        size = len(marker)
        if (
            len(text) > 2 * size
            and text.startswith(marker)
            and text.endswith(marker)
            and marker not in text[size:-size]
            and "\n" not in text
        ):
            return text[size:-size].strip()
    return text


def clean_text(answer: str, source: str | None = None) -> str:
    """Remove what models wrap around an answer.

    Code fences, echoed data markers, leading chatter ("Sure! Here is the
    rewritten text:"), labels ("Title:"), trailing chatter ("Let me know if…")
    and quotes or emphasis around the whole answer. Text that merely starts
    like chatter ("Here is the news: …") is kept, and so is anything that looks
    like chatter but appears in ``source`` (the text the editor selected).
    """
    if not answer:
        return ""
    text = answer.replace("\r\n", "\n").replace("\r", "\n")
    # Short whitespace runs keep the patterns below linear.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = MARKER_RE.sub("", text).strip()
    source_text = _normalise(source or "")
    text = _unfence(text, source_text).strip()
    for _round in range(4):
        before = text
        text = _strip_leading_chatter(text, source_text)
        text = _strip_trailing_chatter(text, source_text)
        text = _strip_label(text, source_text)
        text = _unfence(text, source_text).strip()
        text = _strip_wrapping(text).strip()
        if text == before:
            break
    return text


def fit_length(text: str, max_length: int | None, *, prefer_sentence: bool = False) -> str:
    """``text`` if it fits in ``max_length``, else its complete sentences that fit.

    Never cuts a sentence: a text whose first sentence is already too long comes back
    whole (over the limit), and the caller drops it (``answer_check`` says
    ``too_long``) or asks again. ``prefer_sentence=False`` (headlines, where a first
    sentence is the whole answer) never shortens at all. ``None`` means no limit.
    """
    text = text.strip()
    if max_length is None or len(text) <= max_length or not prefer_sentence:
        return text
    ends = [match.end() for match in _SENTENCE_END_RE.finditer(text + " ")]
    fitting = [end for end in ends if end <= max_length]
    return text[: fitting[-1]].rstrip() if fitting else text


def _shape(text: str, shape: str) -> str:
    if shape == "text":
        return text
    text = _HEADING_RE.sub("", " ".join(text.split()))
    if shape == "headline" and text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def postprocess(
    action: Action,
    answer: str,
    fmt: str = "text",
    field: FieldInfo | None = None,
    *,
    source: str | None = None,
    plain_answer: bool = False,
) -> str:
    """The value to offer the editor for one answer.

    ``source`` is the text the answer was made from (the selection, or the
    field's current value), in the same format. Plain text is cleaned,
    reshaped for one-line actions (titles lose a final full stop) and, when too long
    for the field, kept to its complete sentences that fit (never cut mid-sentence;
    an answer that still does not fit is left for the caller to drop). HTML is cleaned
    and sanitised to the field's features;
    with ``source``, links the source did not contain are removed. With
    ``plain_answer``, an HTML request was answered in plain text (the small prompt
    profile) and the source's blocks, links and emphasis are put back
    (:func:`wagtail_ai_blocks.marks.restore`). Raises
    :class:`~wagtail_ai_blocks.exceptions.EmptyAnswer` if nothing is left.
    """
    if fmt == "html" and plain_answer:
        # A small model answered in plain text: put the source's formatting back.
        plain = plain_source(source or "")
        text = restore(clean_text(answer, plain.text), plain)
        text = sanitise_html(text, field.features if field else None, source_html=source)
    elif fmt == "html":
        text = clean_text(answer, html_to_text(source) if source else None)
        text = sanitise_html(text, field.features if field else None, source_html=source)
    else:
        text = clean_text(answer, source)
        # A plain-text field takes no markup: keep only the visible text of an answer
        # written in HTML (scripts and styles dropped), unless the editor's own text
        # has tags in it.
        if _TAG_RE.search(text) and not (source and _TAG_RE.search(source)):
            text = html_to_text(text)
        text = fit_length(
            _shape(text, action.shape),
            resolve_max_length(action.default_max_length, field.max_length if field else None),
            prefer_sentence=action.shape != "headline",
        )
    if not text.strip():
        raise EmptyAnswer()
    return text


def split_candidates(answer: str) -> list[str]:
    """Split a numbered or bulleted list of suggestions into its items.

    An answer that is not such a list (every non-empty line an item) is returned whole.
    """
    lines = [line for line in answer.splitlines() if line.strip()]
    if len(lines) < 2:
        return [answer]
    items = [_LIST_ITEM_RE.match(line) for line in lines]
    if all(items):
        return [match.group(1) for match in items if match]
    return [answer]


def postprocess_candidates(
    action: Action,
    answers: Iterable[str],
    fmt: str = "text",
    field: FieldInfo | None = None,
    *,
    source: str | None = None,
    plain_answer: bool = False,
) -> list[str]:
    """Several answers (or one answer listing several) as distinct suggestions.

    Empty ones are dropped and duplicates (ignoring case and spacing) removed;
    at most ``MAX_CANDIDATES`` are kept. Raises
    :class:`~wagtail_ai_blocks.exceptions.EmptyAnswer` if none is left.
    """
    limit = conf.get("MAX_CANDIDATES")
    results: list[str] = []
    seen: set[str] = set()
    for answer in answers:
        parts = [answer]
        if action.shape != "text" and fmt == "text":
            parts = split_candidates(clean_text(answer or "", source))
        for part in parts:
            try:
                value = postprocess(
                    action, part or "", fmt, field, source=source, plain_answer=plain_answer
                )
            except EmptyAnswer:
                continue
            key = " ".join(value.casefold().split())
            if key not in seen:
                seen.add(key)
                results.append(value)
    if not results:
        raise EmptyAnswer()
    return results[:limit]
