"""The package metadata claims exactly the versions `make test` runs (pyproject.toml).

``CI_MATRIX`` mirrors the Makefile's three environments (``test-python`` in .venv,
``test-oldest-wagtail`` in .venv-wagtail74, ``test-django6`` in .venv-django6). Each run
checks that it is one of them, and the classifiers must name every version of the matrix
and no other.
"""

from __future__ import annotations

import platform
import sys
import tomllib
from pathlib import Path

import django
import wagtail
from packaging.specifiers import SpecifierSet

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

#: (Python, Django, Wagtail major) of each environment of `make test`.
CI_MATRIX = {("3.11", "5.2", "8"), ("3.11", "5.2", "7"), ("3.12", "6.0", "8")}


def project() -> dict:
    with PYPROJECT.open("rb") as handle:
        return tomllib.load(handle)["project"]


def claimed(prefix: str) -> set[str]:
    return {
        classifier.removeprefix(prefix)
        for classifier in project()["classifiers"]
        if classifier.startswith(prefix) and classifier.removeprefix(prefix)[:1].isdigit()
    }


def test_this_run_is_one_of_the_ci_environments():
    running = (
        f"{sys.version_info.major}.{sys.version_info.minor}",
        f"{django.VERSION[0]}.{django.VERSION[1]}",
        str(wagtail.VERSION[0]),
    )
    assert running in CI_MATRIX
    assert SpecifierSet(project()["requires-python"]).contains(platform.python_version())


def test_classifiers_claim_what_ci_runs_and_nothing_else():
    pythons = {v for v in claimed("Programming Language :: Python :: ") if "." in v}
    assert pythons == {p for p, _d, _w in CI_MATRIX}
    assert claimed("Framework :: Django :: ") == {d for _p, d, _w in CI_MATRIX}
    assert claimed("Framework :: Wagtail :: ") == {w for _p, _d, w in CI_MATRIX}
    lowest_python = min(p for p, _d, _w in CI_MATRIX)
    assert project()["requires-python"] == f">={lowest_python}"
