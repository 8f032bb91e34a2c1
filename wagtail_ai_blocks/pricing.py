"""Money: what a call cost, from the provider's token counts and a price table, and
what a call can cost at most (reserved against the budgets before it is made)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal
from typing import Any

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import Usage

MILLION = Decimal(1_000_000)
ZERO = Decimal(0)


def price_for(model: str) -> tuple[Decimal, Decimal] | None:
    """(input, output) price per million tokens, or None when the model is unknown.

    Dated snapshots (``gpt-4o-mini-2024-07-18``) fall back to their base name.
    """
    prices = conf.get("PRICES")
    candidates = [model]
    parts = model.split("-")
    while len(parts) > 1:
        parts = parts[:-1]
        candidates.append("-".join(parts))
    for name in candidates:
        if name in prices:
            input_price, output_price = prices[name]
            return Decimal(str(input_price)), Decimal(str(output_price))
    return None


def cost_of(
    usage: Usage, model: str, *, free: bool = False, rounding: str = ROUND_HALF_EVEN
) -> Decimal:
    """Cost of one call; 0 for free (local) backends and unknown models."""
    if free:
        return ZERO
    prices = price_for(model)
    if prices is None:
        return ZERO
    input_price, output_price = prices
    total = (usage.input_tokens * input_price + usage.output_tokens * output_price) / MILLION
    return total.quantize(Decimal("0.000001"), rounding=rounding)


# -- estimates -----------------------------------------------------------------

#: Tokens a chat request adds around each message (role markers) and the reply.
MESSAGE_OVERHEAD_TOKENS = 4
REPLY_OVERHEAD_TOKENS = 3
#: The most an image of at most 1024 px costs in input tokens (gpt-4o-mini's
#: high-detail rate, the highest: 2,833 + 4 tiles x 5,667).
IMAGE_TOKENS = 25_501


def max_input_tokens(messages: Sequence[Mapping[str, Any]]) -> int:
    """An upper bound of the prompt's tokens: byte-level BPE tokenisers (OpenAI's and
    most others) never make a token of less than one byte, so UTF-8 bytes plus the
    per-message overhead can only over-estimate; an image part counts
    :data:`IMAGE_TOKENS`."""
    texts, images = _texts(messages)
    overhead = MESSAGE_OVERHEAD_TOKENS * len(messages) + REPLY_OVERHEAD_TOKENS
    return overhead + sum(len(text.encode()) for text in texts) + IMAGE_TOKENS * images


def _texts(messages: Sequence[Mapping[str, Any]]) -> tuple[list[str], int]:
    """The text of the messages, and how many image parts they hold."""
    texts, images = [], 0
    for message in messages:
        content = message.get("content", "")
        for part in content if isinstance(content, list) else [content]:
            if not isinstance(part, Mapping):
                texts.append(str(part))
            elif part.get("type") == "text":
                texts.append(str(part.get("text", "")))
            else:
                images += 1
    return texts, images


def estimate_input_tokens(messages: Sequence[Mapping[str, Any]]) -> int:
    """A realistic prompt size when the provider never reported one (see
    :func:`estimate_tokens`)."""
    texts, images = _texts(messages)
    return sum(estimate_tokens(text) for text in texts) + IMAGE_TOKENS * images


def estimate_tokens(text: str) -> int:
    """A realistic token count for text whose usage the provider never reported (a
    stream cut or abandoned before its last chunk): the usual four characters a token,
    and never fewer tokens than words."""
    if not text:
        return 0
    return max(len(text.split()), math.ceil(len(text) / 4))


def max_cost(
    messages: Sequence[Mapping[str, Any]],
    max_tokens: int,
    candidates: int,
    model: str,
    *,
    free: bool = False,
) -> Decimal:
    """The most a call can cost: every prompt byte a token, and ``max_tokens`` for each
    candidate (the provider bills the prompt once and stops each answer at
    ``max_tokens``). What the budgets reserve before the call."""
    usage = Usage(max_input_tokens(messages), max(0, max_tokens) * max(1, candidates))
    return cost_of(usage, model, free=free, rounding=ROUND_CEILING)
