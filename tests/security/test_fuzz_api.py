"""Fuzz the API from its own OpenAPI schema: no input makes it fail with a 5xx.

Schemathesis generates requests for every operation in
``/admin/ai-blocks/api/v1/openapi.json``, both valid ones (positive) and ones
that break the schema (negative: wrong types, missing fields, unknown keys,
out-of-range numbers). They go in-process through Django's WSGI handler as a
logged-in editor with a CSRF token, against the fake provider. Bounded: a fixed
number of examples per operation and mode, derandomized (the same examples
every run), no example database.
"""

from __future__ import annotations

import collections
import json

import pytest
import schemathesis
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from tests.api.conftest import read_events

EXAMPLES = 60

pytestmark = pytest.mark.slow


@pytest.fixture
def csrf_client(editor, settings_unlimited):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/admin/")
    return client


@pytest.fixture
def settings_unlimited(settings):
    """No rate limits, so valid examples keep reaching the (fake) provider."""
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"USER": None, "STAFF": None, "GLOBAL": None},
    }


@pytest.fixture
def schema(csrf_client):
    """The served schema, with ``action`` narrowed to the registered actions and
    ``text`` made non-empty, so the fuzzer also gets past those first checks."""
    from wagtail_ai_blocks.prompts import list_actions

    raw = csrf_client.get(reverse("wagtail_ai_blocks_api:openapi-json")).json()
    fields = raw["components"]["schemas"]["GenerateIn"]["properties"]
    fields["action"]["enum"] = [item.id for item in list_actions()]
    fields["text"]["minLength"] = 1
    return schemathesis.openapi.from_dict(raw)


def _send(client: Client, case):
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    extra = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    path = kwargs["url"].removeprefix("http://testserver")
    if kwargs["method"].upper() == "GET":
        return client.get(path, data=kwargs.get("params"), **extra)
    body = json.dumps(kwargs["json"]) if "json" in kwargs else kwargs.get("data") or b""
    return client.generic(
        kwargs["method"].upper(),
        path,
        data=body,
        content_type=(kwargs.get("headers") or {}).get("Content-Type", "application/json"),
        QUERY_STRING="&".join(f"{k}={v}" for k, v in (kwargs.get("params") or {}).items()),
        **extra,
    )


def _check(response, statuses) -> None:
    statuses[(response.request["PATH_INFO"].rsplit("/", 1)[-1], response.status_code)] += 1
    assert response.status_code < 500, response.content[:500]
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/event-stream"):
        for name, data in read_events(response):
            if name == "error":
                assert data["error"]["code"] != "internal_error", data
        return
    body = response.json()
    if response.status_code >= 400:
        assert set(body["error"]) >= {"code", "message"}, body


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error(schema, csrf_client, fake_openai, mode):
    statuses = collections.Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path.rsplit("/", 1)[-1] for op in operations} >= {"generate", "stream", "quota"}
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case):
            _check(_send(csrf_client, case), statuses)

        run()
    if mode == GenerationMode.POSITIVE:
        # Valid requests did get past validation to the (fake) provider.
        assert statuses["generate", 200] + statuses["stream", 200] >= 5, statuses
