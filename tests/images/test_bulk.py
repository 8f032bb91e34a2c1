"""Bulk descriptions as background tasks, run by the real database worker."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.fake_openai import Fail, Reply
from tests.task_worker import run_queued_tasks
from wagtail_ai_blocks.exceptions import PermissionDenied
from wagtail_ai_blocks.images import bulk
from wagtail_ai_blocks.images.models import ImageDescriptionItem

Status = ImageDescriptionItem.Status


def describe(request) -> str:
    from tests.fake_openai.payloads import last_user_text

    title = last_user_text(request).split("Field image_title: ", 1)[1].split("\n", 1)[0]
    return f"A potted plant: {title}."


@pytest.fixture
def bulk_setup(transactional_db, vision_openai, image_editor, plant_image):
    vision_openai.responder = describe
    images = [plant_image(index, size=(400, 300)) for index in range(20)]
    return vision_openai, image_editor, images


def descriptions(images) -> list[str]:
    return [type(image).objects.get(pk=image.pk).description for image in images]


def test_twenty_images_are_described_and_written_only_when_approved(bulk_setup, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "RATE_LIMITS": {"USER": None}}
    fake, user, images = bulk_setup
    job = bulk.start_job(user, images)
    assert bulk.progress(job).percent == 0

    run_queued_tasks()

    progress = bulk.progress(job)
    assert (progress.percent, progress.state) == (100, "finished")
    assert progress.counts == {Status.SUGGESTED: 20}
    assert fake.call_count == 20
    assert descriptions(images) == [""] * 20  # nothing written before approval

    items = list(job.items.select_related("image"))
    assert all(bulk.approve(user, item) for item in items)
    assert descriptions(images) == [f"A potted plant: {image.title}." for image in images]


def test_a_rate_limit_pauses_the_job_and_says_when_it_resumes(bulk_setup, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "RATE_LIMITS": {"USER": 5}}
    fake, user, images = bulk_setup
    job = bulk.start_job(user, images)

    run_queued_tasks()  # deferred tasks are not ready: the worker stops

    progress = bulk.progress(job)
    assert fake.call_count == 5
    assert progress.counts == {Status.SUGGESTED: 5, Status.PENDING: 15}
    assert progress.state == "paused"
    assert progress.resume_at > timezone.now()
    assert progress.pause_reason.startswith("You have used all your AI requests for now.")
    assert descriptions(images) == [""] * 20


def test_provider_failures_fail_their_images_only_and_can_be_retried(bulk_setup, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "RATE_LIMITS": {"USER": None}}
    fake, user, images = bulk_setup
    # The worker takes tasks in order: the 4th and the 11th calls fail.
    fake.script(*[Fail(500) if n in (3, 10) else Reply(f"Plant {n}.") for n in range(11)])
    job = bulk.start_job(user, images)

    run_queued_tasks()

    progress = bulk.progress(job)
    assert progress.counts == {Status.SUGGESTED: 18, Status.FAILED: 2}
    assert progress.state == "finished"
    failed = list(job.items.filter(status=Status.FAILED).select_related("image"))
    assert [item.retryable for item in failed] == [True, True]
    assert all(item.error for item in failed)

    assert bulk.retry(user, failed) == 2
    run_queued_tasks()
    assert bulk.progress(job).counts == {Status.SUGGESTED: 20}


def test_only_images_the_user_may_change_are_described(transactional_db, make_user, plant_image):
    user = make_user("writer", groups=())
    with pytest.raises(PermissionDenied, match="Select at least one image you may change"):
        bulk.start_job(user, [plant_image(0)])
