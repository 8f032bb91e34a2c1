"""A new Wagtail project with the package installed from its wheel, by the README's steps.

Run by ``make test-install`` (``WAB_INSTALL_TEST=1``; the plain test run does not collect
this folder). In a temporary folder:

1. a copy of the checkout as git sees it (no ``node_modules``, no built bundles), then
   ``python -m build`` in it: an sdist, for which ``setup.py`` runs ``npm ci`` and
   ``npm run build``, then the wheel built from that sdist (so the sdist must carry what
   building needs);
2. a fresh virtualenv and ``wagtail start mysite``;
3. the README's "Adding it to an existing Wagtail project": its first ``pip install``
   with the wheel for ``wagtail-ai-blocks`` (the other two are for the embedded model, not
   used here), its settings block appended to ``mysite/settings/base.py`` with Redis at the
   test's own server, then the page model of "Adding AI to your pages" appended to
   ``home/models.py``, ``makemigrations`` and ``migrate``;
4. ``manage.py runserver`` with ``OPENAI_BASE_URL`` at the fake OpenAI server (no key).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.install.readme import INSTALL_SECTION, PAGES_SECTION, block_starting, pip_installs
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
README_REDIS = "redis://127.0.0.1:6379"

SETUP_DATA = """
from django.contrib.auth import get_user_model
from home.models import ArticlePage, HomePage

get_user_model().objects.create_superuser("admin", "admin@example.com", "changeme")
home = HomePage.objects.first()
body = "<p>Bees pollinate most of the crops we eat.</p>"
article = home.add_child(instance=ArticlePage(title="Why bees matter", body=body))
print(article.pk)
"""


@dataclass
class InstalledSite:
    url: str
    article_id: int
    check_output: str


def run(*command, cwd=None, env=None) -> str:
    """Run ``command``; its output (stdout, then stderr), or an error showing it."""
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout + result.stderr


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"runserver exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def _fresh_checkout(target: Path) -> Path:
    """The files a clone of this working tree would have (ignored files left out)."""
    listed = run("git", "-C", ROOT, "ls-files", "--cached", "--others", "--exclude-standard")
    for name in listed.splitlines():
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not (target / "wagtail_ai_blocks" / "static").exists()
    return target


@pytest.fixture(scope="session")
def installed_site(tmp_path_factory, redis_server, fake_openai_server):
    work = tmp_path_factory.mktemp("install")
    checkout = _fresh_checkout(work / "checkout")
    run(sys.executable, "-m", "build", "--outdir", work / "dist", checkout)
    [wheel] = (work / "dist").glob("*.whl")

    venv = work / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    for arguments in pip_installs():
        if arguments == ["wagtail-ai-blocks"]:
            run(python, "-m", "pip", "install", "--quiet", wheel)
    run(venv / "bin" / "wagtail", "start", "mysite", cwd=work)
    site = work / "mysite"

    settings = block_starting(INSTALL_SECTION, "# settings.py, at the end")
    assert README_REDIS in settings
    with open(site / "mysite" / "settings" / "base.py", "a") as base:
        base.write("\n" + settings.replace(README_REDIS, redis_server.url))
    with open(site / "home" / "models.py", "a") as models:
        models.write("\n" + block_starting(PAGES_SECTION, "# myapp/models.py"))

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DJANGO_"))},
        "OPENAI_BASE_URL": fake_openai_server.base_url,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    manage = [python, "manage.py"]
    run(*manage, "makemigrations", cwd=site, env=env)
    run(*manage, "migrate", "--noinput", cwd=site, env=env)
    check_output = run(*manage, "check", cwd=site, env=env)
    created = run(*manage, "shell", "-c", SETUP_DATA, cwd=site, env=env)
    article_id = int(created.strip().splitlines()[-1])

    port = free_port()
    server = subprocess.Popen(
        [*map(str, manage), "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/admin/login/", server)
        yield InstalledSite(url=url, article_id=article_id, check_output=check_output)
    finally:
        server.terminate()
        server.wait(timeout=10)
