# The two commands of the README: `make demo` and `make test`.
# Both create .venv from the pinned lock files on first use; nothing else is needed
# beyond Python >= 3.11.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench bench-pii lock clean

demo: $(VENV)/.main
	$(BIN)/netgov demo

test: $(VENV)/.dev
	$(BIN)/pytest -q -p no:cacheprovider -n auto

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports

bench: $(VENV)/.dev
	$(BIN)/python bench/scan.py

# Personal data against Presidio; installs Presidio into bench/.venv-presidio on first run.
bench-pii: $(VENV)/.dev
	$(BIN)/python bench/pii.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.main: requirements/main.lock pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q --require-hashes -r requirements/main.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements/dev.lock pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q --require-hashes -r requirements/dev.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.main

# Regenerate the lock files after changing dependencies in pyproject.toml.
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/main.lock
	uv pip compile pyproject.toml --extra dev --extra bench --generate-hashes --python-version 3.11 -o requirements/dev.lock

clean:
	rm -rf $(VENV)
