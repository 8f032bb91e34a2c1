"""The image actions. Each is asked with the picture (see :mod:`.vision`) and context.

They are built-in actions (listed in ``prompts/builtin.py``), so the prompt library can
override them per site and the brand voice applies, like every other action.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks.prompts.actions import Action

NO_PREAMBLE = (
    'Do not start with "Image of", "Picture of" or "Photo of", and do not guess names, '
    "places or text you cannot read in the picture."
)

IMAGE_TITLE = Action(
    id="image_title",
    label=_("Suggest an image title"),
    version=1,
    kind="field",
    system_prompt=(
        "Write a short title for the image: what it shows, in a few plain words, so an "
        f"editor can find it in the image library. {NO_PREAMBLE}"
    ),
    target_length=(15, 60),
    temperature=0.6,
    max_tokens=60,
    formats=("text",),
    shape="headline",
    candidates=3,
)

IMAGE_DESCRIPTION = Action(
    id="image_description",
    label=_("Describe the image"),
    version=1,
    kind="field",
    system_prompt=(
        "Describe the image for someone who cannot see it. Wagtail uses the description "
        "as the image's default alt text. In one or two sentences, say what it shows, "
        f"the main subject first, then what matters about it. {NO_PREAMBLE}"
    ),
    target_length=(60, 200),
    temperature=0.4,
    max_tokens=160,
    formats=("text",),
    shape="line",
    candidates=3,
)

IMAGE_ALT_TEXT = Action(
    id="image_alt_text",
    label=_("Write alt text"),
    version=1,
    kind="field",
    system_prompt=(
        "Write the alt text for the image where it appears on the page described in the "
        "context: say what the image shows that matters to the text around it, in one "
        f"sentence. {NO_PREAMBLE}"
    ),
    default_max_length=250,
    target_length=(40, 150),
    temperature=0.4,
    max_tokens=120,
    formats=("text",),
    shape="line",
    candidates=3,
)

IMAGE_ACTIONS: tuple[Action, ...] = (IMAGE_TITLE, IMAGE_DESCRIPTION, IMAGE_ALT_TEXT)
#: Action ids that need a picture: asked without one, they are refused.
IMAGE_ACTION_IDS = frozenset(action.id for action in IMAGE_ACTIONS)
