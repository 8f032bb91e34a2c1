"""The one settings accessor.

Everything the package reads from Django settings lives in the
``WAGTAIL_AI_BLOCKS`` dict, merged over :data:`DEFAULTS`. Nothing else in the
package reads ``django.conf.settings`` for our keys. The merged result is cached
and the cache is cleared on ``setting_changed`` so ``override_settings`` works.

Documented in README.md ("Configuration reference").
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTING_NAME = "WAGTAIL_AI_BLOCKS"

#: Default values. Nested dicts listed in :data:`MERGED_DICTS` are merged one
#: level deep, so a project can change one tier without restating the others.
DEFAULTS: dict[str, Any] = {
    # Named backends. "CLASS" is "openai", "local" or a dotted path.
    "BACKENDS": {
        "default": {
            "CLASS": "openai",
            "MODEL": "gpt-4o-mini",
        },
    },
    # action id -> backend name, e.g. {"seo_title": "cheap"}.
    "ACTION_BACKENDS": {},
    # Response cache.
    "CACHE_ALIAS": "default",
    "CACHE_TTL": 60 * 60 * 24 * 30,  # 30 days; 0 disables the cache
    "CACHE_SCOPE": "user",  # "user" or "site"
    # Rate limits (calls per window). None means "no limit" for a tier.
    "LIMITER_CACHE_ALIAS": "default",
    "RATE_LIMITS": {
        "WINDOW": 3600,
        "USER": 10,
        "STAFF": 50,
        "GLOBAL": 100,
        "GROUPS": {},  # group name -> calls per window (the highest applies)
        "SUPERUSER_EXEMPT": True,
    },
    # Behaviour when the limiter storage is down: False = refuse (503).
    "FAIL_OPEN": False,
    # Money budgets, in the currency of PRICES. None disables.
    "BUDGETS": {
        "USER_DAILY": None,
        "GLOBAL_MONTHLY": None,
    },
    # The currency of PRICES and BUDGETS, as reports show it ("USD" shows as "$").
    "CURRENCY": "USD",
    # USD per million tokens: model -> (input, output). Local models cost nothing.
    "PRICES": {
        "gpt-4o-mini": (0.15, 0.60),
        "gpt-4o": (2.50, 10.00),
        "gpt-4.1": (2.00, 8.00),
        "gpt-4.1-mini": (0.40, 1.60),
        "gpt-4.1-nano": (0.10, 0.40),
        "gpt-5": (1.25, 10.00),
        "gpt-5-mini": (0.25, 2.00),
        "gpt-5-nano": (0.05, 0.40),
        "text-embedding-3-small": (0.02, 0.0),
        "text-embedding-3-large": (0.13, 0.0),
    },
    # Input bounds.
    "MAX_TEXT_CHARS": 20_000,
    "MAX_CONTEXT_CHARS": 4_000,
    "MAX_INSTRUCTION_CHARS": 1_000,
    "MAX_CANDIDATES": 5,
    # Usage ledger: store prompts and answers (off by default: privacy).
    "STORE_CONTENT": False,
    # Related pages: which backend's embeddings endpoint makes the vectors ("" for none:
    # Wagtail's search backend answers), its model ("" for the backend's default), how much
    # of a page is embedded and how many suggestions the panel offers.
    "RELATED_PAGES": {
        "BACKEND": "default",
        "MODEL": "",
        "MAX_CHARS": 4000,
        "SUGGESTIONS": 5,
    },
    # Add the "ai" feature to Wagtail's default rich text features.
    "ADD_TO_DEFAULT_FEATURES": False,
    # Images: the backend that sees them (None: the action's usual backend) and the
    # rendition a model is sent (never the original file).
    "VISION_BACKEND": None,
    "IMAGE_RENDITION": "max-1024x1024|format-jpeg|jpegquality-80",
}

MERGED_DICTS = ("RATE_LIMITS", "BUDGETS", "PRICES", "RELATED_PAGES")


@cache
def get_config() -> dict[str, Any]:
    """Return the effective settings (defaults merged with the project's)."""
    user = getattr(settings, SETTING_NAME, {}) or {}
    config = copy.deepcopy(DEFAULTS)
    for key, value in user.items():
        if key in MERGED_DICTS and isinstance(value, dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = copy.deepcopy(value)
    return config


def get(key: str) -> Any:
    return get_config()[key]


def user_settings() -> dict[str, Any]:
    """The raw dict as the project wrote it (used by system checks)."""
    return getattr(settings, SETTING_NAME, {}) or {}


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTING_NAME:
        get_config.cache_clear()
        # Backends are built from settings; drop the built instances too.
        from wagtail_ai_blocks.backends import registry

        registry.clear()
