"""Build hooks: wheels and sdists carry the compiled catalogues and the built frontend.

Translation catalogues: ``msgfmt`` (GNU gettext) compiles every ``.po`` before the package
data is collected, so the wheel, and an editable install's source tree, carry compiled
catalogues; wagtail_ai_blocks/locale/*/LC_MESSAGES/*.mo are not committed.

Frontend: the compiled bundles (``wagtail_ai_blocks/static/wagtail_ai_blocks/``) are not in git.
``pip install <checkout>``, ``python -m build`` (sdist, then the wheel from the sdist) and
``python setup.py sdist`` run ``npm ci`` and ``npm run build`` first when the bundles are
missing or older than their sources, so every install has them. An sdist carries both the
sources (``MANIFEST.in``) and the bundles, so a wheel built from it needs Node.js only if
the bundles were removed. Editable installs (``pip install -e .``) build nothing: the
Makefile's ``frontend`` target does, and ``manage.py check`` reports missing bundles
(``wagtail_ai_blocks.E006``).

Everything else is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
LOCALE = ROOT / "wagtail_ai_blocks" / "locale"
OUT_DIR = ROOT / "wagtail_ai_blocks" / "static" / "wagtail_ai_blocks"
#: What the build reads; a bundle older than any of these is rebuilt.
SOURCES = ("frontend", "package.json", "package-lock.json")


def _newest(paths) -> float:
    newest = 0.0
    for path in paths:
        if path.is_dir():
            newest = max([newest, *(p.stat().st_mtime for p in path.rglob("*") if p.is_file())])
        elif path.exists():
            newest = max(newest, path.stat().st_mtime)
    return newest


def _bundles() -> list[Path]:
    return (
        [p for p in OUT_DIR.rglob("*") if p.suffix in (".js", ".css")] if OUT_DIR.is_dir() else []
    )


def frontend_is_stale() -> bool:
    bundles = _bundles()
    if not bundles:
        return True
    sources = [ROOT / name for name in SOURCES]
    if not sources[0].is_dir():
        return False  # an sdist or tree without the sources: the bundles are all there is
    return min(p.stat().st_mtime for p in bundles) < _newest(sources)


def build_frontend() -> None:
    if not frontend_is_stale():
        return
    if not (ROOT / "frontend").is_dir():
        raise SystemExit(
            "wagtail-ai-blocks: the built frontend is missing and there are no frontend "
            "sources to build it from."
        )
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "wagtail-ai-blocks: building the admin frontend needs Node.js and npm "
            "(https://nodejs.org/), or install a released wheel instead."
        )
    installed = ROOT / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < _newest([ROOT / "package-lock.json"]):
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    subprocess.run([npm, "run", "--silent", "build"], cwd=ROOT, check=True)


def compile_catalogues() -> None:
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    if catalogues and shutil.which("msgfmt") is None:
        raise SystemExit("Building wagtail-ai-blocks needs msgfmt: apt-get install gettext")
    for po in catalogues:
        subprocess.run(["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True)


class BuildPy(build_py):
    def run(self) -> None:
        compile_catalogues()
        if not getattr(self, "editable_mode", False):
            build_frontend()
        super().run()


class SdistWithFrontend(sdist):
    def run(self) -> None:
        build_frontend()
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": SdistWithFrontend})
