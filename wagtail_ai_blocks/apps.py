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
