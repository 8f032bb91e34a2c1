"""The sanitising serialiser: a parse tree back to HTML the field's features allow."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from wagtail_ai_blocks.richtext.features import INLINE_STYLES, FeaturePolicy, resolve_features
from wagtail_ai_blocks.richtext.text import entity_refs
from wagtail_ai_blocks.richtext.tree import (
    BLOCKS,
    HEADINGS,
    ID_RE,
    LISTS,
    VOID,
    WS_RE,
    Node,
    parse,
)
from wagtail_ai_blocks.richtext.urls import SCHEME_RE, is_safe_url


@dataclass(frozen=True)
class _Refs:
    """Link and embed targets present in the source (the model may keep, not invent them)."""

    items: frozenset[str]


class Sanitiser:
    def __init__(self, features: FeaturePolicy, refs: _Refs | None) -> None:
        self.features = frozenset(features)
        self.refs = refs
        self.image_formats = features.image_formats

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
                and ID_RE.match(link_id)
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
                ID_RE.match(image_id)
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
            scheme = SCHEME_RE.match(url.lower())
            if (
                scheme
                and scheme.group(1) in {"http", "https"}
                and is_safe_url(url)
                and self._allowed_ref(f"embed:{url}")
            ):
                return {"embedtype": "media", "url": url}
        return None

    # Blocks --------------------------------------------------------------------

    def blocks(self, nodes: list[Node | str], wrap: str = "p") -> list[str]:
        out: list[str] = []
        run: list[Node | str] = []

        def flush() -> None:
            inner = "".join(self.inline(node) for node in run).strip()
            run.clear()
            if _has_text(inner):
                out.append(f"<{wrap}>{inner}</{wrap}>")

        for node in nodes:
            if isinstance(node, str) or node.tag not in BLOCKS:
                run.append(node)
                continue
            flush()
            tag = node.tag
            if tag in HEADINGS:
                out.extend(self.blocks(node.children, tag if tag in self.features else wrap))
            elif tag == "blockquote":
                inner_wrap = "blockquote" if "blockquote" in self.features else wrap
                out.extend(self.blocks(node.children, inner_wrap))
            elif tag in LISTS:
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

    def render_list(self, node: Node, list_tag: str) -> str:
        items: list[tuple[list[Node | str], list[str]]] = []
        for child in node.children:
            if isinstance(child, Node) and child.tag in LISTS:
                nested_tag = self._list_tag(child.tag) or list_tag
                nested = self.render_list(child, nested_tag)
                if nested:
                    if not items:
                        items.append(([], []))
                    items[-1][1].append(nested)
            elif isinstance(child, Node) and child.tag == "li":
                inline_nodes: list[Node | str] = []
                nested_lists: list[str] = []
                for grandchild in child.children:
                    if isinstance(grandchild, Node) and grandchild.tag in LISTS:
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

    def inline_all(self, nodes: list[Node | str], in_link: bool = False) -> str:
        parts = []
        for node in nodes:
            # Block elements met inside inline content (<li><p>a</p><p>b</p></li>)
            # flatten to their text, separated by a space.
            if isinstance(node, Node) and node.tag in BLOCKS and parts:
                parts.append(" ")
            parts.append(self.inline(node, in_link))
        return "".join(parts)

    def inline(self, node: Node | str, in_link: bool = False) -> str:
        if isinstance(node, str):
            return escape(WS_RE.sub(" ", node), quote=False)
        tag = node.tag
        if tag == "br":
            return "<br/>"
        if tag in VOID:
            return ""  # <img>, <embed> inside text, <input>…: images exist only as <embed> blocks
        if tag == "a" and not in_link:
            inner = self.inline_all(node.children, in_link=True)
            attrs = self.link_attrs(node.attrs)
            if attrs and _has_text(inner):
                return f"<a{_attrs_html(attrs)}>{inner}</a>"
            return inner
        inner = self.inline_all(node.children, in_link)
        style = INLINE_STYLES.get(tag)
        if style and style[0] in self.features and _has_text(inner):
            return f"<{style[1]}>{inner}</{style[1]}>"
        return inner


def _attrs_html(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attrs.items())


def _has_text(html: str) -> bool:
    return bool(re.sub(r"<[^>]*>|\s", "", html))


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
    refs = _Refs(frozenset(entity_refs(source_html))) if source_html is not None else None
    sanitiser = Sanitiser(resolve_features(features), refs)
    return "".join(sanitiser.blocks(parse(html).children))
