"""Delimited data blocks: how editor text reaches the model without becoming instructions.

A block opens with ``[[NAME id]]`` and closes with ``[[/NAME id]]`` on their own
lines. ``id`` is derived from the content itself, so text inside a block cannot
contain its own closing marker: to forge it, an attacker would need the hash of
the text that contains the hash. The id is deterministic, so the same input
always builds the same messages.
"""

from __future__ import annotations

import hashlib
import re

#: Matches a marker line, so post-processing can remove one the model echoed.
MARKER_RE = re.compile(r"^[ \t]*\[\[/?[A-Z]+(?: [0-9a-f]{8})?\]\][ \t]*$\n?", re.MULTILINE)


def block_id(name: str, content: str) -> str:
    return hashlib.sha256(f"{name}\x00{content}".encode()).hexdigest()[:8]


def delimit(name: str, content: str) -> str:
    """``content`` between ``[[NAME id]]`` and ``[[/NAME id]]`` lines."""
    ident = block_id(name, content)
    return f"[[{name} {ident}]]\n{content}\n[[/{name} {ident}]]"
