"""The ``translate_page`` action: a batch of a page's strings in, their translations out."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks.prompts.actions import Action
from wagtail_ai_blocks.prompts.params import Param

TRANSLATE_PAGE_ACTION_ID = "translate_page"

#: Strict-mode compatible: every property required, no extra properties.
TRANSLATIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"translations": {"type": "array", "items": {"type": "string"}}},
    "required": ["translations"],
    "additionalProperties": False,
}

TRANSLATE_PAGE = Action(
    id=TRANSLATE_PAGE_ACTION_ID,
    label=_("Translate the page"),
    description=_("Machine translation of a page's strings for wagtail-localize."),
    version=1,
    kind="page",
    system_prompt=(
        "The TEXT block is a JSON array of strings: the parts of one web page, in order. "
        "Translate each string into {language}, naturally and idiomatically, not word for "
        'word. Answer with "translations": the translated strings in the same order, exactly '
        "one for each string of the array. A string may contain HTML tags such as <b>, <i>, "
        '<br> or <a id="a1">: keep every tag, with its attributes exactly as written, around '
        "the words that correspond in the translation; translate only the text between the "
        "tags. Keep names, brands, numbers and URLs."
    ),
    params=(Param(name="language", label=_("Language"), kind="language", required=True),),
    temperature=0.2,
    max_tokens=4096,
    formats=("text",),
    response_schema=TRANSLATIONS_SCHEMA,
)
