"""Feature policy: which elements and attributes each Wagtail rich text feature allows."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.rich_text import features as feature_registry

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
