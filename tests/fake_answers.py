"""Deterministic "AI" answers for tests that need the markup kept, like a real model.

``shorten_responder`` is a responder for the fake OpenAI server
(``server.responder = shorten_responder``): it finds the ``TEXT`` data block of
the prompt (one HTML block per line, see ``wagtail_ai_blocks.prompts.messages``)
and answers with a shorter version that keeps every tag.
"""

from __future__ import annotations

import re
from typing import Any

from tests.fake_openai import payloads

_TEXT_BLOCK = re.compile(
    r"^\[\[TEXT (?P<id>[0-9a-f]{8})\]\]\n(?P<body>.*?)\n\[\[/TEXT (?P=id)\]\]$", re.M | re.S
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: Plain text after the last closing inline tag of a block, up to the block's end tag.
_PLAIN_TAIL = re.compile(
    r"(?P<kept>.*</(?:a|b|i|strong|em)>)(?P<tail>[^<]*)(?P<end></[a-z0-9]+>)$", re.S
)


def text_block(prompt: str) -> str:
    """The content of the prompt's ``[[TEXT …]]`` block, or ``""``."""
    match = _TEXT_BLOCK.search(prompt)
    return match.group("body") if match else ""


def shorten_block(html: str) -> str:
    """One HTML block, shorter, markup intact.

    Drops the last sentence if it has no markup; otherwise drops the plain text
    after the last inline element (``… <a …>article</a> for its habitat.`` →
    ``… <a …>article</a>.``). Returns the block unchanged if neither applies.
    """
    match = re.fullmatch(r"(?P<start><[a-z0-9]+>)(?P<inner>.*)(?P<end></[a-z0-9]+>)", html, re.S)
    if match:
        sentences = _SENTENCE_END.split(match.group("inner"))
        if len(sentences) > 1 and "<" not in sentences[-1]:
            return match.group("start") + " ".join(sentences[:-1]) + match.group("end")
    tail = _PLAIN_TAIL.fullmatch(html)
    if tail and tail.group("tail").strip(" .") != "":
        return tail.group("kept") + "." + tail.group("end")
    return html


def shorten_html(html: str) -> str:
    """Every block of ``html`` (one per line) shortened by :func:`shorten_block`."""
    return "\n".join(shorten_block(line) for line in html.splitlines() if line.strip())


def shorten_responder(request: dict[str, Any]) -> str:
    """A fake-server responder: the request's text, shortened, as HTML."""
    return shorten_html(text_block(payloads.last_user_text(request)))
