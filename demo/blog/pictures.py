"""Pictures for the demo, drawn with Pillow when the demo is seeded: nothing is downloaded.

Each picture is a potted plant on a coloured wall, different in colours, leaf count and
layout, so a vision model has something to describe and each file has its own hash.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

#: How many pictures ``seed_demo`` creates.
DEMO_IMAGES = 20

#: (name, wall colour, pot colour, leaf colour)
PLANTS = [
    ("Monstera", (236, 229, 214), (176, 96, 64), (46, 125, 50)),
    ("Pothos", (214, 226, 236), (240, 240, 235), (104, 159, 56)),
    ("Snake plant", (245, 235, 220), (60, 60, 60), (85, 139, 47)),
    ("Fiddle-leaf fig", (225, 236, 228), (200, 170, 120), (27, 94, 32)),
    ("Peace lily", (238, 222, 230), (255, 255, 255), (56, 142, 60)),
]


def draw_plant(index: int, size: tuple[int, int] = (1600, 1200), fmt: str = "JPEG") -> bytes:
    """The bytes of picture ``index`` (deterministic: the same index gives the same file)."""
    rng = random.Random(index)
    _name, wall, pot, leaf = PLANTS[index % len(PLANTS)]
    width, height = size
    image = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(image)
    # A floor, a pot, a stem and leaves.
    draw.rectangle([0, int(height * 0.8), width, height], fill=tuple(c - 40 for c in wall))
    centre = int(width * rng.uniform(0.3, 0.7))
    pot_top, pot_bottom = int(height * 0.6), int(height * 0.85)
    draw.polygon(
        [
            (centre - width // 8, pot_top),
            (centre + width // 8, pot_top),
            (centre + width // 11, pot_bottom),
            (centre - width // 11, pot_bottom),
        ],
        fill=pot,
    )
    for _leaf in range(6 + index % 7):
        x = centre + rng.randint(-width // 5, width // 5)
        y = rng.randint(int(height * 0.1), int(height * 0.55))
        draw.line([(centre, pot_top), (x, y)], fill=tuple(c // 2 for c in leaf), width=8)
        radius = rng.randint(width // 25, width // 12)
        shade = tuple(min(255, c + rng.randint(-20, 20)) for c in leaf)
        draw.ellipse([x - radius, y - radius // 2, x + radius, y + radius // 2], fill=shade)
    out = io.BytesIO()
    image.save(out, format=fmt, quality=90)
    return out.getvalue()


def plant_title(index: int) -> str:
    return f"{PLANTS[index % len(PLANTS)][0]} photo {index + 1:02d}"


def create_plant_image(index: int, *, collection=None, size=(1600, 1200), **fields):
    """A Wagtail image (the project's image model) of picture ``index``."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    model = get_image_model()
    file = ImageFile(io.BytesIO(draw_plant(index, size)), name=f"plant-{index + 1:02d}.jpg")
    if collection is not None:
        fields["collection"] = collection
    fields.setdefault("title", plant_title(index))
    return model.objects.create(file=file, **fields)
