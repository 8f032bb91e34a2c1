"""Safe rich text: the HTML we ask the model for, and what reaches the editor.

The model answers in Wagtail's database HTML format (``<p>``, ``<b>``,
``<a href="…">``, ``<a linktype="page" id="3">``…). Nothing from that answer
goes to Draftail directly: :func:`to_contentstate` first rebuilds the HTML from
a parse tree, keeping only the elements and attributes the field's features
allow (so it is also well formed, which Wagtail's converter requires: it raises
``AssertionError`` on unbalanced tags), and then hands it to Wagtail's own
``ContentstateConverter``.

Wagtail's converter alone is not enough for model output: it keeps
``javascript:`` and ``data:`` URLs in link entities (it only filters them when
exporting back to the database), it turns the content of ``<script>`` and
``<style>`` into visible text, and it fails on ``<img>`` inside a paragraph.
The sanitising step here handles each of those; ``tests/test_richtext.py`` has
the matrix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import check_url

from wagtail_ai_blocks.exceptions import ProviderError

__all__ = [
    "allowed_tags",
    "describe_allowed_tags",
    "html_to_text",
    "is_safe_url",
    "lost_entities",
    "resolve_features",
    "sanitise_html",
    "selection_html_to_prompt",
    "to_contentstate",
    "to_editor_html",
]

#: Wagtail feature name -> {element: allowed attributes}. ``p`` and ``br`` are always allowed.
FEATURE_TAGS: dict[str, dict[str, tuple[str, ...]]] = {
    "bold": {"b": (), "strong": ()},
    "italic": {"i": (), "em": ()},
    "link": {"a": ("href", "linktype", "id")},
    "document-link": {"a": ("linktype", "id")},
    "ol": {"ol": (), "li": ()},
    "ul": {"ul": (), "li": ()},
    **{f"h{level}": {f"h{level}": ()} for level in range(1, 7)},
    "blockquote": {"blockquote": ()},
    "code": {"code": ()},
    "superscript": {"sup": ()},
    "subscript": {"sub": ()},
    "strikethrough": {"s": ()},
    "hr": {"hr": ()},
    "image": {"embed": ("embedtype", "id", "format", "alt")},
    "embed": {"embed": ("embedtype", "url")},
}

#: Source element -> (feature, canonical element) for inline styles.
_INLINE_STYLES: dict[str, tuple[str, str]] = {
    "b": ("bold", "b"),
    "strong": ("bold", "b"),
    "i": ("italic", "i"),
    "em": ("italic", "i"),
    "s": ("strikethrough", "s"),
    "strike": ("strikethrough", "s"),
    "del": ("strikethrough", "s"),
    "code": ("code", "code"),
    "kbd": ("code", "code"),
    "samp": ("code", "code"),
    "tt": ("code", "code"),
    "sup": ("superscript", "sup"),
    "sub": ("subscript", "sub"),
}

_HEADINGS = {f"h{level}" for level in range(1, 7)}
_LISTS = {"ul", "ol"}
# fmt: off
#: Elements whose content is never text for the editor: dropped with everything inside.
_DROP_WITH_CONTENT = frozenset({
    "applet", "audio", "canvas", "frame", "frameset", "head", "iframe", "math", "noembed",
    "noframes", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title", "video", "xmp",
})
_VOID = frozenset({
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
_BLOCKS = _CONTAINERS | _HEADINGS | _LISTS | {"blockquote", "hr", "embed"}
#: Starting one of these closes an open <p>, as browsers do.
_CLOSES_P = _BLOCKS - {"embed"}

#: Deeper elements are unwrapped (their text is kept).
MAX_DEPTH = 64

_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME_RE = re.compile(r"^([a-z0-9][a-z0-9+.\-]*):")
_URL_NOISE_RE = re.compile(r"[`\x00-\x20\x7f-\xa0\s\ufffd]+")
_WS_RE = re.compile(r"[ \t\n\r\f]+")
_ID_RE = re.compile(r"^\d{1,18}$")
_BLOCK_KEY_RE = re.compile(r'\s+data-block-key="[^"]*"')


# -- features --------------------------------------------------------------------


def resolve_features(features: Iterable[str] | None) -> tuple[str, ...]:
    """The feature list to use: ``None`` means Wagtail's default features."""
    if features is None:
        features = feature_registry.get_default_features()
    return tuple(dict.fromkeys(features))


def allowed_tags(features: Iterable[str] | None) -> dict[str, frozenset[str]]:
    """Map of element -> allowed attributes for these Wagtail features.

    ``p`` and ``br`` are always allowed. Features this package does not know
    (custom ones, or ``"ai"``) add nothing.
    """
    tags: dict[str, set[str]] = {"p": set(), "br": set()}
    for feature in resolve_features(features):
        for tag, attrs in FEATURE_TAGS.get(feature, {}).items():
            tags.setdefault(tag, set()).update(attrs)
    return {tag: frozenset(attrs) for tag, attrs in tags.items()}


def describe_allowed_tags(features: Iterable[str] | None) -> str:
    """The allowed tags as the prompt lists them: ``<p>, <br>, <b>, <strong>, …``."""
    return ", ".join(f"<{tag}>" for tag in allowed_tags(features))


# -- URLs ------------------------------------------------------------------------


def is_safe_url(url: str) -> bool:
    """Whether a link target may reach the editor.

    Absolute URLs must use http, https, mailto or tel; relative URLs and anchors
    are allowed. Control characters and whitespace are removed before looking at
    the scheme, because browsers ignore them (``jav&#9;ascript:``).
    """
    if not isinstance(url, str):
        return False
    probe = _URL_NOISE_RE.sub("", url).lower()
    if not probe:
        return False
    match = _SCHEME_RE.match(probe)
    if match and match.group(1) not in _SAFE_SCHEMES:
        return False
    # Wagtail's own check as well, so we are never looser than Wagtail.
    return check_url(url) is not None


# -- parse tree ------------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving HTML parser: unclosed and stray tags never raise."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack: list[_Node] = [self.root]
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
            self._close_implied("p", stop_at=_CONTAINERS - {"p"} | {"blockquote"} | _HEADINGS)
        if tag == "li":
            self._close_implied("li", stop_at=_LISTS)
        if len(self.stack) > MAX_DEPTH and tag not in _VOID:
            return  # absurd nesting: unwrap, so the walkers' recursion stays bounded
        attr_dict: dict[str, str] = {}
        for name, value in attrs:
            attr_dict.setdefault(name, value or "")
        node = _Node(tag, attr_dict)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
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


def _parse(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    return builder.root


# -- sanitising serialiser -------------------------------------------------------


@dataclass(frozen=True)
class _Refs:
    """Link and embed targets present in the source (the model may keep, not invent them)."""

    items: frozenset[str]


class _Sanitiser:
    def __init__(self, features: Sequence[str], refs: _Refs | None) -> None:
        self.features = frozenset(features)
        self.refs = refs
        self.image_formats = _image_format_names() if "image" in self.features else frozenset()

    # Entities ------------------------------------------------------------------

    def _allowed_ref(self, ref: str) -> bool:
        return self.refs is None or ref in self.refs.items

    def link_attrs(self, attrs: dict[str, str]) -> dict[str, str] | None:
        linktype = attrs.get("linktype")
        if linktype is not None:
            feature = {"page": "link", "document": "document-link"}.get(linktype)
            link_id = attrs.get("id", "").strip()
            if (
                feature in self.features
                and _ID_RE.match(link_id)
                and self._allowed_ref(f"{linktype}:{link_id}")
            ):
                return {"linktype": linktype, "id": link_id}
            return None
        href = attrs.get("href")
        if "link" in self.features and href and is_safe_url(href):
            href = href.strip()
            if self._allowed_ref(f"link:{href}"):
                return {"href": href}
        return None

    def embed_attrs(self, attrs: dict[str, str]) -> dict[str, str] | None:
        embedtype = attrs.get("embedtype")
        if embedtype == "image" and "image" in self.features:
            image_id = attrs.get("id", "").strip()
            image_format = attrs.get("format", "")
            if (
                _ID_RE.match(image_id)
                and image_format in self.image_formats
                and self._allowed_ref(f"image:{image_id}")
            ):
                return {
                    "embedtype": "image",
                    "id": image_id,
                    "format": image_format,
                    "alt": attrs.get("alt", ""),
                }
        elif embedtype == "media" and "embed" in self.features:
            url = attrs.get("url", "").strip()
            scheme = _SCHEME_RE.match(url.lower())
            if (
                scheme
                and scheme.group(1) in {"http", "https"}
                and is_safe_url(url)
                and self._allowed_ref(f"embed:{url}")
            ):
                return {"embedtype": "media", "url": url}
        return None

    # Blocks --------------------------------------------------------------------

    def blocks(self, nodes: list[_Node | str], wrap: str = "p") -> list[str]:
        out: list[str] = []
        run: list[_Node | str] = []

        def flush() -> None:
            inner = "".join(self.inline(node) for node in run).strip()
            run.clear()
            if _has_text(inner):
                out.append(f"<{wrap}>{inner}</{wrap}>")

        for node in nodes:
            if isinstance(node, str) or node.tag not in _BLOCKS:
                run.append(node)
                continue
            flush()
            tag = node.tag
            if tag in _HEADINGS:
                out.extend(self.blocks(node.children, tag if tag in self.features else wrap))
            elif tag == "blockquote":
                inner_wrap = "blockquote" if "blockquote" in self.features else wrap
                out.extend(self.blocks(node.children, inner_wrap))
            elif tag in _LISTS:
                list_tag = self._list_tag(tag)
                if list_tag:
                    rendered = self.render_list(node, list_tag)
                    if rendered:
                        out.append(rendered)
                else:
                    out.extend(self.blocks(node.children, wrap))
            elif tag == "hr":
                if "hr" in self.features:
                    out.append("<hr/>")
            elif tag == "embed":
                attrs = self.embed_attrs(node.attrs)
                if attrs:
                    out.append(f"<embed{_attrs_html(attrs)}/>")
            else:
                out.extend(self.blocks(node.children, wrap))
        flush()
        return out

    def _list_tag(self, tag: str) -> str | None:
        if tag in self.features:
            return tag
        other = "ol" if tag == "ul" else "ul"
        return other if other in self.features else None

    def render_list(self, node: _Node, list_tag: str) -> str:
        items: list[tuple[list[_Node | str], list[str]]] = []
        for child in node.children:
            if isinstance(child, _Node) and child.tag in _LISTS:
                nested_tag = self._list_tag(child.tag) or list_tag
                nested = self.render_list(child, nested_tag)
                if nested:
                    if not items:
                        items.append(([], []))
                    items[-1][1].append(nested)
            elif isinstance(child, _Node) and child.tag == "li":
                inline_nodes: list[_Node | str] = []
                nested_lists: list[str] = []
                for grandchild in child.children:
                    if isinstance(grandchild, _Node) and grandchild.tag in _LISTS:
                        nested_tag = self._list_tag(grandchild.tag) or list_tag
                        nested = self.render_list(grandchild, nested_tag)
                        if nested:
                            nested_lists.append(nested)
                    else:
                        inline_nodes.append(grandchild)
                items.append((inline_nodes, nested_lists))
            elif isinstance(child, str) and not child.strip():
                continue
            else:
                items.append(([child], []))
        rendered = []
        for inline_nodes, nested_lists in items:
            inner = self.inline_all(inline_nodes).strip()
            if _has_text(inner) or nested_lists:
                rendered.append(f"<li>{inner}{''.join(nested_lists)}</li>")
        if not rendered:
            return ""
        return f"<{list_tag}>{''.join(rendered)}</{list_tag}>"

    # Inline --------------------------------------------------------------------

    def inline_all(self, nodes: list[_Node | str], in_link: bool = False) -> str:
        parts = []
        for node in nodes:
            # Block elements met inside inline content (<li><p>a</p><p>b</p></li>)
            # flatten to their text, separated by a space.
            if isinstance(node, _Node) and node.tag in _BLOCKS and parts:
                parts.append(" ")
            parts.append(self.inline(node, in_link))
        return "".join(parts)

    def inline(self, node: _Node | str, in_link: bool = False) -> str:
        if isinstance(node, str):
            return escape(_WS_RE.sub(" ", node), quote=False)
        tag = node.tag
        if tag == "br":
            return "<br/>"
        if tag in _VOID:
            return ""  # <img>, <embed> inside text, <input>…: images exist only as <embed> blocks
        if tag == "a" and not in_link:
            inner = self.inline_all(node.children, in_link=True)
            attrs = self.link_attrs(node.attrs)
            if attrs and _has_text(inner):
                return f"<a{_attrs_html(attrs)}>{inner}</a>"
            return inner
        inner = self.inline_all(node.children, in_link)
        style = _INLINE_STYLES.get(tag)
        if style and style[0] in self.features and _has_text(inner):
            return f"<{style[1]}>{inner}</{style[1]}>"
        return inner


def _attrs_html(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attrs.items())


def _has_text(html: str) -> bool:
    return bool(re.sub(r"<[^>]*>|\s", "", html))


def _image_format_names() -> frozenset[str]:
    from wagtail.images.formats import get_image_formats

    return frozenset(image_format.name for image_format in get_image_formats())


def sanitise_html(
    html: str, features: Iterable[str] | None, *, source_html: str | None = None
) -> str:
    """Rebuild ``html`` as well-formed Wagtail database HTML within ``features``.

    Elements outside the features are unwrapped (their text is kept); script,
    style, iframe and similar are dropped with their content; every attribute
    except link targets (``href`` with a safe scheme, or ``linktype``/``id``)
    and Wagtail embed attributes is removed. Headings that are not allowed
    become paragraphs.

    With ``source_html``, link, document, image and embed targets that are not
    in the source are removed too (their text stays), so an answer can keep the
    editor's links but never invent new ones.
    """
    refs = _Refs(frozenset(_entity_refs(source_html))) if source_html is not None else None
    sanitiser = _Sanitiser(resolve_features(features), refs)
    return "".join(sanitiser.blocks(_parse(html).children))


# -- public conversions ----------------------------------------------------------


def selection_html_to_prompt(html: str, features: Iterable[str] | None) -> str:
    """Normalise selection HTML from the browser to the subset the prompt uses.

    One block per line, so the model sees the structure without noise.
    """
    sanitiser = _Sanitiser(resolve_features(features), None)
    return "\n".join(sanitiser.blocks(_parse(html).children))


def to_contentstate(
    html: str, features: Iterable[str] | None, *, source_html: str | None = None
) -> dict:
    """Convert the model's HTML to Draftail contentstate, safely.

    ``html`` is sanitised (see :func:`sanitise_html`) and then converted by
    Wagtail's ``ContentstateConverter``; link entities are checked again
    afterwards. Raises :class:`~wagtail_ai_blocks.exceptions.ProviderError`
    if the answer cannot be converted.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    resolved = resolve_features(features)
    clean = sanitise_html(html, resolved, source_html=source_html)
    try:
        contentstate = json.loads(ContentstateConverter(resolved).from_database_format(clean))
    except (AssertionError, KeyError, ValueError, TypeError) as exc:
        raise ProviderError(_("The AI answer could not be turned into rich text.")) from exc
    return _scrub_contentstate(contentstate)


def to_editor_html(contentstate: dict, features: Iterable[str] | None) -> str:
    """Wagtail database HTML for ``contentstate`` (for diffing and previews).

    Internal links stay in database form (``<a linktype="page" id="3">``);
    Draftail's block keys are dropped so the result is stable.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(resolve_features(features))
    html = converter.to_database_format(json.dumps(contentstate))
    return _BLOCK_KEY_RE.sub("", html)


def _scrub_contentstate(contentstate: dict) -> dict:
    """Defence in depth: drop any link entity whose URL is not safe."""
    entity_map = contentstate.get("entityMap", {})
    bad = {
        key
        for key, entity in entity_map.items()
        if entity.get("type") == "LINK"
        and "id" not in entity.get("data", {})
        and not is_safe_url(entity.get("data", {}).get("url") or "")
    }
    if bad:
        for key in bad:
            del entity_map[key]
        for block in contentstate.get("blocks", []):
            block["entityRanges"] = [
                entity_range
                for entity_range in block.get("entityRanges", [])
                if str(entity_range.get("key")) not in bad
            ]
    return contentstate


# -- text and entity helpers -----------------------------------------------------


def html_to_text(html: str) -> str:
    """Visible text of ``html``: tags removed, script/style content dropped,
    entities decoded, whitespace collapsed to single spaces."""
    parts: list[str] = []

    def walk(nodes: list[_Node | str]) -> None:
        for node in nodes:
            if isinstance(node, str):
                parts.append(node)
            else:
                if node.tag in _BLOCKS or node.tag == "br":
                    parts.append(" ")
                walk(node.children)
                if node.tag in _BLOCKS:
                    parts.append(" ")

    walk(_parse(html).children)
    return _WS_RE.sub(" ", "".join(parts)).strip()


def _entity_refs(html: str | None) -> list[str]:
    """Link and embed targets in ``html``, in order, each once."""
    refs: dict[str, None] = {}

    def walk(nodes: list[_Node | str]) -> None:
        for node in nodes:
            if isinstance(node, str):
                continue
            attrs = node.attrs
            if node.tag == "a":
                linktype = attrs.get("linktype")
                if linktype and attrs.get("id", "").strip():
                    refs[f"{linktype}:{attrs['id'].strip()}"] = None
                elif not linktype and attrs.get("href", "").strip():
                    refs[f"link:{attrs['href'].strip()}"] = None
            elif node.tag == "embed":
                if attrs.get("embedtype") == "image" and attrs.get("id", "").strip():
                    refs[f"image:{attrs['id'].strip()}"] = None
                elif attrs.get("embedtype") == "media" and attrs.get("url", "").strip():
                    refs[f"embed:{attrs['url'].strip()}"] = None
            walk(node.children)

    walk(_parse(html or "").children)
    return list(refs)


def lost_entities(before_html: str, after_html: str) -> list[str]:
    """Links, documents, images and embeds in ``before_html`` missing from ``after_html``.

    Each is listed once, in the order it appears before, as ``kind:target``:
    ``page:3``, ``document:7``, ``link:https://example.com/``, ``image:5``,
    ``embed:https://…``. The UI uses this to warn before replacing a selection.
    """
    after = set(_entity_refs(after_html))
    return [ref for ref in _entity_refs(before_html) if ref not in after]
