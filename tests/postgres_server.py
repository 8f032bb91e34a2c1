"""Start and stop a real, throwaway PostgreSQL server on a free loopback port.

Debian's ``postgresql`` package (``scripts/ensure-system-packages.sh``) puts ``initdb`` and
``postgres`` under ``/usr/lib/postgresql/<version>/bin``. The cluster lives in a temporary
folder, trusts local connections and skips durability (``fsync=off``): it is thrown away.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

from tests.redis_server import free_port

USER = "postgres"


def _binary(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `make test`, which installs it.")
    return found


def database_settings(port: int, name: str = "wab_tests") -> dict:
    """A Django ``DATABASES`` entry for the server on ``port`` (the test database is
    ``name`` itself, so worker processes reach the database the tests use)."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": USER,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "TEST": {"NAME": name},
    }


@dataclass
class PostgresServer:
    port: int
    process: subprocess.Popen
    workdir: str

    def database_settings(self, name: str = "wab_tests") -> dict:
        """A Django ``DATABASES`` entry for this server."""
        return database_settings(self.port, name)

    @property
    def url(self) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # smart shutdown: waits for clients to leave
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _wait_ready(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    pg_isready = _binary("pg_isready")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"postgres exited with {process.returncode}")
        ready = subprocess.run(
            [pg_isready, "-q", "-h", "127.0.0.1", "-p", str(port), "-U", USER],
            check=False,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError(f"postgres did not start on port {port}")


def start_postgres() -> PostgresServer:
    workdir = tempfile.mkdtemp(prefix="wab-postgres-")
    data = os.path.join(workdir, "data")
    run_as = {}
    if os.geteuid() == 0:
        # postgres refuses to run as root: the cluster belongs to an unprivileged user.
        import pwd

        account = pwd.getpwnam("postgres" if _has_user("postgres") else "nobody")
        run_as = {"user": account.pw_uid, "group": account.pw_gid}
        os.chown(workdir, account.pw_uid, account.pw_gid)
    subprocess.run(
        [_binary("initdb"), "-D", data, "-U", USER, "--auth=trust", "--no-sync", "-E", "UTF8"],
        check=True,
        stdout=subprocess.DEVNULL,
        **run_as,
    )
    port = free_port()
    process = subprocess.Popen(
        [
            _binary("postgres"),
            "-D", data,
            "-h", "127.0.0.1",
            "-p", str(port),
            "-k", workdir,  # the Unix socket stays in the temporary folder
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=200",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **run_as,
    )  # fmt: skip
    _wait_ready(port, process)
    return PostgresServer(port=port, process=process, workdir=workdir)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def start_for_this_run() -> int:
    """Start a server for the whole test run (``WAB_TEST_DATABASE=postgres``) and stop it
    when the process exits; returns its port.

    Called from tests/settings.py, before Django is set up: Wagtail's search app builds
    its index model and full-text weights for the database it finds at start-up, so the
    database must be PostgreSQL from the first import, not switched to it later.
    """
    import atexit

    server = start_postgres()
    atexit.register(server.stop)
    return server.port
