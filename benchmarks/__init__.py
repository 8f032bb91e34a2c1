"""Benchmarks: ``python -m benchmarks`` (or ``make benchmarks``) prints one table.

Every row measures our code and its baseline in the same run, in interleaved
rounds, so the ratio holds on a noisy machine. Everything runs on 127.0.0.1
against the fake OpenAI-compatible server (``tests/fake_openai``) with a fixed
latency; every loop is bounded in count and in time. Results and the machine they
ran on are written up in ``docs/benchmarks.md``.

Modules, one benchmark each: ``latency`` (server overhead, cache hit, time to
first token), ``limiter`` (decisions per second), ``frontend`` (bundle weight),
``load`` (50 editors against gunicorn), ``wagtail_ai`` (the official package's
text completion endpoint). ``processes`` starts and stops the servers they use.
"""
