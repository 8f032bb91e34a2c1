"""Database storage: counters and sliding logs as rows of :class:`RateLimitCounter`.

Sliding logs (rate limits): the row of each window is locked (``SELECT … FOR
UPDATE`` on PostgreSQL after an ``INSERT … ON CONFLICT DO NOTHING`` that creates
missing rows; on SQLite that first write takes the database's write lock), its
log (JSON in ``log``) is evaluated and rewritten in the same transaction.

Budgets: integer counters, as follows.

The fallback when the limiter cache cannot count atomically (file, database or
memcached caches). Each counter is charged with a conditional
``UPDATE … SET count = count + n WHERE key = … AND count + n <= limit``, and all
counters of one call are charged inside one ``transaction.atomic()``: a refusal
on a later tier rolls the earlier increments back.

PostgreSQL: the conditional UPDATE locks the row, and a concurrent UPDATE
re-checks its WHERE clause against the committed value, so no increment is lost.
Counters are always locked in tier order (per-user before global), so two
requests cannot deadlock each other.

SQLite: writers are serialised by the database lock. A transaction that cannot
get the lock fails with "database is locked"; the whole call is retried with a
short, growing, jittered pause, up to ``max_attempts`` times.

Transactions: if the caller is already inside ``atomic()`` (``ATOMIC_REQUESTS``),
the charge commits or rolls back with the caller's transaction and, on
PostgreSQL, holds the counter rows locked until then. Prefer Redis for busy sites.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import ClassVar

from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    router,
    transaction,
)
from django.db.models import F
from django.utils import timezone

from wagtail_ai_blocks.exceptions import LimiterUnavailable

from .base import CounterSpec, HitResult
from .sliding import SlideResult, WindowSpec, slide, without

logger = logging.getLogger(__name__)

# Messages of transient errors worth retrying (SQLite lock contention,
# PostgreSQL deadlock and serialisation failures).
_RETRYABLE = ("database is locked", "database table is locked", "deadlock", "could not serialize")


class _Refused(Exception):  # internal control flow, never escapes
    def __init__(self, index: int) -> None:
        self.index = index


class DatabaseStorage:
    """Counters in the database through :class:`RateLimitCounter`.

    ``using`` is a database alias (default: the router's choice for writing the
    model). ``purge_probability`` is the chance that a charge also deletes expired
    rows, which keeps the table from growing with one row per user per window.
    """

    name: ClassVar[str] = "database"
    atomic_across_processes: ClassVar[bool] = True

    def __init__(
        self,
        using: str | None = None,
        *,
        max_attempts: int = 60,
        purge_probability: float = 0.01,
        now: Callable[[], datetime] = timezone.now,
    ) -> None:
        # Imported here so this module can be imported before apps are ready.
        from wagtail_ai_blocks.models.rate_limits import RateLimitCounter

        self.model = RateLimitCounter
        self.using = using or router.db_for_write(RateLimitCounter)
        self.max_attempts = max_attempts
        self.purge_probability = purge_probability
        self.now = now

    # -- plumbing ------------------------------------------------------------

    @property
    def _rows(self):
        return self.model._default_manager.using(self.using)

    def _run(self, operation: Callable[[], object]):
        """Run ``operation``, retrying lock contention, converting DB failures."""
        delay = 0.002
        for attempt in range(1, self.max_attempts + 1):
            try:
                return operation()
            except OperationalError as exc:
                retryable = any(text in str(exc).lower() for text in _RETRYABLE)
                in_outer_transaction = transaction.get_connection(self.using).in_atomic_block
                if not retryable or in_outer_transaction or attempt == self.max_attempts:
                    raise LimiterUnavailable() from exc
                time.sleep(delay + random.uniform(0, delay))
                delay = min(delay * 2, 0.1)
            except InterfaceError as exc:
                raise LimiterUnavailable() from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _maybe_purge(self) -> None:
        if self.purge_probability <= 0 or random.random() >= self.purge_probability:
            return
        try:
            deleted, _ = self._rows.filter(expires_at__lte=self.now()).delete()
        except (OperationalError, InterfaceError):
            # Housekeeping only: the next purge will try again.
            logger.debug("Could not purge expired rate-limit rows", exc_info=True)
        else:
            logger.debug("Purged expired rate-limit rows", extra={"rows_deleted": deleted})

    # -- counters ------------------------------------------------------------

    def _charge(self, spec: CounterSpec, amount: int, now: datetime) -> int | None:
        """Add ``amount`` to one counter; None if it would exceed its limit."""
        if amount > spec.limit:
            return None
        rows = self._rows
        expires_at = now + timedelta(seconds=spec.ttl)
        while True:
            # Write first: the common case is one statement, and on SQLite taking
            # the write lock before reading avoids lock-upgrade failures.
            if rows.filter(key=spec.key, expires_at__gt=now, count__lte=spec.limit - amount).update(
                count=F("count") + amount
            ):
                return rows.filter(key=spec.key).values_list("count", flat=True).get()
            # Missing, expired or full. An expired row starts a new life.
            if rows.filter(key=spec.key, expires_at__lte=now).update(
                count=amount, expires_at=expires_at
            ):
                return amount
            live = rows.filter(key=spec.key, expires_at__gt=now).values_list("count", flat=True)
            count = live.first()
            if count is not None:
                # Full, or created or renewed by another call after our UPDATE read the
                # table (PostgreSQL: each statement sees what was committed when it
                # began): charge that row, unless it is full.
                if count + amount > spec.limit:
                    return None
                continue
            try:
                with transaction.atomic(using=self.using):
                    rows.create(key=spec.key, count=amount, expires_at=expires_at)
            except IntegrityError:
                continue  # created meanwhile by someone else: charge that row
            return amount

    def _hit_once(self, counters: Sequence[CounterSpec], amount: int) -> HitResult:
        now = self.now()
        try:
            with transaction.atomic(using=self.using):
                counts = [0] * len(counters)
                # Rows are locked in key order, as release() locks them: two calls
                # never hold one row each while waiting for the other's.
                for index in sorted(range(len(counters)), key=lambda i: counters[i].key):
                    count = self._charge(counters[index], amount, now)
                    if count is None:
                        raise _Refused(index)
                    counts[index] = count
        except _Refused as refused:
            return HitResult(False, tuple(self._peek_once(counters)), refused.index)
        return HitResult(True, tuple(counts))

    def _peek_once(self, counters_or_keys: Sequence[CounterSpec] | Sequence[str]) -> list[int]:
        keys = [getattr(item, "key", item) for item in counters_or_keys]
        found = dict(
            self._rows.filter(key__in=keys, expires_at__gt=self.now()).values_list("key", "count")
        )
        return [int(found.get(key, 0)) for key in keys]

    def hit(self, counters: Sequence[CounterSpec], amount: int = 1) -> HitResult:
        if not counters:
            return HitResult(True, ())
        result = self._run(lambda: self._hit_once(counters, amount))
        self._maybe_purge()
        return result

    def peek(self, keys: Sequence[str]) -> list[int]:
        if not keys:
            return []
        return self._run(lambda: self._peek_once(keys))

    def release(self, keys: Sequence[str], amount: int = 1) -> None:
        def release() -> None:
            now = self.now()
            with transaction.atomic(using=self.using):
                # One row at a time, in key order (as hit() locks them): an UPDATE
                # of several rows locks them in the table's physical order, which
                # changes with every update, and 200 concurrent reservations on
                # PostgreSQL then waited on each other for good.
                for key in sorted(set(keys)):
                    live = self._rows.filter(key=key, expires_at__gt=now)
                    # Zero a small one first, or a row just lowered below
                    # ``amount`` would be zeroed too.
                    live.filter(count__lt=amount).update(count=0)
                    live.filter(count__gte=amount).update(count=F("count") - amount)

        if keys:
            self._run(release)

    def reset(self, keys: Sequence[str]) -> None:
        if keys:
            self._run(lambda: self._rows.filter(key__in=keys).delete())

    # -- sliding logs (rate limits) -------------------------------------------

    def _slide_once(self, windows, amount, now, token, dry) -> SlideResult:
        keys = [window.key for window in windows]
        expires_at = self.now() + timedelta(seconds=max(w.window for w in windows) + 60)
        with transaction.atomic(using=self.using):
            rows = self._rows
            if not dry:
                # Writing first takes SQLite's write lock before anything is read; on
                # PostgreSQL the rows are then locked in key order (no deadlocks).
                rows.bulk_create(
                    [self.model(key=key, count=0, expires_at=expires_at) for key in sorted(keys)],
                    ignore_conflicts=True,
                )
                rows = rows.select_for_update()
            logs = dict(rows.filter(key__in=keys).order_by("key").values_list("key", "log"))
            result, new_logs = slide(
                [_parse(logs.get(key, "")) for key in keys],
                windows,
                amount,
                int(now * 1000),
                token,
                dry=dry,
            )
            if result.allowed and not dry and amount > 0:
                for key, log in zip(keys, new_logs, strict=True):
                    self._rows.filter(key=key).update(
                        log=json.dumps(log, separators=(",", ":")),
                        count=sum(entry[1] for entry in log),
                        expires_at=expires_at,
                    )
        return result

    def take(
        self, windows: Sequence[WindowSpec], amount: int, now: float, token: str
    ) -> SlideResult:
        if not windows:
            return SlideResult(True, (), ())
        result = self._run(lambda: self._slide_once(windows, amount, now, token, False))
        self._maybe_purge()
        return result

    def look(self, windows: Sequence[WindowSpec], now: float) -> SlideResult:
        if not windows:
            return SlideResult(True, (), ())
        return self._run(lambda: self._slide_once(windows, 1, now, "", True))

    def give_back(self, keys: Sequence[str], token: str, amount: int = 1) -> None:
        def give_back() -> None:
            with transaction.atomic(using=self.using):
                rows = self._rows.select_for_update().filter(key__in=keys).order_by("key")
                for key, log in rows.values_list("key", "log"):
                    kept = without(_parse(log), token)
                    self._rows.filter(key=key).update(
                        log=json.dumps(kept, separators=(",", ":")),
                        count=sum(entry[1] for entry in kept),
                    )

        if keys and token:
            self._run(give_back)


def _parse(log: str) -> list:
    return [tuple(entry) for entry in json.loads(log)] if log else []
