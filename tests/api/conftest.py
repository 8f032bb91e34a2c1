from __future__ import annotations

import json

import pytest
from django.urls import reverse


@pytest.fixture
def api_url():
    def url(name: str) -> str:
        return reverse(f"wagtail_ai_blocks_api:{name}")

    return url


@pytest.fixture
def post_json(api_url):
    """POST a JSON body to one of the API endpoints with a given client."""

    def post(client, name: str, body: dict, **extra):
        return client.post(
            api_url(name), data=json.dumps(body), content_type="application/json", **extra
        )

    return post


def read_events(response) -> list[tuple[str, dict]]:
    """Parse a streamed SSE response into (event, data) pairs."""
    body = b"".join(response.streaming_content).decode()
    events = []
    for block in body.split("\n\n"):
        name, data = None, None
        for line in block.splitlines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
        if name:
            events.append((name, data))
    return events
