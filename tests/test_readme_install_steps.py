"""The README blocks that `make test-install` runs are where it looks for them."""

from __future__ import annotations

from tests.install.readme import INSTALL_SECTION, PAGES_SECTION, block_starting, pip_installs


def test_the_install_section_has_the_pip_commands_and_settings():
    assert pip_installs()[0] == ["wagtail-ai-blocks"]
    settings = block_starting(INSTALL_SECTION, "# settings.py, at the end")
    compile(settings, "settings.py", "exec")
    assert '"CACHE_ALIAS": "ai"' in settings


def test_the_page_model_compiles():
    compile(block_starting(PAGES_SECTION, "# myapp/models.py"), "models.py", "exec")
