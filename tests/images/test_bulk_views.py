"""The "Images without alt text" page, a job's review page and its status."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.images.conftest import grant_image_permissions
from tests.task_worker import run_queued_tasks
from wagtail_ai_blocks.images.models import ImageDescriptionItem, ImageDescriptionJob

INDEX = "wagtail_ai_blocks_images:index"


@pytest.fixture
def bulk_user(make_user):
    from django.contrib.auth.models import Permission

    user = make_user("bulk")
    grant_image_permissions(user, "add_image", "change_image")
    user.user_permissions.add(Permission.objects.get(codename="describe_images_in_bulk"))
    return user


def test_bulk_needs_its_own_permission(client, image_editor, plant_image):
    client.force_login(image_editor)
    response = client.get(reverse(INDEX))
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_page_lists_images_without_a_description(client, bulk_user, plant_image):
    missing = plant_image(0)
    plant_image(1, description="Already described.")
    client.force_login(bulk_user)

    response = client.get(reverse(INDEX))

    assert response.status_code == 200
    assert [image.pk for image in response.context["images"]] == [missing.pk]
    assert "1 image matches." in response.content.decode()


def test_filters_by_collection_and_tag(client, bulk_user, plant_image):
    from wagtail.models import Collection

    garden = Collection.get_first_root_node().add_child(name="Garden")
    in_garden = plant_image(0, collection=garden)
    tagged = plant_image(1)
    tagged.tags.add("ferns")
    plant_image(2)
    client.force_login(bulk_user)

    by_collection = client.get(reverse(INDEX), {"collection": garden.pk, "missing": "on"})
    by_tag = client.get(reverse(INDEX), {"tag": "ferns", "missing": "on"})

    assert [i.pk for i in by_collection.context["images"]] == [in_garden.pk]
    assert [i.pk for i in by_tag.context["images"]] == [tagged.pk]


def test_starting_a_job_queues_one_task_per_selected_image(
    client, bulk_user, plant_image, vision_openai
):
    images = [plant_image(index, size=(300, 200)) for index in range(3)]
    client.force_login(bulk_user)

    response = client.post(reverse(INDEX), {"image": [images[0].pk, images[2].pk]})

    job = ImageDescriptionJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_ai_blocks_images:job", args=[job.pk])
    assert sorted(job.items.values_list("image_id", flat=True)) == [images[0].pk, images[2].pk]
    status = client.get(reverse("wagtail_ai_blocks_images:job_status", args=[job.pk])).json()
    assert (status["state"], status["percent"], status["total"]) == ("running", 0, 2)


def test_review_approves_edited_text_and_rejects(
    transactional_db, client, bulk_user, plant_image, vision_openai
):
    images = [plant_image(index, size=(300, 200)) for index in range(2)]
    client.force_login(bulk_user)
    client.post(reverse(INDEX), {"all": ""})
    job = ImageDescriptionJob.objects.get()
    run_queued_tasks()
    first, second = job.items.order_by("image_id")
    url = reverse("wagtail_ai_blocks_images:job", args=[job.pk])

    client.post(url, {"approve": first.pk, f"text-{first.pk}": "Edited by me."})
    client.post(url, {"reject": second.pk})

    images[0].refresh_from_db()
    images[1].refresh_from_db()
    assert images[0].description == "Edited by me."
    assert images[1].description == ""
    statuses = dict(job.items.values_list("pk", "status"))
    assert statuses == {
        first.pk: ImageDescriptionItem.Status.APPROVED,
        second.pk: ImageDescriptionItem.Status.REJECTED,
    }


def test_another_users_job_is_not_shown(client, bulk_user, make_user, plant_image):
    job = ImageDescriptionJob.objects.create(created_by=make_user("other"))
    client.force_login(bulk_user)
    response = client.get(reverse("wagtail_ai_blocks_images:job", args=[job.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    status_url = reverse("wagtail_ai_blocks_images:job_status", args=[job.pk])
    assert client.get(status_url).status_code == 403
