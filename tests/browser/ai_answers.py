"""A fake provider's answers for the AI panel and block tests, chosen by the action's prompt.

With ``n`` in the request the fake server returns ``n`` choices, appending
`` (1)``, `` (2)``… so the editor sees distinct suggestions.
"""

from __future__ import annotations

from typing import Any

SEO_TITLE = "Monstera deliciosa care guide"
SEARCH_DESCRIPTION = (
    "Learn how to care for Monstera deliciosa: bright indirect light, careful watering "
    "and a moss pole for big split leaves."
)
INTRODUCTION = "Monstera deliciosa thrives in bright, indirect light and rewards a little care."
IMPROVED = "Bright, indirect light keeps a Monstera healthy."
CONTINUATION = "Water when the top of the soil is dry, and never let the pot stand in water."

#: (words that only that action's prompt contains, answer)
ANSWERS = [
    ("the SEO title", SEO_TITLE),
    ("meta description", SEARCH_DESCRIPTION),
    ("Write the introduction", INTRODUCTION),
    ("Improve the text", IMPROVED),
    ("Continue the text", CONTINUATION),
]


def answer_for_action(request: dict[str, Any]) -> str:
    """The answer for the action whose prompt is the request's system message."""
    system = request["messages"][0]["content"]
    for words, answer in ANSWERS:
        if words in system:
            return answer
    return "An answer."


def user_message(request: dict[str, Any]) -> str:
    """What the model was told about the page and the text (the user message)."""
    return request["json"]["messages"][-1]["content"]
