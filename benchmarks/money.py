"""Money under load: a small budget against parallel calls and abandoned streams.

gunicorn (4 workers) serves the demo with Redis and the fake provider; the site's
monthly budget is small and the fake model has a price. First 50 editors each open
a stream of a long answer and hang up after its first words (what closing the tab
does); then 200 ``/generate`` calls, all at once, with new texts. Afterwards:

- the spend recorded in the ledger never passes the budget (every call reserved its
  maximum cost before asking the provider);
- the budget's own counter (Redis) equals the ledger's total, to the micro-unit;
- for the calls the provider finished, the ledger's cost equals the provider's
  reported usage at the model's price; abandoned streams are charged what they
  produced (estimated from the streamed text: the provider never sent its usage).
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from decimal import Decimal

from benchmarks.latency import GENERATE, STREAM, unique_text
from benchmarks.processes import HOST, Browser
from benchmarks.stats import Row

#: The fake model's price in the run (per million tokens) and the site's budget.
PRICE = (100, 1000)
BUDGET = 1.0
LONG_ANSWER = " ".join(f"word{i}" for i in range(400))


def _abandon(port, login, results, lock):
    """Open a stream, read until the first delta, hang up."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(
            "POST",
            STREAM,
            body=json.dumps({"action": "shorten", "text": unique_text()}).encode(),
            headers={
                "Cookie": f"sessionid={login.session_key}; csrftoken={login.csrf}",
                "X-CSRFToken": login.csrf,
                "Content-Type": "application/json",
                "Host": HOST,
            },
        )
        response = connection.getresponse()
        outcome = str(response.status)
        if response.status == 200:
            while line := response.readline():
                if line.startswith(b"event: delta"):
                    outcome = "abandoned"
                    break
    except Exception as exc:  # counted
        outcome = f"exception {exc!r}"
    finally:
        connection.close()  # the browser went away
    with lock:
        results[outcome] = results.get(outcome, 0) + 1


def _generate(port, login, barrier, results, lock):
    browser = Browser(port, login.session_key, login.csrf)
    try:
        barrier.wait()
        status, body = browser.post_json(GENERATE, {"action": "shorten", "text": unique_text()})
        outcome = "ok" if status == 200 else f"{status} {json.loads(body)['error']['code']}"
    except Exception as exc:
        outcome = f"exception {exc!r}"
    finally:
        browser.close()
    with lock:
        results[outcome] = results.get(outcome, 0) + 1


def run(stack, env, fake, logins, *, workers: int = 4, calls: int = 200, streams: int = 50):
    from django.db.models import Sum

    from wagtail_ai_blocks.models import UsageRecord

    server = stack.gunicorn(
        "demo-money",
        app="benchmarks.wsgi:application",
        env={
            **env,
            "BENCH_PRICE": f"{PRICE[0]},{PRICE[1]}",
            "BENCH_GLOBAL_MONTHLY": str(BUDGET),
        },
        workers=workers,
        threads=64,
    )
    fake.control.reset()
    fake.control.configure(token_delay=0.02)
    fake.control.script(*_long_replies(streams))
    lock = threading.Lock()
    abandoned: dict[str, int] = {}
    threads = [
        threading.Thread(
            target=_abandon, args=(server.port, logins[i % len(logins)], abandoned, lock)
        )
        for i in range(streams)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    time.sleep(1)  # let the workers notice the closed sockets and settle
    fake.control.reset()
    fake.control.configure(latency=0.2, token_delay=0.005)
    generated: dict[str, int] = {}
    barrier = threading.Barrier(calls)
    threads = [
        threading.Thread(
            target=_generate, args=(server.port, logins[i % len(logins)], barrier, generated, lock)
        )
        for i in range(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    stats = fake.control.stats()
    server.stop()

    rows = UsageRecord.objects.filter(user__username__startswith="money-editor")
    micro = Decimal("0.000001")
    ledger = (rows.aggregate(total=Sum("cost"))["total"] or Decimal(0)).quantize(micro)
    finished = rows.filter(outcome="ok").aggregate(
        i=Sum("input_tokens"), o=Sum("output_tokens"), cost=Sum("cost")
    )
    cut = rows.filter(error_code="client_disconnected").aggregate(
        n=Sum("output_tokens"), cost=Sum("cost")
    )
    reported = stats["reported_usage"]
    provider = (
        Decimal(reported["prompt_tokens"]) * PRICE[0]
        + Decimal(reported["completion_tokens"]) * PRICE[1]
    ) / 1_000_000
    budget_counter = _budget_counter()
    held = ledger <= Decimal(str(BUDGET)) and budget_counter == ledger
    same = provider.quantize(micro) == (finished["cost"] or Decimal(0)).quantize(micro)
    return Row(
        f"Money: budget {BUDGET} vs {streams} abandoned streams + {calls} parallel calls, "
        f"gunicorn {workers} workers",
        f"recorded spend {ledger} ≤ budget {BUDGET}; budget counter {budget_counter}",
        f"provider-reported spend (finished calls) {provider.quantize(micro)}; "
        f"ledger for them {(finished['cost'] or 0):.6f}",
        "held" if held and same else "NOT held",
        f"streams {abandoned}; calls {generated}; abandoned streams charged "
        f"{(cut['cost'] or 0):.6f} for {cut['n'] or 0} streamed tokens",
        detail={"abandoned": abandoned, "generated": generated, "held": held, "same": same},
    )


def _long_replies(count):
    from tests.fake_openai import Reply

    return [Reply(LONG_ANSWER) for _ in range(count)]


def _budget_counter() -> Decimal:
    from wagtail_ai_blocks import conf
    from wagtail_ai_blocks.limits import BudgetGuard, storage_for_alias

    guard = BudgetGuard(storage_for_alias(conf.get("LIMITER_CACHE_ALIAS")), global_monthly=BUDGET)
    states = guard.peek(None).budgets
    spent = next((s.spent for s in states if s.name == "budget:global_monthly"), 0.0)
    return Decimal(str(spent)).quantize(Decimal("0.000001"))
