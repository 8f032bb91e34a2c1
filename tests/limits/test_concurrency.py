"""Exactly the limit gets through, however many threads or processes race for it."""

from __future__ import annotations

import multiprocessing
import queue
import threading

import pytest
from django.db import connection, connections

from wagtail_ai_blocks.exceptions import RateLimited
from wagtail_ai_blocks.limits import RateLimiter, RateLimitPolicy

from .conftest import make_storage
from .workers import hammer

LIMIT = 20
THREADS = 64
PROCESSES = 4
# Generous ceilings so a broken child fails the test instead of hanging it.
WAIT = 300


@pytest.mark.django_db(transaction=True)
def test_64_threads_let_exactly_the_limit_through(storage, regular_user):
    limiter = RateLimiter(RateLimitPolicy(user=LIMIT, global_limit=1000, groups={}), storage)
    barrier = threading.Barrier(THREADS)
    allowed = []
    errors = []

    def worker():
        try:
            barrier.wait()
            for _ in range(2):
                try:
                    limiter.check_and_charge(regular_user)
                except RateLimited:
                    continue
                allowed.append(1)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(allowed) == LIMIT
    assert [t.remaining for t in limiter.peek(regular_user).tiers] == [0, 1000 - LIMIT]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["redis", "database"])
def test_4_processes_let_exactly_the_limit_through(request, kind, regular_user):
    storage = make_storage(request, kind)
    redis_url = request.getfixturevalue("redis_url") if kind == "redis" else ""
    db_name = str(connection.settings_dict["NAME"])
    connections.close_all()

    context = multiprocessing.get_context("spawn")
    messages, start = context.Queue(), context.Event()
    processes = [
        context.Process(
            target=hammer,
            args=(kind, db_name, redis_url, regular_user.pk, LIMIT, 15, start, messages),
        )
        for _ in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    ready, allowed, errors = 0, [], []
    try:
        while len(allowed) + len(errors) < PROCESSES:
            tag, value = messages.get(timeout=WAIT)
            if tag == "ready":
                ready += 1
                if ready == PROCESSES:
                    start.set()  # all set up: race from here
            else:
                (allowed if tag == "allowed" else errors).append(value)
                start.set()  # an early error must not leave the others waiting
    except queue.Empty:
        errors.append("a child process stopped reporting")
    finally:
        for process in processes:
            process.join(timeout=WAIT)
            if process.is_alive():
                process.kill()

    assert errors == []
    assert sum(allowed) == LIMIT
    limiter = RateLimiter(RateLimitPolicy(user=LIMIT, global_limit=1000, groups={}), storage)
    assert [t.remaining for t in limiter.peek(regular_user).tiers] == [0, 1000 - LIMIT]
