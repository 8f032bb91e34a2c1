"""The answer cache and single flight.

Identical requests are answered from the Django cache (Redis through
django-redis in production) without calling the provider. While one request is
asking the provider, identical ones wait for its answer instead of asking too:
within a process on a ``threading.Event``, across processes on a lock taken with
``cache.add`` (atomic on Redis and local memory) and a short poll.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches

from wagtail_ai_blocks import conf

logger = logging.getLogger(__name__)

KEY_PREFIX = "wab:answer:v1:"
LOCK_PREFIX = "wab:flight:v1:"


def cache_key(parts: Mapping[str, Any]) -> str:
    """A stable key over everything that changes the output (and the scope)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return KEY_PREFIX + hashlib.sha256(canonical.encode()).hexdigest()


class AnswerCache:
    """Get and set finished answers (JSON-safe dicts)."""

    def __init__(self, alias: str, ttl: int):
        self.alias = alias
        self.ttl = ttl

    @classmethod
    def from_settings(cls) -> AnswerCache:
        return cls(conf.get("CACHE_ALIAS"), int(conf.get("CACHE_TTL")))

    @property
    def enabled(self) -> bool:
        return self.ttl > 0

    @property
    def backend(self):
        return caches[self.alias]

    def get(self, key: str) -> dict | None:
        if not self.enabled:
            return None
        try:
            return self.backend.get(key)
        except Exception:  # a cache outage must not stop editors: answer uncached
            logger.warning("AI answer cache read failed", exc_info=True, extra={"key": key})
            return None

    def set(self, key: str, value: dict) -> None:
        if not self.enabled:
            return
        try:
            self.backend.set(key, value, self.ttl)
        except Exception:
            logger.warning("AI answer cache write failed", exc_info=True, extra={"key": key})


@dataclass
class _Flight:
    event: threading.Event = field(default_factory=threading.Event)
    value: dict | None = None


_flights: dict[str, _Flight] = {}
_flights_lock = threading.Lock()


class Ticket:
    """One request's place in a flight.

    ``answer`` is set when another request (in this process or another) produced
    it while this one waited; otherwise this request leads and must ask the
    provider, then :meth:`publish` the answer. Use as a context manager.
    """

    def __init__(self, flights: SingleFlight, key: str, flight: _Flight, leader: bool):
        self._flights = flights
        self.key = key
        self._flight = flight
        self.leader = leader
        self.answer: dict | None = None
        self._lock_token: str | None = None

    def publish(self, value: dict) -> None:
        self._flight.value = value
        self._flights.cache.set(self.key, value)

    def close(self) -> None:
        """Leave the flight; a leader wakes its followers (with the answer, if published)."""
        if self.leader:
            self._flights._land(self)

    def __enter__(self) -> Ticket:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class SingleFlight:
    """Make N identical concurrent requests cost one provider call."""

    poll_interval = 0.02

    def __init__(self, cache: AnswerCache, lock_ttl: float = 60.0):
        self.cache = cache
        self.lock_ttl = lock_ttl

    def join(self, key: str, timeout: float) -> Ticket:
        """Join the flight for ``key``, waiting up to ``timeout`` for its leader."""
        while True:
            with _flights_lock:
                flight = _flights.get(key)
                leader = flight is None
                if leader:
                    flight = _flights[key] = _Flight()
            ticket = Ticket(self, key, flight, leader)
            if leader:
                break
            if flight.event.wait(timeout) and flight.value is not None:
                ticket.answer = flight.value
                return ticket
            # The leader failed or took too long: try to lead.
        if self.cache.enabled:
            ticket.answer = self._lead_across_processes(ticket, timeout)
        return ticket

    def _lead_across_processes(self, ticket: Ticket, timeout: float) -> dict | None:
        lock_key = LOCK_PREFIX + ticket.key
        token = uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.cache.backend.add(lock_key, token, int(self.lock_ttl) or 1):
                    ticket._lock_token = token
                    # Someone may have finished between our cache read and the lock.
                    answer = self.cache.get(ticket.key)
                    ticket._flight.value = answer
                    return answer
            except Exception:
                logger.warning("AI single-flight lock unavailable", exc_info=True)
                return None
            answer = self.cache.get(ticket.key)
            if answer is not None:
                ticket._flight.value = answer
                return answer
            if time.monotonic() >= deadline:
                return None
            time.sleep(self.poll_interval)

    def _land(self, ticket: Ticket) -> None:
        with _flights_lock:
            if _flights.get(ticket.key) is ticket._flight:
                del _flights[ticket.key]
        ticket._flight.event.set()
        if ticket._lock_token:
            lock_key = LOCK_PREFIX + ticket.key
            try:
                if self.cache.backend.get(lock_key) == ticket._lock_token:
                    self.cache.backend.delete(lock_key)
            except Exception:
                logger.warning("AI single-flight unlock failed", exc_info=True)
