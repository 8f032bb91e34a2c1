"""Process-local memos of what editors configure in the admin, valid everywhere at once.

Reading the prompt library and the admin's group limits costs several queries per
AI request. They change rarely, so each process keeps them in memory, tagged with
a shared *configuration version* (one key in the answer cache). Saving or deleting
a watched model (``watch``) sets a new version, so every process reloads on its
next request: a change in the admin is live at once, as before. When the cache
cannot be read, nothing is memoised.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail_ai_blocks import conf

logger = logging.getLogger(__name__)

VERSION_KEY = "wab:config-version:v1"
T = TypeVar("T")

_memos: dict[Hashable, tuple[str, Any]] = {}
_lock = threading.Lock()
#: The version read during the current request (one cache read per request).
_request = threading.local()


def _cache():
    return caches[conf.get("CACHE_ALIAS")]


def version() -> str | None:
    """The shared configuration version (made if missing); ``None`` if unreadable.
    Read once per request."""
    current = getattr(_request, "version", None)
    if current is not None:
        return current
    current = _read_version()
    if getattr(_request, "active", False):
        _request.version = current
    return current


def _request_started(**_kwargs: Any) -> None:
    _request.active, _request.version = True, None


def _request_finished(**_kwargs: Any) -> None:
    _request.active, _request.version = False, None


request_started.connect(_request_started, dispatch_uid="wagtail_ai_blocks.memo.started")
request_finished.connect(_request_finished, dispatch_uid="wagtail_ai_blocks.memo.finished")


def _read_version() -> str | None:
    try:
        cache = _cache()
        current = cache.get(VERSION_KEY)
        if current is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            current = cache.get(VERSION_KEY)
        return current
    except Exception:  # a cache outage: read the database every time
        logger.warning("AI configuration version unavailable", exc_info=True)
        return None


def memoized(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, reused in this process until the configuration version changes."""
    current = version()
    if current is None:
        return load()
    found = _memos.get(key)
    if found is not None and found[0] == current:
        return found[1]
    value = load()
    with _lock:
        _memos[key] = (current, value)
    return value


def changed(**_kwargs: Any) -> None:
    """Start a new configuration version (every process reloads), now and again
    once the change is committed (a process that reloaded in between read the old
    rows)."""
    _publish()
    transaction.on_commit(_publish)


def _publish() -> None:
    _request.version = None
    with _lock:
        _memos.clear()
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("Could not publish an AI configuration change", exc_info=True)


def watch(*models: type) -> None:
    """Start a new version whenever one of ``models`` is saved or deleted."""
    for model in models:
        uid = f"wab-memo-{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(changed, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(changed, sender=field.remote_field.through, dispatch_uid=uid)
