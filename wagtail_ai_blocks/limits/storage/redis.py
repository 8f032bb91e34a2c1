"""Redis storage: one Lua script checks and charges every tier atomically.

Rate-limit windows are sorted sets (one member per call, scored by its time in
epoch milliseconds); budgets are integer counters.

The client comes from the Django cache alias (django-redis, or Django's own
``RedisCache``), so the limiter shares the project's Redis configuration, and
keys go through the cache's ``make_key`` (``KEY_PREFIX``, ``VERSION``) so two
sites on one Redis do not count each other's calls.

Redis Cluster: a multi-key script needs all keys in one hash slot; keys here are
not hash-tagged, so point the limiter at a non-cluster Redis.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from django.core.cache import caches
from redis import exceptions as redis_exceptions

from wagtail_ai_blocks.exceptions import LimiterUnavailable

from .base import CounterSpec, HitResult
from .sliding import SlideResult, WindowSpec

# KEYS: the counters. ARGV[1]: amount; ARGV[1 + i]: limit of KEYS[i];
# ARGV[1 + n + i]: ttl of KEYS[i]. Returns {refused, count_1, ..., count_n} where
# refused is the 1-based index of the first counter that would exceed (0: charged).
# Nothing is written unless every counter fits.
HIT_SCRIPT = """
local amount = tonumber(ARGV[1])
local n = #KEYS
local result = {0}
for i = 1, n do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  result[i + 1] = current
  if result[1] == 0 and current + amount > tonumber(ARGV[1 + i]) then
    result[1] = i
  end
end
if result[1] == 0 then
  for i = 1, n do
    result[i + 1] = redis.call('INCRBY', KEYS[i], amount)
    redis.call('EXPIRE', KEYS[i], tonumber(ARGV[1 + n + i]))
  end
end
return result
"""

# Take ARGV[1] back from each existing counter, never below zero, keeping its TTL.
RELEASE_SCRIPT = """
local amount = tonumber(ARGV[1])
for i = 1, #KEYS do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  if current > 0 then
    redis.call('SET', KEYS[i], math.max(0, current - amount), 'KEEPTTL')
  end
end
return 0
"""

# KEYS: the windows (sorted sets of "token:i" members scored by epoch ms).
# ARGV: now_ms, amount, token, dry ("1": only look), then limit and window_ms per key.
# Returns {refused (1-based, 0: allowed), retry_ms, count_1, frees_ms_1, ...}: the
# rule of sliding.evaluate, and nothing is added unless every window has room.
SLIDE_SCRIPT = """
local now = tonumber(ARGV[1])
local amount = tonumber(ARGV[2])
local token = ARGV[3]
local dry = ARGV[4] == '1'
local n = #KEYS
local refused, retry = 0, 0
local out = {}
for i = 1, n do
  local limit = tonumber(ARGV[3 + 2 * i])
  local window = tonumber(ARGV[4 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  local frees = window
  local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if oldest[2] then frees = tonumber(oldest[2]) + window - now end
  out[2 * i - 1] = count
  out[2 * i] = frees
  local need = count + amount - limit
  if need > 0 and refused == 0 then
    refused = i
    if amount > limit then
      retry = window
    else
      local entry = redis.call('ZRANGE', KEYS[i], need - 1, need - 1, 'WITHSCORES')
      retry = tonumber(entry[2]) + window - now
    end
  end
end
if refused == 0 and not dry and amount > 0 then
  for i = 1, n do
    local window = tonumber(ARGV[4 + 2 * i])
    local members = {}
    for j = 1, amount do
      members[#members + 1] = now
      members[#members + 1] = token .. ':' .. j
    end
    redis.call('ZADD', KEYS[i], unpack(members))
    redis.call('PEXPIRE', KEYS[i], window)
    if out[2 * i - 1] == 0 then out[2 * i] = window end
    out[2 * i - 1] = out[2 * i - 1] + amount
  end
end
local result = {refused, retry}
for i = 1, #out do result[#result + 1] = out[i] end
return result
"""

# Failures that mean "Redis is not there right now" (not bugs in our script).
UNAVAILABLE_ERRORS = (
    redis_exceptions.ConnectionError,
    redis_exceptions.TimeoutError,
    redis_exceptions.ReadOnlyError,
)


def redis_client_for_alias(alias: str) -> Any:
    """The redis-py client behind a django-redis or Django ``RedisCache`` alias."""
    cache = caches[alias]
    if is_django_redis_cache(cache):
        from django_redis import get_redis_connection

        return get_redis_connection(alias, write=True)
    # django.core.cache.backends.redis.RedisCache keeps its client factory in
    # ``_cache``; there is no public accessor.
    return cache._cache.get_client(None, write=True)


def is_django_redis_cache(cache: Any) -> bool:
    try:
        from django_redis.cache import RedisCache
    except ImportError:  # pragma: no cover - django-redis is a dependency
        return False
    return isinstance(cache, RedisCache)


class RedisStorage:
    """Counters in Redis, shared by every process that uses the same server.

    ``alias`` is a Django cache alias backed by django-redis (or Django's own
    Redis cache). ``client`` may be given directly instead (tests, custom setups).
    """

    name: ClassVar[str] = "redis"
    atomic_across_processes: ClassVar[bool] = True

    def __init__(self, alias: str = "default", *, client: Any = None) -> None:
        self.alias = alias
        self.client = client if client is not None else redis_client_for_alias(alias)
        self._make_key = caches[alias].make_key if client is None else (lambda key: key)
        # register_script computes the SHA locally; calls use EVALSHA and fall
        # back to EVAL once if the server does not know the script yet.
        self._hit_script = self.client.register_script(HIT_SCRIPT)
        self._release_script = self.client.register_script(RELEASE_SCRIPT)
        self._slide_script = self.client.register_script(SLIDE_SCRIPT)

    def _keys(self, keys: Sequence[str]) -> list[str]:
        return [str(self._make_key(key)) for key in keys]

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except UNAVAILABLE_ERRORS as exc:
            raise LimiterUnavailable() from exc

    def hit(self, counters: Sequence[CounterSpec], amount: int = 1) -> HitResult:
        if not counters:
            return HitResult(True, ())
        keys = self._keys([spec.key for spec in counters])
        args = [amount, *(spec.limit for spec in counters), *(spec.ttl for spec in counters)]
        with self._errors():
            refused, *counts = self._hit_script(keys=keys, args=args)
        counts_tuple = tuple(int(count) for count in counts)
        if refused:
            return HitResult(False, counts_tuple, int(refused) - 1)
        return HitResult(True, counts_tuple)

    def peek(self, keys: Sequence[str]) -> list[int]:
        if not keys:
            return []
        with self._errors():
            values = self.client.mget(self._keys(keys))
        return [int(value) if value is not None else 0 for value in values]

    def release(self, keys: Sequence[str], amount: int = 1) -> None:
        if not keys:
            return
        with self._errors():
            self._release_script(keys=self._keys(keys), args=[amount])

    def reset(self, keys: Sequence[str]) -> None:
        if not keys:
            return
        with self._errors():
            self.client.delete(*self._keys(keys))

    def _slide(self, windows, amount, now, token, dry) -> SlideResult:
        if not windows:
            return SlideResult(True, (), ())
        args: list = [int(now * 1000), amount, token, "1" if dry else "0"]
        for window in windows:
            args += [window.limit, window.window * 1000]
        with self._errors():
            refused, retry, *flat = self._slide_script(
                keys=self._keys([window.key for window in windows]), args=args
            )
        counts = tuple(int(value) for value in flat[0::2])
        frees_in = tuple(int(value) / 1000 for value in flat[1::2])
        if refused:
            return SlideResult(False, counts, frees_in, int(refused) - 1, int(retry) / 1000)
        return SlideResult(True, counts, frees_in)

    def take(
        self, windows: Sequence[WindowSpec], amount: int, now: float, token: str
    ) -> SlideResult:
        return self._slide(windows, amount, now, token, dry=False)

    def look(self, windows: Sequence[WindowSpec], now: float) -> SlideResult:
        return self._slide(windows, 1, now, "", dry=True)

    def give_back(self, keys: Sequence[str], token: str, amount: int = 1) -> None:
        if not keys or not token:
            return
        members = [f"{token}:{index}" for index in range(1, amount + 1)]
        with self._errors():
            pipe = self.client.pipeline(transaction=True)
            for key in self._keys(keys):
                pipe.zrem(key, *members)
            pipe.execute()
