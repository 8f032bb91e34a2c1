"""Keeping the vector index of live pages: add or refresh a page, drop one, rebuild all.

Called by the background tasks (:mod:`wagtail_ai_blocks.related.tasks`) on publish
and unpublish, and by ``manage.py ai_related_index``. A page whose text has not
changed since it was embedded (same model, same content hash) is not embedded again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from wagtail.models import Page

from wagtail_ai_blocks.related.embedder import INDEX_ACTION, Embedder, get_embedder
from wagtail_ai_blocks.related.models import PageEmbedding
from wagtail_ai_blocks.related.text import content_hash, page_text
from wagtail_ai_blocks.related.vectors import pack

#: Pages embedded per call to the embeddings endpoint when rebuilding.
BATCH_SIZE = 32


@dataclass(frozen=True)
class IndexRun:
    embedded: int = 0
    unchanged: int = 0
    removed: int = 0


def index_pages(
    pages: Sequence[Page],
    embedder: Embedder | None = None,
    *,
    force: bool = False,
) -> IndexRun:
    """Embed the live ones of ``pages`` (in batches) and drop the others."""
    embedder = embedder or get_embedder()
    if embedder is None:
        return IndexRun()
    removed = remove_pages([page.pk for page in pages if not page.live])
    live = [page for page in pages if page.live]
    known = {
        row.page_id: row.content_hash
        for row in PageEmbedding.objects.filter(
            page_id__in=[p.pk for p in live], model=embedder.model
        )
    }
    todo = []
    for page in live:
        text = page_text(page)
        digest = content_hash(embedder.model, text)
        if text and (force or known.get(page.pk) != digest):
            todo.append((page, text, digest))
    for batch in _batches(todo, BATCH_SIZE):
        vectors = embedder.embed([text for _page, text, _digest in batch], action=INDEX_ACTION)
        for (page, _text, digest), vector in zip(batch, vectors, strict=True):
            PageEmbedding.objects.update_or_create(
                page_id=page.pk,
                defaults={
                    "model": embedder.model,
                    "content_hash": digest,
                    "dimensions": len(vector),
                    "vector": pack(vector),
                },
            )
    return IndexRun(embedded=len(todo), unchanged=len(live) - len(todo), removed=removed)


def remove_pages(page_ids: Sequence[int]) -> int:
    if not page_ids:
        return 0
    deleted, _ = PageEmbedding.objects.filter(page_id__in=page_ids).delete()
    return deleted


def rebuild(
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> IndexRun:
    """Index every live page (and drop rows of pages no longer live)."""
    embedder = get_embedder()
    if embedder is None:
        return IndexRun()
    stale = PageEmbedding.objects.exclude(page__live=True).exclude(page__depth__lte=1)
    removed, _ = stale.delete()
    ids = list(
        Page.objects.live().filter(depth__gt=1).order_by("path").values_list("pk", flat=True)
    )
    total = IndexRun(removed=removed)
    for done, chunk in enumerate(_batches(ids, BATCH_SIZE), start=1):
        pages = [page.specific for page in Page.objects.filter(pk__in=chunk).specific()]
        run = index_pages(pages, embedder, force=force)
        total = IndexRun(
            total.embedded + run.embedded,
            total.unchanged + run.unchanged,
            total.removed + run.removed,
        )
        if progress is not None:
            progress(min(done * BATCH_SIZE, len(ids)), len(ids))
    return total


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
