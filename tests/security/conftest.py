"""Fixtures for the security tests: the API helpers from ``tests/api``."""

from __future__ import annotations

from tests.api.conftest import api_url, post_json  # noqa: F401  (fixtures, re-exported)
