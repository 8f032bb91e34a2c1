"""Rich text as plain text for a small model, formatting put back by matching words."""

from __future__ import annotations

from wagtail_ai_blocks.marks import plain_source, restore

SOURCE = (
    '<p>The <b>Monstera</b> grows fast. Read our <a linktype="page" id="3">watering '
    "<i>guide</i></a> for tips.</p>"
)


def test_the_model_sees_only_the_words():
    source = plain_source(SOURCE)
    assert source.text == "The Monstera grows fast. Read our watering guide for tips."
    assert [mark.text for mark in source.marks] == ["Monstera", "watering guide"]


def test_links_and_bold_are_put_back_around_the_same_words():
    html = restore("The Monstera grows fast; see the watering guide.", plain_source(SOURCE))
    assert html == (
        '<p>The <b>Monstera</b> grows fast; see the <a linktype="page" id="3">watering '
        "<i>guide</i></a>.</p>"
    )


def test_a_mark_whose_words_changed_case_keeps_the_answer_words():
    html = restore("Monstera: read the Watering Guide.", plain_source(SOURCE))
    assert '<a linktype="page" id="3">Watering Guide</a>' in html
    assert "<b>Monstera</b>" in html


def test_words_the_answer_dropped_take_their_link_with_them():
    assert restore("The Monstera grows fast.", plain_source(SOURCE)) == (
        "<p>The <b>Monstera</b> grows fast.</p>"
    )


def test_a_mark_is_used_once_and_never_inside_another_word():
    source = plain_source("<p>Use <b>pots</b> for plants.</p>")
    assert restore("Use teapots or pots; pots drain.", source) == (
        "<p>Use teapots or <b>pots</b>; pots drain.</p>"
    )


def test_answer_text_is_escaped():
    assert restore("Keep 1 < 2 & <script>", plain_source("<p>x</p>")) == (
        "<p>Keep 1 &lt; 2 &amp; &lt;script&gt;</p>"
    )


def test_lists_and_blocks_come_back_in_the_source_shape():
    source = plain_source("<ul><li>One <b>x</b></li><li>Two</li></ul><p>After</p>")
    assert source.text == "- One x\n- Two\n\nAfter"
    assert restore("- One x\n- Two\n\nAfter it", source) == (
        "<ul><li>One <b>x</b></li><li>Two</li></ul><p>After it</p>"
    )
    assert restore("One and two", source) == "<p>One and two</p>"


def test_a_heading_stays_a_heading():
    assert restore("Shorter title", plain_source("<h2>A longer title</h2>")) == (
        "<h2>Shorter title</h2>"
    )
