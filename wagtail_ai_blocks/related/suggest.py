"""Suggesting related pages: nearest live pages by embedding, or Wagtail search.

With an embedder and a non-empty index, the page's current text is embedded (cached
by content hash, so asking twice costs one call) and compared with every indexed live
page's unit vector (dot product, pure Python: about 1,000 pages in milliseconds; see
docs/benchmarks.md). Without one, Wagtail's search backend answers from the title and
the first words of the text. Either way the answer says which one answered.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.utils.translation import gettext as _
from wagtail.models import Page

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.related.embedder import SUGGEST_ACTION, Embedder, get_embedder
from wagtail_ai_blocks.related.models import PageEmbedding
from wagtail_ai_blocks.related.text import content_hash
from wagtail_ai_blocks.related.vectors import similarity, unpack

#: Words of the page sent to the search backend when there are no embeddings.
SEARCH_WORDS = 12


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    title: str
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        from django.urls import reverse

        return {
            "id": self.page_id,
            "title": self.title,
            "score": self.score,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[self.page_id]),
        }


@dataclass(frozen=True)
class Suggestions:
    #: ``embeddings`` or ``search``.
    source: str
    #: Which one answered, for the editor ("OpenAI (text-embedding-3-small)").
    answered_by: str
    suggestions: tuple[Suggestion, ...]
    #: Why embeddings did not answer, when they did not.
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The ``RelatedOut`` shape (``frontend/src/related/types.ts``)."""
        return {
            "source": self.source,
            "answered_by": self.answered_by,
            "note": self.note,
            "suggestions": [s.as_dict() for s in self.suggestions],
        }


def suggest(
    title: str,
    text: str,
    *,
    user: Any = None,
    exclude: Collection[int] = (),
    limit: int | None = None,
    embedder: Embedder | None = None,
) -> Suggestions:
    limit = limit or conf.get("RELATED_PAGES")["SUGGESTIONS"]
    embedder = embedder if embedder is not None else get_embedder()
    if embedder is None:
        return search(title, text, exclude=exclude, limit=limit)
    rows = PageEmbedding.objects.filter(model=embedder.model, page__live=True).exclude(
        page_id__in=list(exclude)
    )
    if not rows.exists():
        return search(
            title,
            text,
            exclude=exclude,
            limit=limit,
            note=_("The related pages index is empty: run “manage.py ai_related_index”."),
        )
    query = query_vector(embedder, text, user=user)
    scored = heapq.nlargest(
        limit,
        (
            (similarity(query, unpack(vector)), page_id)
            for page_id, vector in rows.values_list("page_id", "vector").iterator()
        ),
    )
    titles = dict(Page.objects.filter(pk__in=[pk for _s, pk in scored]).values_list("pk", "title"))
    return Suggestions(
        source="embeddings",
        answered_by=embedder.label,
        suggestions=tuple(
            Suggestion(pk, titles[pk], round(score, 4)) for score, pk in scored if pk in titles
        ),
    )


def query_vector(embedder: Embedder, text: str, *, user: Any = None) -> tuple[float, ...]:
    """The text's vector, from the cache when the same text was embedded before."""
    cache = caches[conf.get("CACHE_ALIAS")]
    key = f"wab:embedding:{content_hash(embedder.model, text)}"
    cached = cache.get(key)
    if cached is not None:
        return tuple(cached)
    vector = embedder.embed([text], action=SUGGEST_ACTION, user=user)[0]
    cache.set(key, list(vector), conf.get("CACHE_TTL") or None)
    return vector


def search(
    title: str,
    text: str,
    *,
    exclude: Collection[int] = (),
    limit: int = 5,
    note: str = "",
) -> Suggestions:
    """Wagtail's search backend, asked with the title and the text's first words."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    words = " ".join([title, *text.split()[:SEARCH_WORDS]]).strip()
    pages = Page.objects.live().filter(depth__gt=2).exclude(pk__in=list(exclude))
    results = list(backend.search(words, pages, operator="or")[:limit]) if words else []
    return Suggestions(
        source="search",
        answered_by=_("Wagtail search (%(backend)s)") % {"backend": type(backend).__name__},
        suggestions=tuple(Suggestion(page.pk, page.title) for page in results),
        note=note,
    )
