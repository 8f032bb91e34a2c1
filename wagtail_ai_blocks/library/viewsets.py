"""The prompt library in the admin: Settings → AI prompts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet

from wagtail_ai_blocks.library.models import AIPrompt
from wagtail_ai_blocks.library.panels import VersionHistoryPanel


class AIPromptViewSet(ModelViewSet):
    """Create, edit, reorder and delete library prompts.

    Permissions are the model's add/change/delete permissions, listed in
    Wagtail's group editor.
    """

    model = AIPrompt
    icon = "ai-sparkle"
    menu_label = _("AI prompts")
    menu_order = 850
    add_to_settings_menu = True
    copy_view_enabled = True
    search_fields = ["label", "description", "instruction"]
    list_filter = ["placement", "enabled", "site"]
    list_display = [
        "label",
        Column("placement", label=_("Where"), accessor="get_placement_display"),
        Column("site", label=_("Site"), accessor="site_label"),
        BooleanColumn("enabled", label=_("Enabled")),
        Column("version", label=_("Version")),
        UpdatedAtColumn(),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("label"),
                FieldPanel("description"),
                FieldPanel("instruction"),
                FieldRowPanel([FieldPanel("placement"), FieldPanel("output")]),
            ],
            heading=_("Prompt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site"),
                FieldPanel("field_names"),
                FieldPanel("page_types"),
                FieldPanel("overrides"),
            ],
            heading=_("Where editors see it"),
        ),
        MultiFieldPanel(
            [FieldPanel("backend"), FieldPanel("enabled")],
            heading=_("Behaviour"),
        ),
        VersionHistoryPanel(heading=_("Versions")),
    ]
