"""Identical concurrent requests make one provider call (threads and processes)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from wagtail_ai_blocks.service import GenerationRequest, GenerationService

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["locmem", "redis"])
def answer_cache(request, settings):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


def _generate_concurrently(user, count: int) -> list:
    barrier = threading.Barrier(count)

    def one(_):
        barrier.wait()
        try:
            return GenerationService().generate(
                GenerationRequest(user=user, action="shorten", text="Monstera likes light.")
            )
        finally:
            from django.db import connection

            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_32_identical_concurrent_requests_make_one_provider_call(
    answer_cache, fake_openai, admin_user
):
    fake_openai.latency = 0.3  # long enough for all 32 to arrive while the first is asking

    results = _generate_concurrently(admin_user, 32)

    assert fake_openai.call_count == 1
    assert len({result.candidates[0].text for result in results}) == 1
    assert sorted(result.cache for result in results).count("miss") == 1


def test_different_requests_are_not_merged(fake_openai, admin_user):
    texts = ["One.", "Two.", "Three.", "Four."]
    # Each answer names its text (a short text gets few tokens: no long default answer).
    fake_openai.responder = lambda request: next(
        text for text in texts if text in request["messages"][-1]["content"]
    )

    def one(text):
        return GenerationService().generate(
            GenerationRequest(user=admin_user, action="shorten", text=text)
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, texts))

    assert fake_openai.call_count == 4
    assert len({result.candidates[0].text for result in results}) == 4


def test_a_failed_leader_lets_the_followers_ask_again(fake_openai, admin_user):
    from tests.fake_openai import Fail

    fake_openai.latency = 0.2
    fake_openai.script(Fail(500))

    outcomes = []

    def one(_):
        try:
            GenerationService().generate(
                GenerationRequest(user=admin_user, action="shorten", text="Same text.")
            )
            outcomes.append("ok")
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        finally:
            from django.db import connection

            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(one, range(4)))

    assert outcomes.count("ProviderError") == 1
    assert outcomes.count("ok") == 3
    assert fake_openai.call_count == 2
