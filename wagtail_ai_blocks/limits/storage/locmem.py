"""In-process storage: a dict behind one process-wide lock.

Correct for threads inside ONE process only. Every process (each gunicorn worker,
each server) keeps its own counts, so with N processes a limit of 10 lets up to
10 x N calls through. Use it for development and tests; the system check
``is_atomic_across_processes`` reports it for production.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import ClassVar

from .base import CounterSpec, HitResult
from .sliding import Entry, SlideResult, WindowSpec, slide, without

# One lock for the whole process: read-check-write across several counters must
# not interleave with another thread's.
_LOCK = threading.Lock()
# namespace -> key -> [value, expires_at (monotonic seconds)]
_DATA: dict[str, dict[str, list[float]]] = {}
# namespace -> key -> sliding log
_LOGS: dict[str, dict[str, list[Entry]]] = {}


class LocMemStorage:
    """Counters in this process's memory.

    ``namespace`` separates independent sets of counters (the cache alias by
    default). ``clock`` returns monotonic seconds and only drives expiry.
    """

    name: ClassVar[str] = "locmem"
    atomic_across_processes: ClassVar[bool] = False

    def __init__(
        self, namespace: str = "default", *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.namespace = namespace
        self.clock = clock

    def _data(self) -> dict[str, list[float]]:
        return _DATA.setdefault(self.namespace, {})

    def _value(self, data: dict[str, list[float]], key: str, now: float) -> float:
        entry = data.get(key)
        if entry is None:
            return 0
        if entry[1] <= now:
            del data[key]
            return 0
        return entry[0]

    def hit(self, counters: Sequence[CounterSpec], amount: int = 1) -> HitResult:
        with _LOCK:
            data = self._data()
            now = self.clock()
            counts = [int(self._value(data, spec.key, now)) for spec in counters]
            for index, (spec, count) in enumerate(zip(counters, counts, strict=True)):
                if count + amount > spec.limit:
                    return HitResult(False, tuple(counts), index)
            new_counts = []
            for spec, count in zip(counters, counts, strict=True):
                data[spec.key] = [count + amount, now + spec.ttl]
                new_counts.append(count + amount)
            return HitResult(True, tuple(new_counts))

    def peek(self, keys: Sequence[str]) -> list[int]:
        with _LOCK:
            data = self._data()
            now = self.clock()
            return [int(self._value(data, key, now)) for key in keys]

    def release(self, keys: Sequence[str], amount: int = 1) -> None:
        with _LOCK:
            data = self._data()
            now = self.clock()
            for key in keys:
                if self._value(data, key, now):
                    data[key][0] = max(0, data[key][0] - amount)

    def reset(self, keys: Sequence[str]) -> None:
        with _LOCK:
            data = self._data()
            logs = _LOGS.setdefault(self.namespace, {})
            for key in keys:
                data.pop(key, None)
                logs.pop(key, None)

    def _slide(self, windows, amount, now, token, dry) -> SlideResult:
        with _LOCK:
            logs = _LOGS.setdefault(self.namespace, {})
            keys = [window.key for window in windows]
            result, new_logs = slide(
                [logs.get(key, ()) for key in keys],
                windows,
                amount,
                int(now * 1000),
                token,
                dry=dry,
            )
            for key, log in zip(keys, new_logs, strict=True):
                if log:
                    logs[key] = log
                else:
                    logs.pop(key, None)
            return result

    def take(
        self, windows: Sequence[WindowSpec], amount: int, now: float, token: str
    ) -> SlideResult:
        return self._slide(windows, amount, now, token, dry=False)

    def look(self, windows: Sequence[WindowSpec], now: float) -> SlideResult:
        return self._slide(windows, 1, now, "", dry=True)

    def give_back(self, keys: Sequence[str], token: str, amount: int = 1) -> None:
        with _LOCK:
            logs = _LOGS.setdefault(self.namespace, {})
            for key in keys:
                if key in logs:
                    logs[key] = without(logs[key], token)

    def clear(self) -> None:
        """Forget every counter in this namespace (tests)."""
        with _LOCK:
            _DATA.pop(self.namespace, None)
            _LOGS.pop(self.namespace, None)


def clear() -> None:
    """Forget every in-process counter (for tests and development)."""
    with _LOCK:
        _DATA.clear()
        _LOGS.clear()
