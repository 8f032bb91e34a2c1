"""A hostile model answer never reaches the editor as markup.

The answer is treated as untrusted input: for rich text it goes through
Wagtail's converter (contentstate for Draftail, and the editor HTML rebuilt from
it) keeping only what the field's features allow; for plain-text fields the
editor receives text. Checked on ``/generate``'s JSON and on ``/stream``'s final
``done`` event (the one the editor inserts); the ``delta`` events carry the raw
answer as text for the live preview.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from tests.api.conftest import read_events
from tests.fake_openai import Reply

HOSTILE = [
    "<p>Hi<script>alert(1)</script> there</p>",
    '<p>Hi <img src=x onerror="alert(1)"> there</p>',
    '<p onclick="alert(1)">Hi <b onmouseover="alert(1)">there</b></p>',
    '<p>Hi <a href="javascript:alert(1)">there</a></p>',
    '<p>Hi <a href="JaVaScRiPt:alert(1)">there</a></p>',
    '<p>Hi <a href=" javascript:alert(1)">there</a></p>',
    '<p>Hi <a href="jav&#x61;script:alert(1)">there</a></p>',
    '<p>Hi <a href="java\tscript:alert(1)">there</a></p>',
    '<p>Hi <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">there</a></p>',
    '<p>Hi <a href="vbscript:msgbox(1)">there</a></p>',
    '<p>Hi <a href="https://example.com" onclick="alert(1)" style="color:red">there</a></p>',
    '<p>Hi <iframe src="javascript:alert(1)"></iframe>there</p>',
    '<p>Hi <svg onload="alert(1)"><circle r="1"/></svg>there</p>',
    "<style>p{background:url(javascript:alert(1))}</style><p>Hi there</p>",
    '<form action="https://evil.example"><input name="q"></form><p>Hi there</p>',
    '<p>Hi <object data="javascript:alert(1)"></object>there</p>',
    "<h2>Hi</h2><p>there</p>",  # a heading, which this field does not allow
]
#: What the field allows (features bold, italic, link), as tags and Draftail types.
ALLOWED_TAGS = {"p", "b", "i", "a", "br"}
ALLOWED_STYLES = {"BOLD", "ITALIC"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _assert_safe(candidate: dict) -> None:
    """Only the field's markup, only safe links, and no script text kept as content."""
    markup = _Markup()
    markup.feed(candidate["html"])
    for tag, attrs in markup.tags:
        assert tag in ALLOWED_TAGS, candidate["html"]
        allowed_attrs = {"href"} if tag == "a" else set()
        assert set(attrs) <= allowed_attrs, candidate["html"]
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://")), candidate["html"]
    contentstate = candidate["contentstate"]
    for block in contentstate["blocks"]:
        assert block["type"] == "unstyled", block
        assert {r["style"] for r in block["inlineStyleRanges"]} <= ALLOWED_STYLES, block
    for entity in contentstate["entityMap"].values():
        assert entity["type"] == "LINK", entity
        assert entity["data"]["url"].startswith(("https://", "http://")), entity
    visible = candidate["text"] + json.dumps(contentstate)
    for marker in ("alert(", "msgbox(", "javascript:", "<"):
        assert marker not in visible, (marker, candidate)


def _rich_text_request(text="<p>Hi there</p>"):
    return {
        "action": "improve",
        "text": text,
        "format": "html",
        "field": {"features": ["bold", "italic", "link"]},
    }


@pytest.mark.parametrize("answer", HOSTILE)
def test_generate_never_returns_hostile_markup(editor_client, fake_openai, post_json, answer):
    fake_openai.script(Reply(answer))

    response = post_json(editor_client, "generate", _rich_text_request())

    assert response.status_code == 200, response.content
    (candidate,) = response.json()["candidates"]
    _assert_safe(candidate)
    assert "Hi" in candidate["text"] and "there" in candidate["text"]


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_markup_written_as_text_stays_text(editor_client, fake_openai, post_json, endpoint):
    fake_openai.script(Reply("<p>Use &lt;script&gt; tags with care.</p>"))

    response = post_json(editor_client, endpoint, _rich_text_request())

    data = read_events(response)[-1][1] if endpoint == "stream" else response.json()
    (candidate,) = data["candidates"]
    assert candidate["html"] == "<p>Use &lt;script&gt; tags with care.</p>"
    assert candidate["contentstate"]["blocks"][0]["text"] == "Use <script> tags with care."


@pytest.mark.parametrize("answer", HOSTILE)
def test_stream_done_event_never_carries_hostile_markup(
    editor_client, fake_openai, post_json, answer
):
    fake_openai.script(Reply(answer))

    events = read_events(post_json(editor_client, "stream", _rich_text_request()))

    name, done = events[-1]
    assert name == "done", events
    (candidate,) = done["candidates"]
    _assert_safe(candidate)
    # The preview's deltas are the raw answer, sent as JSON strings to be shown as text.
    assert "".join(data["text"] for name, data in events if name == "delta") == answer


@pytest.mark.parametrize("endpoint", ["generate", "stream"])
def test_plain_text_field_gets_text_without_tags(editor_client, fake_openai, post_json, endpoint):
    fake_openai.script(Reply('Care <script>alert(1)</script>guide <b onclick="x()">now</b>'))
    body = {
        "action": "seo_title",
        "context": {"page_title": "Caring for Monstera"},
        "field": {"name": "seo_title", "max_length": 60},
    }

    response = post_json(editor_client, endpoint, body)

    assert response.status_code == 200, response.content
    data = read_events(response)[-1][1] if endpoint == "stream" else response.json()
    for candidate in data["candidates"]:
        assert "<" not in candidate["text"] and ">" not in candidate["text"], candidate
        assert candidate["html"] is None and candidate["contentstate"] is None
