"""Related pages: the vector index, its background upkeep and the suggestions."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.task_worker import run_queued_tasks
from wagtail_ai_blocks.models import PageEmbedding, UsageRecord


@pytest.fixture
def posts(db):
    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    return {page.slug: page for page in BlogPage.objects.all()}


@pytest.fixture
def monstera(posts):
    return posts["caring-for-monstera-deliciosa"]


def form_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": rich_text(page.body),
        "sections": streamfield([]),
        "related_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        "related_pages": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
    }
    data.update(changes)
    return nested_form_data(data)


def related_url(page, exclude=""):
    url = reverse("wagtail_ai_blocks_api:related_existing", args=[page.pk])
    return f"{url}?exclude={exclude}" if exclude else url


def embedding_calls(fake):
    return [r for r in fake.requests if r["path"].endswith("/embeddings")]


def test_rebuild_command_indexes_every_live_page_with_a_progress_bar(fake_openai, posts):
    out = io.StringIO()
    call_command("ai_related_index", stdout=out)

    assert PageEmbedding.objects.count() == len(posts) + 1  # the posts and the home page
    assert "[##############################]" in out.getvalue()
    assert "embedded, 0 unchanged" in out.getvalue()
    assert UsageRecord.objects.filter(action="index_pages", outcome="ok").exists()

    again = io.StringIO()
    call_command("ai_related_index", stdout=again)
    assert "0 embedded" in again.getvalue()


def test_monstera_post_is_related_to_the_other_houseplant_not_the_bread(
    fake_openai, admin_client, monstera, posts
):
    call_command("ai_related_index", "--no-progress", stdout=io.StringIO())

    response = admin_client.post(related_url(monstera), form_data(monstera))

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["source"] == "embeddings"
    assert "text-embedding-3-small" in answer["answered_by"]
    titles = [s["title"] for s in answer["suggestions"]]
    assert titles[0] == "Propagating pothos in water"
    assert titles.index("A simple sourdough loaf") > 0
    assert monstera.title not in titles
    assert UsageRecord.objects.filter(action="related_pages", outcome="ok").count() == 1


def test_suggestions_read_the_unsaved_text_and_skip_pages_already_listed(
    fake_openai, admin_client, monstera, posts
):
    call_command("ai_related_index", "--no-progress", stdout=io.StringIO())
    pothos = posts["propagating-pothos-in-water"]
    bread_text = "<p>Knead the dough with flour and water, shape the loaf and bake it.</p>"

    response = admin_client.post(
        related_url(monstera, exclude=str(pothos.pk)),
        form_data(monstera, title="Bread", intro="", body=rich_text(bread_text)),
    )

    titles = [s["title"] for s in response.json()["suggestions"]]
    assert titles[0] == "A simple sourdough loaf"
    assert pothos.title not in titles


def test_the_same_text_is_embedded_once(fake_openai, admin_client, monstera):
    call_command("ai_related_index", "--no-progress", stdout=io.StringIO())
    before = len(embedding_calls(fake_openai))

    admin_client.post(related_url(monstera), form_data(monstera))
    admin_client.post(related_url(monstera), form_data(monstera))

    assert len(embedding_calls(fake_openai)) == before + 1


def test_without_an_embeddings_backend_wagtail_search_answers_and_says_so(
    fake_openai, admin_client, monstera, settings
):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "RELATED_PAGES": {"BACKEND": ""}}
    call_command("update_index", stdout=io.StringIO())

    response = admin_client.post(related_url(monstera), form_data(monstera))

    answer = response.json()
    assert answer["source"] == "search"
    assert answer["answered_by"].startswith("Wagtail search (")
    assert embedding_calls(fake_openai) == []


def test_an_empty_index_falls_back_to_search_and_says_why(fake_openai, admin_client, monstera):
    response = admin_client.post(related_url(monstera), form_data(monstera))

    answer = response.json()
    assert answer["source"] == "search"
    assert "ai_related_index" in answer["note"]


def test_rebuild_without_embeddings_backend_is_a_clear_error(db, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "RELATED_PAGES": {"BACKEND": ""}}
    with pytest.raises(CommandError, match="No embeddings backend"):
        call_command("ai_related_index", stdout=io.StringIO())


def test_publish_and_unpublish_update_the_index_through_background_tasks(
    fake_openai, transactional_db
):
    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    run_queued_tasks()  # the seeded posts' own publish tasks
    post = BlogPage.objects.get(slug="propagating-pothos-in-water")
    assert PageEmbedding.objects.filter(page_id=post.pk).exists()

    post.body = "<p>Pothos grows fast in a bright room.</p>"
    post.save_revision().publish()
    old_hash = PageEmbedding.objects.get(page_id=post.pk).content_hash
    assert queued("index_page") == [[post.pk]]
    run_queued_tasks()
    assert PageEmbedding.objects.get(page_id=post.pk).content_hash != old_hash

    post.unpublish()
    assert PageEmbedding.objects.filter(page_id=post.pk).exists()  # not in the request
    assert queued("remove_page") == [[post.pk]]
    run_queued_tasks()
    assert not PageEmbedding.objects.filter(page_id=post.pk).exists()


def queued(name):
    """Arguments of our tasks waiting in the database queue."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=f"wagtail_ai_blocks.related.tasks.{name}", status="READY"
    )
    return [row.args_kwargs["args"] for row in rows]


def test_related_pages_panel_renders_the_suggest_button(admin_client, monstera):
    response = admin_client.get(f"/admin/pages/{monstera.pk}/edit/")

    html = response.content.decode()
    assert 'data-controller="wab-related-pages"' in html
    assert "Suggest related pages" in html
    assert reverse("wagtail_ai_blocks_api:related_existing", args=[monstera.pk]) in html
    assert 'id="id_related_pages-ADD"' in html
