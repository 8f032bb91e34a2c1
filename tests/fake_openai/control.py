"""``RemoteFakeOpenAI``: script and inspect a fake server running in another process.

Benchmarks and demo runs start ``python -m tests.fake_openai`` and drive it over its
``/_fake/...`` control endpoint; this wraps those calls with the standard library only.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.fake_openai.scripts import Behaviour


class RemoteFakeOpenAI:
    """Control client for a fake server; ``url`` is its root or its ``/v1`` base URL."""

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self.url = url.rstrip("/").removesuffix("/v1")
        self.timeout = timeout

    def script(self, *behaviours: Behaviour) -> dict[str, Any]:
        """Queue behaviours on the server, like ``FakeOpenAIServer.script``."""
        return self._call("POST", "/_fake/script", [b.to_json() for b in behaviours])

    def reset(self) -> dict[str, Any]:
        return self._call("POST", "/_fake/reset", {})

    def configure(
        self, *, latency: float | None = None, token_delay: float | None = None
    ) -> dict[str, Any]:
        """Change latency and/or token delay of the running server."""
        settings = {"latency": latency, "token_delay": token_delay}
        changed = {key: value for key, value in settings.items() if value is not None}
        return self._call("POST", "/_fake/config", changed)

    def stats(self) -> dict[str, Any]:
        """``call_count``, ``request_count``, ``pending``, ``latency``, ``token_delay``."""
        return self._call("GET", "/_fake/stats", None)

    def _call(self, method: str, path: str, payload: Any) -> dict[str, Any]:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read())
