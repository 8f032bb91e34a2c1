"""The HTTP request handler: routing, the chat completion endpoint and the control endpoint.

HTTP/1.1 with keep-alive: plain answers carry ``Content-Length``; streams use chunked
transfer encoding, so the connection survives a complete stream and the end of a cut
stream is unambiguous to the client (the terminating zero-length chunk never comes).
"""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from tests.fake_openai import payloads
from tests.fake_openai.scripts import (
    Behaviour,
    CutStream,
    Fail,
    Hang,
    Malformed,
    Reply,
    behaviour_from_json,
)

if TYPE_CHECKING:
    from tests.fake_openai.server import FakeHTTPServer

# /v1/chat/completions (OpenAI), /openai/deployments/{name}/chat/completions (Azure, with
# ?api-version=) and /openai/v1/chat/completions (Azure's newer v1 surface).
_CHAT_PATH = re.compile(
    r"^/(?:v1|openai/v1|openai/deployments/(?P<deployment>[^/]+))/chat/completions/?$"
)
_EMBEDDINGS_PATH = re.compile(r"^/(?:v1|openai/v1|openai/deployments/[^/]+)/embeddings/?$")
_MODELS_PATH = re.compile(r"^/(?:v1|openai/v1|openai)/models/?$")
_MALFORMED_BODY = b'{"id": "chatcmpl-malformed", "object": "chat.completion", "choices": [{'


class Headers(dict[str, str]):
    """Request headers as a dict whose lookups ignore case (keys are stored lower-cased)."""

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.lower() if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(key.lower(), default)


class _Dropped(Exception):
    """The server is stopping (or a behaviour said so): close without answering."""


class FakeOpenAIHandler(BaseHTTPRequestHandler):
    """Serves one connection; ``self.server.fake`` is the owning ``FakeOpenAIServer``."""

    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"
    server: FakeHTTPServer

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.fake.verbose:
            super().log_message(format, *args)

    # -- routing ------------------------------------------------------------------------

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        body = self._read_body()
        try:
            if url.path.startswith("/_fake/"):
                self._control(url.path, body)
                return
            data = _parse_json(body)
            chat = _CHAT_PATH.match(url.path)
            self.server.fake._record(
                {
                    "method": self.command,
                    "path": url.path,
                    "query": dict(parse_qsl(url.query)),
                    "headers": self._headers_dict(),
                    "json": data,
                },
                is_chat=bool(chat and self.command == "POST"),
            )
            if chat and self.command == "POST":
                self._chat(data, chat.group("deployment"))
            elif _EMBEDDINGS_PATH.match(url.path) and self.command == "POST":
                self._embeddings(data)
            elif _MODELS_PATH.match(url.path) and self.command == "GET":
                self._send_json(200, payloads.model_list(self.server.fake.model))
            else:
                message = f"Unknown request {self.command} {url.path} (fake OpenAI server)."
                self._send_json(404, payloads.error(404, message, "unknown_url"))
        except (_Dropped, BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _headers_dict(self) -> Headers:
        headers = Headers()
        for key, value in self.headers.items():
            key = key.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        return headers

    # -- chat completions ---------------------------------------------------------------

    def _chat(self, request: Any, deployment: str | None) -> None:
        fake = self.server.fake
        if not isinstance(request, dict) or not isinstance(request.get("messages"), list):
            message = "The body must be a JSON object with a 'messages' list (fake)."
            self._send_json(400, payloads.error(400, message, "invalid_request"))
            return
        behaviour = fake._next_behaviour()
        self._pause(fake.latency)
        if isinstance(behaviour, Hang):
            self._pause(behaviour.seconds)
        stream = bool(request.get("stream"))
        if isinstance(behaviour, Fail):
            self._send_fail(behaviour)
        elif isinstance(behaviour, Malformed):
            self._send_malformed(stream)
        else:
            self._send_answer(request, deployment, behaviour, stream)

    def _embeddings(self, request: Any) -> None:
        """``POST /v1/embeddings``: hashed bag-of-words vectors (see ``payloads``)."""
        inputs = request.get("input") if isinstance(request, dict) else None
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not all(isinstance(i, str) for i in inputs):
            message = "The body must have 'input': a string or a list of strings (fake)."
            self._send_json(400, payloads.error(400, message, "invalid_request"))
            return
        model = request.get("model") or self.server.fake.model
        self._send_json(200, payloads.embeddings(inputs, model))

    def _pause(self, seconds: float) -> None:
        if seconds > 0 and not self.server.fake._wait(seconds):
            raise _Dropped

    def _send_fail(self, fail: Fail) -> None:
        headers = {}
        if fail.retry_after is not None:
            seconds = fail.retry_after
            headers["Retry-After"] = str(int(seconds) if seconds == int(seconds) else seconds)
        self._send_json(fail.status, payloads.error(fail.status, fail.message, fail.code), headers)

    def _send_malformed(self, stream: bool) -> None:
        if stream:
            self._start_stream()
            self._write_chunk(b"data: " + _MALFORMED_BODY + b"\n\n")
            self._write_chunk(b"data: [DONE]\n\n")
            self._write_chunk(b"")
        else:
            self._send_bytes(200, _MALFORMED_BODY, "application/json")

    def _send_answer(
        self,
        request: dict[str, Any],
        deployment: str | None,
        behaviour: Behaviour | None,
        stream: bool,
    ) -> None:
        fake = self.server.fake
        if isinstance(behaviour, Reply):
            text, usage = behaviour.text, behaviour.usage
        else:
            try:
                text, usage = fake.responder(request), None
            except Exception as exc:  # surfaced to the test as a 500 it can read
                message = f"Responder raised {exc!r} (fake)."
                self._send_json(500, payloads.error(500, message, "responder_error"))
                return
        n = request.get("n") if isinstance(request.get("n"), int) else 1
        limit = payloads.token_limit(request)
        choices = [payloads.make_choice(i, text, limit) for i in range(max(n, 1))]
        usage = payloads.usage_for(request, choices, usage)
        model = request.get("model") or deployment or fake.model
        completion_id = fake._next_id()
        cut = behaviour.after_chunks if isinstance(behaviour, CutStream) else None
        if stream:
            options = request.get("stream_options") or {}
            include_usage = bool(isinstance(options, dict) and options.get("include_usage"))
            self._stream(completion_id, model, choices, usage, include_usage, cut)
        else:
            body = payloads.completion(completion_id, model, choices, usage)
            if cut is None:
                self._send_json(200, body)
                fake._reported(usage)
            else:
                self._send_cut(json.dumps(body).encode())

    def _stream(
        self,
        completion_id: str,
        model: str,
        choices: list[payloads.Choice],
        usage: payloads.Usage,
        include_usage: bool,
        cut: int | None,
    ) -> None:
        self._start_stream()
        sent_content = 0
        chunks = payloads.stream_chunks(
            completion_id, model, choices, usage, include_usage=include_usage
        )
        for index, (kind, data) in enumerate(chunks):
            # A cut stream stops after `cut` content chunks, always before any finish chunk.
            if cut is not None and kind != "role" and (kind != "content" or sent_content >= cut):
                raise _Dropped
            if index:
                self._pause(self.server.fake.token_delay)
            self._write_chunk(b"data: " + json.dumps(data).encode() + b"\n\n")
            sent_content += kind == "content"
            if kind == "usage":
                self.server.fake._reported(usage)
        self._write_chunk(b"data: [DONE]\n\n")
        self._write_chunk(b"")

    # -- control endpoint ---------------------------------------------------------------

    def _control(self, path: str, body: bytes) -> None:
        fake = self.server.fake
        try:
            data = _parse_json(body)
            if path == "/_fake/script" and self.command == "POST":
                items = data.get("behaviours") if isinstance(data, dict) else data
                if not isinstance(items, list):
                    raise ValueError("Expected a JSON list of behaviours.")
                fake.script(*(behaviour_from_json(item) for item in items))
            elif path == "/_fake/reset" and self.command == "POST":
                fake.reset()
            elif path == "/_fake/config" and self.command == "POST":
                if not isinstance(data, dict):
                    raise ValueError('Expected {"latency": seconds, "token_delay": seconds}.')
                if "latency" in data:
                    fake.latency = float(data["latency"])
                if "token_delay" in data:
                    fake.token_delay = float(data["token_delay"])
            elif not (path == "/_fake/stats" and self.command == "GET"):
                message = f"Unknown control request {self.command} {path}."
                self._send_json(404, payloads.error(404, message, "unknown_url"))
                return
        except (ValueError, TypeError, AttributeError) as exc:
            self._send_json(400, payloads.error(400, str(exc), "invalid_control_request"))
            return
        self._send_json(200, fake.stats())

    # -- writing ------------------------------------------------------------------------

    def _send_json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(data).encode(), "application/json", headers)

    def _send_bytes(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_cut(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        raise _Dropped

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _write_chunk(self, data: bytes) -> None:
        """One HTTP chunk; ``b""`` writes the terminating zero-length chunk."""
        self.wfile.write(b"%X\r\n%s\r\n" % (len(data), data))


def _parse_json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
