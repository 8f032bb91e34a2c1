"""Rich text as plain text for a small model, and its formatting put back afterwards.

A 135M-parameter model cannot copy ``<a linktype="page" id="3">`` reliably, but it
can copy words. :func:`plain_source` turns the editor's HTML (already normalised by
:func:`~wagtail_ai_blocks.richtext.selection_html_to_prompt`) into plain paragraphs
and remembers each inline element (link, bold, italic…) with its visible text.
:func:`restore` turns the model's plain answer back into HTML: paragraphs become the
source's blocks, and every inline element whose words the answer still contains is
wrapped around them again. What the answer dropped is dropped; the result then goes
through Wagtail's converter like any other answer (``richtext.to_contentstate``), so
the preview's lost-link warning still applies.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Mark", "PlainSource", "plain_source", "restore"]

_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
_LIST_TAGS = frozenset({"ul", "ol"})
_VOID_TAGS = frozenset({"br", "embed", "hr", "img"})
_WS_RE = re.compile(r"\s+")
_LIST_PREFIX_RE = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Mark:
    """An inline element of the source: its visible ``text`` and its HTML."""

    text: str
    html: str
    open: str
    close: str


@dataclass(frozen=True)
class Block:
    """One block of the source: its tag (``p``, ``h2``, ``li``…), its list (``ul``,
    ``ol`` or ``""``) and its visible text."""

    tag: str
    parent: str
    text: str


@dataclass(frozen=True)
class PlainSource:
    """The source as the model sees it (``text``), and what :func:`restore` needs."""

    text: str
    blocks: tuple[Block, ...]
    marks: tuple[Mark, ...]

    @property
    def has_marks(self) -> bool:
        return bool(self.marks)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.marks: list[Mark] = []
        self._list: list[str] = []
        self._block: str | None = None
        self._text: list[str] = []
        # The outermost inline element being read: its opening tag, HTML and text.
        self._inline_depth = 0
        self._mark_open = ""
        self._mark_tag = ""
        self._mark_html: list[str] = []
        self._mark_text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _LIST_TAGS:
            self._list.append(tag)
        elif tag in _BLOCK_TAGS:
            self._end_block()
            self._block = tag
        elif tag in _VOID_TAGS:
            if tag == "br":
                self.handle_data(" ")
        else:
            raw = self.get_starttag_text() or f"<{tag}>"
            if self._inline_depth == 0:
                self._mark_open, self._mark_tag = raw, tag
                self._mark_html, self._mark_text = [], []
            else:
                self._mark_html.append(raw)
            self._inline_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _LIST_TAGS:
            self._end_block()
            if self._list:
                self._list.pop()
        elif tag in _BLOCK_TAGS:
            self._end_block()
        elif tag in _VOID_TAGS:
            return
        elif self._inline_depth:
            self._inline_depth -= 1
            if self._inline_depth:
                self._mark_html.append(f"</{tag}>")
                return
            text = _WS_RE.sub(" ", "".join(self._mark_text)).strip()
            if text:
                close = f"</{self._mark_tag}>"
                inner = "".join(self._mark_html).strip()
                mark_html = self._mark_open + inner + close
                self.marks.append(Mark(text, mark_html, self._mark_open, close))

    def handle_data(self, data: str) -> None:
        if self._block is None and data.strip():
            self._block = "p"
        self._text.append(data)
        if self._inline_depth:
            self._mark_text.append(data)
            self._mark_html.append(html.escape(data, quote=False))

    def _end_block(self) -> None:
        text = _WS_RE.sub(" ", "".join(self._text)).strip()
        if self._block is not None and text:
            parent = self._list[-1] if self._block == "li" and self._list else ""
            self.blocks.append(Block(self._block, parent, text))
        self._block, self._text = None, []

    def close(self) -> None:
        super().close()
        self._end_block()


def plain_source(source_html: str) -> PlainSource:
    """The visible text of ``source_html``, one paragraph per block (list items one
    per line, after ``- ``), with its inline elements."""
    reader = _Reader()
    reader.feed(source_html)
    reader.close()
    blocks = tuple(reader.blocks)
    parts: list[str] = []
    for index, block in enumerate(blocks):
        if block.tag == "li":
            separator = "\n" if index and blocks[index - 1].tag == "li" else "\n\n"
            text = f"- {block.text}"
        else:
            separator, text = "\n\n", block.text
        parts.append((separator if parts else "") + text)
    return PlainSource("".join(parts), blocks, tuple(reader.marks))


def _paragraphs(answer: str, source: PlainSource) -> list[tuple[str, str, str]]:
    """``(tag, list, text)`` for each paragraph of the answer."""
    lines = [line.strip() for line in answer.replace("\r\n", "\n").split("\n")]
    if source.blocks and all(block.tag == "li" for block in source.blocks):
        parent = source.blocks[0].parent or "ul"
        items = [_LIST_PREFIX_RE.sub("", line) for line in lines if line]
        return [("li", parent, item) for item in items if item]
    # A list line ("- item") is a paragraph of its own; other lines run on until a blank.
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line and _LIST_PREFIX_RE.match(line):
            if current:
                paragraphs.append(" ".join(current))
            paragraphs.append(line)
            current = []
        elif line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if len(paragraphs) == len(source.blocks):
        return [
            (block.tag, block.parent, _LIST_PREFIX_RE.sub("", text) if block.tag == "li" else text)
            for block, text in zip(source.blocks, paragraphs, strict=True)
        ]
    tag = source.blocks[0].tag if len(source.blocks) == 1 and source.blocks[0].tag != "li" else "p"
    return [(tag, "", text) for text in paragraphs]


def _find(text: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text`` as whole words, outside ``taken`` spans
    (exact case first, then ignoring case)."""
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    for flags in (0, re.IGNORECASE):
        for match in re.finditer(pattern, text, flags):
            start, end = match.span()
            if all(end <= s or start >= e for s, e in taken):
                return start, end
    return None


def _apply_marks(text: str, marks: list[Mark]) -> tuple[str, list[Mark]]:
    """``text`` escaped, with each mark wrapped around the first free occurrence of its
    words, and the marks used; a mark is used once (the source had it once)."""
    spans: list[tuple[int, int, Mark]] = []
    for mark in sorted(marks, key=lambda m: len(m.text), reverse=True):
        found = _find(text, mark.text, [(s, e) for s, e, _m in spans])
        if found is not None:
            spans.append((*found, mark))
    out: list[str] = []
    position = 0
    for start, end, mark in sorted(spans, key=lambda span: span[0]):
        out.append(html.escape(text[position:start], quote=False))
        words = text[start:end]
        if words == mark.text:
            out.append(mark.html)
        else:
            out.append(mark.open + html.escape(words, quote=False) + mark.close)
        position = end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out), [mark for _s, _e, mark in spans]


def restore(answer: str, source: PlainSource) -> str:
    """The model's plain ``answer`` as HTML shaped like ``source``.

    Paragraphs (separated by blank lines) take the source's block tags when there are
    as many as the source had blocks, else become ``<p>`` (or the source's one heading);
    a source that was one list gives one item per line. Each of the source's inline
    elements is wrapped around its words where the answer still has them.
    """
    marks = list(source.marks)
    out: list[str] = []
    open_list = ""
    for tag, parent, text in _paragraphs(answer, source):
        if open_list and parent != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if parent and not open_list:
            out.append(f"<{parent}>")
            open_list = parent
        body, used = _apply_marks(text, marks)
        marks = [mark for mark in marks if not any(mark is u for u in used)]
        out.append(f"<{tag}>{body}</{tag}>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)
