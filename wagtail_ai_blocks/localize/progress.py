"""How far a page's machine translation has got, for the editor waiting on it.

wagtail-localize translates in the request that the "Translate with AI" form posts;
while it runs, the browser asks :func:`progress_view` (every second or so) and
shows "n of m strings". The figures live in the default cache for ten minutes,
per editor and translation.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, JsonResponse

from wagtail_ai_blocks.localize.batches import Progress

TTL = 600


def _key(user_id: Any, translation_id: Any) -> str:
    return f"wab:localize:progress:{user_id}:{translation_id}"


class Tracker:
    """Writes the progress of one translation run (a no-op outside a known request)."""

    def __init__(self, key: str | None):
        self.key = key
        self.last = Progress(0, 0)

    @classmethod
    def for_request(cls, request: HttpRequest | None) -> Tracker:
        match = getattr(request, "resolver_match", None)
        translation_id = match.kwargs.get("translation_id") if match else None
        user_id = getattr(getattr(request, "user", None), "pk", None)
        if translation_id is None or user_id is None:
            return cls(None)
        return cls(_key(user_id, translation_id))

    def update(self, progress: Progress) -> None:
        self.last = progress
        self._write("running")

    def finish(self) -> None:
        self._write("done")

    def _write(self, state: str) -> None:
        if self.key:
            cache.set(
                self.key, {"state": state, "done": self.last.done, "total": self.last.total}, TTL
            )


def progress_view(request: HttpRequest, translation_id: int) -> JsonResponse:
    """``{"state": "idle" | "running" | "done", "done": n, "total": m}`` for this editor."""
    data = cache.get(_key(request.user.pk, translation_id)) or {
        "state": "idle",
        "done": 0,
        "total": 0,
    }
    return JsonResponse(data)
