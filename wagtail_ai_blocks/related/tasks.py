"""Background tasks (Django's Tasks framework) keeping the index current."""

from __future__ import annotations

from wagtail_ai_blocks.task_framework import task


@task()
def index_page(page_id: int) -> str:
    """Embed a page that was published (nothing when its text did not change)."""
    from wagtail.models import Page

    from wagtail_ai_blocks.related.index import index_pages, remove_pages

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        remove_pages([page_id])
        return "removed"
    run = index_pages([page.specific])
    return "embedded" if run.embedded else "unchanged" if run.unchanged else "removed"


@task()
def remove_page(page_id: int) -> int:
    """Drop an unpublished or deleted page from the index."""
    from wagtail_ai_blocks.related.index import remove_pages

    return remove_pages([page_id])
