"""The benchmark's Django side: environment, database, editors and their sessions.

The orchestrating process configures Django with ``benchmarks.settings`` on the
same database file and Redis as the gunicorn it starts, so it can create users
and sessions directly and count ledger rows after a run.
"""

from __future__ import annotations

import io
import os
import secrets
import sys
from dataclasses import dataclass

from benchmarks.processes import ROOT, WORK

DB_FILE = WORK / "bench.sqlite3"


def server_env(*, redis_url: str, fake_base_url: str, database_url: str = "") -> dict[str, str]:
    """Environment for every process of a run (gunicorn workers and this one)."""
    return {
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url or f"sqlite:///{DB_FILE}",
        "REDIS_URL": redis_url + "/0",
        "OPENAI_API_KEY": "sk-bench",
        "OPENAI_BASE_URL": fake_base_url,
        "OPENAI_MODEL": "fake-model",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "demo")]),
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    for path in (str(ROOT), str(ROOT / "demo")):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


def prepare_database(fresh: bool = True) -> None:
    """Migrate and seed the demo into a fresh database."""
    from django.core.management import call_command
    from django.db import connections

    if fresh:
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            path = DB_FILE.with_name(DB_FILE.name + suffix)
            if path.exists():
                path.unlink()
    WORK.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())


@dataclass(frozen=True)
class Login:
    """A logged-in editor: what a browser would send."""

    username: str
    session_key: str
    csrf: str


def editors(count: int, prefix: str = "bench-editor") -> list[Login]:
    """``count`` regular editors (Editors group: admin access and "use AI"), logged in."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Editors")
    users = []
    for index in range(count):
        username = f"{prefix}-{index}"
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(secrets.token_hex(8))
            user.save()
            user.groups.add(group)
        users.append(user)
    return [login(user) for user in users]


def login(user) -> Login:
    """A database session for ``user``, as Django's ``login()`` would write it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    # Django accepts its 32-character unmasked secret in both the cookie and the header.
    csrf = secrets.token_hex(16)
    return Login(user.username, store.session_key, csrf)
