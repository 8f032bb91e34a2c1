"""The database is locked while a request writes its usage ledger row.

Another connection holds SQLite's write lock (``BEGIN IMMEDIATE``): reading
still works (sessions, permissions), writing waits for the lock.

What is right: the provider has already answered (and been paid) when the
ledger row is written, so the editor gets the answer whatever happens to the
bookkeeping. A lock released within the database's busy timeout only delays the
answer and the row is written; a lock held past it loses the row, but the
answer still arrives and the ledger's log line (level ERROR, with every field
of the row) keeps the record. Refusing with a 503 at that point would throw a
paid answer away.

A cache hit writes its row after the response (nothing was spent): the answer never
waits for the lock, and a row that cannot be written is logged the same way.

A limiter counting in the database (``DatabaseStorage``) refuses instead, before
the provider is asked: ``tests/limits/test_faults.py`` covers its lock retries.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time

import pytest
from django.db import connection

from tests.api.conftest import read_events
from wagtail_ai_blocks.models import UsageRecord

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("WAB_TEST_DATABASE", "sqlite") != "sqlite",
        reason="SQLite's database-wide write lock; PostgreSQL locks rows",
    ),
]

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}


@pytest.fixture
def write_lock():
    """Hold the test database's write lock from another connection."""
    other = sqlite3.connect(
        connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False
    )
    released = threading.Event()

    class Lock:
        def take(self):
            other.execute("BEGIN IMMEDIATE")

        def release(self):
            if not released.is_set():
                released.set()
                other.execute("ROLLBACK")

        def release_after(self, seconds):
            timer = threading.Timer(seconds, self.release)
            timer.start()
            return timer

    lock = Lock()
    yield lock
    lock.release()
    other.close()


@pytest.fixture
def short_busy_timeout():
    """Make the request's connection give up on a lock after 0.2 s instead of 20 s."""
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("timeout")
    connection.close()
    options["timeout"] = 0.2
    yield
    connection.close()
    options["timeout"] = saved


def _answer(client, post_json, endpoint):
    response = post_json(client, endpoint, SHORTEN)
    assert response.status_code == 200, response.content
    if endpoint == "stream":
        name, data = read_events(response)[-1]
        assert name == "done", data
        return data
    return response.json()


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_brief_lock_delays_the_answer_and_the_row_is_written(
    editor_client, fake_openai, post_json, write_lock, endpoint
):
    write_lock.take()
    timer = write_lock.release_after(0.5)
    started = time.monotonic()

    data = _answer(editor_client, post_json, endpoint)

    timer.join()
    assert time.monotonic() - started >= 0.45  # the row's INSERT did wait for the lock
    assert data["candidates"][0]["text"].startswith("Fake answer")
    record = UsageRecord.objects.get()
    assert (record.outcome, record.error_code, record.streamed) == (
        "ok",
        "",
        endpoint == "stream",
    )


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_lock_held_past_the_busy_timeout_still_answers_and_logs_the_row(
    editor_client, fake_openai, post_json, write_lock, short_busy_timeout, endpoint, caplog
):
    write_lock.take()

    with caplog.at_level(logging.ERROR, logger="wagtail_ai_blocks.ledger"):
        data = _answer(editor_client, post_json, endpoint)

    write_lock.release()
    assert data["cache"] == "miss"
    assert data["candidates"][0]["text"].startswith("Fake answer")
    assert UsageRecord.objects.count() == 0
    (line,) = [r for r in caplog.records if r.message == "Could not write the AI usage ledger"]
    assert (line.ai_action, line.ai_outcome, line.ai_streamed) == (
        "shorten",
        "ok",
        endpoint == "stream",
    )
    assert line.ai_output_tokens > 0
    assert "database is locked" in line.exc_text


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_cache_hit_rows_the_lock_keeps_out_are_logged_row_by_row(
    editor_client, fake_openai, post_json, write_lock, short_busy_timeout, endpoint, caplog
):
    assert _answer(editor_client, post_json, endpoint)["cache"] == "miss"
    write_lock.take()

    with caplog.at_level(logging.ERROR, logger="wagtail_ai_blocks.ledger"):
        first = _answer(editor_client, post_json, endpoint)
        second = _answer(editor_client, post_json, endpoint)

    write_lock.release()
    assert (first["cache"], second["cache"]) == ("hit", "hit")
    assert UsageRecord.objects.filter(cache_hit=True).count() == 0
    lost = [r for r in caplog.records if r.message == "Could not write the AI usage ledger"]
    assert [(r.ai_action, r.ai_cache_hit, r.ai_streamed) for r in lost] == [
        ("shorten", True, endpoint == "stream")
    ] * 2
    assert all("database is locked" in r.exc_text for r in lost)
