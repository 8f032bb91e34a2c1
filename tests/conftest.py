"""Shared fixtures: real Redis and llama.cpp servers, the fake OpenAI server, logged-in users."""

from __future__ import annotations

import os

import pytest

from tests.redis_server import start_redis

# tests/install builds the wheel and a new Wagtail project (minutes): only `make
# test-install` runs it.
collect_ignore = [] if os.environ.get("WAB_INSTALL_TEST") else ["install"]


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Compile the translation catalogues that are newer than their .mo (as `make
    locale` does), so a test run from a fresh checkout sees the translations."""
    import subprocess
    import sys
    from pathlib import Path

    from django.utils.translation.reloader import translation_file_changed

    script = Path(__file__).resolve().parent.parent / "scripts" / "messages.py"
    subprocess.run([sys.executable, str(script), "--compile"], check=True)
    translation_file_changed(None, Path("django.mo"))  # forget catalogues loaded before


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with an empty local-memory cache, no in-process counters and
    no ledger rows left by another test's unfinished request."""
    from django.core.cache import caches

    from wagtail_ai_blocks import ledger
    from wagtail_ai_blocks.limits.storage import locmem

    for cache in caches.all(initialized_only=True):
        cache.clear()
    locmem.clear()
    ledger.forget_pending()
    yield
    locmem.clear()
    ledger.forget_pending()


@pytest.fixture(scope="session")
def redis_server():
    """A real redis-server for the whole test session, stopped at the end."""
    server = start_redis()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    """URL of the session's Redis, flushed before each test."""
    import redis

    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    client.close()
    return redis_server.url


@pytest.fixture
def redis_cache(settings, redis_url):
    """Switch the default Django cache to the real Redis through django-redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url + "/0",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    # Django's own setting_changed receiver rebuilds the cache handlers.
    from django.core.cache import caches

    return caches["default"]


@pytest.fixture
def offline_model(fake_openai, settings):
    """The fake provider behind a backend that says it is the small offline model
    (tests/small_backend.py): short prompts, answer checks, the "rough drafts" note."""
    backend = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]["default"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {**backend, "CLASS": "tests.small_backend.SmallProfileOpenAIBackend"}
        },
    }
    return fake_openai


@pytest.fixture(scope="session")
def llama_server():
    """llama.cpp's own OpenAI-compatible HTTP server (SmolLM2, two slots) for the session."""
    from tests.llama_server import start_llama

    server = start_llama()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fake_openai_server():
    """One fake OpenAI-compatible server for the session (see tests/fake_openai)."""
    from tests.fake_openai import FakeOpenAIServer

    server = FakeOpenAIServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_openai(fake_openai_server, settings):
    """The fake server, reset, with the default backend pointing at it."""
    fake_openai_server.reset()
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {
            "default": {
                "CLASS": "openai",
                "MODEL": "fake-model",
                "API_KEY": "sk-test",
                "BASE_URL": fake_openai_server.base_url,
                "MAX_RETRIES": 0,
            }
        },
    }
    return fake_openai_server


def _group_with_permissions(name: str, *codenames: str):
    """A group with the given ``app_label.codename`` permissions (made if missing:
    transactional tests flush the groups that migrations create)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=name)
    for dotted in codenames:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


@pytest.fixture
def make_user(db):
    """Create users: ``make_user("ed", groups=["Editors"])``; Editors can use AI."""
    from django.contrib.auth import get_user_model

    def make(username="editor", *, groups=("Editors",), **extra):
        user = get_user_model().objects.create_user(
            username=username, password="changeme", email=f"{username}@example.com", **extra
        )
        for name in groups:
            permissions = ["wagtailadmin.access_admin"]
            if name in ("Editors", "Moderators"):
                permissions.append("wagtail_ai_blocks.use_ai")
            user.groups.add(_group_with_permissions(name, *permissions))
        return user

    return make


@pytest.fixture
def editor(make_user):
    """A regular Wagtail editor (Editors group: admin access + can use AI)."""
    return make_user("editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def task_worker(transactional_db):
    """A real database task worker running while the test runs (see tests/task_worker.py)."""
    from tests.task_worker import BackgroundWorker

    worker = BackgroundWorker().start()
    yield worker
    worker.stop()
