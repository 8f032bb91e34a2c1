"""``python -m evaluation``: run the evaluation set through the generation service.

Every case goes the way an editor's request goes (prompt profile, backend, checks and
retry, post-processing, Wagtail's converter), with no cache and no rate limits, and the
first suggestion is scored (``evaluation.scoring``).

Backends:

``--backend local``   the embedded SmolLM2-135M (default; ``--profile standard`` sends it
                      the prompts written for capable models instead of its own)
``--backend fake``    the tests' fake OpenAI-compatible server with a well-behaved
                      responder (``evaluation.fake_provider``), over HTTP
``--backend openai``  any OpenAI-compatible provider: ``OPENAI_API_KEY``,
                      ``OPENAI_BASE_URL`` and ``OPENAI_MODEL`` from the environment
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--backend", choices=("local", "fake", "openai"), default="local")
    parser.add_argument(
        "--profile",
        choices=("small", "standard"),
        default="small",
        help="prompt profile of the local backend",
    )
    parser.add_argument("--only", default="", help="comma-separated actions or case ids")
    parser.add_argument("--markdown", default="", help="also write the results to this file")
    parser.add_argument("--verbose", action="store_true", help="print every answer")
    return parser.parse_args(argv)


def backend_settings(args: argparse.Namespace, fake_url: str = "") -> dict:
    if args.backend == "local":
        return {"CLASS": "local", "PROMPT_PROFILE": args.profile}
    if args.backend == "fake":
        return {
            "CLASS": "openai",
            "MODEL": "fake-provider",
            "API_KEY": "sk-eval",
            "BASE_URL": fake_url,
        }
    return {"CLASS": "openai", "MODEL": os.environ.get("OPENAI_MODEL", "gpt-4o-mini")}


def run_case(service, user, case):
    from evaluation.scoring import REWRITE_ACTIONS, Result, check_answer
    from wagtail_ai_blocks.exceptions import AIBlocksError
    from wagtail_ai_blocks.prompts import FieldInfo
    from wagtail_ai_blocks.richtext import html_to_text
    from wagtail_ai_blocks.service import GenerationRequest

    request = GenerationRequest(
        user=user,
        action=case.action,
        text=case.text,
        format=case.format,
        context=case.context,
        field=FieldInfo(name="eval", max_length=case.max_length, features=case.features),
    )
    started, cpu_started = time.monotonic(), time.process_time()
    try:
        result = service.generate(request)
    except AIBlocksError as exc:
        return Result(
            case.id,
            case.action,
            error=exc.code,
            seconds=time.monotonic() - started,
            cpu_seconds=time.process_time() - cpu_started,
        )
    seconds, cpu_seconds = time.monotonic() - started, time.process_time() - cpu_started
    first = result.candidates[0]
    checks = check_answer(
        case.action,
        case.text,
        case.format,
        text=first.text,
        html=first.html,
        max_length=case.max_length,
        given=case.given,
    )
    ratio, unchanged = None, False
    if case.action in REWRITE_ACTIONS:
        source = html_to_text(case.text) if case.format == "html" else case.text
        ratio = len(first.text) / max(1, len(source))
        unchanged = " ".join(first.text.casefold().split()) == " ".join(source.casefold().split())
    return Result(
        case.id,
        case.action,
        answer=first.html or first.text,
        checks=checks,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        length_ratio=ratio,
        unchanged=unchanged,
    )


def render(args, backend, results, load_before, load_after) -> str:
    from evaluation.scoring import check_rates, rewrite_effort, summary

    lines = [
        f"Backend: {backend.provider_label} ({backend.model}), prompt profile "
        f"`{getattr(backend, 'prompt_profile', 'standard')}`",
        f"Command: `python -m evaluation {' '.join(sys.argv[1:])}`",
        f"Load average (1, 5, 15 min) before: {load_before}; after: {load_after}; "
        f"CPUs: {os.cpu_count()}",
        "",
        "| action | cases | acceptable | refused | p50 s | p90 s | max s | p50 CPU s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {' | '.join(row)} |" for row in summary(results)]
    rates = check_rates(results)
    lines += [
        "",
        "Checks passed, of the answered cases each applies to: "
        + ", ".join(f"{name} {rate}" for name, rate in rates.items()),
    ]
    effort = rewrite_effort(results)
    if effort:
        lines += [
            "",
            "Rewrites offered (median length as a share of the source's; the source "
            "unchanged): "
            + ", ".join(
                f"{action} {ratio}, {same} of {answered} unchanged"
                for action, (ratio, same, answered) in effort.items()
            ),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "demo")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "evaluation.settings"
    fake = None
    if args.backend == "fake":
        from evaluation.fake_provider import respond
        from tests.fake_openai import FakeOpenAIServer

        fake = FakeOpenAIServer(latency=0.0, token_delay=0.0).start()
        fake.responder = respond
    os.environ["EVAL_BACKEND"] = json.dumps(backend_settings(args, fake.base_url if fake else ""))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from evaluation.cases import CASES
    from wagtail_ai_blocks.backends import get_backend
    from wagtail_ai_blocks.service import GenerationService

    database = Path(settings.DATABASES["default"]["NAME"])
    try:
        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create_superuser("eval", "eval@example.com", "eval")
        service = GenerationService()
        backend = get_backend()
        wanted = {part.strip() for part in args.only.split(",") if part.strip()}
        cases = [c for c in CASES if not wanted or c.action in wanted or c.id in wanted]
        load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        results = []
        for case in cases:
            result = run_case(service, user, case)
            results.append(result)
            mark = "ok " if result.acceptable else "NO "
            failed = [name for name, passed in result.checks.items() if not passed]
            detail = result.error or ", ".join(failed)
            print(f"{mark}{case.id:24} {result.seconds:6.2f}s {detail}", flush=True)
            if args.verbose:
                print(f"    {result.answer!r}", flush=True)
            load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
            report = render(args, backend, results, load_before, load_after)
            if args.markdown:  # after every case: a long run interrupted still reports
                Path(args.markdown).write_text(report + "\n")
        print()
        print(report)
    finally:
        if fake is not None:
            fake.stop()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
