"""Load: simulated editors against the demo under gunicorn, with a global limit.

Each editor is a thread with its own session and keep-alive connection. It
alternates a trivial authenticated page (the baseline, under the same load) and
an AI request: mostly new texts (cache misses that need the provider, or a 429
once the global limit is spent), sometimes a text it already got an answer for
(a cache hit, which costs no quota). The run is bounded in time and in requests.

The global limit must hold exactly across the gunicorn workers: the fake
provider must have seen exactly ``global_limit`` calls, matching the successful
misses the editors saw and the ledger's rows.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.latency import GENERATE, PING, unique_text
from benchmarks.processes import Browser
from benchmarks.stats import Row, ms, percentile

REUSE = 0.3  # share of AI requests that repeat a text the editor already has an answer for


@dataclass
class Tally:
    ai: list[float] = field(default_factory=list)
    ping: list[float] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _editor(index, login, port, deadline, max_requests, tally):
    rng = random.Random(index)
    browser = Browser(port, login.session_key, login.csrf)
    answered: list[str] = []
    try:
        for _ in range(max_requests):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            status, _body = browser.get(PING)
            ping_ms = (time.perf_counter() - started) * 1000
            reuse = answered and rng.random() < REUSE
            text = rng.choice(answered) if reuse else unique_text()
            started = time.perf_counter()
            ai_status, body = browser.post_json(GENERATE, {"action": "shorten", "text": text})
            ai_ms = (time.perf_counter() - started) * 1000
            if ai_status == 200:
                outcome = "hit" if json.loads(body)["cache"] == "hit" else "miss"
                answered.append(text)
            elif ai_status == 429:
                outcome = "429"
            else:
                outcome = f"error {ai_status}"
            with tally.lock:
                tally.ping.append(ping_ms)
                tally.ai.append(ai_ms)
                tally.outcomes[outcome] += 1
                if status != 200:
                    tally.outcomes[f"ping error {status}"] += 1
                if outcome.startswith("error"):
                    tally.errors.append(f"{ai_status}: {body[:200]!r}")
    except Exception as exc:  # counted, and the other editors go on
        with tally.lock:
            tally.outcomes["exception"] += 1
            tally.errors.append(repr(exc))
    finally:
        browser.close()


def run(
    logins,
    port: int,
    *,
    seconds: float,
    max_requests: int,
    global_limit: int,
    provider_calls,
    ledger_misses,
    workers: int,
) -> Row:
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_editor, args=(index, login, port, deadline, max_requests, tally), daemon=True
        )
        for index, login in enumerate(logins)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    outcomes = tally.outcomes
    total = len(tally.ai) + len(tally.ping)
    calls, rows = provider_calls(), ledger_misses()
    held = calls == outcomes["miss"] == rows == global_limit
    errors = sum(n for name, n in outcomes.items() if "error" in name or name == "exception")
    return Row(
        f"Load: {len(logins)} editors, gunicorn {workers} workers, {seconds:.0f} s",
        f"{total / elapsed:.0f} req/s; AI p50 {ms(percentile(tally.ai, 50))} / "
        f"p99 {ms(percentile(tally.ai, 99))} ms; errors {errors}",
        f"trivial view in the same run: p50 {ms(percentile(tally.ping, 50))} / "
        f"p99 {ms(percentile(tally.ping, 99))} ms",
        f"{percentile(tally.ai, 50) / percentile(tally.ping, 50):.2f}x",
        f"GLOBAL={global_limit}: provider calls {calls}, answered misses {outcomes['miss']}, "
        f"ledger {rows}, hits {outcomes['hit']}, 429s {outcomes['429']} → "
        + ("held exactly" if held else "NOT exact")
        + (f"; first error: {tally.errors[0]}" if tally.errors else ""),
        detail={"outcomes": dict(outcomes), "held": held, "errors": tally.errors[:5]},
    )
