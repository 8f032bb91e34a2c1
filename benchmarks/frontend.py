"""Frontend weight: the bytes our bundles add to the Wagtail page editor.

For each page type of the demo, the edit view is rendered as an editor sees it
and every script and stylesheet it references is read from the static files:
ours (``wagtail_ai_blocks/``) against everything else the editor loads
(Wagtail's own admin assets), raw and gzip-compressed (level 6, what servers
typically use). The inline ``json_script`` config we add to every admin page is
counted with ours.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from benchmarks.stats import Row

_ASSET = re.compile(
    r"""<script[^>]*\ssrc=["']([^"']+)["']|<link[^>]*\shref=["']([^"']+\.css[^"']*)["']"""
)
_CONFIG = re.compile(
    r"""<script[^>]*id=["']wagtail-ai-blocks-config["'][^>]*>(.*?)</script>""", re.S
)
OURS = "wagtail_ai_blocks/"


def _size(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def _total(contents) -> tuple[int, int]:
    """Raw and gzip bytes, each file compressed on its own (as it is served)."""
    sizes = [_size(data) for data in contents]
    return sum(raw for raw, _ in sizes), sum(packed for _, packed in sizes)


def _kb(raw: int, packed: int) -> str:
    return f"{raw / 1024:.1f} kB raw / {packed / 1024:.1f} kB gzip"


def _assets(html: str) -> list[str]:
    from django.conf import settings

    found = []
    for script, style in _ASSET.findall(html):
        url = (script or style).split("?", 1)[0]
        if url.startswith(settings.STATIC_URL):
            found.append(url[len(settings.STATIC_URL) :])
    return list(dict.fromkeys(found))


def _read(relative: str) -> bytes:
    from django.contrib.staticfiles import finders

    path = finders.find(relative)
    if path is None:
        raise RuntimeError(f"static file not found: {relative} (run `npm run build`)")
    return Path(path).read_bytes()


def weight_rows() -> list[Row]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Page

    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(username="admin"))
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page).__name__, page)
    rows = []
    for name, page in pages.items():
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        if response.status_code != 200:
            raise RuntimeError(f"editing {name}: HTTP {response.status_code}")
        html = response.content.decode()
        assets = _assets(html)
        ours = [asset for asset in assets if asset.startswith(OURS)]
        theirs = [asset for asset in assets if not asset.startswith(OURS)]
        config = "".join(_CONFIG.findall(html)).encode()
        our_raw, our_gz = _total(_read(asset) for asset in ours)
        config_raw, config_gz = _size(config)
        their_raw, their_gz = _total(_read(asset) for asset in theirs)
        listed = ", ".join(Path(asset).name for asset in ours) or "no bundle"
        rows.append(
            Row(
                f"Frontend weight: {name} editor",
                _kb(our_raw + config_raw, our_gz + config_gz),
                f"Wagtail's editor assets: {_kb(their_raw, their_gz)}",
                f"+{100 * (our_gz + config_gz) / their_gz:.1f}% gzip",
                f"{listed}; inline config {config_raw / 1024:.1f} kB",
            )
        )
    rows.append(all_bundles_row(rows_baseline=their_raw, rows_baseline_gz=their_gz))
    return rows


def all_bundles_row(*, rows_baseline: int, rows_baseline_gz: int) -> Row:
    from django.contrib.staticfiles import finders

    root = Path(finders.find("wagtail_ai_blocks/js")).parent
    files = sorted(p for p in root.rglob("*") if p.suffix in {".js", ".css"})
    raw, packed = _total(p.read_bytes() for p in files)
    return Row(
        "Frontend weight: every bundle we build",
        _kb(raw, packed),
        f"Wagtail's editor assets: {_kb(rows_baseline, rows_baseline_gz)}",
        f"+{100 * packed / rows_baseline_gz:.1f}% gzip",
        "upper bound: " + ", ".join(p.name for p in files),
    )
