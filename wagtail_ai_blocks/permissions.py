"""Who may do what with AI: one place for the package's permission rules.

* "Can use AI assistance" (``wagtail_ai_blocks.use_ai``): AI controls in the
  editor, the API, the browser's config and the API schema. Superusers always.
* "Can reset AI quotas" (``wagtail_ai_blocks.reset_ai_quota``): forget another
  user's rate-limit counters. Never one's own and never a superuser's unless the
  one resetting is a superuser.

Both are listed in Wagtail's group editor (``register_permissions``).
"""

from __future__ import annotations

from typing import Any

USE_AI_PERMISSION = "wagtail_ai_blocks.use_ai"
RESET_QUOTA_PERMISSION = "wagtail_ai_blocks.reset_ai_quota"


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_use_ai(user: Any) -> bool:
    """Superusers always; others need admin access and "Can use AI assistance"."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return user.has_perms(["wagtailadmin.access_admin", USE_AI_PERMISSION])


def can_reset_quotas(user: Any) -> bool:
    """Whether ``user`` may reset anyone's counters (the user listing's button)."""
    if not _active(user):
        return False
    return user.is_superuser or user.has_perm(RESET_QUOTA_PERMISSION)


def can_reset_quota(user: Any, target: Any) -> bool:
    """Whether ``user`` may reset ``target``'s counters.

    Resetting one's own quota would make the limit meaningless, and a superuser's
    counters are a superuser's business: both need a superuser.
    """
    if not can_reset_quotas(user):
        return False
    if user.is_superuser:
        return True
    return target.pk != user.pk and not target.is_superuser
