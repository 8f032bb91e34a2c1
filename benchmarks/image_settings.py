"""Benchmark settings for ``python -m benchmarks.images``: the fake server sees images."""

from __future__ import annotations

import os

from benchmarks.settings import *  # noqa: F403
from benchmarks.settings import WAGTAIL_AI_BLOCKS

MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
WAGTAIL_AI_BLOCKS = {
    **WAGTAIL_AI_BLOCKS,
    "BACKENDS": {
        "default": {"CLASS": "openai", "MODEL": "gpt-4o-mini", "VISION": True, "MAX_RETRIES": 0}
    },
}
