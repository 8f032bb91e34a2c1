"""The *small* prompt profile: what a tiny local model (SmolLM2-135M) can follow.

A 135M model given the standard prompts (rules, data markers, HTML) answers with chat
("I'm ready to help you edit…"). It does its best with what it was trained on: a
one-line task in the system message, one worked example as a previous turn, and the
text alone as the user message. So this profile sends

- a short system prompt per action (the phrasing of SmolLM2's rewrite training data),
- one worked example (user → assistant),
- plain text only: rich text goes through :func:`wagtail_ai_blocks.marks.plain_source`
  and the formatting is put back by :func:`wagtail_ai_blocks.marks.restore`,
- low temperatures and a stop at the first line break for one-paragraph answers,

and every answer is checked (:mod:`wagtail_ai_blocks.answer_check`) before it is
offered. A backend chooses this profile with ``prompt_profile = "small"``
(:class:`~wagtail_ai_blocks.backends.local.LocalBackend` does). Actions without a
small prompt here (library prompts, your own) get their own task as a one-line
system prompt, without an example.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from wagtail_ai_blocks.backends.base import GenerationParams, Message
from wagtail_ai_blocks.marks import plain_source
from wagtail_ai_blocks.prompts import rules
from wagtail_ai_blocks.prompts.actions import (
    Action,
    FieldInfo,
    count_tokens,
    resolve_max_length,
)
from wagtail_ai_blocks.prompts.context import Context

#: Characters of page context a small model is given for a field (a few hundred tokens).
CONTEXT_CHARS = 700
#: Candidates asked of a small model at once (each costs a full generation on a CPU).
MAX_CANDIDATES = 2
#: Temperature of the one retry after an unusable answer (the first is near-greedy, so
#: asking again at the same temperature would give the same answer).
RETRY_TEMPERATURE = 0.7

LIBRARY = (
    "The town library, which was built in 1905 and was renovated in 2010, is open from "
    "nine to five on weekdays and lends books, films and music to everyone who lives in "
    "the county."
)
LIBRARY_PAGE = "Page title: Visiting the town library\nText: " + LIBRARY
#: A paragraph to rewrite whose last sentence (a link, in the editor) must survive.
BRIDGE = (
    "The old stone bridge, which crosses the river just below the mill, was repaired last "
    "year by volunteers who spent many weekends carrying the materials there by hand. Our "
    "village history page tells the whole story."
)


@dataclass(frozen=True)
class SmallPrompt:
    """One action's prompt for a small model: a system line, worked examples, sampling."""

    system: str
    examples: tuple[tuple[str, str], ...] = ()
    temperature: float = 0.0


SMALL_PROMPTS: dict[str, SmallPrompt] = {
    "shorten": SmallPrompt(
        "Shorten the text. Keep its words and facts.",
        (
            (
                BRIDGE,
                "Volunteers repaired the old stone bridge below the mill last year. Our "
                "village history page tells the whole story.",
            ),
        ),
    ),
    "summarize": SmallPrompt(
        "Summarise the text in one short sentence with its key facts.",
        ((LIBRARY, "The town library lends books, films and music on weekdays."),),
    ),
    "fix_grammar": SmallPrompt(
        "Correct the spelling and grammar of the text. Change nothing else.",
        (
            (
                "The librarys open on monday, but the cafe dont open untill noon.",
                "The library's open on Monday, but the cafe doesn't open until noon.",
            ),
        ),
    ),
    "simplify": SmallPrompt(
        "Rewrite the text in simple words and short sentences.",
        (
            (
                BRIDGE,
                "Volunteers repaired the old stone bridge below the mill last year. They "
                "carried the materials there by hand. Our village history page tells the "
                "whole story.",
            ),
        ),
    ),
    "improve": SmallPrompt(
        "Rewrite the text to make it clearer and easier to read. Keep its meaning.",
        (
            (
                "The cafe is nice. It has coffee. The coffee is good and the cake is also good.",
                "The cafe is pleasant, with good coffee and equally good cake.",
            ),
        ),
    ),
    "expand": SmallPrompt(
        "Rewrite the text with more detail, keeping its facts.",
        (
            (
                "The park has a lake.",
                "The park has a lake, with a path around it and benches along the shore.",
            ),
        ),
        temperature=0.3,
    ),
    "change_tone": SmallPrompt(
        "Rewrite the text in a {tone} tone. Keep its meaning.",
    ),
    "translate": SmallPrompt("Translate the text into {language}."),
    "continue": SmallPrompt(
        "Continue the text with one or two new sentences.",
        (
            (
                "The town library is open on weekdays from nine to five.",
                "On Saturdays it opens in the morning for story time and homework help.",
            ),
        ),
        temperature=0.5,
    ),
    "ask": SmallPrompt("Rewrite the text as asked: {instruction}"),
    "title": SmallPrompt(
        "Write a title for the web page.",
        ((LIBRARY_PAGE, "Opening Hours and Lending at the Town Library"),),
        temperature=0.3,
    ),
    "seo_title": SmallPrompt(
        "Write a short search engine title for the web page.",
        ((LIBRARY_PAGE, "Town Library: Opening Hours and Lending"),),
        temperature=0.3,
    ),
    "search_description": SmallPrompt(
        "Write one sentence that sums up the web page for a search engine.",
        (
            (
                LIBRARY_PAGE,
                "The town library is open from nine to five on weekdays and lends books, "
                "films and music.",
            ),
        ),
        temperature=0.3,
    ),
    "introduction": SmallPrompt(
        "Write {length} introducing the web page to a reader.",
        (
            (
                LIBRARY_PAGE,
                "Looking for a book, a film or some music? The town library lends them all, "
                "every weekday.",
            ),
        ),
        temperature=0.3,
    ),
    "heading": SmallPrompt(
        "Write a short heading for the text.",
        ((LIBRARY, "Opening hours and lending"),),
        temperature=0.3,
    ),
    "link_title": SmallPrompt(
        "Write a short link text for the web address.",
        (("URL: https://example.com/guides/watering-your-monstera", "Watering your Monstera"),),
        temperature=0.3,
    ),
}


def _fill(template: str, action: Action, params: Mapping[str, str], field: FieldInfo | None):
    from wagtail_ai_blocks.prompts.messages import render_task

    return render_task(dataclasses.replace(action, system_prompt=template), params, field)


def _field_text(text: str, context: Context) -> str:
    """A field's user message: the page title, the field's value, the nearby text."""
    lines = []
    if context.page_title:
        lines.append(f"Page title: {context.page_title}")
    for name, value in context.fields:
        if name in ("url", "link_url", "link"):
            lines.append(f"URL: {value}")
    body = [text] if text else []
    body += [value for name, value in context.fields if name not in ("url", "link_url", "link")]
    body += list(context.neighbours)
    joined = " ".join(part for part in body if part)
    if joined:
        lines.append(f"Text: {joined}")
    message = "\n".join(lines)
    return message if len(message) <= CONTEXT_CHARS else message[:CONTEXT_CHARS].rsplit(" ", 1)[0]


def plain_text(text: str, fmt: str) -> str:
    """What the small model is given of the editor's text (HTML made plain)."""
    return plain_source(text).text if fmt == "html" else text


def build_small_messages(
    action: Action,
    text: str,
    fmt: str,
    params: Mapping[str, str],
    context: Context,
    field: FieldInfo | None,
) -> list[Message]:
    """System line, worked example, then the plain text (or the page, for a field).

    ``text`` is already validated and normalised (``messages.prepare_text``).
    """
    prompt = SMALL_PROMPTS.get(action.id)
    if prompt is None:
        system = _fill(action.system_prompt, action, params, field)
    else:
        system = _fill(prompt.system, action, params, field)
    source = plain_text(text, fmt)
    if action.kind == "field":
        max_length = resolve_max_length(
            action.default_max_length, field.max_length if field else None
        )
        if max_length:
            system += " " + rules.LENGTH_MAX.format(max=max_length)
        user = _field_text(source, context)
    else:
        user = source
    messages = [Message(role="system", content=system)]
    for example_in, example_out in prompt.examples if prompt else ():
        messages += [
            Message(role="user", content=example_in),
            Message(role="assistant", content=example_out),
        ]
    messages.append(Message(role="user", content=user))
    return messages


def example_texts(action_id: str) -> tuple[str, ...]:
    """The texts of ``action_id``'s worked examples, which an answer must not copy
    (:func:`wagtail_ai_blocks.answer_check.copied_phrase`)."""
    prompt = SMALL_PROMPTS.get(action_id)
    return tuple(text for pair in (prompt.examples if prompt else ()) for text in pair)


def small_generation_params(
    action: Action, params: GenerationParams, text: str, fmt: str
) -> GenerationParams:
    """The standard parameters, tuned for a small model: its temperature, at most
    :data:`MAX_CANDIDATES`, the token bound of the plain text it is given, and a stop at
    the first line break when the answer is one paragraph."""
    prompt = SMALL_PROMPTS.get(action.id)
    source = plain_text(text, fmt)
    max_tokens = params.max_tokens
    if action.kind == "rewrite" and source:
        max_tokens = min(max_tokens, max(8, action.max_tokens_for(source)))
        if action.id in ("shorten", "summarize"):
            # Tokens are never fewer than words and marks: this cannot outgrow the source.
            max_tokens = min(max_tokens, count_tokens(source))
    one_paragraph = action.kind == "field" or "\n" not in source
    return dataclasses.replace(
        params,
        temperature=prompt.temperature if prompt else min(params.temperature, 0.3),
        candidates=min(params.candidates, MAX_CANDIDATES),
        max_tokens=max_tokens,
        stop=("\n",) if one_paragraph else ("\n\n\n",),
    )


def retry_params(params: GenerationParams) -> GenerationParams:
    """Parameters for the one retry after an unusable answer: more varied sampling, and
    :data:`MAX_CANDIDATES` answers at once (llama.cpp decodes them side by side in about
    the time of one; at this temperature about half of a 135M model's answers to a
    paragraph it first got wrong pass the checks)."""
    return dataclasses.replace(
        params,
        temperature=max(params.temperature, RETRY_TEMPERATURE),
        candidates=max(params.candidates, MAX_CANDIDATES),
    )
