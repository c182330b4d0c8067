# FibroDesk: `make run` and `make test` work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench bench-heavy growth screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/fibrodesk

test: $(STAMP)
	$(BIN)/ruff check fibrodesk tests benchmarks
	$(BIN)/ruff format --check --quiet fibrodesk tests benchmarks
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check fibrodesk tests benchmarks
	$(BIN)/ruff format --check fibrodesk tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

# Issue 16 point 4: start-up, body-map click, History and the report on the heavy diary.
bench-heavy: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --density heavy

growth: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/growth.py

screenshots: $(STAMP)
	$(BIN)/fibrodesk screenshot --out screens

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
