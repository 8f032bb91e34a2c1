"""Django's Tasks framework, from wherever this Django has it.

Django 6 ships it as ``django.tasks``; on Django 5.2 the ``django-tasks`` backport
provides the same API as ``django_tasks``. Everything in this package that defines,
enqueues or inspects background work imports it from here, so the choice is made once.

Which backend runs the work is the project's ``TASKS`` setting (Django's own): the demo
and the tests use the database backend from ``django-tasks-db`` with its ``db_worker``;
RQ, Celery and other backends work the same way.
"""

from __future__ import annotations

try:  # Django 6+
    from django.tasks import (
        DEFAULT_TASK_BACKEND_ALIAS,
        TaskContext,
        TaskResult,
        TaskResultStatus,
        default_task_backend,
        task,
        task_backends,
    )
    from django.tasks.exceptions import TaskResultDoesNotExist
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import (  # type: ignore[no-redef]
        DEFAULT_TASK_BACKEND_ALIAS,
        TaskContext,
        TaskResult,
        TaskResultStatus,
        default_task_backend,
        task,
        task_backends,
    )
    from django_tasks.exceptions import TaskResultDoesNotExist  # type: ignore[no-redef]

__all__ = [
    "DEFAULT_TASK_BACKEND_ALIAS",
    "TaskContext",
    "TaskResult",
    "TaskResultDoesNotExist",
    "TaskResultStatus",
    "default_task_backend",
    "task",
    "task_backends",
]
