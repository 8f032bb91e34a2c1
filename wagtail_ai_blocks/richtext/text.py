"""Plain text and entity helpers for rich text."""

from __future__ import annotations

from wagtail_ai_blocks.richtext.tree import BLOCKS, WS_RE, Node, parse


def html_to_text(html: str) -> str:
    """Visible text of ``html``: tags removed, script/style content dropped,
    entities decoded, whitespace collapsed to single spaces."""
    parts: list[str] = []

    def walk(nodes: list[Node | str]) -> None:
        for node in nodes:
            if isinstance(node, str):
                parts.append(node)
            else:
                if node.tag in BLOCKS or node.tag == "br":
                    parts.append(" ")
                walk(node.children)
                if node.tag in BLOCKS:
                    parts.append(" ")

    walk(parse(html).children)
    return WS_RE.sub(" ", "".join(parts)).strip()


def entity_refs(html: str | None) -> list[str]:
    """Link and embed targets in ``html``, in order, each once."""
    refs: dict[str, None] = {}

    def walk(nodes: list[Node | str]) -> None:
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

    walk(parse(html or "").children)
    return list(refs)


def lost_entities(before_html: str, after_html: str) -> list[str]:
    """Links, documents, images and embeds in ``before_html`` missing from ``after_html``.

    Each is listed once, in the order it appears before, as ``kind:target``:
    ``page:3``, ``document:7``, ``link:https://example.com/``, ``image:5``,
    ``embed:https://…``. The UI uses this to warn before replacing a selection.
    """
    after = set(entity_refs(after_html))
    return [ref for ref in entity_refs(before_html) if ref not in after]
