"""Page context: validation, HTML stripping and bounding."""

from __future__ import annotations

import pytest

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import BadRequest
from wagtail_ai_blocks.prompts import Context, build_context
from wagtail_ai_blocks.prompts.context import bound_values


def test_empty_inputs_give_an_empty_context():
    assert build_context(None) == Context()
    assert build_context({}) == Context()
    assert not build_context({"fields": {"intro": "  "}, "neighbours": ["", None]})


def test_known_keys_are_kept_and_html_is_stripped():
    context = build_context(
        {
            "page_title": "<b>Monstera</b> care",
            "page_type": "Blog page",
            "locale": "en-GB",
            "fields": {"intro": "<p>Big <i>leaves</i>&nbsp;&amp; light</p>"},
            "neighbours": ["<h2>Light</h2><p>Bright, indirect.</p>"],
        }
    )
    assert context.page_title == "Monstera care"
    assert context.fields == (("intro", "Big leaves\xa0& light"),)
    assert context.neighbours == ("Light Bright, indirect.",)


def test_script_content_never_reaches_the_context():
    context = build_context({"page_title": "Hi<script>alert('x')</script><style>p{}</style>"})
    assert context.page_title == "Hi"


@pytest.mark.parametrize(
    "raw, field",
    [
        ("a string", "context"),
        ({"title": "x"}, "context.title"),
        ({"page_title": 3}, "context.page_title"),
        ({"page_type": ["x"]}, "context.page_type"),
        ({"locale": "en; drop table"}, "context.locale"),
        ({"fields": ["intro"]}, "context.fields"),
        ({"fields": {"intro": 42}}, "context.fields.intro"),
        ({"fields": {"bad name!": "x"}}, "context.fields"),
        ({"neighbours": "text"}, "context.neighbours"),
        ({"neighbours": ["ok", {"x": 1}]}, "context.neighbours.1"),
        ({"neighbours": ["x"] * 11}, "context.neighbours"),
        ({"fields": {f"f{i}": "x" for i in range(31)}}, "context.fields"),
    ],
)
def test_wrong_shapes_are_400s_naming_the_field(raw, field):
    with pytest.raises(BadRequest) as excinfo:
        build_context(raw)
    assert excinfo.value.status == 400
    assert excinfo.value.detail["field"] == field


def test_fields_are_sorted_so_the_context_is_stable():
    one = build_context({"fields": {"b": "2", "a": "1"}})
    two = build_context({"fields": {"a": "1", "b": "2"}})
    assert one == two
    assert one.digest == two.digest
    assert one.as_prompt_text() == "Field a: 1\nField b: 2"


def test_prompt_text_has_one_labelled_line_per_value():
    context = build_context(
        {
            "page_title": "T",
            "page_type": "Blog page",
            "locale": "fr",
            "fields": {"intro": "I"},
            "neighbours": ["N1", "N2"],
        }
    )
    assert context.as_prompt_text() == (
        "Page title: T\nPage type: Blog page\nPage locale: fr\n"
        "Field intro: I\nNearby text: N1\nNearby text: N2"
    )


def test_context_is_hashable_and_round_trips_as_a_dict():
    context = build_context({"page_title": "T", "fields": {"x": "y"}, "neighbours": ["n"]})
    assert {context: 1}[context] == 1
    assert build_context(context.as_dict()) == context


def test_digest_changes_with_content():
    assert build_context({"page_title": "a"}).digest != build_context({"page_title": "b"}).digest


def test_small_context_is_not_trimmed():
    context = build_context({"page_title": "x" * 100, "neighbours": ["y" * 100]})
    assert context.total_chars == 200


def test_total_is_bounded_to_max_context_chars_exactly():
    limit = conf.get("MAX_CONTEXT_CHARS")
    context = build_context(
        {
            "page_title": "Short title",
            "fields": {"body": "b" * (limit * 2), "intro": "i" * 900},
            "neighbours": ["n" * limit],
        }
    )
    assert context.total_chars == limit
    assert context.page_title == "Short title"  # short values are kept whole
    assert dict(context.fields)["intro"] == "i" * 900
    assert dict(context.fields)["body"].endswith("…")


def test_longest_values_are_trimmed_first_to_a_common_cap():
    assert bound_values(["a" * 10, "b" * 50, "c" * 40], 60) == [
        "a" * 10,
        "b" * 24 + "…",
        "c" * 24 + "…",
    ]


def test_leftover_characters_go_to_the_earliest_long_values():
    trimmed = bound_values(["a" * 10, "b" * 10, "c" * 10], 20)
    assert [len(value) for value in trimmed] == [7, 7, 6]
    assert sum(map(len, trimmed)) == 20


@pytest.mark.parametrize("budget", [0, 1, 2, 7, 33, 99, 100])
def test_bounded_values_always_fit_exactly(budget):
    values = ["x" * n for n in (1, 5, 17, 40, 3, 60)]
    trimmed = bound_values(values, budget)
    assert sum(map(len, trimmed)) == min(budget, sum(map(len, values)))


def test_bounding_is_deterministic():
    values = ["q" * 300, "r" * 300, "s" * 10]
    assert bound_values(values, 101) == bound_values(list(values), 101)


def test_setting_changes_the_bound(settings):
    settings.WAGTAIL_AI_BLOCKS = {**settings.WAGTAIL_AI_BLOCKS, "MAX_CONTEXT_CHARS": 50}
    context = build_context({"page_title": "t" * 40, "neighbours": ["n" * 40]})
    assert context.total_chars == 50
