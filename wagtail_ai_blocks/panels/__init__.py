"""Edit-handler panels with AI suggestions: one panel per module, re-exported here.

::

    from wagtail_ai_blocks.panels import (
        AIPanel, AITitlePanel, AISEOTitlePanel, AISearchDescriptionPanel, AIIntroductionPanel,
    )
"""

from __future__ import annotations

from wagtail_ai_blocks.panels.ai_panel import AIPanel
from wagtail_ai_blocks.panels.shortcuts import (
    AIIntroductionPanel,
    AISearchDescriptionPanel,
    AISEOTitlePanel,
)
from wagtail_ai_blocks.panels.title_panel import AITitlePanel

__all__ = [
    "AIIntroductionPanel",
    "AIPanel",
    "AISEOTitlePanel",
    "AISearchDescriptionPanel",
    "AITitlePanel",
]
