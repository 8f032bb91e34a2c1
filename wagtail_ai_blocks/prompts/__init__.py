"""Actions, prompts, page context and chat messages.

Public API::

    from wagtail_ai_blocks.prompts import (
        Action, FieldInfo, Param, Choice, Context,
        get_action, list_actions, register_action,
        build_context, build_messages, validate_params, resolve_max_length,
    )
"""

from __future__ import annotations

from wagtail_ai_blocks.prompts.actions import (
    Action,
    FieldInfo,
    get_action,
    list_actions,
    register_action,
    reset_actions,
    resolve_max_length,
    unregister_action,
)
from wagtail_ai_blocks.prompts.context import Context, build_context
from wagtail_ai_blocks.prompts.messages import (
    build_messages,
    build_system_prompt,
    validate_params,
)
from wagtail_ai_blocks.prompts.params import Choice, Param
from wagtail_ai_blocks.prompts.rules import RULES_VERSION

__all__ = [
    "RULES_VERSION",
    "Action",
    "Choice",
    "Context",
    "FieldInfo",
    "Param",
    "build_context",
    "build_messages",
    "build_system_prompt",
    "get_action",
    "list_actions",
    "register_action",
    "reset_actions",
    "resolve_max_length",
    "unregister_action",
    "validate_params",
]
