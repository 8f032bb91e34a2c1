"""The prompt library in the admin: Settings → AI prompts."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet

from wagtail_ai_blocks.library.models import AIPrompt
from wagtail_ai_blocks.library.panels import VersionHistoryPanel

#: Yes/No as the listing and its filter say it (a boolean filter would show "True").
ENABLED_CHOICES = [("true", _("Yes")), ("false", _("No"))]


class AIPromptFilterSet(WagtailFilterSet):
    enabled = django_filters.ChoiceFilter(
        label=_("Enabled"), choices=ENABLED_CHOICES, method="filter_enabled"
    )

    class Meta:
        model = AIPrompt
        fields = ["placement", "enabled", "site"]

    def filter_enabled(self, queryset, name, value):
        return queryset.filter(enabled=value == "true")


def _enabled_label(prompt: AIPrompt) -> str:
    return str(_("Yes") if prompt.enabled else _("No"))


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
    filterset_class = AIPromptFilterSet
    list_display = [
        "label",
        Column("placement", label=_("Where"), accessor="get_placement_display"),
        Column("site", label=_("Site"), accessor="site_label"),
        StatusTagColumn(
            "enabled",
            label=_("Enabled"),
            accessor=_enabled_label,
            primary=lambda prompt: prompt.enabled,
        ),
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
