"""Compile the translation catalogues (.po -> .mo) into every build.

Everything else about the package is in pyproject.toml. This hook runs
``msgfmt`` (GNU gettext) before the package data is collected, so the wheel,
and an editable install's source tree, carry compiled catalogues;
wagtail_ai_blocks/locale/*/LC_MESSAGES/*.mo are not committed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "wagtail_ai_blocks" / "locale"


class BuildPyWithCatalogues(build_py):
    def run(self) -> None:
        catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
        if catalogues and shutil.which("msgfmt") is None:
            raise SystemExit("Building wagtail-ai-blocks needs msgfmt: apt-get install gettext")
        for po in catalogues:
            subprocess.run(
                ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True
            )
        super().run()


setup(cmdclass={"build_py": BuildPyWithCatalogues})
