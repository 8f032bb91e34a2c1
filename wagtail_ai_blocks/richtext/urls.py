"""Which link targets may reach the editor."""

from __future__ import annotations

import re

from wagtail.whitelist import check_url

_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEME_RE = re.compile(r"^([a-z0-9][a-z0-9+.\-]*):")
_URL_NOISE_RE = re.compile(r"[`\x00-\x20\x7f-\xa0\s\ufffd]+")


def is_safe_url(url: str) -> bool:
    """Whether a link target may reach the editor.

    Absolute URLs must use http, https, mailto or tel; relative URLs and anchors
    are allowed. Control characters and whitespace are removed before looking at
    the scheme, because browsers ignore them (``jav&#9;ascript:``).
    """
    if not isinstance(url, str):
        return False
    probe = _URL_NOISE_RE.sub("", url).lower()
    if not probe:
        return False
    match = SCHEME_RE.match(probe)
    if match and match.group(1) not in _SAFE_SCHEMES:
        return False
    # Wagtail's own check as well, so we are never looser than Wagtail.
    return check_url(url) is not None
