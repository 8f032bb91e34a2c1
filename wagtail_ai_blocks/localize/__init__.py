"""Machine translation of whole pages for wagtail-localize, through the generation service.

Settings::

    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_ai_blocks.localize.AIMachineTranslator",
        "OPTIONS": {"BATCH_STRINGS": 20, "BATCH_CHARS": 3000},  # optional
    }
    MIDDLEWARE = [..., "wagtail_ai_blocks.localize.middleware.CurrentEditorMiddleware"]

"Translate this page → Machine translate" then sends the page's strings to the
model in batches (action ``translate_page``): each string is cached on its own, the
editor's rate limits and the budgets are charged per batch, every call is in the
usage ledger, and rich text keeps its formatting and links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wagtail_ai_blocks.localize.translator import AIMachineTranslator

__all__ = ["AIMachineTranslator"]


def __getattr__(name: str) -> Any:
    # wagtail-localize is optional: import it only when the translator is asked for.
    if name == "AIMachineTranslator":
        from wagtail_ai_blocks.localize.translator import AIMachineTranslator

        return AIMachineTranslator
    raise AttributeError(name)
