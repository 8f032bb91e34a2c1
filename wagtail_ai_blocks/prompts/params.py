"""Action parameters: the only values the browser may send besides the text.

Each :class:`Param` declares what it accepts. Choices map a value to the words
the prompt uses for it, so the browser never sends prompt text; the one free
text parameter (``ask``'s ``instruction``) is bounded and quoted as data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import global_settings, settings
from django.conf.locale import LANG_INFO
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.exceptions import BadRequest
from wagtail_ai_blocks.prompts.blocks import delimit

StrOrPromise = str | Promise
ParamKind = Literal["choice", "language", "text"]

_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,2}$")

#: Names for codes Django's ``LANG_INFO`` does not list.
EXTRA_LANGUAGE_NAMES = {
    "zh": "Chinese",
    "en-us": "American English",
    "pt-pt": "European Portuguese",
    "es-es": "European Spanish",
    "fil": "Filipino",
    "am": "Amharic",
    "ha": "Hausa",
    "yo": "Yoruba",
    "zu": "Zulu",
}

#: Offered in the translate menu after the site's own languages.
COMMON_LANGUAGES = (
    "en",
    "es",
    "fr",
    "de",
    "it",
    "pt",
    "pt-br",
    "nl",
    "pl",
    "sv",
    "da",
    "nb",
    "fi",
    "cs",
    "el",
    "hu",
    "ro",
    "tr",
    "ru",
    "uk",
    "ar",
    "he",
    "hi",
    "id",
    "vi",
    "th",
    "ja",
    "ko",
    "zh-hans",
    "zh-hant",
)


@dataclass(frozen=True)
class Choice:
    """One allowed value: what the browser sends, what the editor reads, what the model reads."""

    value: str
    label: StrOrPromise
    prompt: str = ""

    @property
    def prompt_text(self) -> str:
        return self.prompt or self.value


@dataclass(frozen=True)
class Param:
    """A parameter an action accepts.

    ``kind``:

    - ``"choice"``: one of ``choices``;
    - ``"language"``: a language code (see :func:`normalise_language`);
    - ``"text"``: free text bounded by the setting named in ``max_length_setting``
      and quoted as a delimited data block wherever the prompt uses it.
    """

    name: str
    label: StrOrPromise
    kind: ParamKind = "choice"
    choices: tuple[Choice, ...] = ()
    required: bool = True
    default: str | None = None
    max_length_setting: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("choice", "language", "text"):
            raise ValueError(f"Unknown parameter kind {self.kind!r}.")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"Choice parameter {self.name!r} needs choices.")

    @property
    def field(self) -> str:
        """The name error responses use for this parameter."""
        return f"params.{self.name}"

    def clean(self, value: Any) -> str:
        """Validate a value from the browser; return its canonical form."""
        if not isinstance(value, str):
            raise BadRequest(_("This option must be text."), detail={"field": self.field})
        if self.kind == "choice":
            for choice in self.choices:
                if choice.value == value:
                    return value
            raise BadRequest(
                _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(str(choice.label) for choice in self.choices)},
                detail={"field": self.field},
            )
        if self.kind == "language":
            code = normalise_language(value)
            if code is None:
                raise BadRequest(
                    _("Choose a language from the list."), detail={"field": self.field}
                )
            return code
        text = value.strip()
        if not text:
            raise BadRequest(_("This option cannot be empty."), detail={"field": self.field})
        limit = conf.get(self.max_length_setting) if self.max_length_setting else None
        if limit is not None and len(text) > limit:
            raise BadRequest(
                _("Keep this under %(limit)s characters.") % {"limit": limit},
                detail={"field": self.field, "max_chars": limit},
            )
        return text

    def prompt_text(self, value: str) -> str:
        """What the system prompt says for a cleaned value."""
        if self.kind == "choice":
            return next(c.prompt_text for c in self.choices if c.value == value)
        if self.kind == "language":
            return f"{language_name(value)} ({value})"
        return delimit(self.name.upper(), value)

    def as_client_dict(self) -> dict[str, Any]:
        """JSON-safe description for the browser (labels in the active language)."""
        data: dict[str, Any] = {
            "name": self.name,
            "label": str(self.label),
            "kind": self.kind,
            "required": self.required,
            "default": self.default,
        }
        if self.kind == "choice":
            data["choices"] = [{"value": c.value, "label": str(c.label)} for c in self.choices]
        elif self.kind == "language":
            # ``site``: one of the site's own languages, offered first; the browser
            # leaves out the page's own language, so translating defaults to the others.
            site = set(_configured_languages())
            data["choices"] = [
                {"value": c.value, "label": str(c.label), "site": c.value in site}
                for c in language_choices()
            ]
        elif self.max_length_setting:
            data["max_length"] = conf.get(self.max_length_setting)
        return data


# -- languages -------------------------------------------------------------------


def _configured_languages() -> dict[str, StrOrPromise]:
    """Languages the site itself uses, most specific setting first.

    ``WAGTAIL_CONTENT_LANGUAGES``, then ``LANGUAGES`` if the project set it (Django's
    default lists every language, which says nothing about the site), then
    ``LANGUAGE_CODE``.
    """
    languages: dict[str, StrOrPromise] = {}
    sources = [getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or ()]
    if settings.LANGUAGES != global_settings.LANGUAGES:
        sources.append(settings.LANGUAGES)
    for source in sources:
        for code, label in source:
            languages.setdefault(_canonical(code), label)
    default = _canonical(settings.LANGUAGE_CODE)
    if default not in languages:
        languages[default] = _(_builtin_language_name(default) or default)
    return languages


def _canonical(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def _known_languages() -> set[str]:
    return set(LANG_INFO) | set(EXTRA_LANGUAGE_NAMES) | set(_configured_languages())


def normalise_language(code: str) -> str | None:
    """The canonical (lower-case, hyphenated) form of ``code``, or None if unknown.

    Accepted: any code Django knows (``LANG_INFO``), the site's ``LANGUAGES`` and
    ``WAGTAIL_CONTENT_LANGUAGES``, a few more common ones, and regional variants of
    those (``en-ca``, ``fr-be``).
    """
    if not isinstance(code, str) or len(code) > 20:
        return None
    candidate = _canonical(code)
    if not _LANGUAGE_RE.match(candidate):
        return None
    known = _known_languages()
    if candidate in known or candidate.split("-")[0] in known:
        return candidate
    return None


def _builtin_language_name(code: str) -> str | None:
    for candidate in (code, code.split("-")[0]):
        if candidate in EXTRA_LANGUAGE_NAMES:
            return EXTRA_LANGUAGE_NAMES[candidate]
        info = LANG_INFO.get(candidate)
        if info and "name" in info:
            return info["name"]
        if info and "fallback" in info:
            return LANG_INFO[info["fallback"][0]]["name"]
    return None


def language_name(code: str) -> str:
    """English name for a language code, for the prompt ("German", "Brazilian Portuguese")."""
    name = _builtin_language_name(code)
    if name:
        return name
    configured = _configured_languages().get(code)
    return str(configured) if configured else code


def language_choices() -> list[Choice]:
    """Languages offered in the translate menu: the site's first, then common ones."""
    choices: dict[str, Choice] = {}
    for code, label in _configured_languages().items():
        choices[code] = Choice(code, label)
    for code in COMMON_LANGUAGES:
        if code not in choices:
            # Django's catalogues translate language names ("German" -> "Deutsch").
            choices[code] = Choice(code, _(language_name(code)))
    return list(choices.values())
