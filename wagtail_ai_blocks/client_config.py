"""What the browser needs, rendered once per admin page as one ``json_script``.

Only for users who may use AI (``templates/wagtailadmin/admin_base.html``); others
get no config, and the frontend then shows no AI controls.

Read by ``frontend/src/api/config.ts`` (``readConfig``). URLs are reversed here,
never hard-coded in TypeScript.
"""

from __future__ import annotations

import logging

from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import gettext_lazy as _
from wagtail.admin.staticfiles import versioned_static

from wagtail_ai_blocks.exceptions import AIBlocksError
from wagtail_ai_blocks.permissions import can_use_ai

logger = logging.getLogger(__name__)

ELEMENT_ID = "wagtail-ai-blocks-config"
#: What the "Offline model — rough drafts" note says when asked how to do better.
OFFLINE_HELP = _(
    "Answers come from a small model running on this server. For better answers, an "
    "administrator connects an AI provider: set OPENAI_API_KEY (and OPENAI_BASE_URL for "
    "Ollama, vLLM or llama.cpp), or BACKENDS in WAGTAIL_AI_BLOCKS."
)


def client_config() -> dict:
    from wagtail_ai_blocks.backends import get_backend
    from wagtail_ai_blocks.backends.base import describe

    namespace = "wagtail_ai_blocks_api"
    config: dict = {
        "urls": {
            "generate": reverse(f"{namespace}:generate"),
            "stream": reverse(f"{namespace}:stream"),
            "quota": reverse(f"{namespace}:quota"),
            "jsi18n": reverse("wagtail_ai_blocks_jsi18n"),
            # ``<pages>5/review``, ``<pages>new/blog/blogpage/3/review`` (feedback/api.py).
            "pages": reverse(f"{namespace}:review_existing", args=[0]).removesuffix("0/review"),
            # The rich-text toolbar's menu, preview and diff, loaded on its first use.
            "assist": versioned_static("wagtail_ai_blocks/js/lazy/assist.js"),
            "assist_css": versioned_static("wagtail_ai_blocks/css/assist.css"),
            # The field panels' work (asking, offering, using), loaded on a panel's first use.
            "panel_session": versioned_static("wagtail_ai_blocks/js/panel_session.js"),
        },
        "actions": [action.as_client_dict() for action in offered_actions()],
    }
    try:
        backend = describe(get_backend())
        config["provider"] = {
            "provider": backend["provider"],
            "model": backend["model"],
            # A small offline model answers: the menus and panels say its answers are
            # rough drafts, and how to connect a provider.
            "offline": backend.get("profile") == "small",
            "offline_help": str(OFFLINE_HELP),
        }
    except AIBlocksError as exc:
        logger.warning("AI backend is not usable: %s", exc.message)
        config["provider"] = {"provider": "", "model": "", "offline": False, "offline_help": ""}
    return config


def offered_actions() -> list:
    """The default site's actions (library prompts included; see
    :mod:`wagtail_ai_blocks.library.resolution`), or the registered actions when
    the database cannot say (for instance before ``migrate``)."""
    from django.db import DatabaseError

    from wagtail_ai_blocks.library import site_actions
    from wagtail_ai_blocks.prompts import list_actions

    try:
        return site_actions()
    except DatabaseError:
        logger.warning("AI prompt library unavailable; offering the registered actions")
        return list_actions()


def render_client_config(request, instance=None) -> str:
    """The config for ``request``'s user: nothing unless they may use AI (it names the
    actions, the library prompts, the provider and the model).

    ``instance`` is the page or snippet the admin view edits, if any: its title field,
    type and locale go with the config as ``page`` (``ai_field.page_context``), the one
    source of page context for every AI control, read from the server rather than
    scraped from the editor's labels.
    """
    if not can_use_ai(getattr(request, "user", None)):
        return ""
    config = client_config()
    if hasattr(instance, "_meta"):
        from wagtail_ai_blocks.ai_field import page_context

        page = page_context(instance)
        if page:
            config["page"] = page
    return json_script(config, ELEMENT_ID)
