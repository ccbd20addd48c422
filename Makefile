# Every target sets up what it needs: a fresh clone only needs `make run` or `make test`.
# Installs come from uv.lock through uv (pinned below): a uv of that version on the PATH is used,
# otherwise pip installs one into .bootstrap/. Each target syncs .venv first, which also rebuilds
# a .venv made by another Python or left broken by a failed install.
UV_VERSION := 0.13.9
BOOTSTRAP_PYTHON ?= python3
BOOTSTRAP := .bootstrap
VENV := .venv
BIN := $(VENV)/bin

# uv uses a Python already installed here (PYTHON=python3.12 picks one), never downloads one.
export UV_PYTHON_DOWNLOADS := never
PYTHON ?=
SYNC := sync --frozen $(if $(PYTHON),--python $(PYTHON))

UV := $(shell v=$$(command -v uv) && "$$v" --version 2>/dev/null | grep -q '^uv $(UV_VERSION)\b' && echo "$$v")
ifeq ($(UV),)
UV := $(BOOTSTRAP)/bin/uv
UV_DEP := $(BOOTSTRAP)/.uv-$(UV_VERSION)
endif

.DEFAULT_GOAL := help
.PHONY: help run chat demo validate review test test-browser browser lint lock-check lock venv venv-run bench soak clean catalogues catalogue

help:  ## List the targets and what each does
	@echo "Usage: make TARGET   (a fresh clone needs only 'make run' or 'make test')"
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z][a-z.-]*:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: venv-run  ## Start the bot (TELEGRAM_BOT_TOKEN in the environment or .env)
	$(BIN)/careerbot run

chat: venv-run  ## Play the quiz in this terminal, no Telegram needed
	$(BIN)/careerbot chat

demo: venv-run  ## Add 300 simulated results to scores.db, to try the logs commands and /stats
	$(BIN)/careerbot logs demo

validate: venv-run  ## Check the question and profile files, every problem at once
	$(BIN)/careerbot validate

review: venv-run  ## Browse the anonymous score log in Datasette (read-only, Ctrl+C stops)
	$(UV) $(SYNC) --no-dev --inexact --extra review
	$(BIN)/careerbot logs review

test: lint browser  ## Lint, type-check, check the layers and run every test (the browser's too)
	$(BIN)/pytest

test-browser: venv browser  ## Only the dashboard test in headless Chromium (tests/test_dashboard_browser.py)
	$(BIN)/pytest tests/test_dashboard_browser.py

# Debian's chromium for the dashboard test, installed with apt-get when missing and run as root
# (as in CI); elsewhere the test is skipped and says why (under CI=true it fails instead).
# Playwright drives this browser and never downloads one of its own.
browser:  ## Install Debian's chromium for the dashboard test, when missing (needs root and apt-get)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the dashboard test (apt-get)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	    || echo "note: chromium could not be installed: the dashboard test will say so" >&2; \
	else \
	  echo "note: no chromium, and installing it needs root and apt-get:" \
	    "the dashboard test will be skipped (apt-get install chromium)" >&2; \
	fi

lint: lock-check venv  ## ruff, mypy and import-linter only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The bot's own texts: one gettext catalogue per language (docs/translating.md). A message id is
# a key: `t("key", …)`, `tn("key", count, …)` for a counted text, `N_("key")` in a table.
LOCALES := bot/presentation/locales
POT := build/careerbot.pot
EXTRACT := $(BIN)/pybabel -q extract --no-default-keywords -k t -k tn:1,1 -k N_ \
	--no-location --sort-output --omit-header --width 100 -o $(POT) bot

catalogues: venv  ## Extract the texts' keys from the code into every .po, then compile each to .mo
	@mkdir -p build
	$(EXTRACT)
	$(BIN)/pybabel -q update -D careerbot -i $(POT) -d $(LOCALES) \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 100
	$(BIN)/pybabel -q compile -D careerbot -d $(LOCALES) --statistics

catalogue: venv  ## Start the catalogue of a new language: make catalogue CODE=eo
	@test -n "$(CODE)" || { echo "usage: make catalogue CODE=<language code>" >&2; exit 2; }
	@mkdir -p build
	$(EXTRACT)
	$(BIN)/pybabel -q init -D careerbot -i $(POT) -d $(LOCALES) -l $(CODE) --width 100

bench: venv  ## Measure start-up, charts, and the bot under load against a bare floor (docs/benchmarks.md)
	$(BIN)/python -m bench

soak: venv  ## The fault campaign at length: 500 people over 8 minutes, memory and fds must stay flat
	$(BIN)/python -m tests.support.soak

lock: $(UV_DEP)  ## Update uv.lock after editing the dependencies in pyproject.toml
	$(UV) lock

lock-check: $(UV_DEP)  ## Fail if uv.lock is out of date with pyproject.toml
	@$(UV) lock --check || { \
	  echo "error: uv.lock does not match pyproject.toml: run 'make lock' and commit uv.lock" >&2; \
	  exit 1; }

venv: $(UV_DEP)  ## Create or update .venv with the bot and the dev tools, exactly as uv.lock says
	$(UV) $(SYNC)

venv-run: $(UV_DEP)  ## Install only what the bot needs to run (with its charts and PDF) into .venv
	$(UV) $(SYNC) --no-dev --inexact --extra charts --extra pdf

# Kept for scripts that asked for the old stamp file.
$(VENV)/.installed: venv
	@touch $@

$(UV_DEP):
	rm -rf $(BOOTSTRAP)
	$(BOOTSTRAP_PYTHON) -m venv $(BOOTSTRAP)
	$(BOOTSTRAP)/bin/pip install --quiet uv==$(UV_VERSION)
	@touch $@

clean:  ## Remove .venv, the uv bootstrap and the tool caches
	rm -rf $(VENV) $(BOOTSTRAP) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache
