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
        """What the memos of :mod:`wagtail_ai_blocks.memo` depend on (the prompt
        library and the group limits), and the usage ledger's rows written after
        the response (:mod:`wagtail_ai_blocks.ledger`)."""
        from django.contrib.auth.models import Group
        from wagtail.models import Site

        from wagtail_ai_blocks import ledger, memo
        from wagtail_ai_blocks.library.models import AIPrompt, AISiteSettings
        from wagtail_ai_blocks.quotas.models import AILimitSettings, GroupAILimit

        memo.watch(AIPrompt, AISiteSettings, AILimitSettings, GroupAILimit, Group, Site)
        ledger.connect()
