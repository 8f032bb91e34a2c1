"""Background tasks in tests, run by the real database worker.

The tests' ``TASKS`` setting is the demo's: ``django_tasks_db.DatabaseBackend``. A test
enqueues work exactly as the application does, and the worker that ``manage.py db_worker``
runs (django-tasks-db's ``Worker``) claims and runs it from the database: no immediate
backend, no threads started by a view.

- :func:`run_queued_tasks` runs everything queued, in this thread, then returns.
- :class:`BackgroundWorker` (the ``task_worker`` fixture) keeps a worker polling in a
  thread of the test process while a browser test drives the live server.

Both need committed rows and autocommit, so tests using them use ``transactional_db``
(the worker closes connections between tasks, as it does in production).
"""

from __future__ import annotations

import threading

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

from wagtail_ai_blocks.task_framework import DEFAULT_TASK_BACKEND_ALIAS, task


def _worker(*, batch: bool, interval: float, name: str, max_tasks: int | None = None) -> Worker:
    return Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=name,
    )


def run_queued_tasks(*, max_tasks: int | None = None) -> int:
    """Run the tasks that are ready (not those deferred to later); return how many ran."""
    worker = _worker(batch=True, interval=0, name="pytest-batch", max_tasks=max_tasks)
    worker.run()
    return worker._run_tasks


class BackgroundWorker:
    """A real worker polling the queue in a daemon thread until :meth:`stop`."""

    def __init__(self, interval: float = 0.05) -> None:
        self._worker = _worker(batch=False, interval=interval, name="pytest-thread")
        self._thread = threading.Thread(target=self._run, name="task-worker", daemon=True)
        self.error: BaseException | None = None

    def _run(self) -> None:
        try:
            self._worker.run()
        except BaseException as exc:  # reported by stop(), not lost in the thread
            self.error = exc
        finally:
            connections.close_all()

    @property
    def tasks_run(self) -> int:
        return self._worker._run_tasks

    def start(self) -> BackgroundWorker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._worker.running = False
        self._thread.join(timeout=30)
        if self._thread.is_alive():
            raise RuntimeError("The task worker did not stop within 30 seconds.")
        if self.error is not None:
            raise self.error


# -- tasks for the tests of the task infrastructure itself ---------------------------


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def fail(message: str) -> None:
    raise ValueError(message)
