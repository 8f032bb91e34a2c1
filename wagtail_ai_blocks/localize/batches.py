"""Translating many strings through the generation service: cache per string, batches.

:func:`translate_strings` is what the wagtail-localize translator calls; it knows
nothing of wagtail-localize. Each string is looked up in the answer cache on its
own (under the key a batch of just that string would have), the strings left are
sent in batches (one ``translate_page`` request each, so the editor's rate limits
and the budgets are charged, and the ledger records, per batch), and each
translation that keeps its string's markup is cached on its own. A translation
that drops or invents markup is asked for once more alone; if it is still wrong the
string is left untranslated rather than saved broken.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bs4 import BeautifulSoup, Tag

from wagtail_ai_blocks.exceptions import AIBlocksError
from wagtail_ai_blocks.ledger import UsageEntry, record
from wagtail_ai_blocks.localize.action import TRANSLATE_PAGE_ACTION_ID
from wagtail_ai_blocks.service import Candidate, GenerationRequest, GenerationService

logger = logging.getLogger(__name__)

DEFAULT_BATCH_STRINGS = 20
DEFAULT_BATCH_CHARS = 3000
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


@dataclass(frozen=True)
class Progress:
    """How far a page's translation has got (strings, not batches)."""

    done: int
    total: int


@dataclass
class TranslationRun:
    """The outcome of :func:`translate_strings`."""

    #: Source string (wagtail-localize's HTML-ish ``StringValue.data``) → translation.
    translations: dict[str, str] = field(default_factory=dict)
    from_cache: int = 0
    provider_calls: int = 0
    #: Strings left untranslated because their translation broke the markup.
    rejected: list[str] = field(default_factory=list)
    #: Why the run stopped early (a rate limit, a budget, the provider), if it did.
    error: AIBlocksError | None = None


def markup(html: str) -> Counter:
    """The tags of a string with their attributes (order-free: a translation may reorder)."""
    soup = BeautifulSoup(html, "html.parser")
    return Counter(
        (tag.name, tuple(sorted((k, str(v)) for k, v in tag.attrs.items())))
        for tag in soup.find_all(True)
        if isinstance(tag, Tag)
    )


def keeps_markup(source: str, translation: str) -> bool:
    return bool(translation.strip()) and markup(source) == markup(translation)


def batches(strings: Sequence[str], max_strings: int, max_chars: int) -> list[list[str]]:
    """Consecutive groups of at most ``max_strings`` strings and about ``max_chars``."""
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0
    for string in strings:
        if current and (len(current) >= max_strings or size + len(string) > max_chars):
            groups.append(current)
            current, size = [], 0
        current.append(string)
        size += len(string)
    if current:
        groups.append(current)
    return groups


def parse_translations(raw: str, expected: int) -> list[str] | None:
    """The ``translations`` array of an answer, or None if it is not one of ``expected``."""
    try:
        data = json.loads(_FENCE.sub("", raw.strip()))
    except ValueError:
        return None
    values = data.get("translations") if isinstance(data, dict) else data
    if not isinstance(values, list) or len(values) != expected:
        return None
    if not all(isinstance(value, str) for value in values):
        return None
    return values


class BatchTranslator:
    """Translate strings from ``source`` to ``target`` (language codes) for ``user``."""

    def __init__(
        self,
        *,
        user: Any,
        source: str,
        target: str,
        service: GenerationService | None = None,
        max_strings: int = DEFAULT_BATCH_STRINGS,
        max_chars: int = DEFAULT_BATCH_CHARS,
        site_id: int | None = None,
    ):
        self.user = user
        self.source = source
        self.target = target
        self.service = service or GenerationService()
        self.max_strings = max(1, max_strings)
        self.max_chars = max_chars
        self.site_id = site_id

    def request(self, strings: Sequence[str], *, refresh: bool = False) -> GenerationRequest:
        return GenerationRequest(
            user=self.user,
            action=TRANSLATE_PAGE_ACTION_ID,
            text=json.dumps(list(strings), ensure_ascii=False),
            params={"language": self.target},
            context={"locale": self.source},
            site_id=self.site_id,
            refresh=refresh,
        )

    def run(
        self, strings: Sequence[str], progress: Callable[[Progress], None] | None = None
    ) -> TranslationRun:
        unique = list(dict.fromkeys(s for s in strings if s.strip()))
        run = TranslationRun()
        report = progress or (lambda _progress: None)
        missing = []
        saved = Decimal(0)
        for string in unique:
            cached = self._cached(string)
            if cached is None:
                missing.append(string)
            else:
                run.translations[string], cost = cached
                saved += cost
        run.from_cache = len(run.translations)
        if run.from_cache:
            self._record_cache_hits(run.from_cache, saved)
        report(Progress(len(run.translations), len(unique)))
        for group in batches(missing, self.max_strings, self.max_chars):
            try:
                self._translate(group, run)
            except AIBlocksError as exc:
                run.error = exc
                logger.warning(
                    "AI page translation stopped",
                    extra={"ai_action": TRANSLATE_PAGE_ACTION_ID, "ai_error_code": exc.code},
                )
                break
            report(Progress(len(run.translations) + len(run.rejected), len(unique)))
        return run

    # -- one string at a time in the cache -------------------------------------

    def _key(self, string: str) -> str:
        return self.service.prepare(self.request([string])).key

    def _cached(self, string: str) -> tuple[str, Decimal] | None:
        value = self.service.cache.get(self._key(string))
        if not value:
            return None
        translations = parse_translations(value.get("raw", ""), 1)
        if not translations or not keeps_markup(string, translations[0]):
            return None
        return translations[0], Decimal(value.get("cost") or 0)

    def _store(self, string: str, translation: str, model: str, cost: Decimal) -> None:
        raw = json.dumps({"translations": [translation]}, ensure_ascii=False)
        self.service.cache.set(
            self._key(string),
            {
                "candidates": [Candidate(text=raw, length=len(raw)).as_dict()],
                "model": model,
                "cost": str(cost),
                "raw": raw,
            },
        )

    # -- batches -----------------------------------------------------------------

    def _translate(self, group: list[str], run: TranslationRun) -> None:
        result = self.service.generate(self.request(group))
        run.provider_calls += result.cache != "hit"
        translations = parse_translations(result.raw, len(group))
        if translations is None and len(group) > 1:
            # An answer with the wrong number of strings: split the batch in two.
            logger.warning(
                "AI page translation did not answer %d strings; splitting the batch",
                len(group),
                extra={"ai_action": TRANSLATE_PAGE_ACTION_ID},
            )
            middle = len(group) // 2
            self._translate(group[:middle], run)
            self._translate(group[middle:], run)
            return
        share = result.cost / len(group) if group else Decimal(0)
        for index, string in enumerate(group):
            translation = translations[index] if translations else ""
            if not keeps_markup(string, translation):
                translation = self._retry_alone(string, run)
            if translation is None:
                run.rejected.append(string)
                continue
            run.translations[string] = translation
            self._store(string, translation, result.model, share)

    def _retry_alone(self, string: str, run: TranslationRun) -> str | None:
        request = dataclasses.replace(self.request([string]), refresh=True)
        result = self.service.generate(request)
        run.provider_calls += 1
        translations = parse_translations(result.raw, 1)
        if translations and keeps_markup(string, translations[0]):
            return translations[0]
        logger.warning(
            "AI translation of a string dropped its markup twice; left untranslated",
            extra={"ai_action": TRANSLATE_PAGE_ACTION_ID},
        )
        return None

    def _record_cache_hits(self, count: int, saved: Decimal) -> None:
        """One ledger row for the strings answered from the cache in this run."""
        record(
            UsageEntry(
                user=self.user,
                action=TRANSLATE_PAGE_ACTION_ID,
                cache_hit=True,
                candidates=count,
                cost_saved=saved,
            )
        )
