"""Where a request's time goes: ``python -m benchmarks.profile``.

Not a benchmark (no baseline, no ratio): a profiler's view of the three hot paths the
latency rows measure (a cache hit, a cache miss, a stream up to its first delta) and of
the trivial views they are compared with, in this process, through Django's whole
middleware stack (no gunicorn), on the same set-up as ``python -m benchmarks``: the
demo's settings, Redis, SQLite in WAL mode and the fake provider in its own process.

For each path it prints the database queries of one request (the SQL) and a profile
of ``--rounds`` requests: pyinstrument's call tree when it is installed
(``pip install pyinstrument``), else cProfile's top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import logging
import pstats
import sys
import time
from collections.abc import Callable

from benchmarks import fixtures
from benchmarks.latency import ADMIN_PING, GENERATE, PING, STREAM, unique_text
from benchmarks.processes import HOST, Stack
from benchmarks.stats import ms, p50, p95

PATHS = ("ping", "admin", "hit", "miss", "stream")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("--only", default=",".join(PATHS), help="comma-separated paths")
    parser.add_argument("--rounds", type=int, default=200, help="requests profiled per path")
    parser.add_argument("--latency", type=float, default=0.05, help="fake provider latency (s)")
    parser.add_argument("--token-delay", type=float, default=0.005)
    parser.add_argument("--cprofile", action="store_true", help="cProfile even with pyinstrument")
    parser.add_argument("--depth", type=int, default=40, help="cProfile: functions listed")
    parser.add_argument("--sort", default="cumulative", help="cProfile: sort key (tottime…)")
    parser.add_argument("--show-all", action="store_true", help="pyinstrument: every frame")
    args = parser.parse_args(argv)
    args.paths = [path.strip() for path in args.only.split(",") if path.strip()]
    unknown = set(args.paths) - set(PATHS)
    if unknown:
        parser.error(f"unknown paths {sorted(unknown)}; choose from {', '.join(PATHS)}")
    return args


def requests(client) -> dict[str, Callable[[], None]]:
    """One request per path, each checking it got what the benchmark row measures."""
    cached = {"action": "shorten", "text": unique_text()}
    response = client.post(GENERATE, json.dumps(cached), content_type="application/json")
    assert response.status_code == 200, response.content

    def ping() -> None:
        assert client.get(PING).status_code == 200

    def admin() -> None:
        assert client.get(ADMIN_PING).status_code == 200

    def hit() -> None:
        response = client.post(GENERATE, json.dumps(cached), content_type="application/json")
        assert response.json()["cache"] == "hit", response.content

    def miss() -> None:
        body = {"action": "shorten", "text": unique_text()}
        response = client.post(GENERATE, json.dumps(body), content_type="application/json")
        assert response.json()["cache"] == "miss", response.content

    def stream() -> None:
        body = {"action": "shorten", "text": unique_text()}
        response = client.post(STREAM, json.dumps(body), content_type="application/json")
        chunks = iter(response.streaming_content)
        for chunk in chunks:  # up to the first delta: what time to first token measures
            if b"event: delta" in chunk:
                break
        for _chunk in chunks:  # the editor stays: the call finishes normally
            pass
        response.close()

    return {"ping": ping, "admin": admin, "hit": hit, "miss": miss, "stream": stream}


def queries_of(request: Callable[[], None]) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        request()
    return [query["sql"] for query in captured.captured_queries]


def timed(request: Callable[[], None], rounds: int) -> str:
    """The request's median and 95th percentile without the profiler."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        request()
        samples.append((time.perf_counter() - started) * 1000)
    return f"p50 {ms(p50(samples))} / p95 {ms(p95(samples))} ms without the profiler"


def profile(request: Callable[[], None], rounds: int, args: argparse.Namespace) -> str:
    pyinstrument = None
    if not args.cprofile:
        with contextlib.suppress(ImportError):
            import pyinstrument
    started = time.perf_counter()
    if pyinstrument is not None:
        profiler = pyinstrument.Profiler(interval=0.0002)
        profiler.start()
        for _ in range(rounds):
            request()
        profiler.stop()
        text = profiler.output_text(unicode=True, show_all=args.show_all)
    else:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(rounds):
            request()
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.depth)
        text = out.getvalue()
    elapsed = (time.perf_counter() - started) / rounds * 1000
    return f"{rounds} requests, {elapsed:.2f} ms each under the profiler\n{text}"


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with Stack() as stack:
        redis = stack.redis()
        fake = stack.fake_openai(args.latency, args.token_delay)
        env = fixtures.server_env(redis_url=redis.url, fake_base_url=fake.base_url)
        fixtures.setup_django(env)
        fixtures.prepare_database(fresh=True)
        # One log line per AI request would drown the profile.
        logging.getLogger("wagtail_ai_blocks").setLevel(logging.WARNING)
        (login,) = fixtures.editors(1, "profile-editor")

        from django.test import Client

        client = Client(HTTP_HOST=HOST, HTTP_X_CSRFTOKEN=login.csrf, enforce_csrf_checks=True)
        client.cookies["sessionid"] = login.session_key
        client.cookies["csrftoken"] = login.csrf
        paths = requests(client)
        for name in args.paths:
            request = paths[name]
            for _ in range(5):  # warm up: imports, connections, compiled templates
                request()
            queries = queries_of(request)
            print(
                f"\n=== {name}: {len(queries)} queries per request, {timed(request, args.rounds)}"
            )
            for sql in queries:
                print(f"  {sql[:160]}")
            print(profile(request, args.rounds, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
