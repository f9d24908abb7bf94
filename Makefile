# Daily tasks. Only python3 is needed: `make setup` makes .venv and installs govqa into it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup repl serve test lint bench load eval sets clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

repl: $(STAMP)
	$(BIN)/govqa repl

serve: $(STAMP)
	$(BIN)/govqa serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/govqa eval tests/data/qa.jsonl
	@if [ -f ../shared/qa/dev.jsonl ]; then $(BIN)/govqa eval ../shared/qa/dev.jsonl; fi

# every question set of tests/data: held-out parts in aggregate only (README "Answer quality")
sets: $(STAMP)
	$(BIN)/python benchmarks/question_sets.py $(ARGS)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/govqa bench $(ARGS)

load: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python benchmarks/load.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache
