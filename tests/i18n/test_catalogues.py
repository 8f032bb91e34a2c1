"""The translation catalogues: up to date with the marked strings, compilable, plurals right."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "wagtail_ai_blocks" / "locale"
SCRIPT = ROOT / "scripts" / "messages.py"
LANGUAGES = ["fr", "de", "es", "it", "nl", "pt_BR", "pl", "sv", "uk", "ja", "zh_Hans", "ar"]
DOMAINS = ["django", "djangojs"]


def _header(po: Path, field: str) -> str:
    """A header field of a .po file (header lines may be wrapped)."""
    text = po.read_text(encoding="utf-8")
    block = re.search(r'^msgid ""\nmsgstr ""\n((?:".*"\n)+)', text, re.MULTILINE)
    assert block, f"{po} has no header"
    joined = "".join(line[1:-1] for line in block.group(1).splitlines())
    fields = dict(line.split(": ", 1) for line in joined.split("\\n") if ": " in line)
    assert field in fields, f"{po} has no {field} header"
    return fields[field]


def _run_check(locale_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--locale-dir", str(locale_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_has_both_catalogues(language, domain):
    assert (LOCALE / language / "LC_MESSAGES" / f"{domain}.po").is_file()


def test_catalogues_hold_every_marked_string():
    result = _run_check(LOCALE)
    assert result.returncode == 0, result.stderr


def test_check_fails_when_a_marked_string_is_missing(tmp_path):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    po = copy / "fr" / "LC_MESSAGES" / "djangojs.po"
    text = po.read_text(encoding="utf-8")
    entry = re.search(r'\nmsgid "Ask"\nmsgstr "[^"]*"\n', text)
    assert entry, "the fixture string is in the catalogue"
    po.write_text(text.replace(entry.group(0), "\n"), encoding="utf-8")

    result = _run_check(copy)

    assert result.returncode == 1
    assert "fr/LC_MESSAGES/djangojs.po is out of date" in result.stderr
    assert '+msgid "Ask"' in result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogue_plural_forms_match_djangos_for_the_language(language, domain):
    """Django merges our catalogue with its own: the plural rules must be the same.

    The headers are copied from Django 5.2's catalogues (scripts/messages.py). Django 6.0
    changed some (Spanish has two forms there, three in 5.2); a catalogue whose rules
    differ from Django's is still used correctly (Django keeps it apart with its own
    plural function), so the comparison is made on the Django the headers came from."""
    if django.VERSION[:2] != (5, 2):
        pytest.skip("the catalogues' plural headers are copied from Django 5.2's")
    ours = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    djangos = Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES"
    assert _header(ours, "Plural-Forms") == _header(djangos / "django.po", "Plural-Forms")
    assert _header(ours, "Language") == language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogue_compiles_with_no_fuzzy_entries(language, domain, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "out.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr
