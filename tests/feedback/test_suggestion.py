"""A rich text improvement's suggestion as contentstate: the original's marks kept."""

from __future__ import annotations

from wagtail_ai_blocks.feedback.suggestion import suggestion_contentstate

FIELD = (
    '<p>Read the <a href="https://example.com/care">care guide</a> first.</p>'
    "<p>Water it <b>weekly</b> in summer.</p>"
)


def styled(contentstate: dict) -> list[tuple[str, str]]:
    [block] = contentstate["blocks"]
    text = block["text"]
    ranges = block["inlineStyleRanges"] + block["entityRanges"]
    return sorted(
        (str(r.get("style", "LINK")), text[r["offset"] : r["offset"] + r["length"]]) for r in ranges
    )


def test_a_link_inside_the_original_stays_around_the_same_words():
    state = suggestion_contentstate(
        "Read the care guide first.", "Start with the care guide.", FIELD
    )

    assert state["blocks"][0]["text"] == "Start with the care guide."
    assert styled(state) == [("LINK", "care guide")]
    [entity] = state["entityMap"].values()
    assert entity["data"]["url"] == "https://example.com/care"


def test_marks_outside_the_original_are_not_carried_into_the_suggestion():
    state = suggestion_contentstate(
        "Water it weekly in summer.", "In summer, water it weekly; read the care guide.", FIELD
    )

    assert styled(state) == [("BOLD", "weekly")]


def test_line_breaks_in_a_suggestion_stay_in_one_paragraph():
    state = suggestion_contentstate(
        "Water it weekly in summer.", "Water weekly.\nIn summer.", FIELD
    )

    assert [block["text"] for block in state["blocks"]] == ["Water weekly. In summer."]
