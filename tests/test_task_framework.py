"""Django's Tasks framework: the database backend, its real worker, and the demo's worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.task_worker import add, fail, run_queued_tasks
from wagtail_ai_blocks.task_framework import TaskResultStatus

DEMO = Path(__file__).resolve().parent.parent / "demo"


def test_tasks_use_the_database_backend():
    from django_tasks_db import DatabaseBackend

    assert type(_backend()) is DatabaseBackend


def _backend():
    from wagtail_ai_blocks.task_framework import task_backends

    return task_backends["default"]


def test_an_enqueued_task_waits_in_the_database_until_the_worker_runs_it(transactional_db):
    result = add.enqueue(2, 3)
    result.refresh()
    assert result.status == TaskResultStatus.READY

    assert run_queued_tasks() == 1

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5


def test_a_failing_task_is_recorded_and_does_not_stop_the_worker(transactional_db):
    failing = fail.enqueue("boom")
    passing = add.enqueue(1, 1)

    assert run_queued_tasks() == 2

    failing.refresh()
    passing.refresh()
    assert failing.status == TaskResultStatus.FAILED
    assert failing.errors[0].exception_class is ValueError
    assert passing.status == TaskResultStatus.SUCCESSFUL


def test_the_background_worker_fixture_runs_tasks_while_the_test_waits(task_worker):
    result = add.enqueue(20, 22)
    deadline = time.monotonic() + 30
    while result.status != TaskResultStatus.SUCCESSFUL and time.monotonic() < deadline:
        time.sleep(0.05)
        result.refresh()
    assert result.return_value == 42


@pytest.mark.slow
def test_serve_demo_runs_the_worker_and_stops_both_processes_on_ctrl_c(transactional_db):
    """``make demo``'s command: a task enqueued here is run by the demo's own worker."""
    result = add.enqueue(4, 5)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(DEMO.parent), str(DEMO)])
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve_demo", "127.0.0.1:0", "--worker-interval=0.1"],
        cwd=DEMO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while result.status != TaskResultStatus.SUCCESSFUL and time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read()
            time.sleep(0.2)
            result.refresh()
        assert result.return_value == 9
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "Received Interrupt - shutting down gracefully" in output
