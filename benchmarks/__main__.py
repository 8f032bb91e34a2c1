"""``python -m benchmarks``: run every benchmark and print one table.

Options bound each part in rounds and seconds; ``--only`` picks parts
(``frontend,limiter,latency,wagtail-ai,load,money``). ``--markdown FILE`` also writes
the machine description, the command and the table to FILE.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import subprocess
import sys
import time

from benchmarks import fixtures, frontend, latency, limiter, load, money
from benchmarks.processes import Browser, Stack
from benchmarks.stats import Row, ms, p50, p95, ratio, render_table

PARTS = ("frontend", "limiter", "latency", "wagtail-ai", "load", "money")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run")
    parser.add_argument("--latency", type=float, default=0.05, help="fake provider latency (s)")
    parser.add_argument("--token-delay", type=float, default=0.005, help="between stream chunks")
    parser.add_argument("--rounds", type=int, default=200, help="interleaved rounds per benchmark")
    parser.add_argument("--budget", type=float, default=60, help="seconds at most per benchmark")
    parser.add_argument("--limiter-rounds", type=int, default=40)
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=20)
    parser.add_argument("--load-max-requests", type=int, default=2000, help="per editor")
    parser.add_argument("--load-workers", type=int, default=4)
    parser.add_argument("--load-threads", type=int, default=16, help="gthread threads per worker")
    parser.add_argument("--global-limit", type=int, default=200)
    parser.add_argument("--database-url", default="", help="default: SQLite under .work/")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="postgres: a PostgreSQL server started for the run (Debian's postgresql)",
    )
    parser.add_argument("--markdown", default="", help="also write the results to this file")
    args = parser.parse_args(argv)
    args.parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; choose from {', '.join(PARTS)}")
    return args


def machine() -> dict[str, str]:
    def run(*command: str) -> str:
        return subprocess.run(command, capture_output=True, text=True).stdout.rstrip()

    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
            platform.processor(),
        )
    return {
        "cpus": run("nproc"),
        "cpu": cpu,
        "memory": run("free", "-h"),
        "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def latency_rows(args, stack, env, fake) -> list[Row]:
    server = stack.gunicorn("demo-latency", app="benchmarks.wsgi:application", env=env)
    (login,) = fixtures.editors(1, "latency-editor")
    browser = Browser(server.port, login.session_key, login.csrf)
    rows: list[Row] = []
    others = {}
    if "wagtail-ai" in args.parts:
        from benchmarks import wagtail_ai

        print("wagtail-ai: preparing its throwaway environment…", file=sys.stderr)
        theirs = wagtail_ai.start(stack, fake.base_url)
        others["wagtail-ai"] = theirs.call
    if "latency" in args.parts or others:
        print("latency: server overhead…", file=sys.stderr)
        row, samples = latency.server_overhead(
            browser, fake.base_url, rounds=args.rounds, budget=args.budget, others=others
        )
        if "latency" in args.parts:
            rows.append(row)
        if others:
            ours, floor, wai = samples["ours"], samples["floor"], samples["wagtail-ai"]
            ours_added, wai_added = p50(ours) - p50(floor), p50(wai) - p50(floor)
            rows.append(
                Row(
                    "Overhead beside the official wagtail-ai (text completion)",
                    f"ours added p50 {ms(ours_added)} / p95 {ms(p95(ours) - p95(floor))} ms",
                    f"wagtail-ai {theirs.version}: p50 {ms(p50(wai))} / p95 {ms(p95(wai))} ms; "
                    f"added p50 {ms(wai_added)} / p95 {ms(p95(wai) - p95(floor))} ms",
                    ratio(ours_added, wai_added),
                    "same fake server, same gunicorn set-up, same rounds; wagtail-ai has no "
                    "cache, limits or ledger",
                )
            )
    if "latency" in args.parts:
        print("latency: cache hit…", file=sys.stderr)
        rows += latency.cache_hit(browser, rounds=args.rounds, budget=args.budget)
        print("latency: time to first token…", file=sys.stderr)
        rows.append(
            latency.time_to_first_token(
                browser, fake.base_url, rounds=args.rounds, budget=args.budget
            )
        )
    browser.close()
    server.stop()
    return rows


def load_row(args, stack, env, redis, fake) -> Row:
    import redis as redis_py

    from wagtail_ai_blocks.models import UsageRecord

    client = redis_py.Redis.from_url(redis.url)
    client.flushall()  # fresh counters and cache for the run
    client.close()
    fake.control.reset()
    logins = fixtures.editors(args.editors, "load-editor")
    server = stack.gunicorn(
        "demo-load",
        app="benchmarks.wsgi:application",
        env={**env, "BENCH_GLOBAL_LIMIT": str(args.global_limit)},
        workers=args.load_workers,
        threads=args.load_threads,
    )
    print(f"load: {args.editors} editors for {args.load_seconds:.0f} s…", file=sys.stderr)
    row = load.run(
        logins,
        server.port,
        seconds=args.load_seconds,
        max_requests=args.load_max_requests,
        global_limit=args.global_limit,
        provider_calls=lambda: fake.control.stats()["call_count"],
        ledger_misses=lambda: UsageRecord.objects.filter(
            user__username__startswith="load-editor", cache_hit=False, outcome="ok"
        ).count(),
        workers=args.load_workers,
    )
    server.stop()
    from django.db import connection

    database = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor)
    return dataclasses.replace(row, benchmark=f"{row.benchmark}, {database}")


def money_row(stack, env, redis, fake) -> Row:
    import redis as redis_py

    client = redis_py.Redis.from_url(redis.url)
    client.flushall()  # a fresh budget for the run
    client.close()
    logins = fixtures.editors(50, "money-editor")
    print("money: abandoned streams and parallel calls against a small budget…", file=sys.stderr)
    return money.run(stack, env, fake, logins)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    before = machine()
    started = time.monotonic()
    rows: list[Row] = []
    with Stack() as stack:
        redis = stack.redis()
        fake = stack.fake_openai(args.latency, args.token_delay)
        database_url = args.database_url
        if args.database == "postgres" and not database_url:
            database_url = stack.postgres()
        env = fixtures.server_env(
            redis_url=redis.url, fake_base_url=fake.base_url, database_url=database_url
        )
        fixtures.setup_django(env)
        fixtures.prepare_database(fresh=not args.database_url)
        if "frontend" in args.parts:
            print("frontend: bundle weight…", file=sys.stderr)
            rows += frontend.weight_rows()
            print("frontend: the blog page editor in Chromium…", file=sys.stderr)
            rows += frontend.chromium_rows()
        if "limiter" in args.parts:
            for kind in ("redis", "locmem"):
                for processes in (1, 4):
                    print(f"limiter: {kind}, {processes} process(es)…", file=sys.stderr)
                    rows.append(
                        limiter.decisions_per_second(
                            kind, processes, env, rounds=args.limiter_rounds, budget=args.budget
                        )
                    )
        if {"latency", "wagtail-ai"} & set(args.parts):
            rows += latency_rows(args, stack, env, fake)
        if "load" in args.parts:
            rows.append(load_row(args, stack, env, redis, fake))
        if "money" in args.parts:
            rows.append(money_row(stack, env, redis, fake))
    after = machine()
    table = render_table(rows)
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    print(table)
    print(
        f"\n{before['cpus']} CPUs ({before['cpu']}); load average {before['load']} before, "
        f"{after['load']} after; fake provider latency {args.latency * 1000:.0f} ms; "
        f"{time.monotonic() - started:.0f} s in all."
    )
    if args.markdown:
        write_markdown(args.markdown, command.strip(), before, after, table, args)
    return 0


def write_markdown(path, command, before, after, table, args) -> None:
    text = f"""## Results

Command: `{command}`

Machine: {before["cpus"]} CPUs, {before["cpu"]}; Python {before["python"]};
{before["platform"]}. Load average (1, 5, 15 min) {before["load"]} before the run,
{after["load"]} after. Fake provider latency {args.latency * 1000:.0f} ms,
{args.token_delay * 1000:.0f} ms between stream chunks.

```
{before["memory"]}
```

{table}
"""
    with open(path, "w") as handle:
        handle.write(text)


if __name__ == "__main__":
    sys.exit(main())
