"""Who may use the API: Wagtail admin users with the "can use AI" permission."""

from __future__ import annotations

from ninja.security import SessionAuth

from wagtail_ai_blocks.exceptions import PermissionDenied

USE_AI_PERMISSION = "wagtail_ai_blocks.use_ai"


def can_use_ai(user) -> bool:
    """Superusers always; others need admin access and the package's permission."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.has_perms(["wagtailadmin.access_admin", USE_AI_PERMISSION])


class AIUserAuth(SessionAuth):
    """Session authentication with CSRF enforced, plus the AI permission (403)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if not can_use_ai(user):
            raise PermissionDenied()
        return user
