"""A forgiving HTML parse tree (what the sanitiser walks): the element classes it knows."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = {f"h{level}" for level in range(1, 7)}
LISTS = {"ul", "ol"}
# fmt: off
#: Elements whose content is never text for the editor: dropped with everything inside.
_DROP_WITH_CONTENT = frozenset({
    "applet", "audio", "canvas", "frame", "frameset", "head", "iframe", "math", "noembed",
    "noframes", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title", "video", "xmp",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
#: Block containers: their inline runs become paragraphs (or the enclosing block type).
_CONTAINERS = frozenset({
    "address", "article", "aside", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "html", "li", "main",
    "nav", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr",
})
# fmt: on
BLOCKS = _CONTAINERS | HEADINGS | LISTS | {"blockquote", "hr", "embed"}
#: Starting one of these closes an open <p>, as browsers do.
_CLOSES_P = BLOCKS - {"embed"}

#: Deeper elements are unwrapped (their text is kept).
MAX_DEPTH = 64

WS_RE = re.compile(r"[ \t\n\r\f]+")
ID_RE = re.compile(r"^\d{1,18}$")
BLOCK_KEY_RE = re.compile(r'\s+data-block-key="[^"]*"')


# -- parse tree ------------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving HTML parser: unclosed and stray tags never raise."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack: list[Node] = [self.root]
        self.skip_tag: str | None = None
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag in _DROP_WITH_CONTENT:
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag in _CLOSES_P:
            self._close_implied("p", stop_at=_CONTAINERS - {"p"} | {"blockquote"} | HEADINGS)
        if tag == "li":
            self._close_implied("li", stop_at=LISTS)
        if len(self.stack) > MAX_DEPTH and tag not in VOID:
            return  # absurd nesting: unwrap, so the walkers' recursion stays bounded
        attr_dict: dict[str, str] = {}
        for name, value in attrs:
            attr_dict.setdefault(name, value or "")
        node = Node(tag, attr_dict)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        # A stray end tag: ignore it.

    def handle_data(self, data: str) -> None:
        if self.skip_tag is None and data:
            self.stack[-1].children.append(data)

    def _close_implied(self, tag: str, stop_at: AbstractSet[str]) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current == tag:
                del self.stack[index:]
                return
            if current in stop_at:
                return


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    return builder.root
