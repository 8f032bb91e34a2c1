"""Asking a backend's embeddings endpoint, with the service's limits, budgets and ledger.

The backend is ``RELATED_PAGES["BACKEND"]`` (a name in ``BACKENDS``): the OpenAI
backend (OpenAI or any OpenAI-compatible server with ``/embeddings``: llama.cpp,
Ollama, vLLM) or the embedded local model. ``""``, or a backend without ``embed()``,
means no embeddings: related pages then come from Wagtail's search backend.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends import get_backend
from wagtail_ai_blocks.backends.base import Backend
from wagtail_ai_blocks.exceptions import AIBlocksError, RateLimited
from wagtail_ai_blocks.ledger import UsageEntry, elapsed_ms, record
from wagtail_ai_blocks.limits import BudgetGuard, RateLimiter
from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.pricing import cost_of
from wagtail_ai_blocks.related.vectors import normalise

#: Ledger actions (and their labels in the usage report).
SUGGEST_ACTION = "related_pages"
INDEX_ACTION = "index_pages"
ACTION_LABELS = {
    SUGGEST_ACTION: _("Suggest related pages"),
    INDEX_ACTION: _("Index pages for related pages"),
}


@dataclass(frozen=True)
class Embedder:
    """One backend and embedding model."""

    backend: Backend
    model: str

    @property
    def label(self) -> str:
        return f"{self.backend.provider_label} ({self.model})"

    def embed(self, texts: list[str], *, action: str, user: Any = None) -> list[tuple[float, ...]]:
        """Unit vectors for ``texts``; one ledger row. An editor's call (``user``) is
        charged to the rate limits; every call is checked against the budgets."""
        limiter = RateLimiter.from_settings() if user is not None else None
        budgets = BudgetGuard.from_settings()
        entry = UsageEntry(user=user, action=action, backend=self.backend.name, model=self.model)
        entry.candidates = len(texts)
        started = time.monotonic()
        decision = None
        try:
            if limiter is not None:
                decision = limiter.check_and_charge(user)
            budgets.check(user)
            answer = self.backend.embed(texts, self.model)  # type: ignore[attr-defined]
        except AIBlocksError as exc:
            if decision is not None and not isinstance(exc, RateLimited):
                limiter.refund(decision)
            entry.outcome = (
                UsageRecord.Outcome.LIMITED
                if isinstance(exc, RateLimited)
                else UsageRecord.Outcome.ERROR
            )
            entry.error_code = exc.code
            entry.latency_ms = elapsed_ms(started)
            record(entry)
            raise
        cost = cost_of(answer.usage, self.model, free=getattr(self.backend, "free", False))
        budgets.record(user, float(cost))
        entry.usage, entry.cost = answer.usage, Decimal(cost)
        entry.latency_ms = elapsed_ms(started)
        record(entry)
        return [normalise(vector) for vector in answer.vectors]


def get_embedder() -> Embedder | None:
    """The configured embedder, or ``None`` when related pages use the search backend."""
    settings = conf.get("RELATED_PAGES")
    name = settings.get("BACKEND") or ""
    if not name:
        return None
    backend = get_backend(name)
    if not callable(getattr(backend, "embed", None)):
        return None
    model = settings.get("MODEL") or getattr(backend, "default_embedding_model", "")
    if not model:
        return None
    return Embedder(backend, model)
