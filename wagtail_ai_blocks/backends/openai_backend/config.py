"""Settings of the SDK-based backends as frozen dataclasses (keys: see the package docstring)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from wagtail_ai_blocks.backends.registry import BackendSettings
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_MAX_RETRIES = 1

_COMMON_KEYS = (
    "MODEL",
    "API_KEY",
    "TIMEOUT",
    "CONNECT_TIMEOUT",
    "MAX_RETRIES",
    "DEFAULT_HEADERS",
    "VISION",
    "PROVIDER_LABEL",
)


@dataclass(frozen=True)
class SDKConfig:
    """Options every SDK-based backend shares. Secrets are kept out of ``repr``."""

    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    default_headers: Mapping[str, str] = field(default_factory=dict, repr=False, hash=False)
    vision: bool | None = None
    provider_label: str | None = None

    @classmethod
    def from_settings(cls, name: str, settings: Mapping[str, Any]) -> SDKConfig:
        raise NotImplementedError

    @staticmethod
    def _common(settings: BackendSettings) -> dict[str, Any]:
        return {
            "api_key": settings.string("API_KEY"),
            "timeout": settings.number("TIMEOUT", DEFAULT_TIMEOUT),
            "connect_timeout": settings.number("CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT),
            "max_retries": settings.integer("MAX_RETRIES", DEFAULT_MAX_RETRIES),
            "default_headers": settings.string_mapping("DEFAULT_HEADERS"),
            "vision": settings.boolean("VISION"),
            "provider_label": settings.string("PROVIDER_LABEL"),
        }


@dataclass(frozen=True)
class OpenAIConfig(SDKConfig):
    """Configuration of :class:`OpenAIBackend` (see the module docstring for the keys)."""

    base_url: str | None = None
    organization: str | None = None

    KEYS: ClassVar[tuple[str, ...]] = (*_COMMON_KEYS, "BASE_URL", "ORGANIZATION")

    @classmethod
    def from_settings(cls, name: str, settings: Mapping[str, Any]) -> OpenAIConfig:
        read = BackendSettings(name, settings, cls.KEYS)
        common = cls._common(read)
        base_url = read.string("BASE_URL")
        # api.openai.com needs a key; a server of your own (BASE_URL, or the SDK's
        # OPENAI_BASE_URL) may not, and then no Authorization header is sent at all.
        if (
            common["api_key"] is None
            and not os.environ.get("OPENAI_API_KEY")
            and not (base_url or os.environ.get("OPENAI_BASE_URL"))
        ):
            raise ImproperlyConfiguredBackend(
                f"No API key for the AI backend {name!r}: set the OPENAI_API_KEY environment "
                f"variable or BACKENDS[{name!r}]['API_KEY'], or BACKENDS[{name!r}]['BASE_URL'] "
                "for an OpenAI-compatible server that needs no key."
            )
        return cls(
            model=read.string("MODEL", DEFAULT_MODEL),
            base_url=base_url,
            organization=read.string("ORGANIZATION"),
            **common,
        )


@dataclass(frozen=True)
class AzureOpenAIConfig(SDKConfig):
    """Configuration of :class:`AzureOpenAIBackend` (see the module docstring for the keys)."""

    azure_endpoint: str | None = None
    api_version: str | None = None
    deployment: str = ""

    KEYS: ClassVar[tuple[str, ...]] = (*_COMMON_KEYS, "AZURE_ENDPOINT", "API_VERSION", "DEPLOYMENT")

    @classmethod
    def from_settings(cls, name: str, settings: Mapping[str, Any]) -> AzureOpenAIConfig:
        read = BackendSettings(name, settings, cls.KEYS)
        common = cls._common(read)
        # None means "let the SDK read its environment variable"; check it is there so the
        # error names our setting as well.
        endpoint = read.string("AZURE_ENDPOINT")
        if endpoint is None and not os.environ.get("AZURE_OPENAI_ENDPOINT"):
            raise ImproperlyConfiguredBackend(
                f"No Azure endpoint for the AI backend {name!r}: set "
                f"BACKENDS[{name!r}]['AZURE_ENDPOINT'] or the AZURE_OPENAI_ENDPOINT "
                "environment variable."
            )
        api_version = read.string("API_VERSION")
        if api_version is None and not os.environ.get("OPENAI_API_VERSION"):
            raise ImproperlyConfiguredBackend(
                f"No Azure API version for the AI backend {name!r}: set "
                f"BACKENDS[{name!r}]['API_VERSION'] (e.g. '2024-10-21') or the "
                "OPENAI_API_VERSION environment variable."
            )
        if common["api_key"] is None and not (
            os.environ.get("AZURE_OPENAI_API_KEY") or os.environ.get("AZURE_OPENAI_AD_TOKEN")
        ):
            raise ImproperlyConfiguredBackend(
                f"No API key for the AI backend {name!r}: set the AZURE_OPENAI_API_KEY "
                f"environment variable or BACKENDS[{name!r}]['API_KEY']."
            )
        deployment = read.string("DEPLOYMENT") or read.string("MODEL")
        if deployment is None:
            raise ImproperlyConfiguredBackend(
                f"Set BACKENDS[{name!r}]['DEPLOYMENT'] to the Azure deployment name."
            )
        return cls(
            model=read.string("MODEL", deployment),
            azure_endpoint=endpoint,
            api_version=api_version,
            deployment=deployment,
            **common,
        )
