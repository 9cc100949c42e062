# Two commands matter: `make run` (set up + serve the product) and `make test` (set up + run
# every test). Both create .venv and install what they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test lint eval bench browsers train-tone extension clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/tactful serve

browsers:
	@bash scripts/ensure-system-deps.sh

lint: setup
	$(VENV)/bin/ruff check .

test: setup browsers lint
	$(PY) -m pytest
	@bash scripts/node-tests.sh

eval: setup
	$(PY) scripts/eval.py
	$(PY) scripts/polite_check.py

bench: setup browsers
	$(PY) scripts/bench.py
	$(PY) scripts/loadtest.py --write
	$(PY) scripts/bench_extension.py --write

extension:
	bash scripts/package-extension.sh

train-tone: setup
	$(PY) scripts/train_tone.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
