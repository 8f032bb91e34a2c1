"""Driving the fake server from another process: the ``/_fake/`` endpoint and the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import openai
import pytest

from tests.fake_openai import (
    CutStream,
    Fail,
    Hang,
    Malformed,
    RemoteFakeOpenAI,
    Reply,
    Usage,
    behaviour_from_json,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "behaviour",
    [
        Reply("text"),
        Reply("", usage=Usage(1, 2)),
        Fail(429, retry_after=2.5, message="m", code="c"),
        Fail(500),
        Hang(1.5),
        CutStream(after_chunks=3),
        Malformed(),
    ],
    ids=repr,
)
def test_behaviour_survives_json_round_trip(behaviour):
    assert behaviour_from_json(json.loads(json.dumps(behaviour.to_json()))) == behaviour


def test_reply_accepts_usage_as_mapping():
    assert Reply("x", usage={"prompt_tokens": 1, "completion_tokens": 2}).usage == Usage(1, 2)


@pytest.mark.parametrize(
    "data",
    [
        {"type": "explode"},
        {},
        {"type": "fail"},
        {"type": "fail", "status": 200},
        {"type": "hang", "minutes": 1},
        {"type": "hang", "seconds": "long"},
        {"type": "cut_stream", "after_chunks": -1},
        {"type": "reply", "text": None},
    ],
)
def test_invalid_behaviour_json_is_rejected(data):
    with pytest.raises(ValueError, match="behaviour"):
        behaviour_from_json(data)


def test_remote_script_is_served_to_sdk_and_counted(server, sdk):
    remote = RemoteFakeOpenAI(server.base_url)

    remote.script(Reply("from afar"), Fail(503, retry_after=1))

    assert remote.stats()["pending"] == 2
    assert sdk.chat.completions.create(model="m", messages=[]).choices[0].message.content == (
        "from afar"
    )
    with pytest.raises(openai.InternalServerError) as caught:
        sdk.chat.completions.create(model="m", messages=[])
    assert caught.value.response.headers["retry-after"] == "1"
    assert remote.stats()["call_count"] == 2


def test_remote_reset_clears_script_and_counters(server, sdk):
    remote = RemoteFakeOpenAI(server.url)
    remote.script(Reply("never"))
    sdk.models.list()

    stats = remote.reset()

    assert (stats["call_count"], stats["request_count"], stats["pending"]) == (0, 0, 0)
    assert server.requests == []


def test_remote_configure_changes_latency_and_token_delay(server):
    remote = RemoteFakeOpenAI(server.base_url)

    stats = remote.configure(latency=0.25, token_delay=0.01)

    assert (server.latency, server.token_delay) == (0.25, 0.01)
    assert (stats["latency"], stats["token_delay"]) == (0.25, 0.01)


def test_control_requests_are_not_recorded(server):
    RemoteFakeOpenAI(server.url).stats()

    assert server.requests == []


def test_invalid_control_script_answers_400(server):
    request = urllib.request.Request(
        server.url + "/_fake/script", data=b'[{"type": "explode"}]', method="POST"
    )

    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)

    assert caught.value.code == 400
    assert "explode" in json.loads(caught.value.read())["error"]["message"]


def test_module_runs_standalone_and_prints_base_url():
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fake_openai", "--port", "0", "--latency", "0.01"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        sdk = openai.OpenAI(base_url=base_url, api_key="sk-test", max_retries=0)

        completion = sdk.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "standalone"}]
        )

        assert completion.choices[0].message.content == "Fake answer: standalone"
        assert RemoteFakeOpenAI(base_url).stats()["latency"] == 0.01
    finally:
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        assert process.wait(timeout=10) == 0, f"exit took {time.monotonic() - started:.1f}s"
        process.stdout.close()


def test_stats_add_up_the_usage_the_server_reported(server, sdk):
    remote = RemoteFakeOpenAI(server.base_url)
    remote.script(Reply("one two", usage={"prompt_tokens": 10, "completion_tokens": 2}))
    remote.script(Reply("three four five", usage={"prompt_tokens": 7, "completion_tokens": 3}))
    remote.script(
        Reply("never reported at all", usage={"prompt_tokens": 99, "completion_tokens": 9})
    )

    sdk.chat.completions.create(model="m", messages=[])
    chunks = sdk.chat.completions.create(
        model="m", messages=[], stream=True, stream_options={"include_usage": True}
    )
    assert [chunk.usage.total_tokens for chunk in chunks if chunk.usage] == [10]
    # A stream the client leaves before its usage chunk: nothing was reported.
    server.token_delay = 0.05
    stream = sdk.chat.completions.create(
        model="m", messages=[], stream=True, stream_options={"include_usage": True}
    )
    next(iter(stream))
    stream.close()

    assert remote.stats()["reported_usage"] == {"prompt_tokens": 17, "completion_tokens": 5}
