"""Extract, check and compile the package's translation catalogues.

    python scripts/messages.py            # update every locale's django.po and djangojs.po
    python scripts/messages.py -l eo      # also start a catalogue for a new language
    python scripts/messages.py --check    # fail if a marked string is missing (CI)
    python scripts/messages.py --compile  # .po -> .mo (what the build ships)
    python scripts/messages.py --status   # untranslated and fuzzy entries per catalogue

`django` comes from the package's Python and templates, `djangojs` from the
TypeScript in frontend/src (gettext/ngettext from frontend/src/i18n.ts). Both
run Django's makemessages with locations left out and fuzzy matching off, so
a catalogue changes only where a string changed, and a run that changes no
string leaves every file byte for byte as it was (the POT-Creation-Date line
is kept): parallel branches adding strings then rarely conflict.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wagtail_ai_blocks"
LOCALE = PACKAGE / "locale"
FRONTEND = ROOT / "frontend" / "src"
FRONTEND_IGNORE = (".test.ts", ".test.tsx", ".d.ts")
DATE_LINE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)


def _setup_django(locale_dir: Path) -> None:
    import django
    from django.conf import settings

    settings.configure(USE_I18N=True, LOCALE_PATHS=[str(locale_dir)])
    django.setup()


def _command():
    from django.core.management.commands import makemessages

    class Command(makemessages.Command):
        # Fuzzy guesses for new strings are wrong more often than not, and a
        # fuzzy entry is dropped at compile time anyway: leave new entries empty.
        msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    return Command()


def catalogues(locale_dir: Path = LOCALE) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def extract(locale_dir: Path, new_locales: list[str]) -> None:
    """Run makemessages for both domains into ``locale_dir``."""
    from django.core.management import call_command

    before = {path: path.read_text(encoding="utf-8") for path in catalogues(locale_dir)}
    cwd = os.getcwd()
    # makemessages scans its working directory and would write into any locale/
    # it finds there: it scans copies (the package's Python and templates, the
    # frontend as plain JavaScript), so the only catalogues it writes are
    # ``locale_dir`` (LOCALE_PATHS[0]).
    with tempfile.TemporaryDirectory() as scratch:
        python, javascript = Path(scratch) / "python", Path(scratch) / "javascript"
        shutil.copytree(
            PACKAGE,
            python,
            ignore=shutil.ignore_patterns("locale", "static", "migrations", "__pycache__"),
        )
        _transpiled(javascript)
        try:
            for domain, directory, extensions in [
                ("django", python, ["html", "txt", "py"]),
                ("djangojs", javascript, ["js"]),
            ]:
                os.chdir(directory)
                call_command(
                    _command(),
                    domain=domain,
                    all=not new_locales,
                    locale=new_locales or None,
                    extensions=extensions,
                    no_location=True,
                    no_wrap=True,
                    no_obsolete=True,
                    verbosity=0,
                )
        finally:
            os.chdir(cwd)
    if new_locales:
        for locale in new_locales:
            for path in sorted(locale_dir.glob(f"{locale}/LC_MESSAGES/*.po")):
                if path not in before:
                    _fill_header(path, locale)
        extract(locale_dir, [])  # and refresh every other language
        return
    # The POT-Creation-Date of an existing catalogue stays as it was: a date that
    # changes with every new string would make every parallel change conflict.
    for path in catalogues(locale_dir):
        old = before.get(path)
        kept = DATE_LINE.search(old) if old else None
        new = path.read_text(encoding="utf-8")
        fresh = DATE_LINE.search(new)
        if kept and fresh:
            path.write_text(new.replace(fresh.group(0), kept.group(0), 1), encoding="utf-8")


def _transpiled(target: Path) -> None:
    """frontend/src as plain JavaScript (one file per source, no bundling) in ``target``.

    xgettext reads JavaScript; JSX or type syntax makes it skip strings."""
    sources = [
        str(path)
        for path in sorted(FRONTEND.rglob("*.ts*"))
        if path.suffix in {".ts", ".tsx"} and not path.name.endswith(FRONTEND_IGNORE)
    ]
    subprocess.run(
        [
            str(ROOT / "node_modules" / ".bin" / "esbuild"),
            *sources,
            f"--outbase={FRONTEND}",
            f"--outdir={target}",
            "--jsx=transform",
            "--charset=utf8",
            "--log-level=warning",
        ],
        check=True,
    )


def _fill_header(path: Path, locale: str) -> None:
    """Turn xgettext's placeholder header into ours (a fuzzy header is not compiled)."""
    text = path.read_text(encoding="utf-8")
    rest = text.split('msgid ""\n', 1)[1]
    created = re.search(r"POT-Creation-Date: ([^\\]*)", rest).group(1)
    for placeholder, value in {
        "PACKAGE VERSION": "wagtail-ai-blocks",
        "YEAR-MO-DA HO:MI+ZONE": created,
        "FULL NAME <EMAIL@ADDRESS>": "wagtail-ai-blocks contributors",
        "LANGUAGE <LL@li.org>": locale,
        '"Language: \\n"': f'"Language: {locale}\\n"',
    }.items():
        rest = rest.replace(placeholder, value, 1)
    header = "# Translations of wagtail-ai-blocks (see README, Translations).\n"
    path.write_text(header + 'msgid ""\n' + rest, encoding="utf-8")


def check(locale_dir: Path = LOCALE) -> int:
    """Regenerate into a copy and compare: 0 when the catalogues are up to date."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "locale"
        shutil.copytree(locale_dir, copy)
        _setup_django(copy)
        extract(copy, [])
        stale = [
            path.relative_to(copy)
            for path in catalogues(copy)
            if path.read_text(encoding="utf-8")
            != (locale_dir / path.relative_to(copy)).read_text(encoding="utf-8")
        ]
        for relative in stale:
            diff = subprocess.run(
                ["diff", "-u", str(locale_dir / relative), str(copy / relative)],
                capture_output=True,
                text=True,
            ).stdout
            print(f"{relative} is out of date:\n{diff}", file=sys.stderr)
    if stale:
        print("Run `make messages` and commit the catalogues.", file=sys.stderr)
        return 1
    return 0


def compile_catalogues() -> int:
    """Compile every .po that is newer than its .mo (msgfmt --check)."""
    for po in catalogues():
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
    return 0


def status() -> int:
    """Print the untranslated and fuzzy entries of each catalogue; 1 if any."""
    incomplete = 0
    for po in catalogues():
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", os.devnull, str(po)],
            capture_output=True,
            text=True,
            check=True,
        )
        line = result.stderr.strip()
        if "untranslated" in line or "fuzzy" in line:
            incomplete += 1
        print(f"{po.relative_to(LOCALE)}: {line}")
    return 1 if incomplete else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-l", "--locale", action="append", default=[], help="add a language")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--compile", action="store_true")
    mode.add_argument("--status", action="store_true")
    parser.add_argument("--locale-dir", type=Path, default=LOCALE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        return check(args.locale_dir)
    if args.compile:
        return compile_catalogues()
    if args.status:
        return status()
    _setup_django(LOCALE)
    extract(LOCALE, args.locale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
