"""The servers a benchmark run starts on 127.0.0.1, and a minimal HTTP client.

Every process started here is stopped by the ``Stack`` that started it (an
``ExitStack``), also when a benchmark fails.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.fake_openai import RemoteFakeOpenAI
from tests.redis_server import RedisServer, free_port, start_redis

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
HOST = "127.0.0.1"


class Stack(contextlib.ExitStack):
    """Starts servers and stops them, last started first."""

    def redis(self) -> RedisServer:
        server = start_redis()
        self.callback(server.stop)
        return server

    def postgres(self) -> str:
        """A throwaway PostgreSQL server (tests/postgres_server.py); its database URL."""
        from tests.postgres_server import start_postgres

        server = start_postgres()
        self.callback(server.stop)
        return server.url

    def fake_openai(self, latency: float, token_delay: float) -> FakeProcess:
        fake = FakeProcess.start(latency, token_delay)
        self.callback(fake.stop)
        return fake

    def gunicorn(self, name: str, **kwargs) -> Gunicorn:
        server = Gunicorn.start(name, **kwargs)
        self.callback(server.stop)
        return server


@dataclass
class FakeProcess:
    """``python -m tests.fake_openai`` in its own process (its own GIL)."""

    process: subprocess.Popen
    base_url: str

    @classmethod
    def start(cls, latency: float, token_delay: float) -> FakeProcess:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.fake_openai",
                "--latency",
                str(latency),
                "--token-delay",
                str(token_delay),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http://"):
            process.kill()
            raise RuntimeError("The fake OpenAI server did not start.")
        return cls(process, base_url)

    @property
    def control(self) -> RemoteFakeOpenAI:
        return RemoteFakeOpenAI(self.base_url)

    def stop(self) -> None:
        _terminate(self.process)


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    log: Path

    @classmethod
    def start(
        cls,
        name: str,
        *,
        app: str,
        env: dict[str, str],
        workers: int = 1,
        threads: int = 4,
        python: str = sys.executable,
        chdir: Path = ROOT,
        pythonpath: str = "",
        timeout: float = 60,
    ) -> Gunicorn:
        port = free_port()
        WORK.mkdir(parents=True, exist_ok=True)
        log = WORK / f"{name}.log"
        args = [
            python,
            "-m",
            "gunicorn",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--chdir",
            str(chdir),
            "--error-logfile",
            str(log),
            "--no-control-socket",
        ]
        if pythonpath:
            args += ["--pythonpath", pythonpath]
        # The application's own log lines (stderr) go to the same file as gunicorn's.
        with open(log, "ab") as output:
            process = subprocess.Popen(
                [*args, app], env={**os.environ, **env}, stdout=output, stderr=output
            )
        server = cls(process, port, log)
        server._wait_ready(timeout)
        return server

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", "/admin/login/")
                if connection.getresponse().status < 500:
                    connection.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log}")

    def stop(self) -> None:
        _terminate(self.process)


def _terminate(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Browser:
    """One editor's keep-alive connection with a session cookie and a CSRF token."""

    def __init__(self, port: int, session_key: str, csrf: str, *, timeout: float = 60):
        self.port = port
        self.timeout = timeout
        self.cookie = f"sessionid={session_key}; csrftoken={csrf}"
        self.csrf = csrf
        self.connection: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            self.connection.connect()
            self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self.connection

    def _send(self, method: str, path: str, body: bytes | None, content_type: str):
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf, "Host": HOST}
        if body is not None:
            headers["Content-Type"] = content_type
        for attempt in range(2):
            connection = self._connection()
            try:
                connection.request(method, path, body=body, headers=headers)
                return connection.getresponse()
            except (http.client.HTTPException, ConnectionError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str) -> tuple[int, bytes]:
        response = self._send("GET", path, None, "")
        return response.status, response.read()

    def post_json(self, path: str, data: dict) -> tuple[int, bytes]:
        response = self._send("POST", path, json.dumps(data).encode(), "application/json")
        return response.status, response.read()

    def post_form(self, path: str, body: bytes) -> tuple[int, bytes]:
        response = self._send("POST", path, body, "application/x-www-form-urlencoded")
        return response.status, response.read()

    def stream(self, path: str, data: dict) -> tuple[float, float, bytes]:
        """POST to an SSE endpoint: (seconds to first byte, to first delta, body)."""
        started = time.perf_counter()
        response = self._send("POST", path, json.dumps(data).encode(), "application/json")
        first_byte = first_delta = None
        lines = []
        while line := response.readline():
            if first_byte is None:
                first_byte = time.perf_counter() - started
            if first_delta is None and line.startswith(b"event: delta"):
                first_delta = time.perf_counter() - started
            lines.append(line)
        if response.status != 200 or first_delta is None:
            raise RuntimeError(f"stream failed: {response.status} {b''.join(lines)[:300]!r}")
        return first_byte, first_delta, b"".join(lines)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
