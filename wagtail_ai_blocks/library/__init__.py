"""The prompt library: administrators' prompts, brand voice and hidden actions per site.

Public API::

    from wagtail_ai_blocks.library import resolve_action, site_actions, backend_for

:func:`site_actions` is what a site's editors are offered (the client config's
``actions``); :func:`resolve_action` is the action an editor's request runs. Both
read the database on every call, so a saved prompt is live at once in every
process, without a deploy.
"""

from __future__ import annotations

from wagtail_ai_blocks.library.resolution import (
    backend_for,
    resolve_action,
    resolve_request_action,
    site_actions,
)

__all__ = ["backend_for", "resolve_action", "resolve_request_action", "site_actions"]
