from __future__ import annotations

from tests.fake_openai import Reply
from wagtail_ai_blocks.models import UsageRecord

SHORTEN = {"action": "shorten", "text": "Monstera deliciosa likes bright, indirect light."}


def test_generate_returns_the_answer_usage_and_quota(editor_client, fake_openai, post_json):
    fake_openai.script(Reply("Monstera likes bright light."))

    response = post_json(editor_client, "generate", SHORTEN)

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["candidates"][0]["text"] == "Monstera likes bright light."
    assert data["cache"] == "miss"
    assert data["action"] == "shorten"
    assert data["model"] == "fake-model"
    assert data["usage"]["input_tokens"] > 0
    assert data["quota"] == {
        "limit": 10,
        "remaining": 9,
        "reset": data["quota"]["reset"],
        "tier": "user",
    }
    assert response["RateLimit"].startswith("limit=10, remaining=9, reset=")
    assert "10;w=3600" in response["RateLimit-Policy"]
    record = UsageRecord.objects.get()
    assert (record.action, record.outcome, record.cache_hit) == ("shorten", "ok", False)
    assert record.prompt == "" and record.answer == ""  # no content stored by default


def test_identical_request_is_a_cache_hit_without_provider_call_or_quota(
    editor_client, fake_openai, post_json
):
    first = post_json(editor_client, "generate", SHORTEN).json()
    second = post_json(editor_client, "generate", SHORTEN).json()

    assert fake_openai.call_count == 1
    assert second["cache"] == "hit"
    assert second["candidates"] == first["candidates"]
    assert second["quota"]["remaining"] == first["quota"]["remaining"] == 9
    assert list(UsageRecord.objects.order_by("pk").values_list("cache_hit", flat=True)) == [
        False,
        True,
    ]


def test_refresh_bypasses_the_cache_and_stores_the_new_answer(
    editor_client, fake_openai, post_json
):
    fake_openai.script(Reply("First answer."), Reply("Second answer."))
    post_json(editor_client, "generate", SHORTEN)

    again = post_json(editor_client, "generate", {**SHORTEN, "refresh": True}).json()
    cached = post_json(editor_client, "generate", SHORTEN).json()

    assert again["cache"] == "refresh"
    assert again["candidates"][0]["text"] == "Second answer."
    assert cached["cache"] == "hit"
    assert cached["candidates"][0]["text"] == "Second answer."
    assert fake_openai.call_count == 2


def test_cache_is_per_user_by_default(client, make_user, fake_openai, post_json):
    for name in ("ann", "bob"):
        client.force_login(make_user(name))
        assert post_json(client, "generate", SHORTEN).json()["cache"] == "miss"
    assert fake_openai.call_count == 2


def test_site_scope_shares_answers_between_editors(
    client, make_user, fake_openai, post_json, settings
):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "CACHE_SCOPE": "site"}
    caches = []
    for name in ("ann", "bob"):
        client.force_login(make_user(name))
        caches.append(post_json(client, "generate", SHORTEN).json()["cache"])
    assert caches == ["miss", "hit"]
    assert fake_openai.call_count == 1


def test_ttl_zero_disables_the_cache(editor_client, fake_openai, post_json, settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "CACHE_TTL": 0}
    post_json(editor_client, "generate", SHORTEN)
    assert post_json(editor_client, "generate", SHORTEN).json()["cache"] == "miss"
    assert fake_openai.call_count == 2


def test_eleventh_call_in_an_hour_is_refused_with_retry_after(
    editor_client, fake_openai, post_json
):
    for index in range(10):
        response = post_json(
            editor_client, "generate", {**SHORTEN, "text": f"Text number {index}."}
        )
        assert response.status_code == 200

    response = post_json(editor_client, "generate", {**SHORTEN, "text": "One more."})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["tier"] == "user"
    assert "Try again in" in error["message"]
    assert fake_openai.call_count == 10
    assert UsageRecord.objects.filter(outcome="limited", error_code="rate_limited").count() == 1


def test_cache_hit_is_served_even_when_the_quota_is_used_up(editor_client, fake_openai, post_json):
    post_json(editor_client, "generate", SHORTEN)
    for index in range(9):
        post_json(editor_client, "generate", {**SHORTEN, "text": f"Text {index}."})

    response = post_json(editor_client, "generate", SHORTEN)

    assert response.status_code == 200
    assert response.json()["cache"] == "hit"


def test_superuser_is_exempt_from_user_tiers_but_counts_globally(
    client, admin_user, fake_openai, post_json, settings
):
    client.force_login(admin_user)
    for index in range(12):
        response = post_json(client, "generate", {**SHORTEN, "text": f"Text {index}."})
        assert response.status_code == 200
    assert response.json()["quota"]["tier"] == "global"
    assert response.json()["quota"]["remaining"] == 100 - 12


# Provider failures (429 with and without Retry-After, 500, 503, malformed, empty,
# timeout, connection refused, cut answers) and their quota refunds: the fault
# matrix in tests/faults/test_provider_faults.py, for /generate and /stream.


def test_field_action_returns_several_candidates_within_the_field_limit(
    editor_client, fake_openai, post_json
):
    fake_openai.responder = lambda request: "Monstera deliciosa care guide"
    response = post_json(
        editor_client,
        "generate",
        {
            "action": "seo_title",
            "context": {
                "page_title": "Caring for Monstera deliciosa",
                "fields": {"intro": "Light."},
            },
            "field": {"name": "seo_title", "max_length": 40},
            "candidates": 3,
        },
    )

    assert response.status_code == 200, response.content
    candidates = response.json()["candidates"]
    assert len(candidates) == 3
    assert len({c["text"] for c in candidates}) == 3
    assert all(c["length"] == len(c["text"]) <= 40 for c in candidates)
    assert fake_openai.requests[-1]["json"]["n"] == 3


def test_candidates_longer_than_the_field_are_asked_again_then_refused_never_cut(
    editor_client, fake_openai, post_json
):
    fake_openai.responder = lambda request: (
        "Caring for Monstera deliciosa: light, water and a moss pole"
    )
    response = post_json(
        editor_client,
        "generate",
        {"action": "seo_title", "context": {"page_title": "Monstera"}, "field": {"max_length": 40}},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "no_fitting_suggestion"
    assert error["max_length"] == 40
    assert error["message"] == "None of the suggestions fit in this field. Try again."
    # Asked once, then once more; nothing cut to "Caring for Monstera deliciosa: light".
    assert len(fake_openai.requests) == 2


def test_only_the_candidates_that_fit_are_offered(editor_client, fake_openai, post_json):
    fake_openai.responder = lambda request: (
        "1. Caring for Monstera deliciosa: light, water and a moss pole\n"
        "2. Monstera care in five steps"
    )
    response = post_json(
        editor_client,
        "generate",
        {"action": "seo_title", "context": {"page_title": "Monstera"}, "field": {"max_length": 40}},
    )

    assert [c["text"] for c in response.json()["candidates"]] == ["Monstera care in five steps"]
    assert len(fake_openai.requests) == 1


def test_a_description_too_long_keeps_its_complete_sentences(editor_client, fake_openai, post_json):
    fake_openai.responder = lambda request: (
        "Learn how to care for a Monstera at home. Light, water, soil and a moss pole make "
        "all the difference for a healthy plant."
    )
    response = post_json(
        editor_client,
        "generate",
        {
            "action": "search_description",
            "context": {"page_title": "Monstera"},
            "field": {"max_length": 60},
        },
    )

    texts = [c["text"] for c in response.json()["candidates"]]
    assert texts == ["Learn how to care for a Monstera at home."]


def test_rich_text_answer_comes_back_as_contentstate_keeping_bold_and_links(
    editor_client, fake_openai, post_json
):
    link = '<a href="https://example.com/m">article</a>'
    selection = f"<p>A <b>forgiving houseplant</b>, see the {link} here.</p>"
    fake_openai.script(Reply(f"<p>A <b>forgiving plant</b>; see the {link}.</p>"))

    response = post_json(
        editor_client,
        "generate",
        {
            "action": "shorten",
            "text": selection,
            "format": "html",
            "field": {"features": ["bold", "italic", "link"]},
        },
    )

    candidate = response.json()["candidates"][0]
    assert candidate["text"] == "A forgiving plant; see the article."
    blocks = candidate["contentstate"]["blocks"]
    assert blocks[0]["inlineStyleRanges"][0]["style"] == "BOLD"
    link = next(iter(candidate["contentstate"]["entityMap"].values()))
    assert (link["type"], link["data"]["url"]) == ("LINK", "https://example.com/m")
    assert candidate["lost_entities"] == []


def test_hostile_answer_never_reaches_the_editor_as_markup(editor_client, fake_openai, post_json):
    fake_openai.script(
        Reply(
            "<p>Hi<script>alert(1)</script> "
            '<a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)></p>'
        )
    )
    response = post_json(
        editor_client,
        "generate",
        {
            "action": "improve",
            "text": "<p>Hi x</p>",
            "format": "html",
            "field": {"features": ["link"]},
        },
    )
    assert response.status_code == 200, response.content
    body = response.content.decode()
    for hostile in ("alert(", "javascript:", "onerror", "<script", "<img"):
        assert hostile not in body
    assert response.json()["candidates"][0]["text"] == "Hi x"


def test_a_rich_text_request_resolves_its_features_once(
    editor_client, fake_openai, post_json, api_url, monkeypatch
):
    """Prompt, sanitiser and converter share one FeaturePolicy, and so one converter."""
    from wagtail.admin.rich_text.converters import contentstate

    from wagtail_ai_blocks.richtext import features

    # The admin's URLs build their edit forms (and their editors' converters) once.
    assert editor_client.get(api_url("quota")).status_code == 200
    resolved, converters = [], []
    original_resolve = features.resolve_features
    original_init = contentstate.ContentstateConverter.__init__

    def counting_resolve(given):
        policy = original_resolve(given)
        if policy is not given:
            resolved.append(policy)
        return policy

    def counting_init(self, *args, **kwargs):
        converters.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(features, "resolve_features", counting_resolve)
    for module in ("converter", "sanitiser"):
        monkeypatch.setattr(
            f"wagtail_ai_blocks.richtext.{module}.resolve_features", counting_resolve
        )
    monkeypatch.setattr("wagtail_ai_blocks.richtext.resolve_features", counting_resolve)
    monkeypatch.setattr(contentstate.ContentstateConverter, "__init__", counting_init)
    fake_openai.script(Reply("<p>A <b>forgiving</b> plant.</p>"))

    response = post_json(
        editor_client,
        "generate",
        {"action": "improve", "text": "<p>A <b>forgiving</b> houseplant.</p>", "format": "html"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["candidates"][0]["html"] == "<p>A <b>forgiving</b> plant.</p>"
    assert len(resolved) == 1
    assert len(converters) == 1
