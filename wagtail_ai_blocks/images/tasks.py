"""Background tasks of the image features (Django's Tasks framework, any backend)."""

from __future__ import annotations

from wagtail_ai_blocks.task_framework import task


@task()
def describe_image(item_id: int) -> str:
    """Ask for one image's description in a bulk job; see :func:`.bulk.run_item`."""
    from wagtail_ai_blocks.images.bulk import run_item

    return run_item(item_id)
