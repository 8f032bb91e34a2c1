"""``FakeOpenAIServer``: an OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks.

It answers ``POST /v1/chat/completions`` (and the Azure deployment path) from a FIFO script
of behaviours, falling back to a deterministic responder, and records every request so
tests can assert what was sent. See ``handler.py`` for the wire format and ``scripts.py``
for the behaviours.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import itertools
import socket
import socketserver
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from tests.fake_openai import payloads
from tests.fake_openai.handler import FakeOpenAIHandler
from tests.fake_openai.scripts import Behaviour

Responder = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class ReceivedImage:
    """An image content part as the server received it: a ``data:`` URL, decoded."""

    url: str
    mime_type: str
    data: bytes

    @classmethod
    def from_url(cls, url: str) -> ReceivedImage:
        if not url.startswith("data:") or ";base64," not in url:
            return cls(url=url, mime_type="", data=b"")
        header, encoded = url[5:].split(";base64,", 1)
        return cls(url=url, mime_type=header, data=base64.b64decode(encoded))


def default_responder(request: dict[str, Any]) -> str:
    """``"Fake answer: "`` plus the first 60 characters of the last user message."""
    return "Fake answer: " + payloads.last_user_text(request)[:60]


class FakeHTTPServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` that sets ``TCP_NODELAY`` on every accepted socket.

    Without it a keep-alive client waits ~40 ms per request: Nagle's algorithm holds back
    the body written after the headers until the client's delayed ACK arrives. It also
    tracks open connections so ``stop()`` can end keep-alive threads blocked on a read.
    """

    daemon_threads = True
    # 32-64 clients connect at once in tests; the default backlog of 5 drops SYNs, which
    # the client only retries after a second.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], fake: FakeOpenAIServer) -> None:
        self.fake = fake
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, FakeOpenAIHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can take
        # seconds in sandboxes; the name is only used in CGI environments.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._connections_lock:
            self._connections.add(sock)
        return sock, address

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for sock in connections:
            with contextlib.suppress(OSError):  # already closed by its handler
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (timeouts, cut streams) is expected here, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class FakeOpenAIServer:
    """An OpenAI-compatible server in a background thread; also a context manager.

    ``latency`` (seconds before the first byte of each chat answer) and ``token_delay``
    (seconds between stream chunks) default to 0 and may be changed while it runs.
    ``responder(request_json) -> str`` answers chat requests when nothing is scripted; with
    ``n`` > 1 choice *i* (from 0) gets ``" (i+1)"`` appended so choices differ.
    ``reset()`` restores ``latency``, ``token_delay`` and ``responder`` to the constructor's.
    """

    def __init__(
        self,
        latency: float = 0.0,
        token_delay: float = 0.0,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        model: str = payloads.DEFAULT_MODEL,
        responder: Responder | None = None,
        verbose: bool = False,
    ) -> None:
        self.latency = latency
        self.token_delay = token_delay
        self.responder: Responder = responder or default_responder
        self.model = model
        self.verbose = verbose
        self._defaults = (latency, token_delay, self.responder)
        self._address = (host, port)
        self._lock = threading.Lock()
        self._script: collections.deque[Behaviour] = collections.deque()
        self._requests: list[dict[str, Any]] = []
        self._call_count = 0
        self._reported_usage = [0, 0]
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._httpd: FakeHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        """Bind (port 0 picks a free port) and serve from a daemon thread."""
        if self._httpd is not None:
            raise RuntimeError("FakeOpenAIServer is already running.")
        self._stopping.clear()
        self._httpd = FakeHTTPServer(self._address, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},  # so stop() returns promptly
            name=f"fake-openai-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; hanging requests and open keep-alive connections are dropped."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        httpd.close_connections()
        if thread is not None:
            thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("FakeOpenAIServer is not running; call start() first.")
        return self._httpd.server_port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, the root (the ``azure_endpoint`` for ``AzureOpenAI``)."""
        return f"http://{self._address[0]}:{self.port}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``, the ``base_url`` for ``openai.OpenAI``."""
        return self.url + "/v1"

    # -- scripting and inspection -------------------------------------------------------

    def script(self, *behaviours: Behaviour) -> None:
        """Queue behaviours; each chat request consumes the oldest one."""
        with self._lock:
            self._script.extend(behaviours)

    def reset(self) -> None:
        """Clear script, recorded requests and counters; restore constructor settings."""
        with self._lock:
            self._script.clear()
            self._requests.clear()
            self._call_count = 0
            self._reported_usage = [0, 0]
            self.latency, self.token_delay, self.responder = self._defaults

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Snapshot of recorded API requests: method, path, query, headers, json (body).

        ``headers`` is a dict whose lookups ignore case; ``json`` is ``None`` when the body
        was empty or not JSON. Control requests (``/_fake/...``) are not recorded.
        """
        with self._lock:
            return list(self._requests)

    @property
    def images(self) -> list[ReceivedImage]:
        """Every image received in chat requests' ``image_url`` parts, oldest first."""
        return [
            ReceivedImage.from_url(url)
            for request in self.requests
            for url in payloads.image_urls(request.get("json") or {})
        ]

    @property
    def call_count(self) -> int:
        """Number of chat completion requests received (OpenAI and Azure paths)."""
        with self._lock:
            return self._call_count

    @property
    def pending(self) -> int:
        """Number of scripted behaviours not consumed yet."""
        with self._lock:
            return len(self._script)

    def stats(self) -> dict[str, Any]:
        """What ``GET /_fake/stats`` answers. ``reported_usage``: the prompt and
        completion tokens of every usage the server sent (a finished answer, a stream's
        usage chunk), what a provider would bill."""
        with self._lock:
            return {
                "call_count": self._call_count,
                "reported_usage": {
                    "prompt_tokens": self._reported_usage[0],
                    "completion_tokens": self._reported_usage[1],
                },
                "request_count": len(self._requests),
                "pending": len(self._script),
                "latency": self.latency,
                "token_delay": self.token_delay,
            }

    # -- used by the handler ------------------------------------------------------------

    def _record(self, entry: dict[str, Any], *, is_chat: bool) -> None:
        with self._lock:
            self._requests.append(entry)
            self._call_count += is_chat

    def _reported(self, usage: Any) -> None:
        with self._lock:
            self._reported_usage[0] += usage.prompt_tokens
            self._reported_usage[1] += usage.completion_tokens

    def _next_behaviour(self) -> Behaviour | None:
        with self._lock:
            return self._script.popleft() if self._script else None

    def _next_id(self) -> str:
        return f"chatcmpl-fake{next(self._ids)}"

    def _wait(self, seconds: float) -> bool:
        """Sleep ``seconds``; ``False`` if the server started stopping meanwhile."""
        return not self._stopping.wait(seconds)
