from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailAIBlocksConfig(AppConfig):
    name = "wagtail_ai_blocks"
    label = "wagtail_ai_blocks"
    verbose_name = _("Wagtail AI blocks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail_ai_blocks import checks, install_checks  # noqa: F401  (register checks)
        from wagtail_ai_blocks.related import signals

        signals.connect()
        self._watch_configuration()

    @staticmethod
    def _watch_configuration() -> None:
        """What the memos (library, group limits) depend on: see ``memo.py``."""
        from django.contrib.auth.models import Group
        from wagtail.models import Site

        from wagtail_ai_blocks import memo
        from wagtail_ai_blocks.library.models import AIPrompt, AISiteSettings
        from wagtail_ai_blocks.quotas.models import GroupAILimit

        memo.watch(AIPrompt, AISiteSettings, GroupAILimit, Group, Site)
