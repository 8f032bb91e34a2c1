"""The admin's configuration kept per process, and still live at once (memo.py).

The prompt library and the group limits are read once per configuration version
when the answer cache is shared (Redis here), and again as soon as anything that
changes them is saved, in this process or (through the version in Redis) another.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from wagtail_ai_blocks import memo
from wagtail_ai_blocks.library import site_actions
from wagtail_ai_blocks.library.models import AIPrompt, AISiteSettings
from wagtail_ai_blocks.quotas.models import AILimitSettings, GroupAILimit, admin_group_limits


def queries(call):
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        result = call()
    return result, len(captured)


def prompt(**fields) -> AIPrompt:
    fields.setdefault("label", "Make it a tweet")
    fields.setdefault("instruction", "Rewrite {selected_text} as a tweet.")
    made = AIPrompt(**fields)
    made.full_clean()
    made.save()
    return made


@pytest.fixture
def shared_cache(redis_cache):
    """Redis as the answer cache: what production uses, and what memos need."""
    return redis_cache


@pytest.mark.django_db(transaction=True)
def test_the_library_is_read_once_while_nothing_changes(shared_cache):
    _, first = queries(site_actions)
    actions, again = queries(site_actions)

    assert first >= 2  # the site's settings and its prompts
    assert again == 0
    assert actions[0].id == "improve"


@pytest.mark.django_db(transaction=True)
def test_a_saved_prompt_is_offered_at_once(shared_cache):
    site_actions()
    made = prompt(label="Tweet it")

    assert site_actions()[-1].label == "Tweet it"
    made.label = "Toot it"
    made.save()
    assert site_actions()[-1].label == "Toot it"
    made.delete()
    assert "Toot it" not in [str(action.label) for action in site_actions()]


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_by_another_process_is_seen_on_the_next_read(shared_cache):
    made = prompt(label="Tweet it")
    assert site_actions()[-1].label == "Tweet it"
    # Another process saves: its rows change and its signal starts a new version in Redis.
    AIPrompt.objects.filter(pk=made.pk).update(label="Toot it")  # no signal here
    assert site_actions()[-1].label == "Tweet it"  # this process still has the old version
    shared_cache.set(memo.VERSION_KEY, "another-process", None)

    assert site_actions()[-1].label == "Toot it"


@pytest.mark.django_db(transaction=True)
def test_site_settings_are_live_at_once(shared_cache):
    from wagtail.models import Locale, Page, Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:  # a transactional test before this one emptied the tables
        Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        site = Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    site_actions()
    AISiteSettings.objects.create(site=site, hidden_actions=["improve"])

    assert "improve" not in [action.id for action in site_actions()]


@pytest.mark.django_db(transaction=True)
def test_group_limits_are_read_once_and_live_at_once(shared_cache):
    editors = Group.objects.create(name="Copywriters")
    assert admin_group_limits() == {}
    _, again = queries(admin_group_limits)
    assert again == 0

    GroupAILimit.objects.create(setting=AILimitSettings.load(), group=editors, calls=40)
    assert admin_group_limits() == {"Copywriters": 40}
    editors.name = "Writers"
    editors.save()
    assert admin_group_limits() == {"Writers": 40}


@pytest.mark.django_db(transaction=True)
def test_what_a_transaction_read_is_not_kept(shared_cache):
    with transaction.atomic():
        made = prompt(label="Never committed")
        assert site_actions()[-1].label == "Never committed"
        transaction.set_rollback(True)

    assert made.label not in [str(action.label) for action in site_actions()]
    _, again = queries(site_actions)
    assert again == 0  # read (and kept) outside the transaction


@pytest.mark.django_db
def test_nothing_is_kept_with_a_per_process_cache():
    """Local memory is not shared: a version set here would never reach another process."""
    _, first = queries(site_actions)
    _, again = queries(site_actions)

    assert first >= 2
    assert again == first


@pytest.mark.django_db(transaction=True)
def test_a_cache_outage_reads_the_database_every_time(settings, caplog):
    from tests.redis_server import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    made = prompt(label="Tweet it")
    assert site_actions()[-1].label == "Tweet it"
    AIPrompt.objects.filter(pk=made.pk).update(label="Toot it")

    assert site_actions()[-1].label == "Toot it"
    assert "AI configuration version unavailable" in caplog.text
