"""POST pages/<id>/review: the page's current form data reviewed through the service."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.fake_openai import Malformed, Reply
from wagtail_ai_blocks.models import UsageRecord

pytestmark = pytest.mark.django_db

GOOD = {
    "score": "adequate",
    "observations": ["Clear topic.", "Short.", "Lacks a conclusion."],
    "improvements": [
        {
            "original": "Wipe the leaves monthly so they can breathe",
            "suggested": "Wipe the leaves every month so they can breathe",
            "why": "Plainer wording.",
        },
        {
            "original": "Bright, indirect light.",
            "suggested": "Bright, indirect light, away from harsh sun.",
            "why": "More specific.",
        },
        {"original": "Text that is not on the page.", "suggested": "x", "why": "Invented."},
    ],
}


@pytest.fixture
def monstera(db):
    from blog.models import BlogPage

    call_command("seed_demo", stdout=io.StringIO())
    return BlogPage.objects.get(slug="caring-for-monstera-deliciosa")


def form_data(page, *, body=None, sections=()):
    """The edit form as the browser posts it, with unsaved changes."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": rich_text(body if body is not None else page.body),
            "sections": streamfield(list(sections)),
            "related_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "related_pages": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    return data


def review_url(page, **query):
    url = reverse("wagtail_ai_blocks_api:review_existing", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_review_reads_unsaved_form_data_and_locates_improvements(
    fake_openai, admin_client, monstera
):
    fake_openai.script(Reply(json.dumps(GOOD)))
    data = form_data(monstera, sections=[("text", "Bright, indirect light.")])

    response = admin_client.post(review_url(monstera), data)

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["score"] == "adequate"
    assert answer["observations"] == GOOD["observations"]
    # The invented improvement is dropped; the others name the field that holds them.
    assert [(i["field"], i["format"]) for i in answer["improvements"]] == [
        ("body", "html"),
        ("sections-0-value", "text"),
    ]
    assert answer["improvements"][1]["label"] == "Sections \u203a AI text"
    # The model saw the unsaved StreamField block (never saved in any revision).
    prompt = fake_openai.requests[-1]["json"]["messages"][-1]["content"]
    assert "Bright, indirect light." in prompt
    assert "### Title" in prompt


def test_review_asks_for_structured_output(fake_openai, admin_client, monstera):
    fake_openai.script(Reply(json.dumps(GOOD)))
    admin_client.post(review_url(monstera), form_data(monstera))

    request = fake_openai.requests[-1]["json"]
    schema = request["response_format"]["json_schema"]["schema"]
    assert request["response_format"]["type"] == "json_schema"
    assert schema["properties"]["score"]["enum"] == ["needs_work", "adequate", "excellent"]
    assert "JSON" in request["messages"][0]["content"]


def test_invalid_answer_is_asked_again_once_then_used(fake_openai, admin_client, monstera):
    fake_openai.script(Reply("The page is fine!"), Reply(json.dumps(GOOD)))

    response = admin_client.post(review_url(monstera), form_data(monstera))

    assert response.status_code == 200
    assert response.json()["score"] == "adequate"
    assert fake_openai.call_count == 2
    assert UsageRecord.objects.filter(action="review_page").count() == 2


def test_two_invalid_answers_are_a_clear_error(fake_openai, admin_client, monstera):
    fake_openai.script(Reply('{"score": "great"}'), Reply("not json"))

    response = admin_client.post(review_url(monstera), form_data(monstera))

    assert response.status_code == 502
    error = response.json()["error"]
    assert error["code"] == "invalid_answer"
    assert "could not be read" in error["message"]
    assert fake_openai.call_count == 2


def test_a_valid_review_is_cached_and_free_the_second_time(fake_openai, admin_client, monstera):
    fake_openai.script(Reply(json.dumps(GOOD)))
    data = form_data(monstera)

    first = admin_client.post(review_url(monstera), data)
    second = admin_client.post(review_url(monstera), data)

    assert (first.json()["cache"], second.json()["cache"]) == ("miss", "hit")
    assert fake_openai.call_count == 1
    rows = UsageRecord.objects.filter(action="review_page").order_by("pk")
    assert [row.cache_hit for row in rows] == [False, True]


def test_changed_content_is_reviewed_again(fake_openai, admin_client, monstera):
    fake_openai.script(Reply(json.dumps(GOOD)), Reply(json.dumps(GOOD)))

    admin_client.post(review_url(monstera), form_data(monstera))
    admin_client.post(review_url(monstera), form_data(monstera, body="<p>New text.</p>"))

    assert fake_openai.call_count == 2
    assert "New text." in fake_openai.requests[-1]["json"]["messages"][-1]["content"]


def test_site_review_criteria_reach_the_prompt(fake_openai, admin_client, monstera):
    from wagtail.models import Site

    from wagtail_ai_blocks.library.models import AISiteSettings

    settings = AISiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.review_criteria = "Paragraphs of at most 3 sentences\nAlways mention the return policy"
    settings.save()
    fake_openai.script(Reply(json.dumps(GOOD)))

    admin_client.post(review_url(monstera), form_data(monstera))

    system = fake_openai.requests[-1]["json"]["messages"][0]["content"]
    assert "- Always mention the return policy" in system
    assert "- Paragraphs of at most 3 sentences" in system


def test_malformed_provider_answer_is_an_error_not_a_500(fake_openai, admin_client, monstera):
    fake_openai.script(Malformed())

    response = admin_client.post(review_url(monstera), form_data(monstera))

    assert response.status_code == 502
    assert response.json()["error"]["code"] == "provider_error"


def test_editor_without_edit_permission_is_refused(fake_openai, client, make_user, monstera):
    user = make_user("outsider", groups=())
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="use_ai"),
    )
    client.force_login(user)

    response = client.post(review_url(monstera), form_data(monstera))

    assert response.status_code == 403
    assert fake_openai.call_count == 0


def test_unknown_page_is_a_400(admin_client, db):
    response = admin_client.post(
        reverse("wagtail_ai_blocks_api:review_existing", args=[999999]), {}
    )
    assert response.status_code == 400


def test_empty_page_says_there_is_nothing_to_review(fake_openai, admin_client, monstera):
    data = form_data(monstera, body="")
    data["title"] = ""
    data["intro"] = ""

    response = admin_client.post(review_url(monstera), data)

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The page has no text to review yet."
    assert fake_openai.call_count == 0


def test_rich_text_suggestion_comes_as_contentstate_keeping_the_originals_formatting(
    fake_openai, admin_client, monstera
):
    improvement = {
        "original": "Monstera deliciosa is a forgiving houseplant that rewards bright, "
        "indirect light",
        "suggested": "Monstera deliciosa is a forgiving houseplant that thrives in bright, "
        "indirect light",
        "why": "A livelier verb.",
    }
    fake_openai.script(Reply(json.dumps({**GOOD, "improvements": [improvement]})))
    data = form_data(monstera, sections=[("text", "Bright, indirect light.")])

    response = admin_client.post(review_url(monstera), data)

    [located] = response.json()["improvements"]
    [block] = located["contentstate"]["blocks"]
    assert block["text"] == improvement["suggested"]
    bold = block["inlineStyleRanges"]
    assert [(r["style"], block["text"][r["offset"] : r["offset"] + r["length"]]) for r in bold] == [
        ("BOLD", "forgiving houseplant")
    ]
    # The article link lies outside the original text: it is not carried over.
    assert located["contentstate"]["entityMap"] == {}


def test_plain_text_improvements_have_no_contentstate(fake_openai, admin_client, monstera):
    fake_openai.script(Reply(json.dumps(GOOD)))
    data = form_data(monstera, sections=[("text", "Bright, indirect light.")])

    response = admin_client.post(review_url(monstera), data)

    formats = [(i["format"], i["contentstate"] is None) for i in response.json()["improvements"]]
    assert formats == [("html", False), ("text", True)]


def test_a_review_may_be_as_long_as_its_findings_whatever_the_pages_length(
    fake_openai, admin_client, monstera
):
    fake_openai.script(Reply(json.dumps(GOOD)))

    admin_client.post(review_url(monstera), form_data(monstera, body="<p>Short.</p>"))

    # Not a multiple of the page's few tokens: a JSON review cut short cannot be read.
    assert fake_openai.requests[-1]["json"]["max_tokens"] == 1500


def test_the_small_models_profile_takes_a_valid_review_as_it_is(
    fake_openai, admin_client, monstera, settings
):
    backend = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]["default"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {**backend, "CLASS": "tests.small_backend.SmallProfileOpenAIBackend"}
        },
    }
    fake_openai.script(Reply(json.dumps(GOOD)))

    response = admin_client.post(
        review_url(monstera), form_data(monstera, sections=[("text", "Bright, indirect light.")])
    )

    # The checks for prose (copied phrases, lists) are not for a JSON answer that quotes
    # the page on purpose: its own parser reads it, and one call is enough.
    assert response.status_code == 200, response.content
    assert len(response.json()["improvements"]) == 2
    assert fake_openai.call_count == 1


def test_form_data_the_editor_cannot_read_is_a_400_not_a_500(fake_openai, admin_client, monstera):
    data = form_data(monstera)
    data["body"] = "<p>Not Draftail's JSON</p>"

    response = admin_client.post(review_url(monstera), data)

    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "The page's form could not be read. Reload the page and try again."
    )
    assert fake_openai.call_count == 0
