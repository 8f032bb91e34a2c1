"""What administrators configure, kept in each process and valid everywhere at once.

The prompt library (:func:`wagtail_ai_blocks.library.resolution.load_library`) and the
admin's group limits (:func:`wagtail_ai_blocks.quotas.models.admin_group_limits`) cost
queries on every AI request but change only when someone saves them in the admin. So
each process keeps what it read, tagged with a *configuration version*: one key in the
answer cache (``CACHE_ALIAS``), read once per request. Saving or deleting a watched
model (:func:`watch`: prompts, site settings, group limits, groups, sites) starts a new
version at once and again when its transaction commits, so the next request of every
process reads the database again: a change made in the admin is live at once, as
before.

Nothing is kept, and every call reads the database as before, when:

- the cache is not shared by the processes (local memory, dummy): a version set in
  one process would never reach the others;
- the cache cannot be read (an outage);
- the database connection is inside a transaction (``ATOMIC_REQUESTS``, a test): it
  may see rows that are never committed.

Changes that send no signal (``QuerySet.update()``, raw SQL, another application
writing the tables) are seen after the next watched save, or after :func:`changed`.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail_ai_blocks import conf

logger = logging.getLogger(__name__)

VERSION_KEY = "wab:config-version:v1"
T = TypeVar("T")

_memos: dict[Hashable, tuple[str, Any]] = {}
_lock = threading.Lock()
#: This thread's request: whether one is running, and the version it read.
_request = threading.local()


def _cache() -> Any:
    return caches[conf.get("CACHE_ALIAS")]


def _shared(cache: Any) -> bool:
    return not isinstance(cache, LocMemCache | DummyCache)


def version() -> str | None:
    """The configuration version (started if missing), read once per request;
    ``None`` when nothing may be kept (see the module's docstring)."""
    if getattr(_request, "read", False):
        return _request.version
    current = _read_version()
    if getattr(_request, "active", False):
        _request.version, _request.read = current, True
    return current


def _read_version() -> str | None:
    try:
        cache = _cache()
        if not _shared(cache):
            return None
        current = cache.get(VERSION_KEY)
        if current is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            current = cache.get(VERSION_KEY)
        return current
    except Exception:  # a cache outage: read the database every time
        logger.warning("AI configuration version unavailable", exc_info=True)
        return None


def memoized(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, kept in this process until the configuration version changes."""
    current = version()
    if current is None:
        return load()
    found = _memos.get(key)
    if found is not None and found[0] == current:
        return found[1]
    value = load()
    if not connection.in_atomic_block:  # never keep rows a rollback may take back
        with _lock:
            _memos[key] = (current, value)
    return value


def changed(**_kwargs: Any) -> None:
    """Start a new configuration version (every process reads the database again):
    now, for this transaction and this process, and again once the change is
    committed (another process may have read the old rows in between)."""
    _publish()
    transaction.on_commit(_publish)


def _publish() -> None:
    _request.version, _request.read = None, False
    with _lock:
        _memos.clear()
    try:
        cache = _cache()
        if _shared(cache):
            cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("Could not publish an AI configuration change", exc_info=True)


def watch(*models: type) -> None:
    """Start a new version whenever one of ``models`` (or one of its many-to-many
    relations) is saved or deleted."""
    for model in models:
        uid = f"wagtail_ai_blocks.memo.{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}.delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                changed, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}"
            )


def _request_started(**_kwargs: Any) -> None:
    _request.active, _request.version, _request.read = True, None, False


def _request_finished(**_kwargs: Any) -> None:
    _request.active, _request.version, _request.read = False, None, False


request_started.connect(_request_started, dispatch_uid="wagtail_ai_blocks.memo.started")
request_finished.connect(_request_finished, dispatch_uid="wagtail_ai_blocks.memo.finished")
