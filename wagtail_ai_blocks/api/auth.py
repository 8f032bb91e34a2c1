"""Who may use the API: Wagtail admin users with the "can use AI" permission."""

from __future__ import annotations

from ninja.security import SessionAuth

from wagtail_ai_blocks.exceptions import PermissionDenied
from wagtail_ai_blocks.permissions import can_use_ai


class AIUserAuth(SessionAuth):
    """Session authentication with CSRF enforced, plus the AI permission (403)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if not can_use_ai(user):
            raise PermissionDenied()
        return user
