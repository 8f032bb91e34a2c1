"""Money: what a call cost, from the provider's token counts and a price table."""

from __future__ import annotations

from decimal import Decimal

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


def cost_of(usage: Usage, model: str, *, free: bool = False) -> Decimal:
    """Cost of one call; 0 for free (local) backends and unknown models."""
    if free:
        return ZERO
    prices = price_for(model)
    if prices is None:
        return ZERO
    input_price, output_price = prices
    total = (usage.input_tokens * input_price + usage.output_tokens * output_price) / MILLION
    return total.quantize(Decimal("0.000001"))
