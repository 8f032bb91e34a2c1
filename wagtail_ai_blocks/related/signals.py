"""Publish and unpublish enqueue index updates, once the transaction has committed."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def _enqueue(task, page_id: int) -> None:
    try:
        task.enqueue(page_id)
    except Exception:  # the page is published either way; the next rebuild catches up
        logger.exception("Could not queue the related pages index update", extra={"page": page_id})


def on_published(sender, instance, **kwargs) -> None:
    from wagtail_ai_blocks.exceptions import AIBlocksError
    from wagtail_ai_blocks.related.embedder import get_embedder
    from wagtail_ai_blocks.related.tasks import index_page

    try:
        enabled = get_embedder() is not None
    except AIBlocksError:  # a misconfigured backend is reported by the system checks
        enabled = False
    if enabled:
        transaction.on_commit(partial(_enqueue, index_page, instance.pk))


def on_unpublished(sender, instance, **kwargs) -> None:
    from wagtail_ai_blocks.related.tasks import remove_page

    transaction.on_commit(partial(_enqueue, remove_page, instance.pk))


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="wagtail_ai_blocks_related_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="wagtail_ai_blocks_related_unpublished")
