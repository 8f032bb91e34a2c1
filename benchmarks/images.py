"""``python -m benchmarks.images``: image descriptions, one at a time and in bulk.

In a fresh database (``--database-url``, default SQLite under ``benchmarks/.work/``)
with ``--images`` pictures drawn by the demo (1280 x 960 JPEG), against the fake
OpenAI server (no latency, so the numbers are ours):

- *rendition*: ``image_input()`` per image, the first time (Wagtail renders and stores
  the rendition) and again (the stored rendition is read);
- *request overhead*: the generation service (permission-free path: prompt, cache key
  with the file hash, limits, ledger, the HTTP call through the ``openai`` SDK) against
  a bare SDK call with the same messages, interleaved, cache off;
- *bulk*: one job over every image, run by ``--workers`` ``db_worker`` processes;
  images per second from the first task claimed to the last finished.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.images", description=__doc__)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=50, help="single-image rounds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "demo")]
    work = ROOT / "benchmarks" / ".work"
    work.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(dir=work))
    database_url = args.database_url or f"sqlite:///{run_dir}/images.sqlite3"

    from tests.fake_openai import FakeOpenAIServer

    fake = FakeOpenAIServer(latency=0.0, token_delay=0.0).start()
    fake.responder = lambda request: "A potted plant on a plain wall."
    env = {
        "DATABASE_URL": database_url,
        "OPENAI_API_KEY": "sk-bench",
        "OPENAI_BASE_URL": fake.base_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.image_settings",
        "BENCH_MEDIA_ROOT": str(run_dir / "media"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "demo")]),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from benchmarks.stats import p50, p95
    from blog.pictures import create_plant_image
    from wagtail_ai_blocks.images import bulk
    from wagtail_ai_blocks.images.access import image_context
    from wagtail_ai_blocks.images.vision import image_input
    from wagtail_ai_blocks.prompts import FieldInfo
    from wagtail_ai_blocks.service import GenerationRequest, GenerationService

    user = get_user_model().objects.create_superuser("bench", "bench@example.com", "x")
    started = time.monotonic()
    images = [create_plant_image(index, size=(1280, 960)) for index in range(args.images)]
    print(f"images created: {len(images)} in {time.monotonic() - started:.1f} s")

    sample = images[: args.rounds]
    first = [_timed(image_input, image) for image in sample]
    again = [_timed(image_input, image) for image in sample]

    import openai

    client = openai.OpenAI(base_url=fake.base_url, api_key="sk-bench", max_retries=0)
    service = GenerationService()
    ours, bare = [], []
    for image in sample:
        request = GenerationRequest(
            user=user,
            action="image_description",
            context=image_context(image, {}),
            field=FieldInfo(name="description", max_length=255),
            candidates=1,
            image=image_input(image),
            refresh=True,
        )
        ours.append(_timed(service.generate, request))
        messages = service.prepare(request).messages
        bare.append(
            _timed(
                client.chat.completions.create,
                model="gpt-4o-mini",
                messages=messages,
                max_completion_tokens=160,
            )
        )

    job = bulk.start_job(user, images)
    manage = [sys.executable, str(ROOT / "demo" / "manage.py"), "db_worker"]
    options = ["--batch", "--no-startup-delay", "--no-reload", "--interval=0", "-v0"]
    started = time.monotonic()
    workers = [
        subprocess.Popen([*manage, *options, f"--worker-id=bench-{n}"], env={**os.environ})
        for n in range(args.workers)
    ]
    for worker in workers:
        worker.wait()
    elapsed = time.monotonic() - started
    progress = bulk.progress(job)
    fake.stop()

    ms = 1000
    print(f"rendition, first time: p50 {p50(first) * ms:.1f} ms, p95 {p95(first) * ms:.1f} ms")
    print(f"rendition, stored: p50 {p50(again) * ms:.1f} ms, p95 {p95(again) * ms:.1f} ms")
    print(
        f"one description through the service: p50 {p50(ours) * ms:.1f} ms; "
        f"bare SDK call: p50 {p50(bare) * ms:.1f} ms; "
        f"overhead p50 {(p50(ours) - p50(bare)) * ms:.1f} ms"
    )
    print(
        f"bulk: {progress.counts} with {args.workers} workers in {elapsed:.1f} s "
        f"(process start included): {len(images) / elapsed:.1f} images/s"
    )
    assert progress.counts == {bulk.Status.SUGGESTED: len(images)}, progress.counts


def _timed(function, *args, **kwargs) -> float:
    began = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - began


if __name__ == "__main__":
    main()
