"""Bad input on every endpoint: a clear JSON error with the right status, no provider call.

``tests/api/test_requests.py`` covers ``/generate``; these add ``/stream`` and
``/quota``, nested wrong types, bounds, inactive users and the CSRF check on the
stream. The API takes no page or image ids (the browser sends the page's text
and context), so there is no other user's page or image to ask about.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}
ENDPOINTS = ["generate", "stream"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"action": "no_such_action", "text": "x"}, 400, "unknown_action"),
        ({"action": "", "text": "x"}, 400, "bad_request"),
        ({"action": ["shorten"], "text": "x"}, 400, "bad_request"),
        ({"action": "shorten", "text": {"html": "x"}}, 400, "bad_request"),
        ({**SHORTEN, "context": {"fields": ["intro"]}}, 400, "bad_request"),
        ({**SHORTEN, "context": {"neighbours": ["x"] * 21}}, 400, "bad_request"),
        ({**SHORTEN, "context": {"page_title": "x" * 10_001}}, 400, "bad_request"),
        ({**SHORTEN, "field": {"max_length": "long"}}, 400, "bad_request"),
        ({**SHORTEN, "field": {"max_length": 0}}, 400, "bad_request"),
        ({**SHORTEN, "field": {"features": "bold"}}, 400, "bad_request"),
        ({**SHORTEN, "params": {"tone": 3}}, 400, "bad_request"),
        ({**SHORTEN, "params": {"prompt_id": "one"}}, 400, "bad_request"),
        # JSON true is not prompt 1, nor is the string "1" or the number 1.0.
        ({**SHORTEN, "params": {"prompt_id": True}}, 400, "bad_request"),
        ({**SHORTEN, "params": {"prompt_id": "1"}}, 400, "bad_request"),
        ({**SHORTEN, "params": {"prompt_id": 1.0}}, 400, "bad_request"),
        # Half of a UTF-16 surrogate pair, anywhere in the body.
        ({"action": "shorten", "text": "\ud800abc"}, 400, "bad_request"),
        ({**SHORTEN, "context": {"page_title": "x\udfff"}}, 400, "bad_request"),
        ({**SHORTEN, "context": {"fields": {"intro\ud800": "x"}}}, 400, "bad_request"),
        ({**SHORTEN, "context": {"neighbours": ["ok", "\udc00"]}}, 400, "bad_request"),
        ({"action": "ask", "text": "x", "params": {"instruction": "\ud83d"}}, 400, "bad_request"),
        ({**SHORTEN, "candidates": 0}, 400, "bad_request"),
        ({**SHORTEN, "refresh": "please"}, 400, "bad_request"),
        ({**SHORTEN, "text": "word " * 5000}, 413, "payload_too_large"),
        ([SHORTEN], 400, "bad_request"),
        ("shorten", 400, "bad_request"),
        (None, 400, "bad_request"),
    ],
)
def test_bad_body_is_refused_before_anything_runs(
    editor_client, fake_openai, post_json, endpoint, body, status, code
):
    response = post_json(editor_client, endpoint, body)

    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert fake_openai.call_count == 0


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_oversized_request_body_is_a_413(editor_client, fake_openai, post_json, settings, endpoint):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = post_json(editor_client, endpoint, {"action": "shorten", "text": "x" * 20_000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert fake_openai.call_count == 0


def test_stream_without_csrf_token_is_refused(editor, fake_openai, api_url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        api_url("stream"), data=json.dumps(SHORTEN), content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert fake_openai.call_count == 0


def test_csrf_token_of_another_session_is_refused(editor, make_user, fake_openai, api_url):
    other = Client(enforce_csrf_checks=True)
    other.force_login(make_user("other"))
    other.get("/admin/")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/admin/")

    response = client.post(
        api_url("generate"),
        data=json.dumps(SHORTEN),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=other.cookies["csrftoken"].value,
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"


@pytest.mark.parametrize("endpoint", [*ENDPOINTS, "quota", "openapi-json"])
@pytest.mark.parametrize("who", ["anonymous", "no admin access", "inactive", "no AI permission"])
def test_users_who_may_not_use_ai_are_refused(
    client, make_user, fake_openai, post_json, api_url, endpoint, who
):
    if who == "no AI permission":
        client.force_login(make_user("viewer", groups=["Viewers"]))
    elif who == "no admin access":
        client.force_login(make_user("reader", groups=()))
    elif who == "inactive":
        user = make_user("gone")
        client.force_login(user)
        user.is_active = False
        user.save()

    if endpoint in ("quota", "openapi-json"):
        response = client.get(api_url(endpoint))
    else:
        response = post_json(client, endpoint, SHORTEN)

    if who == "no AI permission":
        assert response.status_code == 403, response.content
        assert response.json()["error"]["code"] == "permission_denied"
    else:
        # Wagtail's admin URL wrapper answers before our API does: to the login page.
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert fake_openai.call_count == 0
