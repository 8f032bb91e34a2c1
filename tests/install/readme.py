"""The README's installation steps as data, so that the install test runs exactly them.

``code_blocks("Adding it to an existing Wagtail project")`` returns the fenced blocks of
that section, in order, as ``(language, text)``.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
INSTALL_SECTION = "Adding it to an existing Wagtail project"
PAGES_SECTION = "Adding AI to your pages"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def section(title: str, text: str | None = None) -> str:
    text = README.read_text() if text is None else text
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise LookupError(f"README.md has no section {title!r}")
    return match.group(1)


def code_blocks(title: str, text: str | None = None) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(section(title, text))]


def block_starting(title: str, first_line: str) -> str:
    """The one code block of section ``title`` whose first line is ``first_line``."""
    found = [code for _lang, code in code_blocks(title) if code.startswith(first_line + "\n")]
    if len(found) != 1:
        raise LookupError(f"README.md, {title!r}: {len(found)} blocks start with {first_line!r}")
    return found[0]


def pip_installs(title: str = INSTALL_SECTION) -> list[list[str]]:
    """The ``pip install`` commands of the section's shell blocks, as argument lists."""
    commands = []
    for language, code in code_blocks(title):
        if language != "sh":
            continue
        for line in code.splitlines():
            command = line.split("#", 1)[0].split()
            if command[:2] == ["pip", "install"]:
                commands.append([arg.strip('"') for arg in command[2:]])
    return commands
