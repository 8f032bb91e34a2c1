"""Server-Sent Events framing."""

from __future__ import annotations

import json


def event(name: str, data: dict) -> bytes:
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return f"event: {name}\ndata: {payload}\n\n".encode()


def comment(text: str = "ping") -> bytes:
    return f": {text}\n\n".encode()
