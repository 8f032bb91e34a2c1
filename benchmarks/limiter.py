"""Rate-limiter decisions per second, on real Redis and on local memory, 1 and 4 processes.

Ours: ``RateLimiter.check_and_charge`` for a regular editor (two tiers, user and
global, checked and charged all-or-nothing). Baseline: what django-ratelimit does
per tier, ``cache.add`` then ``cache.incr`` on the same Django cache (Redis through
django-redis, or Django's ``LocMemCache``), which is not atomic across tiers.

Each round runs a batch of decisions per variant, order alternating; with 4
processes every process runs the same batch between two barriers and the rate is
the batch total over the slowest process's time.
"""

from __future__ import annotations

import multiprocessing
import time
from types import SimpleNamespace

from benchmarks.stats import Row, p50

BATCH = 200
TIERS = ("user", "global")


def _variants(kind: str, worker: int):
    from django.core.cache import caches

    from wagtail_ai_blocks.limits import LocMemStorage, RateLimiter, RateLimitPolicy, RedisStorage

    huge = 10**12
    policy = RateLimitPolicy(window=10**9, user=huge, staff=huge, global_limit=huge, groups={})
    if kind == "redis":
        storage, cache = RedisStorage("default"), caches["default"]
    else:
        storage = LocMemStorage(namespace=f"bench-{worker}")
        from django.core.cache.backends.locmem import LocMemCache

        cache = LocMemCache(f"bench-{worker}", {"OPTIONS": {"MAX_ENTRIES": 10**6}})
    limiter = RateLimiter(policy, storage)
    user = SimpleNamespace(pk=1000 + worker, is_superuser=False, is_staff=False)

    def ours() -> None:
        for _ in range(BATCH):
            limiter.check_and_charge(user)

    def baseline() -> None:
        for _ in range(BATCH):
            for tier in TIERS:
                key = f"rl-bench:{tier}:{user.pk if tier == 'user' else 0}"
                cache.add(key, 0, 10**6)
                cache.incr(key)

    return {"ours": ours, "baseline": baseline}


def _run_rounds(kind, worker, rounds, budget, barrier=None, results=None):
    variants = _variants(kind, worker)
    for function in variants.values():  # warm up connections and scripts
        function()
    times = {name: [] for name in variants}
    deadline = time.monotonic() + budget
    for index in range(rounds):
        if barrier is None:
            if time.monotonic() > deadline:
                break
        else:  # worker 0 decides when time is up; all stop at the same round
            barrier.wait()
            if worker == 0 and time.monotonic() > deadline:
                results["stop"] = True
            barrier.wait()
            if results.get("stop"):
                break
        names = list(variants) if index % 2 == 0 else list(reversed(variants))
        for name in names:
            if barrier is not None:
                barrier.wait()
            started = time.perf_counter()
            variants[name]()
            times[name].append((started, time.perf_counter()))
    if results is not None:
        results[worker] = times
    return times


def _child(env, kind, worker, rounds, budget, barrier, results):
    from benchmarks.fixtures import setup_django

    setup_django(env)
    _run_rounds(kind, worker, rounds, budget, barrier, results)


def decisions_per_second(
    kind: str, processes: int, env: dict[str, str], *, rounds: int, budget: float
) -> Row:
    if processes == 1:
        times = _run_rounds(kind, 0, rounds, budget)
        rates = {
            name: [BATCH / (end - start) for start, end in spans] for name, spans in times.items()
        }
    else:
        context = multiprocessing.get_context("spawn")
        with context.Manager() as manager:
            barrier, results = manager.Barrier(processes, timeout=120), manager.dict()
            children = [
                context.Process(
                    target=_child, args=(env, kind, worker, rounds, budget, barrier, results)
                )
                for worker in range(processes)
            ]
            for child in children:
                child.start()
            for child in children:
                child.join(timeout=budget + 300)
                if child.is_alive():
                    child.kill()
            collected = [results[worker] for worker in range(processes) if worker in results]
        if len(collected) != processes:
            raise RuntimeError("a limiter benchmark process failed")
        rates = {}
        for name in collected[0]:
            rounds_done = min(len(times[name]) for times in collected)
            rates[name] = [
                processes
                * BATCH
                / (
                    max(times[name][i][1] for times in collected)
                    - min(times[name][i][0] for times in collected)
                )
                for i in range(rounds_done)
            ]
    ours, baseline = p50(rates["ours"]), p50(rates["baseline"])
    storage = "real Redis" if kind == "redis" else "local memory"
    plural = "process" if processes == 1 else "processes"
    return Row(
        f"Rate limiter decisions/s, {storage}, {processes} {plural}",
        f"{ours:,.0f}/s",
        f"Django cache add+incr per tier: {baseline:,.0f}/s",
        f"{ours / baseline:.2f}x",
        f"2 tiers per decision; median of {len(rates['ours'])} batches of {BATCH * processes}",
    )
