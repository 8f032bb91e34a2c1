"""``python -m benchmarks.related_pages``: the related pages index at 1,000 pages.

Creates ``--pages`` live pages on a few distinct topics in a fresh database
(``--database-url``, default SQLite under ``benchmarks/.work/``), indexes them
through the real ``rebuild()`` with embeddings from the fake OpenAI server's
``/embeddings`` (256 dimensions, no network latency, so the numbers are ours), then
times ``suggest()`` for ``--queries`` pages:

- *suggest, new text*: one embeddings call over HTTP plus ranking every indexed page;
- *suggest, same text again*: the query vector from the cache, ranking only.

It also checks the answer: every query's top suggestion shares its topic.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = {
    "houseplants": "plant leaves light water soil pot roots humidity fern monstera pothos repot",
    "bread": "flour dough starter sourdough loaf bake oven crust crumb knead yeast proof",
    "cycling": "bike ride cycling pedal endurance pace saddle gears climb route wheels tyres",
    "pasta": "pasta eggs noodles tagliatelle sauce boil semolina ravioli rolling basil tomato",
    "astronomy": "stars telescope planets moon orbit galaxy nebula comet eclipse observatory",
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.related_pages", description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default="")
    return parser.parse_args(argv)


def page_body(rng: random.Random, topic: str) -> str:
    words = TOPICS[topic].split()
    filler = ["the", "a", "with", "for", "and", "then", "every", "week", "when", "you"]
    sentences = [
        " ".join(rng.choice(words if rng.random() < 0.6 else filler) for _ in range(12)) + "."
        for _ in range(6)
    ]
    return "<p>" + " ".join(sentences) + "</p>"


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "demo")]
    work = ROOT / "benchmarks" / ".work"
    work.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url
    if not database_url:
        database_url = f"sqlite:///{tempfile.mkdtemp(dir=work)}/related.sqlite3"

    from tests.fake_openai import FakeOpenAIServer

    fake = FakeOpenAIServer(latency=0.0, token_delay=0.0).start()
    os.environ.update(
        DATABASE_URL=database_url,
        OPENAI_API_KEY="sk-bench",
        OPENAI_BASE_URL=fake.base_url,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)

    from benchmarks.stats import p50, p95
    from blog.models import BlogPage, HomePage
    from wagtail_ai_blocks.related.embedder import get_embedder
    from wagtail_ai_blocks.related.index import rebuild
    from wagtail_ai_blocks.related.suggest import suggest
    from wagtail_ai_blocks.related.text import page_text

    rng = random.Random(7)
    home = HomePage.objects.first()
    topics = list(TOPICS)
    existing = BlogPage.objects.filter(slug__startswith="bench-").count()
    started = time.monotonic()
    for number in range(existing, args.pages):
        topic = topics[number % len(topics)]
        home.add_child(
            instance=BlogPage(
                title=f"{topic.title()} notes {number}",
                slug=f"bench-{number}",
                body=page_body(rng, topic),
                live=True,
            )
        )
    created = time.monotonic() - started

    started = time.monotonic()
    run = rebuild()
    index_seconds = time.monotonic() - started
    embedder = get_embedder()

    pages = list(BlogPage.objects.filter(slug__startswith="bench-").order_by("?")[: args.queries])
    cold, warm, right = [], [], 0
    for page in pages:
        topic = page.title.split()[0].lower()
        text = page_text(page) + f"\n{rng.random()}"  # new text: not in the cache
        for timings in (cold, warm):
            began = time.perf_counter()
            answer = suggest(page.title, text, exclude={page.pk}, embedder=embedder)
            timings.append(time.perf_counter() - began)
        top = BlogPage.objects.get(pk=answer.suggestions[0].page_id)
        right += top.title.split()[0].lower() == topic
    fake.stop()

    vendor = connection.vendor
    print(f"database: {vendor} ({connection.settings_dict['NAME']})")
    print(f"pages created: {args.pages} in {created:.1f} s")
    print(f"indexed: {run.embedded} in {index_seconds:.1f} s")
    for name, timings in (("new text (embed + rank)", cold), ("same text again (rank)", warm)):
        print(
            f"suggest, {name}: p50 {p50(timings) * 1000:.1f} ms, p95 {p95(timings) * 1000:.1f} ms"
        )
    print(f"top suggestion on the same topic: {right}/{len(pages)}")


if __name__ == "__main__":
    main()
