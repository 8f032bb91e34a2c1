"""Serve the demo: Django's development server and a background task worker, together.

``make demo`` runs this, so the demo needs no second command: pages are served by
``runserver`` and background tasks (bulk image descriptions…) are run by the database
backend's ``db_worker``, each in its own child process. Ctrl+C (or SIGTERM) stops both
and waits for them; if either one exits, the other is stopped too and its exit status
is this command's.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

#: Seconds a child gets to finish after Ctrl+C before it is terminated, then killed.
GRACE_SECONDS = 10.0


class Command(BaseCommand):
    help = "Run the development server and the background task worker until Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--worker-interval",
            type=float,
            default=0.5,
            help="Seconds the worker waits between polls of an empty queue.",
        )

    def handle(self, *args, addrport: str, worker_interval: float, **options):
        manage = [sys.executable, sys.argv[0]]
        commands = {
            "web server": [*manage, "runserver", addrport],
            "task worker": [
                *manage,
                "db_worker",
                "--queue-name=*",
                f"--interval={worker_interval}",
                "--no-startup-delay",
                "--no-reload",
            ],
        }
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        children = {name: subprocess.Popen(command) for name, command in commands.items()}
        self.stdout.write(f"Started the web server and the task worker ({addrport}).")
        exit_code = 0
        try:
            while not stopping:
                exited = {name: c.poll() for name, c in children.items() if c.poll() is not None}
                if exited:
                    name, exit_code = next(iter(exited.items()))
                    self.stderr.write(f"The {name} exited ({exit_code}); stopping the demo.")
                    break
                time.sleep(0.2)
        finally:
            _stop_all(children.values())
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if exit_code:
            sys.exit(exit_code)


def _stop_all(children) -> None:
    """Ask each child to stop (a terminal's Ctrl+C reached them already), wait, then kill."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.terminate()
            try:
                child.wait(timeout=2)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
