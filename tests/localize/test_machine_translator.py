"""wagtail-localize's "Translate with AI": the real view, the real service, the fake provider."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from blog.models import BlogPage
from tests.fake_answers import text_block
from tests.fake_openai import payloads
from wagtail_ai_blocks.models import UsageRecord

BODY = (
    "<h2>Watering</h2>"
    "<p>Water <b>once a week</b> and read "
    '<a href="https://example.com/care">our care guide</a>.</p>'
    '<p>See the <a linktype="page" id="{home}">home page</a> for <i>more</i> plants.</p>'
    "<ul><li>Bright light</li><li>No <b>direct</b> sun</li></ul>"
)
WORDS = {
    "Watering": "Arrosage",
    "Water": "Arrosez",
    "once a week": "une fois par semaine",
    "and read": "et lisez",
    "our care guide": "notre guide d\u2019entretien",
    "See the": "Voir la",
    "home page": "page d\u2019accueil",
    "for": "pour",
    "more": "plus",
    "plants": "plantes",
    "Bright light": "Lumière vive",
    "No": "Pas de",
    "direct": "direct",
    "sun": "soleil",
}


def french(html: str) -> str:
    """A "translation" that keeps every tag and attribute, like a good model."""
    soup = BeautifulSoup(html, "html.parser")
    for node in list(soup.find_all(string=True)):
        text = str(node)
        core = text.strip(" .")
        if core:
            node.replace_with(NavigableString(text.replace(core, WORDS.get(core, f"FR {core}"))))
    return str(soup)


def translations_responder(request):
    strings = json.loads(text_block(payloads.last_user_text(request)))
    return json.dumps({"translations": [french(s) for s in strings]}, ensure_ascii=False)


@pytest.fixture
def french_locale(db):
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def post(db):
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = Page.objects.filter(depth=2).first()
    parent = home or root
    page = parent.add_child(
        instance=BlogPage(
            title="Monstera care",
            slug="monstera-care",
            intro="Big leaves, little fuss.",
            body=BODY.format(home=parent.pk),
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "changeme")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def translation(post, french_locale, admin_client):
    """What "Translate this page" into French makes: the French draft and its strings."""
    parent = post.get_parent()
    if not parent.is_root():
        parent.copy_for_translation(french_locale, copy_parents=True, alias=True)
    translate_object(post, [french_locale], user=admin_client.user)
    source = TranslationSource.objects.get_for_instance(post)
    return Translation.objects.get(source=source, target_locale=french_locale)


def machine_translate(client, translation):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]),
        {"next": "/admin/"},
    )


def _links_and_styles(html: str) -> list[tuple[str, tuple]]:
    soup = BeautifulSoup(html, "html.parser")
    return sorted((tag.name, tuple(sorted(tag.attrs.items()))) for tag in soup.find_all(True))


def test_a_page_translated_with_ai_keeps_every_link_and_style(
    admin_client, translation, post, fake_openai
):
    fake_openai.responder = translations_responder

    response = machine_translate(admin_client, translation)

    assert response.status_code == 302
    translation.save_target(user=admin_client.user, publish=True)
    french_post = post.get_translation(translation.target_locale).specific
    assert french_post.title == "FR Monstera care"
    assert _links_and_styles(french_post.body) == _links_and_styles(post.body)
    assert "<b>une fois par semaine</b>" in french_post.body
    assert 'href="https://example.com/care">notre guide d\u2019entretien</a>' in french_post.body
    assert (
        f'<a id="{post.get_parent().pk}" linktype="page">page d\u2019accueil</a>'
        in french_post.body
    )
    assert "<h2>Arrosage</h2>" in french_post.body


def test_strings_go_to_the_provider_in_batches(admin_client, translation, fake_openai, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_ai_blocks.localize.AIMachineTranslator",
        "OPTIONS": {"BATCH_STRINGS": 3},
    }
    fake_openai.responder = translations_responder
    strings = translation.source.stringsegment_set.values("string").distinct().count()

    machine_translate(admin_client, translation)

    sent = [
        json.loads(text_block(payloads.last_user_text(r["json"]))) for r in fake_openai.requests
    ]
    assert [len(batch) for batch in sent] == [3] * (strings // 3) + (
        [strings % 3] if strings % 3 else []
    )
    assert StringTranslation.objects.filter(locale=translation.target_locale).count() == strings


def test_a_second_run_is_answered_from_the_cache(admin_client, translation, fake_openai):
    fake_openai.responder = translations_responder
    machine_translate(admin_client, translation)
    calls = len(fake_openai.requests)
    first = dict(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of_id", "data"
        )
    )
    StringTranslation.objects.filter(locale=translation.target_locale).delete()

    machine_translate(admin_client, translation)

    assert len(fake_openai.requests) == calls
    again = dict(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of_id", "data"
        )
    )
    assert again == first


def test_the_ledger_shows_the_provider_calls_and_the_cache_hits(
    admin_client, translation, fake_openai
):
    fake_openai.responder = translations_responder
    machine_translate(admin_client, translation)
    StringTranslation.objects.filter(locale=translation.target_locale).delete()
    machine_translate(admin_client, translation)

    rows = UsageRecord.objects.filter(action="translate_page", user=admin_client.user)
    provider_rows = rows.filter(cache_hit=False, outcome=UsageRecord.Outcome.OK)
    assert provider_rows.count() == len(fake_openai.requests) >= 1
    assert all(row.output_tokens > 0 for row in provider_rows)
    hit = rows.get(cache_hit=True)
    assert (
        hit.candidates == translation.source.stringsegment_set.values("string").distinct().count()
    )


def test_a_translation_that_drops_a_link_is_asked_for_again_alone(
    admin_client, translation, fake_openai
):
    broken_once = []

    def responder(request):
        strings = json.loads(text_block(payloads.last_user_text(request)))
        answers = [french(s) for s in strings]
        for index, string in enumerate(strings):
            if "<a" in string and not broken_once:
                broken_once.append(string)
                answers[index] = re.sub(r"</?a[^>]*>", "", answers[index])
        return json.dumps({"translations": answers}, ensure_ascii=False)

    fake_openai.responder = responder

    machine_translate(admin_client, translation)

    retried = [
        json.loads(text_block(payloads.last_user_text(r["json"]))) for r in fake_openai.requests[1:]
    ]
    assert [broken_once[0]] in retried
    data = StringTranslation.objects.filter(locale=translation.target_locale).values_list(
        "data", flat=True
    )
    assert any("<a id=" in value for value in data)


def test_a_string_whose_markup_never_survives_is_left_untranslated(
    admin_client, translation, fake_openai
):
    def responder(request):
        strings = json.loads(text_block(payloads.last_user_text(request)))
        return json.dumps({"translations": [re.sub(r"<[^>]+>", "", french(s)) for s in strings]})

    fake_openai.responder = responder

    response = machine_translate(admin_client, translation)

    assert response.status_code == 302
    data = StringTranslation.objects.filter(locale=translation.target_locale).values_list(
        "data", flat=True
    )
    assert data and not any("<" in value for value in data)
    assert all("<" not in s.translation_of.data for s in StringTranslation.objects.all())
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("left to translate" in m for m in messages)


def test_a_rate_limit_stops_the_run_without_an_error_page(
    admin_client, translation, fake_openai, settings
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_ai_blocks.localize.AIMachineTranslator",
        "OPTIONS": {"BATCH_STRINGS": 2},
    }
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"USER": 1, "STAFF": 1, "SUPERUSER_EXEMPT": False},
    }
    fake_openai.responder = translations_responder

    response = machine_translate(admin_client, translation)

    assert response.status_code == 302
    assert len(fake_openai.requests) == 1
    assert StringTranslation.objects.filter(locale=translation.target_locale).count() == 2
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("of" in m and "left to translate" in m for m in messages)
