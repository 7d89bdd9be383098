# Every target creates the virtual environment first when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-tools lint check bench i18n-extract i18n-update i18n-compile clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python babel_runner.py compile >/dev/null
	$(BIN)/smtrainer

test: $(STAMP)
	$(BIN)/python babel_runner.py compile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/smtrainer check --strict
	$(BIN)/python -m pytest -n auto

# The domain, content and storage tests without the slow ones: well under 30 s.
test-fast: $(STAMP)
	$(BIN)/python babel_runner.py compile >/dev/null
	$(BIN)/python -m pytest -q -m "not slow" tests/unit tests/content tests/records

# Outside programs some tests use (a Ralph LRS in its own venv, Digital Bazaar's verifier from
# npm), installed once per machine into a cache; tests that need one skip with the reason if
# it cannot be had. Debian's chromium and poppler-utils come from .ci/run.
test-tools: $(STAMP)
	$(BIN)/python -m tests.evidence.tools || echo "some test tools could not be installed; their tests will say why they skip"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: $(STAMP)
	$(BIN)/smtrainer check --strict

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_plain_startup.py
	$(BIN)/python benchmarks/bench_summary.py
	$(BIN)/python benchmarks/bench_credentials.py

i18n-extract: $(STAMP)
	$(BIN)/python babel_runner.py extract

i18n-update: $(STAMP)
	$(BIN)/python babel_runner.py update

i18n-compile: $(STAMP)
	$(BIN)/python babel_runner.py compile

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
