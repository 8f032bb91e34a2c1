"""An OpenAI-compatible backend with the small prompt profile, for tests.

The profile's behaviour (short prompts, plain text, checked answers, one retry) is the
service's, not the embedded model's: driving it through the fake OpenAI server makes
every answer deterministic.
"""

from __future__ import annotations

from wagtail_ai_blocks.backends.openai_backend.backend import OpenAIBackend


class SmallProfileOpenAIBackend(OpenAIBackend):
    prompt_profile = "small"
    provider_label = "Embedded local model"
