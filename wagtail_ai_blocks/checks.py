"""Django system checks (ids ``wagtail_ai_blocks.E0xx`` / ``W0xx``)."""

from __future__ import annotations
