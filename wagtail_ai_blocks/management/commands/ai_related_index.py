"""``manage.py ai_related_index``: (re)build the related pages index, with a progress bar."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from wagtail_ai_blocks.exceptions import AIBlocksError
from wagtail_ai_blocks.related.embedder import get_embedder
from wagtail_ai_blocks.related.index import rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Embed every live page for related page suggestions. Pages whose text has not "
        "changed are skipped unless --force is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Embed every page again.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, force: bool = False, no_progress: bool = False, **options) -> None:
        try:
            embedder = get_embedder()
        except AIBlocksError as exc:
            raise CommandError(exc.message) from exc
        if embedder is None:
            raise CommandError(
                'No embeddings backend: set WAGTAIL_AI_BLOCKS["RELATED_PAGES"]["BACKEND"] to '
                "a backend with an embeddings endpoint. Without one, related pages come from "
                "Wagtail's search backend and need no index."
            )
        self.stdout.write(f"Indexing live pages with {embedder.label}…")
        started = time.monotonic()
        show = not no_progress
        try:
            run = rebuild(force=force, progress=self._bar if show else None)
        except AIBlocksError as exc:
            raise CommandError(exc.message) from exc
        if show:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.embedded} embedded, {run.unchanged} unchanged, {run.removed} removed "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _bar(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        elif sys.stdout.isatty():  # pragma: no cover
            sys.stdout.flush()
