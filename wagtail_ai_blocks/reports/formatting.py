"""How amounts of money look in the admin, the exports and the command's text output."""

from __future__ import annotations

from decimal import Decimal

from wagtail_ai_blocks import conf

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def plain_amount(value: Decimal | int | float) -> str:
    """``0.000045`` → ``"0.000045"``, ``1.5`` → ``"1.50"``: exact, at least two decimals."""
    amount = Decimal(str(value)).quantize(Decimal("0.000001"))
    text = f"{amount:f}"
    whole, _dot, decimals = text.partition(".")
    decimals = decimals.rstrip("0").ljust(2, "0")
    return f"{whole}.{decimals}"


def format_money(value: Decimal | int | float, currency: str | None = None) -> str:
    """An amount in the currency of ``PRICES`` (the ``CURRENCY`` setting): ``$0.000045``."""
    currency = currency or conf.get("CURRENCY")
    amount = plain_amount(value)
    symbol = SYMBOLS.get(currency)
    if symbol:
        return f"-{symbol}{amount[1:]}" if amount.startswith("-") else f"{symbol}{amount}"
    return f"{amount} {currency}"
