"""Django system checks, with stable ids.

- ``wagtail_ai_blocks.E001`` unknown key in ``WAGTAIL_AI_BLOCKS``
- ``wagtail_ai_blocks.E002`` a key has the wrong type
- ``wagtail_ai_blocks.E003`` a backend is misconfigured (no ``default``, unknown ``CLASS``…)
- ``wagtail_ai_blocks.E004`` an unknown value for a choice setting (``CACHE_SCOPE``)
- ``wagtail_ai_blocks.W001`` a configured OpenAI backend has no API key
- ``wagtail_ai_blocks.W002`` the limiter's cache cannot count atomically across processes
- ``wagtail_ai_blocks.E005`` ``wagtail.contrib.settings`` is not installed (the AI settings need it)
- ``wagtail_ai_blocks.W010`` the backend for image actions cannot see images

Checks about the installation and deployment (assets, cache aliases, prices) are in
:mod:`wagtail_ai_blocks.install_checks`.
"""

from __future__ import annotations

import os
from numbers import Number

from django.core.checks import Error, Tags, Warning, register

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.registry import BUILTIN_CLASSES

#: Keys whose value may be None as well as their default's type.
NULLABLE = {"USER", "STAFF", "GLOBAL", "USER_DAILY", "GLOBAL_MONTHLY"}


def _type_name(value) -> str:
    return type(value).__name__


def _same_kind(default, value) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, Number):
        return isinstance(value, Number)
    return isinstance(value, type(default))


@register(Tags.compatibility)
def check_settings(app_configs=None, **kwargs):
    errors = []
    user = conf.user_settings()
    if not isinstance(user, dict):
        return [
            Error(
                f"{conf.SETTING_NAME} must be a dict, not {_type_name(user)}.",
                id="wagtail_ai_blocks.E002",
            )
        ]
    for key, value in user.items():
        if key not in conf.DEFAULTS:
            errors.append(
                Error(
                    f"Unknown key {key!r} in {conf.SETTING_NAME}.",
                    hint="Known keys: " + ", ".join(sorted(conf.DEFAULTS)) + ".",
                    id="wagtail_ai_blocks.E001",
                )
            )
            continue
        default = conf.DEFAULTS[key]
        if default is None or (value is None and key in NULLABLE):
            continue
        if not _same_kind(default, value):
            errors.append(
                Error(
                    f"{conf.SETTING_NAME}[{key!r}] must be a {_type_name(default)}, "
                    f"not {_type_name(value)}.",
                    id="wagtail_ai_blocks.E002",
                )
            )
        elif key in conf.MERGED_DICTS:
            errors.extend(_check_nested(key, default, value))
    if errors:
        return errors
    errors.extend(_check_backends())
    if conf.get("CACHE_SCOPE") not in {"user", "site"}:
        errors.append(
            Error(
                f"{conf.SETTING_NAME}['CACHE_SCOPE'] must be 'user' or 'site'.",
                id="wagtail_ai_blocks.E004",
            )
        )
    return errors


def _check_nested(key: str, defaults: dict, value: dict) -> list:
    if key == "PRICES":
        bad = [
            name
            for name, price in value.items()
            if not (isinstance(price, list | tuple) and len(price) == 2)
        ]
        return [
            Error(
                f"{conf.SETTING_NAME}['PRICES'][{name!r}] must be (input, output) prices "
                "per million tokens.",
                id="wagtail_ai_blocks.E002",
            )
            for name in bad
        ]
    errors = []
    for sub, sub_value in value.items():
        if sub not in defaults:
            errors.append(
                Error(
                    f"Unknown key {sub!r} in {conf.SETTING_NAME}[{key!r}].",
                    hint="Known keys: " + ", ".join(sorted(defaults)) + ".",
                    id="wagtail_ai_blocks.E001",
                )
            )
        elif sub_value is None and sub in NULLABLE:
            continue
        elif defaults[sub] is not None and not _same_kind(defaults[sub], sub_value):
            errors.append(
                Error(
                    f"{conf.SETTING_NAME}[{key!r}][{sub!r}] must be a "
                    f"{_type_name(defaults[sub])}, not {_type_name(sub_value)}.",
                    id="wagtail_ai_blocks.E002",
                )
            )
        elif defaults[sub] is None and not isinstance(sub_value, Number):
            errors.append(
                Error(
                    f"{conf.SETTING_NAME}[{key!r}][{sub!r}] must be a number or None.",
                    id="wagtail_ai_blocks.E002",
                )
            )
    return errors


def _check_backends() -> list:
    errors = []
    backends = conf.get("BACKENDS")
    if "default" not in backends:
        errors.append(
            Error(
                f"{conf.SETTING_NAME}['BACKENDS'] has no 'default' backend.",
                id="wagtail_ai_blocks.E003",
            )
        )
    for name, config in backends.items():
        if not isinstance(config, dict):
            errors.append(Error(f"Backend {name!r} must be a dict.", id="wagtail_ai_blocks.E003"))
            continue
        backend_class = config.get("CLASS", "openai")
        if backend_class not in BUILTIN_CLASSES and "." not in str(backend_class):
            errors.append(
                Error(
                    f"Backend {name!r} has an unknown CLASS {backend_class!r}.",
                    hint="Use 'openai', 'azure', 'local' or a dotted path to a class.",
                    id="wagtail_ai_blocks.E003",
                )
            )
        env = "AZURE_OPENAI_API_KEY" if backend_class == "azure" else "OPENAI_API_KEY"
        # A server of your own (BASE_URL) may need no key.
        own_server = backend_class == "openai" and (
            config.get("BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        )
        if (
            backend_class in {"openai", "azure"}
            and not own_server
            and not (config.get("API_KEY") or os.environ.get(env))
        ):
            errors.append(
                Warning(
                    f"AI backend {name!r} has no API key.",
                    hint=f"Set the {env} environment variable or "
                    f"{conf.SETTING_NAME}['BACKENDS'][{name!r}]['API_KEY'].",
                    id="wagtail_ai_blocks.W001",
                )
            )
    for action, backend in conf.get("ACTION_BACKENDS").items():
        if backend not in backends:
            errors.append(
                Error(
                    f"ACTION_BACKENDS[{action!r}] names the unknown backend {backend!r}.",
                    id="wagtail_ai_blocks.E003",
                )
            )
    return errors


@register(Tags.caches, deploy=True)
def check_limiter_cache(app_configs=None, **kwargs):
    """Rate limits must count atomically across processes (``check --deploy``)."""
    from wagtail_ai_blocks.limits import is_atomic_across_processes

    alias = conf.get("LIMITER_CACHE_ALIAS")
    if is_atomic_across_processes(alias):
        return []
    return [
        Warning(
            f"The cache {alias!r} used for AI rate limits cannot count atomically across "
            "processes, so limits are not exact under several workers.",
            hint="Use Redis through django-redis (django_redis.cache.RedisCache) and set "
            f"{conf.SETTING_NAME}['LIMITER_CACHE_ALIAS'] to it.",
            id="wagtail_ai_blocks.W002",
        )
    ]


@register(Tags.compatibility)
def check_settings_app(app_configs=None, **kwargs):
    """Settings → AI assistance and AI limits are Wagtail settings: the app must be installed."""
    from django.apps import apps

    if apps.is_installed("wagtail.contrib.settings"):
        return []
    return [
        Error(
            "wagtail-ai-blocks needs Wagtail's settings app for its admin settings "
            "(brand voice, hidden actions, group limits).",
            hint='Add "wagtail.contrib.settings" to INSTALLED_APPS.',
            id="wagtail_ai_blocks.E005",
        )
    ]


@register(Tags.compatibility)
def check_vision_backend(app_configs=None, **kwargs):
    """Image actions need a backend that can see images (``wagtail_ai_blocks.W010``)."""
    from wagtail_ai_blocks.images.vision import configured_vision_backend

    backend = configured_vision_backend()
    if backend is None or backend.supports_vision:
        return []
    return [
        Warning(
            f"The AI backend {backend.name!r} ({backend.provider_label}, model "
            f"{backend.model!r}) cannot see images, so image actions (titles, descriptions "
            "and alt text) are refused and the image forms say they need a vision model.",
            hint="Add a backend whose model can see images, e.g. {'CLASS': 'openai', "
            f"'MODEL': 'gpt-4o-mini'}}, and set {conf.SETTING_NAME}['VISION_BACKEND'] to its "
            "name; for an OpenAI-compatible server whose model can, set 'VISION': True.",
            id="wagtail_ai_blocks.W010",
        )
    ]
