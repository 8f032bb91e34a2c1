"""Safe rich text: sanitising model HTML, contentstate round trips, lost links."""

from __future__ import annotations

import json

import pytest

from wagtail_ai_blocks.exceptions import ProviderError
from wagtail_ai_blocks.richtext import (
    allowed_tags,
    describe_allowed_tags,
    html_to_text,
    is_safe_url,
    lost_entities,
    sanitise_html,
    selection_html_to_prompt,
    to_contentstate,
    to_editor_html,
)

FEATURES = ("bold", "italic", "link", "h2", "ol", "ul")
ALLOWED_BLOCK_TYPES = {
    "unstyled",
    "header-two",
    "ordered-list-item",
    "unordered-list-item",
}

HOSTILE = [
    "<p>Hi<script>alert(1)</script> there</p>",
    "<script>alert(1)</script><p>Hi</p>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT><p>Hi</p>",
    '<p>x<img src=x onerror="alert(1)">y</p>',
    "<img src=x onerror=alert(1)>",
    '<p><a href="javascript:alert(1)">click</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">click</a></p>',
    '<p><a href=" jav&#x09;ascript:alert(1)">click</a></p>',
    '<p><a href="&#106;avascript:alert(1)">click</a></p>',
    '<p><a href="javascript&colon;alert(1)">click</a></p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a></p>',
    '<p><a href="vbscript:msgbox(1)">click</a></p>',
    '<iframe src="https://evil.example/"></iframe><p>ok</p>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
    '<p><span style="color:red">red</span> <b onmouseover="alert(1)">bold</b></p>',
    "<svg onload=alert(1)><p>inside svg</p></svg><p>ok</p>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math><p>ok</p>',
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
    '<form action="javascript:alert(1)"><input value="x" onfocus="alert(1)" autofocus></form>',
    '<style>@import "https://evil.example/x.css";</style><p>ok</p>',
    "<h1>Big heading</h1><h3>Small heading</h3>",
    "<p>unclosed <b>bold <i>italic</p><p>next</p>",
    "</p></b>stray end tags<p>ok</i></p>",
    '<p><a linktype="page" id="3 onclick=alert(1)">bad id</a></p>',
    '<p><a linktype="page" id="1" onclick="alert(1)" style="x">page</a></p>',
    '<p><a linktype="snippet" id="1">unknown link type</a></p>',
    '<embed embedtype="media" url="javascript:alert(1)"/><p>ok</p>',
    '<embed embedtype="image" id="1" format="left" alt="x"/><p>images not allowed</p>',
    '<p><a href="https://ok.example/" target="_blank" rel="opener">ok</a></p>',
    "<table><tr><td>cell <b>one</b></td><td>cell two</td></tr></table>",
    "<!-- <script>alert(1)</script> --><p>comment</p>",
    "<![CDATA[<script>alert(1)</script>]]><p>cdata</p>",
    "<noscript><p>no</p></noscript><template><p>no</p></template><p>yes</p>",
    '<p><a href="https://a.example/"><a href="https://b.example/">nested</a></a></p>',
]
DANGEROUS = [
    "<",
    "alert",
    "onerror",
    "onclick",
    "onload",
    "onmouseover",
    "onfocus",
    "javascript",
    "vbscript",
    "data:text",
    "evil",
    "background",
    "target",
    "opener",
    "snippet",
]


@pytest.mark.django_db
@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_never_reaches_the_contentstate(html):
    contentstate = to_contentstate(html, FEATURES)
    serialised = json.dumps(contentstate).lower()
    for needle in DANGEROUS:
        assert needle not in serialised, needle
    assert {block["type"] for block in contentstate["blocks"]} <= ALLOWED_BLOCK_TYPES
    for entity in contentstate["entityMap"].values():
        assert entity["type"] == "LINK"
        assert "id" in entity["data"] or is_safe_url(entity["data"]["url"])


@pytest.mark.django_db
@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_round_trips_to_safe_html(html):
    output = to_editor_html(to_contentstate(html, FEATURES), FEATURES)
    for needle in DANGEROUS[1:]:
        assert needle not in output.lower(), needle


def test_wagtail_converter_alone_keeps_javascript_urls_so_we_sanitise_first():
    """Pins why the sanitising step exists; if this fails, Wagtail now filters them."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    raw = ContentstateConverter(["link"]).from_database_format(
        '<p><a href="javascript:alert(1)">x</a></p>'
    )
    assert "javascript:alert(1)" in raw
    assert "javascript" not in json.dumps(
        to_contentstate('<p><a href="javascript:alert(1)">x</a></p>', ["link"])
    )


def test_wagtail_converter_alone_fails_on_unbalanced_tags_but_we_do_not():
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    html = "<p>x<img src=x>y</p><p><b>open</p>"
    with pytest.raises(AssertionError):
        ContentstateConverter(["bold"]).from_database_format(html)
    blocks = to_contentstate(html, ["bold"])["blocks"]
    assert [block["text"] for block in blocks] == ["xy", "open"]


def test_disallowed_heading_becomes_a_paragraph_with_its_text():
    blocks = to_contentstate("<h1>Big</h1><h2>Sub</h2>", ["h2"])["blocks"]
    assert [(b["type"], b["text"]) for b in blocks] == [("unstyled", "Big"), ("header-two", "Sub")]


def test_script_content_is_dropped_not_shown_as_text():
    blocks = to_contentstate("<p>Hi<script>alert(1)</script> there</p>", FEATURES)["blocks"]
    assert [block["text"] for block in blocks] == ["Hi there"]


FORMATTED = (
    "<h2>Care</h2>"
    "<p>Water <b>weekly</b>, <i>not</i> daily. See "
    '<a href="https://example.com/guide?a=1&amp;b=2">the guide</a>.</p>'
    "<ul><li>Light</li><li>Water<ul><li>Rain water</li></ul></li></ul>"
    "<ol><li>One</li></ol>"
)


def test_formatting_survives_a_round_trip():
    contentstate = to_contentstate(FORMATTED, FEATURES)
    assert to_editor_html(contentstate, FEATURES) == FORMATTED
    paragraph = contentstate["blocks"][1]
    assert {r["style"] for r in paragraph["inlineStyleRanges"]} == {"BOLD", "ITALIC"}
    assert contentstate["entityMap"]["0"]["data"] == {"url": "https://example.com/guide?a=1&b=2"}


def test_strong_and_em_become_bold_and_italic():
    contentstate = to_contentstate("<p><strong>S</strong> <em>E</em></p>", FEATURES)
    styles = [r["style"] for r in contentstate["blocks"][0]["inlineStyleRanges"]]
    assert styles == ["BOLD", "ITALIC"]


def test_line_breaks_survive():
    assert to_editor_html(to_contentstate("<p>a<br>b</p>", FEATURES), FEATURES) == "<p>a<br/>b</p>"


def test_formatting_outside_the_features_is_unwrapped_not_lost():
    contentstate = to_contentstate('<p><b>bold</b> <a href="https://x.example/">link</a></p>', [])
    assert contentstate["blocks"][0]["text"] == "bold link"
    assert contentstate["entityMap"] == {}


@pytest.mark.django_db
def test_internal_page_link_round_trips():
    from wagtail.models import Page

    page = Page.objects.get(depth=2)
    html = f'<p>Back to <a linktype="page" id="{page.id}">home</a>.</p>'
    contentstate = to_contentstate(html, FEATURES)
    assert contentstate["entityMap"]["0"]["data"]["id"] == page.id
    assert to_editor_html(contentstate, FEATURES) == html


@pytest.mark.django_db
def test_link_to_a_missing_page_keeps_its_id():
    html = '<p><a linktype="page" id="987654">gone</a></p>'
    contentstate = to_contentstate(html, FEATURES)
    assert contentstate["entityMap"]["0"]["data"]["id"] == 987654
    assert to_editor_html(contentstate, FEATURES) == html


@pytest.mark.django_db
def test_document_link_round_trips_with_the_document_feature():
    html = '<p>Read <a linktype="document" id="12">the report</a>.</p>'
    features = ["document-link"]
    assert to_editor_html(to_contentstate(html, features), features) == html
    assert to_contentstate(html, ["link"])["entityMap"] == {}


@pytest.mark.django_db
def test_image_embed_round_trips_with_the_image_feature():
    html = '<p>Before</p><embed embedtype="image" id="4" format="left" alt="A cat"/><p>After</p>'
    contentstate = to_contentstate(html, ["image"])
    assert [block["type"] for block in contentstate["blocks"]] == ["unstyled", "atomic", "unstyled"]
    assert to_editor_html(contentstate, ["image"]) == (
        '<p>Before</p><embed embedtype="image" format="left" id="4" alt="A cat"/><p>After</p>'
    )


def test_image_embed_with_an_unknown_format_is_dropped():
    html = '<embed embedtype="image" id="4" format="giant" alt=""/><p>x</p>'
    assert sanitise_html(html, ["image"]) == "<p>x</p>"


@pytest.mark.django_db
def test_links_the_source_did_not_have_are_removed():
    source = '<p><a linktype="page" id="3">home</a> and <a href="https://ok.example/">ok</a></p>'
    answer = (
        '<p><a id="3" linktype="page">home</a>, <a linktype="page" id="4">invented</a>, '
        '<a href="https://ok.example/">ok</a> and <a href="https://new.example/">new</a></p>'
    )
    contentstate = to_contentstate(answer, FEATURES, source_html=source)
    assert contentstate["blocks"][0]["text"] == "home, invented, ok and new"
    assert sorted(
        str(e["data"].get("id", e["data"].get("url"))) for e in contentstate["entityMap"].values()
    ) == ["3", "https://ok.example/"]


def test_converter_failure_becomes_a_provider_error(monkeypatch):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    def broken(self, html):
        raise AssertionError("Unmatched tags")

    monkeypatch.setattr(ContentstateConverter, "from_database_format", broken)
    with pytest.raises(ProviderError) as excinfo:
        to_contentstate("<p>x</p>", FEATURES)
    assert excinfo.value.status == 502
    assert isinstance(excinfo.value.__cause__, AssertionError)


def test_unsafe_link_entities_are_scrubbed_after_conversion(monkeypatch):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    forged = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "depth": 0,
                "text": "x",
                "inlineStyleRanges": [],
                "entityRanges": [{"key": 0, "offset": 0, "length": 1}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:x"}}
        },
    }
    monkeypatch.setattr(
        ContentstateConverter, "from_database_format", lambda self, html: json.dumps(forged)
    )
    contentstate = to_contentstate("<p>x</p>", FEATURES)
    assert contentstate["entityMap"] == {}
    assert contentstate["blocks"][0]["entityRanges"] == []


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.com/", True),
        ("http://example.com/", True),
        ("mailto:a@example.com", True),
        ("tel:+441234", True),
        ("/relative/path/", True),
        ("#anchor", True),
        ("?q=1", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("java\x00script:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
        ("", False),
        ("   ", False),
    ],
)
def test_is_safe_url(url, safe):
    assert is_safe_url(url) is safe


def test_allowed_tags_map_features_to_elements():
    tags = allowed_tags(["bold", "italic", "link", "ol", "h2", "superscript", "unknown"])
    assert set(tags) == {"p", "br", "b", "strong", "i", "em", "a", "ol", "li", "h2", "sup"}
    assert tags["a"] == {"href", "linktype", "id"}
    assert tags["b"] == frozenset()


@pytest.mark.parametrize(
    "feature, tags",
    [
        ("ul", {"ul", "li"}),
        ("h6", {"h6"}),
        ("blockquote", {"blockquote"}),
        ("code", {"code"}),
        ("subscript", {"sub"}),
        ("strikethrough", {"s"}),
        ("document-link", {"a"}),
        ("hr", {"hr"}),
        ("image", {"embed"}),
        ("embed", {"embed"}),
    ],
)
def test_each_feature_adds_its_elements(feature, tags):
    assert set(allowed_tags([feature])) == {"p", "br"} | tags


def test_allowed_tags_default_to_wagtails_default_features():
    assert {"b", "i", "a", "h2", "ol", "ul"} <= set(allowed_tags(None))


def test_describe_allowed_tags_for_the_prompt():
    assert describe_allowed_tags(["bold", "link"]) == "<p>, <br>, <b>, <strong>, <a>"


def test_selection_html_is_normalised_one_block_per_line():
    html = (
        '<h2 data-block-key="a1">Title</h2>'
        '<p data-block-key="b2" class="x">Some <strong>bold</strong> and <em>it</em> '
        '<a href="https://example.com/" data-x="1">link</a></p>'
        '<ul><li data-block-key="c3">one</li></ul>'
    )
    assert selection_html_to_prompt(html, FEATURES) == (
        "<h2>Title</h2>\n"
        '<p>Some <b>bold</b> and <i>it</i> <a href="https://example.com/">link</a></p>\n'
        "<ul><li>one</li></ul>"
    )


def test_selection_html_keeps_internal_links_exactly():
    html = '<p><a linktype="page" id="3">home</a> <a linktype="document" id="9">doc</a></p>'
    features = ["link", "document-link"]
    assert selection_html_to_prompt(html, features) == html


def test_blockquote_paragraphs_stay_quotes():
    html = "<blockquote><p>one</p><p>two</p></blockquote>"
    assert (
        sanitise_html(html, ["blockquote"])
        == "<blockquote>one</blockquote><blockquote>two</blockquote>"
    )


def test_paragraphs_inside_list_items_are_flattened():
    html = "<ul><li><p>one</p><p>two</p></li></ul>"
    assert sanitise_html(html, ["ul"]) == "<ul><li>one two</li></ul>"


def test_a_list_type_outside_the_features_uses_the_other_list_type():
    assert sanitise_html("<ol><li>a</li></ol>", ["ul"]) == "<ul><li>a</li></ul>"
    assert sanitise_html("<ol><li>a</li><li>b</li></ol>", []) == "<p>a</p><p>b</p>"


def test_html_to_text():
    html = (
        "<h2>Title</h2><p>Some&nbsp;<b>bold</b>&amp;<script>x()</script> text</p>"
        "<ul><li>a</li></ul>"
    )
    assert html_to_text(html) == "Title Some\xa0bold& text a"


def test_lost_entities_lists_links_missing_after():
    before = (
        '<p><a linktype="page" id="3">home</a>, <a linktype="document" id="7">report</a>, '
        '<a href="https://example.com/">site</a>, <a linktype="page" id="3">again</a></p>'
        '<embed embedtype="image" id="5" format="left" alt=""/>'
        '<embed embedtype="media" url="https://youtu.be/x"/>'
    )
    after = '<p><a id="3" linktype="page">home page</a> and the site</p>'
    assert lost_entities(before, after) == [
        "document:7",
        "link:https://example.com/",
        "image:5",
        "embed:https://youtu.be/x",
    ]


def test_nothing_lost_when_every_link_is_kept():
    before = '<p><a href="https://example.com/">site</a> <a linktype="page" id="3">x</a></p>'
    after = (
        '<p>New <a linktype="page" id="3">words</a>, <a href="https://example.com/">same</a></p>'
    )
    assert lost_entities(before, after) == []


def test_lost_entities_ignores_new_links_and_plain_text():
    assert lost_entities("<p>plain</p>", '<p><a href="https://x.example/">new</a></p>') == []


def test_absurdly_deep_nesting_is_unwrapped_not_a_crash():
    contentstate = to_contentstate("<p>" + "<b><i>" * 3000 + "deep", ["bold", "italic"])
    assert [block["text"] for block in contentstate["blocks"]] == ["deep"]
    assert html_to_text("<div>" * 5000 + "x") == "x"
