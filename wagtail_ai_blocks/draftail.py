"""The ``ai`` rich text feature: the inline AI toolbar in Draftail.

Enable it per field (``RichTextField(features=[..., "ai"])``,
``RichTextBlock(features=[..., "ai"])``) or for every field that uses Wagtail's
default features with ``WAGTAIL_AI_BLOCKS["ADD_TO_DEFAULT_FEATURES"] = True``
(read once, when Wagtail first collects the rich text features).

The feature adds two Draftail controls: the "AI" button in the inline toolbar
and a host in the editor's bottom toolbar that owns the menu, the preview and
the keyboard shortcut (Draftail renders a control either inline or in the
bottom toolbar, never both). Its script and stylesheet are the feature's media,
so they load only on pages with an AI-enabled editor.

The browser sends the field's features with each request so the server can
answer with content the field allows. Draftail's options do not name the
features, only what they configure (block types, inline styles, entities), so
the host control carries :func:`feature_types`, the map back from those to
feature names. Read by ``frontend/src/draftail/field.ts``.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.rich_text.editors.draftail.features import (
    BooleanFeature,
    ControlFeature,
    ListFeature,
)
from wagtail.rich_text import features as feature_registry
from wagtail.rich_text.feature_registry import FeatureRegistry

from wagtail_ai_blocks import conf

FEATURE_NAME = "ai"

#: Control types, registered by ``frontend/src/entries/draftail.ts``.
BUTTON_CONTROL = "wagtail-ai-blocks-button"
HOST_CONTROL = "wagtail-ai-blocks-host"

JS = "wagtail_ai_blocks/js/draftail.js"
CSS = "wagtail_ai_blocks/css/draftail.css"


def feature_types(registry: FeatureRegistry | None = None) -> dict[str, str]:
    """Map each Draftail option a feature sets to the feature's name.

    Keys are ``"<option>:<type>"`` for list options (``"blockTypes:header-two"``
    → ``"h2"``, ``"inlineStyles:BOLD"`` → ``"bold"``) and the option name for
    boolean options (``"enableHorizontalRule"`` → ``"hr"``). Features that set
    nothing recognisable (such as this one) are left out.
    """
    registry = registry or feature_registry
    # Scans the register_rich_text_features hooks on first use.
    registry.get_editor_plugin("draftail", FEATURE_NAME)
    types: dict[str, str] = {}
    for name, plugin in registry.plugins_by_editor.get("draftail", {}).items():
        if isinstance(plugin, AIControlFeature):
            continue
        if isinstance(plugin, ListFeature):
            data_type = plugin.data.get("type") if isinstance(plugin.data, dict) else None
            if data_type:
                types.setdefault(f"{plugin.option_name}:{data_type}", name)
        elif isinstance(plugin, BooleanFeature):
            types.setdefault(plugin.option_name, name)
    return types


class AIControlFeature(ControlFeature):
    """Adds the AI button and its host to a Draftail editor's ``controls``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__({"type": BUTTON_CONTROL}, **kwargs)

    def construct_options(self, options: dict[str, Any]) -> None:
        controls = options.setdefault(self.option_name, [])
        controls.append({"type": BUTTON_CONTROL})
        controls.append({"type": HOST_CONTROL, "featureTypes": feature_types()})


def register_feature(features: FeatureRegistry) -> None:
    """Register ``ai`` with Draftail; called from the ``register_rich_text_features`` hook."""
    features.register_editor_plugin(
        "draftail", FEATURE_NAME, AIControlFeature(js=[JS], css={"all": [CSS]})
    )
    if conf.get("ADD_TO_DEFAULT_FEATURES"):
        features.default_features.append(FEATURE_NAME)
