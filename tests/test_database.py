"""The suite runs on the database it says: SQLite, or PostgreSQL with WAB_TEST_DATABASE."""

from __future__ import annotations

import os

from django.db import connection


def test_the_suite_runs_on_the_database_it_was_asked_for(db):
    wanted = os.environ.get("WAB_TEST_DATABASE", "sqlite")
    assert connection.vendor == {"sqlite": "sqlite", "postgres": "postgresql"}[wanted]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
