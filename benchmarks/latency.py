"""Per-request latency: server overhead on a cache miss, cache hits, time to first token.

All three talk to a gunicorn serving the demo (Redis cache, SQLite in WAL mode)
over keep-alive HTTP on 127.0.0.1, one request at a time, and compare with a
baseline measured in the same interleaved rounds.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable

import openai

from benchmarks.processes import Browser
from benchmarks.stats import Row, interleave, latency_cell, ms, p50, p95, ratio

GENERATE = "/admin/ai-blocks/api/v1/generate"
STREAM = "/admin/ai-blocks/api/v1/stream"
PING = "/bench/ping/"
ADMIN_PING = "/admin/bench-ping/"
TEXT = "Monstera deliciosa likes bright, indirect light and a chunky, well-draining mix."

_counter = itertools.count()


def unique_text() -> str:
    """A text never sent before in this run: a guaranteed cache miss."""
    return f"{TEXT} (request {next(_counter)}, {time.time_ns()})"


def sdk_client(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key="sk-bench", max_retries=0, timeout=30)


def floor_call(client: openai.OpenAI) -> Callable[[], float]:
    """A bare SDK call to the fake server: the least any endpoint can take."""

    def call() -> float:
        started = time.perf_counter()
        answer = client.chat.completions.create(
            model="fake-model",
            messages=[
                {"role": "system", "content": "Shorten the text."},
                {"role": "user", "content": unique_text()},
            ],
            max_tokens=256,
        )
        elapsed = time.perf_counter() - started
        assert answer.choices[0].message.content
        return elapsed

    return call


def our_generate(browser: Browser) -> Callable[[], float]:
    def call() -> float:
        started = time.perf_counter()
        status, body = browser.post_json(GENERATE, {"action": "shorten", "text": unique_text()})
        elapsed = time.perf_counter() - started
        if status != 200 or json.loads(body)["cache"] != "miss":
            raise RuntimeError(f"generate: {status} {body[:300]!r}")
        return elapsed

    return call


def server_overhead(
    browser: Browser,
    base_url: str,
    *,
    rounds: int,
    budget: float,
    others: dict[str, Callable[[], float]] | None = None,
) -> tuple[Row, dict[str, list[float]]]:
    """Our /generate on a cache miss versus the bare SDK call (plus ``others``)."""
    client = sdk_client(base_url)
    variants = {"ours": our_generate(browser), "floor": floor_call(client), **(others or {})}
    samples = interleave(variants, rounds=rounds, budget=budget)
    ours, floor = samples["ours"], samples["floor"]
    row = Row(
        "Server overhead per request (/generate, cache miss)",
        f"{latency_cell(ours)}; added p50 {ms(p50(ours) - p50(floor))} / "
        f"p95 {ms(p95(ours) - p95(floor))} ms",
        f"bare `openai` SDK call: {latency_cell(floor)}",
        ratio(p50(ours), p50(floor)),
        f"{len(ours)} interleaved rounds",
    )
    return row, samples


def cache_hit(browser: Browser, *, rounds: int, budget: float) -> list[Row]:
    """A cached answer through the whole endpoint versus a trivial authenticated view,
    and versus the same view behind Wagtail's admin access check (as our API is)."""
    body = {"action": "shorten", "text": unique_text()}
    status, first = browser.post_json(GENERATE, body)
    if status != 200:
        raise RuntimeError(f"priming the cache: {status} {first[:300]!r}")

    def hit() -> float:
        started = time.perf_counter()
        status, answer = browser.post_json(GENERATE, body)
        elapsed = time.perf_counter() - started
        if status != 200 or json.loads(answer)["cache"] != "hit":
            raise RuntimeError(f"cache hit: {status} {answer[:300]!r}")
        return elapsed

    def get(path: str) -> Callable[[], float]:
        def call() -> float:
            started = time.perf_counter()
            status, answer = browser.get(path)
            elapsed = time.perf_counter() - started
            if status != 200:
                raise RuntimeError(f"{path}: {status} {answer[:300]!r}")
            return elapsed

        return call

    samples = interleave(
        {"hit": hit, "ping": get(PING), "admin": get(ADMIN_PING)}, rounds=rounds, budget=budget
    )
    rounds_note = f"{len(samples['hit'])} interleaved rounds"
    return [
        Row(
            "Cache hit through the full endpoint",
            latency_cell(samples["hit"]),
            f"trivial authenticated Django view: {latency_cell(samples['ping'])}",
            ratio(p50(samples["hit"]), p50(samples["ping"])),
            rounds_note,
        ),
        Row(
            "Cache hit beside a trivial admin view",
            latency_cell(samples["hit"]),
            f"the same view behind Wagtail's admin access check: {latency_cell(samples['admin'])}",
            ratio(p50(samples["hit"]), p50(samples["admin"])),
            f"{rounds_note}, with the row above",
        ),
    ]


def time_to_first_token(browser: Browser, base_url: str, *, rounds: int, budget: float) -> Row:
    """First ``delta`` event from /stream versus the fake server's own first token."""
    client = sdk_client(base_url)
    first_bytes: list[float] = []

    def ours() -> float:
        first_byte, first_delta, body = browser.stream(
            STREAM, {"action": "shorten", "text": unique_text()}
        )
        if b"event: done" not in body:
            raise RuntimeError(f"stream without done: {body[-300:]!r}")
        first_bytes.append(first_byte * 1000)
        return first_delta

    def fake() -> float:
        started = time.perf_counter()
        stream = client.chat.completions.create(
            model="fake-model",
            messages=[{"role": "user", "content": unique_text()}],
            stream=True,
        )
        first = None
        for chunk in stream:
            if first is None and chunk.choices and chunk.choices[0].delta.content:
                first = time.perf_counter() - started
        if first is None:
            raise RuntimeError("the fake server streamed no content")
        return first

    samples = interleave({"ours": ours, "fake": fake}, rounds=rounds, budget=budget)
    return Row(
        "Streaming: time to first token (/stream)",
        latency_cell(samples["ours"]),
        f"fake server's own TTFT via the SDK: {latency_cell(samples['fake'])}",
        ratio(p50(samples["ours"]), p50(samples["fake"])),
        f"first byte (SSE comment) p50 {ms(p50(first_bytes))} ms; {len(samples['ours'])} rounds",
    )
