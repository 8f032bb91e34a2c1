from __future__ import annotations

from tests.fake_answers import shorten_block, shorten_html, shorten_responder, text_block
from wagtail_ai_blocks.prompts.blocks import delimit

MONSTERA = (
    "<p><b>forgiving houseplant</b> that rewards bright light. Water when dry, and see the "
    '<a href="https://example.com/">Monstera article</a> for its natural habitat.</p>'
)


def test_text_block_finds_the_delimited_text_after_the_context():
    prompt = delimit("CONTEXT", "Page title: Monstera") + "\n\n" + delimit("TEXT", "<p>Hi</p>")

    assert text_block(prompt) == "<p>Hi</p>"


def test_shorten_drops_a_last_sentence_without_markup():
    assert (
        shorten_block("<p>Water <b>weekly</b>. Feed monthly.</p>") == "<p>Water <b>weekly</b>.</p>"
    )


def test_shorten_keeps_the_markup_and_drops_the_plain_tail():
    assert shorten_block(MONSTERA) == (
        "<p><b>forgiving houseplant</b> that rewards bright light. Water when dry, and see the "
        '<a href="https://example.com/">Monstera article</a>.</p>'
    )


def test_shorten_leaves_a_block_it_cannot_shorten():
    assert shorten_block("<h2>Light</h2>") == "<h2>Light</h2>"


def test_shorten_html_works_block_by_block():
    assert shorten_html("<p>A. B.</p>\n<p>C. D.</p>") == "<p>A.</p>\n<p>C.</p>"


def test_shorten_responder_answers_from_the_user_message():
    request = {
        "messages": [
            {"role": "system", "content": "…"},
            {"role": "user", "content": delimit("TEXT", MONSTERA)},
        ]
    }

    assert "for its natural habitat" not in shorten_responder(request)
    assert "<b>forgiving houseplant</b>" in shorten_responder(request)
