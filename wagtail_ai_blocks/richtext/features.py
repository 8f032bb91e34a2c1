"""Feature policy: which elements and attributes each Wagtail rich text feature allows."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

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
INLINE_STYLES: dict[str, tuple[str, str]] = {
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


class FeaturePolicy(tuple):
    """A field's rich text features, resolved: what one request works with.

    A tuple of feature names (Wagtail's defaults filled in for ``None``, duplicates
    dropped) that also carries what every step derives from them, each worked out
    once: the allowed elements (:attr:`tags`), the image formats and Wagtail's
    ``ContentstateConverter``. The generation service resolves a request's features
    once (:func:`resolve_features`) and passes the policy along; every function of
    this package that takes ``features`` accepts one and uses it as it is.

    The converter keeps parser state between calls: a policy belongs to one request
    (one thread), never to a process-wide cache.
    """

    @cached_property
    def tags(self) -> dict[str, frozenset[str]]:
        """Element -> allowed attributes (``p`` and ``br`` always; unknown features,
        custom ones or ``"ai"``, add nothing)."""
        tags: dict[str, set[str]] = {"p": set(), "br": set()}
        for feature in self:
            for tag, attrs in FEATURE_TAGS.get(feature, {}).items():
                tags.setdefault(tag, set()).update(attrs)
        return {tag: frozenset(attrs) for tag, attrs in tags.items()}

    @cached_property
    def image_formats(self) -> frozenset[str]:
        """Names of Wagtail's image formats, when the ``image`` feature is on."""
        if "image" not in self:
            return frozenset()
        from wagtail.images.formats import get_image_formats

        return frozenset(image_format.name for image_format in get_image_formats())

    @cached_property
    def converter(self) -> Any:
        """Wagtail's ``ContentstateConverter`` for these features."""
        from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

        return ContentstateConverter(list(self))


def resolve_features(features: Iterable[str] | None) -> FeaturePolicy:
    """The features to use (``None``: Wagtail's defaults), as a :class:`FeaturePolicy`.

    A policy is returned as it is: resolve once, then pass the policy along.
    """
    if isinstance(features, FeaturePolicy):
        return features
    if features is None:
        features = feature_registry.get_default_features()
    return FeaturePolicy(dict.fromkeys(features))


def allowed_tags(features: Iterable[str] | None) -> dict[str, frozenset[str]]:
    """Map of element -> allowed attributes for these Wagtail features.

    ``p`` and ``br`` are always allowed. Features this package does not know
    (custom ones, or ``"ai"``) add nothing.
    """
    return resolve_features(features).tags


def describe_allowed_tags(features: Iterable[str] | None) -> str:
    """The allowed tags as the prompt lists them: ``<p>, <br>, <b>, <strong>, …``."""
    return ", ".join(f"<{tag}>" for tag in allowed_tags(features))
