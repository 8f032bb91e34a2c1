"""The evaluation set: fixed cases for the actions editors use most.

Each case is one request as the browser sends it: an action, the text (rich text as
Wagtail database HTML, with links and bold), the page context and the field's limit.
Change a case only with a note in ``docs/eval.md``: scores are comparable only on the
same set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FEATURES = ("bold", "italic", "link", "ol", "ul")


@dataclass(frozen=True)
class Case:
    id: str
    action: str
    text: str = ""
    format: str = "text"
    context: dict[str, Any] = field(default_factory=dict)
    max_length: int | None = None

    @property
    def given(self) -> str:
        """The page context as text: what the model may quote besides the source."""
        fields = self.context.get("fields") or {}
        return "\n".join([self.context.get("page_title", ""), *map(str, fields.values())])

    @property
    def features(self) -> tuple[str, ...] | None:
        return FEATURES if self.format == "html" else None


# (page title, rich text paragraph) — varied subjects, lengths, links and bold.
PARAGRAPHS: list[tuple[str, str]] = [
    (
        "Caring for Monstera",
        "<p>The <b>Monstera deliciosa</b>, often called the Swiss cheese plant, is one of the "
        "most popular houseplants because it is easy to care for and grows quickly in bright, "
        "indirect light. Water it when the top few centimetres of soil are dry, and read our "
        '<a href="https://example.com/watering">watering guide</a> for more tips.</p>',
    ),
    (
        "Life in a beehive",
        "<p>Honey bees live in colonies of up to sixty thousand workers, a single "
        "<b>queen</b> and a few hundred drones. In summer a worker lives only about six weeks, "
        'because foraging wears out her wings, as <a href="https://example.com/bees">our '
        "beekeeping notes</a> explain.</p>",
    ),
    (
        "Our bakery",
        "<p>Our bakery opens at seven every morning except Sunday. We bake "
        "<b>sourdough</b>, rye and spelt loaves by hand, and we usually sell out of croissants "
        "by ten o'clock, so come early if you want one.</p>",
    ),
    (
        "Cycling to work",
        "<p>Cycling to work is good for your health and for your wallet. A "
        '<a href="https://example.com/glasgow-study">study from Glasgow</a> found that people '
        "who cycled to work had a lower risk of heart disease, and you also save money on fuel "
        "and parking.</p>",
    ),
    (
        "The museum's new wing",
        "<p>The museum's new wing, designed by a local architect, houses more than two hundred "
        "paintings from the nineteenth century, including several works that have "
        "<b>never been shown</b> to the public before.</p>",
    ),
    (
        "Winter tyres",
        "<p>Winter tyres grip better than summer tyres when the temperature drops below seven "
        "degrees, even on dry roads, because their rubber stays soft in the cold. See our "
        '<a href="https://example.com/tyres">tyre checklist</a> before you change them.</p>',
    ),
    (
        "Volunteering at the shelter",
        "<p>Volunteers at the animal shelter walk the dogs twice a day, clean the cat rooms and "
        "help at the <b>Saturday adoption fair</b>, where most of our animals meet their new "
        "families.</p>",
    ),
    (
        "Saving energy at home",
        "<p>Turning your thermostat down by one degree can cut your heating bill by up to ten "
        'percent. Our <a href="https://example.com/energy">energy savings calculator</a> shows '
        "how much you could save in a year.</p>",
    ),
    (
        "The harbour festival",
        "<p>The <b>harbour festival</b> returns on the first weekend of July with boat races, "
        "live music on the quay and a fish market that stays open until midnight on "
        "Saturday.</p>",
    ),
    (
        "Learning to swim",
        "<p>Our swimming lessons for adults are taught in small groups of four, in the warm "
        "teaching pool, by instructors who know that many beginners are nervous in the water. "
        '<a href="https://example.com/swim">Book a free first lesson</a> online.</p>',
    ),
    (
        "Composting",
        "<p>A compost heap needs a mix of green waste, such as grass cuttings and vegetable "
        "peel, and brown waste, such as cardboard and dry leaves, and it should be turned "
        "<b>every few weeks</b> so that air reaches the middle.</p>",
    ),
    (
        "Night trains",
        "<p>Night trains are coming back across Europe: you board in the evening, sleep in a "
        "couchette or a private cabin, and arrive in the city centre the next morning, "
        '<a href="https://example.com/night-trains">often for less than a flight</a>.</p>',
    ),
]

# Sentences with mistakes, for fix_grammar (plain text fields and rich text).
MISTAKES: list[str] = [
    "Their going to the market tomorow, but they dont know what time it open.",
    "The childrens book was wrote by a local author who live in the village.",
    "We was very happy with the service, the staff were friendly and helpfull.",
    "Its important to water you're plants regulary during the summer.",
    "The meeting have been moved to thursday becuase the room is not available.",
    "She dont like coffee, so she drink tea every mornings.",
    "<p>Our <b>new menu</b> have more vegetarian dishs then ever before.</p>",
    '<p>Read <a href="https://example.com/rules">the rules</a> before you enters the '
    "competition.</p>",
]


def _context(title: str, html: str) -> dict[str, Any]:
    from wagtail_ai_blocks.richtext import html_to_text

    return {"page_title": title, "page_type": "Blog page", "fields": {"body": html_to_text(html)}}


def build_cases() -> list[Case]:
    cases: list[Case] = []
    for index, (_title, html) in enumerate(PARAGRAPHS):
        cases.append(Case(f"shorten-{index + 1:02}", "shorten", html, "html"))
    for index, text in enumerate(MISTAKES):
        fmt = "html" if text.startswith("<") else "text"
        cases.append(Case(f"fix-grammar-{index + 1:02}", "fix_grammar", text, fmt))
    for index, (_title, html) in enumerate(PARAGRAPHS[:8]):
        cases.append(Case(f"simplify-{index + 1:02}", "simplify", html, "html"))
    for index, (title, html) in enumerate(PARAGRAPHS[:8]):
        cases.append(
            Case(f"seo-title-{index + 1:02}", "seo_title", "", "text", _context(title, html), 60)
        )
    for index, (title, html) in enumerate(PARAGRAPHS[4:12]):
        cases.append(
            Case(
                f"search-description-{index + 1:02}",
                "search_description",
                "",
                "text",
                _context(title, html),
                160,
            )
        )
    return cases


CASES = build_cases()
