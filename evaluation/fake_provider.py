"""A well-behaved provider for the evaluation, served by the tests' fake OpenAI server.

It answers the way a capable model is asked to: it shortens by dropping the last
sentence and keeps every tag (``tests.fake_answers``), returns text to be corrected
unchanged, and writes field values from the page title. It measures the pipeline
(prompts, post-processing, converter, checks) end to end over real HTTP with the
``openai`` SDK, not the quality of a model.
"""

from __future__ import annotations

import re
from typing import Any

from tests.fake_answers import shorten_html, text_block
from tests.fake_openai import payloads

_TITLE_RE = re.compile(r"^Page title: (.+)$", re.MULTILINE)


def respond(request: dict[str, Any]) -> str:
    prompt = payloads.last_user_text(request)
    system = " ".join(
        str(m.get("content")) for m in request.get("messages", []) if m.get("role") == "system"
    )
    text = text_block(prompt)
    title_match = _TITLE_RE.search(prompt)
    title = title_match.group(1).strip() if title_match else "this page"
    if "SEO title" in system:
        return f"{title}: a practical guide"
    if "meta description" in system:
        return f"Learn about {title.lower()}: what to know, what to do and where to start."
    if "Correct the spelling" in system:
        return text
    if text.startswith("<"):
        return shorten_html(text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(sentences[:-1]) if len(sentences) > 1 else text
