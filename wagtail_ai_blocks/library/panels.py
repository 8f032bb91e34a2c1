"""Edit-form panels for the prompt library."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class VersionHistoryPanel(Panel):
    """The prompt's saved versions, newest first, each with its instruction.

    Read-only; shown on the edit form only (a new prompt has no versions yet).
    ``limit`` is how many versions to list (default 10).
    """

    def __init__(self, limit: int = 10, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "limit": self.limit}

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_ai_blocks/library/version_history_panel.html"

        def is_shown(self) -> bool:
            return bool(getattr(self.instance, "pk", None)) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["versions"] = list(
                self.instance.versions.select_related("created_by")[: self.panel.limit]
            )
            context["current"] = self.instance.version
            return context
