"""Build backends from settings, once, and hand them out.

``WAGTAIL_AI_BLOCKS["BACKENDS"]`` maps a name to a dict whose ``"CLASS"`` is ``"openai"``,
``"azure"``, ``"local"`` or the dotted path of a class. A backend class provides
``from_settings(name, settings) -> instance`` (a classmethod) and satisfies
:class:`~wagtail_ai_blocks.backends.base.Backend`. Instances are cached per name;
:func:`clear` (called by ``conf`` when the setting changes) drops them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.module_loading import import_string

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends.base import Backend
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

logger = logging.getLogger(__name__)

#: Short names accepted in ``"CLASS"``.
BUILTIN_CLASSES: dict[str, str] = {
    "openai": "wagtail_ai_blocks.backends.openai_backend.OpenAIBackend",
    "azure": "wagtail_ai_blocks.backends.openai_backend.AzureOpenAIBackend",
    "local": "wagtail_ai_blocks.backends.local.LocalBackend",
}
DEFAULT_CLASS = "openai"

_lock = threading.Lock()
_instances: dict[str, Backend] = {}


def get_backend(name: str = "default") -> Backend:
    """The backend configured as ``BACKENDS[name]``, built on first use and then reused."""
    try:
        return _instances[name]
    except KeyError:
        pass
    with _lock:
        # Another thread may have built it while this one waited for the lock.
        if name not in _instances:
            _instances[name] = _build(name)
        return _instances[name]


def backend_for_action(action_id: str) -> Backend:
    """The backend ``ACTION_BACKENDS`` assigns to ``action_id`` (``"default"`` otherwise)."""
    name = conf.get("ACTION_BACKENDS").get(action_id, "default")
    return get_backend(name)


def clear() -> None:
    """Forget built backends; the next :func:`get_backend` rebuilds from settings.

    Requests already holding a backend keep using it; nothing is closed here.
    """
    with _lock:
        _instances.clear()


def backend_class(class_setting: str) -> type:
    """Resolve a ``"CLASS"`` value (a short name or a dotted path) to the class."""
    path = BUILTIN_CLASSES.get(class_setting, class_setting)
    if "." not in path:
        raise ImproperlyConfiguredBackend(
            f"Unknown backend CLASS {class_setting!r}. Use one of "
            f"{', '.join(map(repr, BUILTIN_CLASSES))} or the dotted path of a class."
        )
    try:
        return import_string(path)
    except ImportError as exc:
        raise ImproperlyConfiguredBackend(
            f"Cannot import backend CLASS {class_setting!r}: {exc}"
        ) from exc


def _build(name: str) -> Backend:
    backends = conf.get("BACKENDS")
    if name not in backends:
        known = ", ".join(map(repr, backends)) or "none"
        raise ImproperlyConfiguredBackend(
            f"No AI backend named {name!r}. Add it to WAGTAIL_AI_BLOCKS['BACKENDS'] "
            f"(configured: {known}) or fix WAGTAIL_AI_BLOCKS['ACTION_BACKENDS']."
        )
    settings = backends[name]
    if not isinstance(settings, Mapping):
        raise ImproperlyConfiguredBackend(
            f"WAGTAIL_AI_BLOCKS['BACKENDS'][{name!r}] must be a dict, "
            f"not {type(settings).__name__}."
        )
    cls = backend_class(settings.get("CLASS", DEFAULT_CLASS))
    from_settings = getattr(cls, "from_settings", None)
    if from_settings is None:
        raise ImproperlyConfiguredBackend(
            f"Backend class {cls.__module__}.{cls.__qualname__} has no "
            "from_settings(name, settings) classmethod."
        )
    backend = from_settings(name, settings)
    if not isinstance(backend, Backend):
        raise ImproperlyConfiguredBackend(
            f"{cls.__module__}.{cls.__qualname__} does not implement the Backend protocol "
            "(capability attributes, name, model, complete() and stream())."
        )
    logger.info(
        "Built AI backend",
        extra={"backend": name, "provider": backend.provider_label, "model": backend.model},
    )
    return backend


class BackendSettings:
    """Typed reads from one ``BACKENDS`` entry, with errors naming the key to fix.

    Backend configs use it in their ``from_settings``; ``known`` lists the keys the
    backend understands (``"CLASS"`` is always allowed) so typos are reported.
    """

    def __init__(self, name: str, settings: Mapping[str, Any], known: Iterable[str]):
        self.name = name
        self._settings = settings
        unknown = sorted(set(settings) - set(known) - {"CLASS"})
        if unknown:
            raise ImproperlyConfiguredBackend(
                f"Unknown key(s) {', '.join(unknown)} in {self.where()}. "
                f"Known keys: CLASS, {', '.join(sorted(known))}."
            )

    def where(self, key: str | None = None) -> str:
        """How a project refers to this entry (or one key of it) in its settings."""
        entry = f"WAGTAIL_AI_BLOCKS['BACKENDS'][{self.name!r}]"
        return f"{entry}[{key!r}]" if key else entry

    def get(self, key: str, default: Any = None) -> Any:
        value = self._settings.get(key)
        return default if value is None else value

    def string(self, key: str, default: str | None = None, *, required: bool = False) -> Any:
        """The string at ``key`` (``""`` counts as unset); typed ``Any`` for callers' sake."""
        value = self.get(key, default)
        if value is None or value == "":
            if required:
                raise ImproperlyConfiguredBackend(f"Set {self.where(key)}.")
            return default
        if not isinstance(value, str):
            raise self._type_error(key, "a string", value)
        return value

    def number(self, key: str, default: float, *, minimum: float = 0) -> float:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= minimum:
            raise self._type_error(key, f"a number above {minimum:g}", value)
        return float(value)

    def integer(self, key: str, default: int, *, minimum: int = 0) -> int:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self._type_error(key, f"a whole number of at least {minimum}", value)
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool | None:
        value = self.get(key, default)
        if value is not None and not isinstance(value, bool):
            raise self._type_error(key, "True or False", value)
        return value

    def string_mapping(self, key: str) -> dict[str, str]:
        value = self.get(key, {})
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise self._type_error(key, "a dict of strings", value)
        return dict(value)

    def _type_error(self, key: str, expected: str, value: Any) -> ImproperlyConfiguredBackend:
        # The value itself is not shown: it may be a secret.
        return ImproperlyConfiguredBackend(
            f"{self.where(key)} must be {expected}, not {type(value).__name__}."
        )
