"""The evaluation's scorer: what counts as an acceptable answer (``make eval`` runs it)."""

from __future__ import annotations

from evaluation.cases import CASES
from evaluation.scoring import (
    Result,
    check_answer,
    check_rates,
    quantile,
    rewrite_effort,
    summary,
)

LINKED = '<p>Water it when the soil is dry; read our <a href="https://example.com/w">watering guide</a>.</p>'  # noqa: E501


def test_the_set_has_at_least_forty_cases_of_the_five_actions():
    assert len(CASES) >= 40
    assert {case.action for case in CASES} == {
        "shorten",
        "fix_grammar",
        "simplify",
        "seo_title",
        "search_description",
    }
    assert len({case.id for case in CASES}) == len(CASES)
    assert sum("<a href" in case.text for case in CASES) >= 10


def test_a_shorter_answer_that_keeps_the_link_is_acceptable():
    html = '<p>Water when dry; see the <a href="https://example.com/w">watering guide</a>.</p>'
    checks = check_answer(
        "shorten", LINKED, "html", text="Water when dry; see the watering guide.", html=html
    )
    assert checks == {
        "not_empty": True,
        "no_chat": True,
        "no_repeats": True,
        "not_copied": True,
        "shorter": True,
        "finished": True,
        "faithful": True,
        "links_kept": True,
    }


def test_a_dropped_link_fails_links_kept():
    checks = check_answer(
        "shorten", LINKED, "html", text="Water when dry.", html="<p>Water when dry.</p>"
    )
    assert checks["links_kept"] is False


def test_a_chat_reply_fails_no_chat():
    text = "I'm ready to help you edit and improve your writing!"
    checks = check_answer("shorten", LINKED, "html", text=text, html=f"<p>{text}</p>")
    assert checks["no_chat"] is False
    assert not Result("c", "shorten", answer=text, checks=checks).acceptable


def test_an_answer_longer_than_the_source_fails_shorter():
    text = "Water it when the soil is dry, and please read our watering guide for more tips."
    assert check_answer("shorten", LINKED, "html", text=text, html=None)["shorter"] is False


def test_a_field_value_over_its_limit_fails_fits():
    checks = check_answer("seo_title", "", "text", text="Monstera care " * 5, max_length=60)
    assert checks == {
        "not_empty": True,
        "no_chat": True,
        "no_repeats": False,  # "Monstera care Monstera care Monstera…"
        "not_copied": True,
        "fits": False,
    }


def test_an_empty_answer_fails():
    assert check_answer("seo_title", "", "text", text="  ", max_length=60)["not_empty"] is False


def test_a_refused_case_is_not_acceptable_and_counts_as_refused():
    results = [
        Result("a", "shorten", answer="ok", checks={"not_empty": True}, seconds=1.0),
        Result("b", "shorten", error="offline_model_failed", seconds=3.0),
    ]
    assert [row for row in summary(results) if row[0] == "all"] == [
        ("all", "2", "50%", "50%", "2.00", "3.00", "3.00", "0.00")
    ]
    assert check_rates(results)["not_empty"] == "100%"
    assert check_rates(results)["links_kept"] == "-"


def test_an_answer_that_loops_fails_no_repeats():
    text = (
        "The energy savings calculator shows how much you could save in a year. Our energy "
        "savings calculator shows how much you could save in a year."
    )
    source = (
        "<p>Turning your thermostat down by one degree can cut your heating bill by up to ten "
        'percent. Our <a href="https://example.com/energy">energy savings calculator</a> shows '
        "how much you could save in a year.</p>"
    )
    assert check_answer("shorten", source, "html", text=text)["no_repeats"] is False


def test_a_description_that_copies_the_worked_example_fails_not_copied():
    from wagtail_ai_blocks.prompts.small import SMALL_PROMPTS

    example = SMALL_PROMPTS["search_description"].examples[0][1]
    given = "Our bakery\nOur bakery opens at seven every morning except Sunday."
    checks = check_answer(
        "search_description", "", "text", text=example, max_length=160, given=given
    )
    assert checks["not_copied"] is False
    own = "Our bakery opens at seven every morning except Sunday."
    assert check_answer("search_description", "", "text", text=own, given=given)["not_copied"]


def test_a_chat_question_inside_a_description_fails_no_chat():
    text = "The museum has opened its new wing. What can I help you with today?"
    assert check_answer("search_description", "", "text", text=text)["no_chat"] is False


def test_p90_is_an_observed_time():
    times = [float(n) for n in range(1, 11)]
    assert (quantile(times, 0.5), quantile(times, 0.9)) == (5.0, 9.0)
    assert quantile([4.0], 0.9) == 4.0


def test_the_report_says_how_much_rewrites_changed():
    results = [
        Result("a", "fix_grammar", answer="x", checks={}, length_ratio=1.0, unchanged=True),
        Result("b", "fix_grammar", answer="y", checks={}, length_ratio=1.02),
        Result("c", "shorten", answer="z", checks={}, length_ratio=0.6),
        Result("d", "shorten", error="offline_model_failed"),
        Result("e", "seo_title", answer="Title", checks={}),
    ]
    assert rewrite_effort(results) == {"fix_grammar": ("1.01", 1, 2), "shorten": ("0.60", 0, 1)}


def test_the_rewrites_have_a_row_of_their_own_with_their_cpu_time():
    results = [
        Result("a", "shorten", answer="x", checks={}, seconds=4.0, cpu_seconds=1.0),
        Result("b", "fix_grammar", answer="x", checks={}, seconds=2.0, cpu_seconds=0.5),
        Result("c", "seo_title", answer="x", checks={}, seconds=9.0, cpu_seconds=3.0),
    ]
    rows = {row[0]: row for row in summary(results)}
    assert rows["rewrites"] == ("rewrites", "2", "100%", "0%", "3.00", "4.00", "4.00", "0.75")
    assert rows["all"][4] == "4.00"
