"""Limiter storages and the choice of one for a Django cache alias.

=================================  ====================  ==========================
Cache backend of the alias         Storage               Shared across processes
=================================  ====================  ==========================
django-redis / Django RedisCache   :class:`RedisStorage`     yes (one Lua script)
LocMemCache, DummyCache            :class:`LocMemStorage`    no (one process only)
anything else (file, database,     :class:`DatabaseStorage`  yes (conditional UPDATE)
memcached, …)
=================================  ====================  ==========================

Rate-limit windows are sliding logs (:mod:`.sliding`); budgets are integer counters.
"""

from __future__ import annotations

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from .base import CounterSpec, HitResult, Storage
from .database import DatabaseStorage
from .locmem import LocMemStorage
from .redis import RedisStorage, is_django_redis_cache
from .sliding import SlideResult, WindowSpec

__all__ = [
    "CounterSpec",
    "DatabaseStorage",
    "HitResult",
    "LocMemStorage",
    "RedisStorage",
    "SlideResult",
    "Storage",
    "WindowSpec",
    "is_atomic_across_processes",
    "storage_class_for_alias",
    "storage_for_alias",
]


def storage_class_for_alias(alias: str) -> type[Storage]:
    """The storage class used for a cache alias (see the table above).

    Raises Django's ``InvalidCacheBackendError`` for an unknown alias.
    """
    cache = caches[alias]
    if is_django_redis_cache(cache) or isinstance(cache, DjangoRedisCache):
        return RedisStorage
    if isinstance(cache, LocMemCache | DummyCache):
        return LocMemStorage
    return DatabaseStorage


def storage_for_alias(alias: str) -> Storage:
    """A ready storage for the limiter cache alias (``LIMITER_CACHE_ALIAS``)."""
    storage_class = storage_class_for_alias(alias)
    if storage_class is RedisStorage:
        return RedisStorage(alias)
    if storage_class is LocMemStorage:
        return LocMemStorage(namespace=alias)
    return DatabaseStorage()


def is_atomic_across_processes(alias: str) -> bool:
    """Whether limits counted through ``alias`` hold across processes and servers.

    ``False`` for local-memory and dummy caches: each process counts on its own,
    so N workers let N times the limit through. For the system check.
    """
    return storage_class_for_alias(alias).atomic_across_processes
