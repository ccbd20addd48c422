# Every target sets up what it needs: a fresh clone only needs `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run chat test lint validate review bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## Start the bot (TELEGRAM_BOT_TOKEN in the environment or .env)
	$(BIN)/careerbot run

chat: $(STAMP)  ## Play the quiz in this terminal, no Telegram needed
	$(BIN)/careerbot chat

validate: $(STAMP)  ## Check the question and profile files
	$(BIN)/careerbot validate

review: $(STAMP)  ## Browse the anonymous score log in Datasette (read-only)
	$(BIN)/careerbot logs review

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
