"""The machine translator wagtail-localize calls (``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from wagtail_ai_blocks.localize import progress
from wagtail_ai_blocks.localize.batches import (
    DEFAULT_BATCH_CHARS,
    DEFAULT_BATCH_STRINGS,
    BatchTranslator,
)
from wagtail_ai_blocks.localize.middleware import current_request
from wagtail_ai_blocks.prompts.params import normalise_language

logger = logging.getLogger(__name__)


def _language(locale: Any) -> str | None:
    return normalise_language(getattr(locale, "language_code", "") or "")


class AIMachineTranslator(BaseMachineTranslator):
    """Translates through this package's generation service (cache, limits, ledger).

    ``OPTIONS``: ``BATCH_STRINGS`` (default 20) and ``BATCH_CHARS`` (default 3000)
    bound each request to the model. Needs
    :class:`~wagtail_ai_blocks.localize.middleware.CurrentEditorMiddleware`: limits,
    budgets and the ledger are the editor's.
    """

    display_name = _("AI")

    def can_translate(self, source_locale: Any, target_locale: Any) -> bool:
        source, target = _language(source_locale), _language(target_locale)
        return bool(source and target and source.split("-")[0] != target.split("-")[0])

    def translate(self, source_locale: Any, target_locale: Any, strings) -> dict:
        request = current_request()
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            raise ImproperlyConfigured(
                "AIMachineTranslator needs wagtail_ai_blocks.localize.middleware."
                "CurrentEditorMiddleware in MIDDLEWARE."
            )
        values = list(strings)
        by_data = {value.data: value for value in values}
        translator = BatchTranslator(
            user=user,
            source=_language(source_locale) or "",
            target=_language(target_locale) or "",
            max_strings=int(self.options.get("BATCH_STRINGS", DEFAULT_BATCH_STRINGS)),
            max_chars=int(self.options.get("BATCH_CHARS", DEFAULT_BATCH_CHARS)),
        )
        tracker = progress.Tracker.for_request(request)
        run = translator.run(list(by_data), progress=tracker.update)
        tracker.finish()
        if run.error is not None or run.rejected:
            left = len(by_data) - len(run.translations)
            reason = run.error.message if run.error is not None else ""
            messages.warning(
                request,
                gettext(
                    "The AI translated %(done)s of %(total)s strings; %(left)s are left "
                    "to translate. %(reason)s"
                )
                % {
                    "done": len(run.translations),
                    "total": len(by_data),
                    "left": left,
                    "reason": reason,
                },
            )
        return {
            by_data[source]: StringValue.from_translated_html(translation)
            for source, translation in run.translations.items()
        }
