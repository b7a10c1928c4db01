# Two commands: `make run` serves the assistant, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST   ?= 127.0.0.1
PORT   ?= 7860
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-test system-test-deps index run test lint format screenshots eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch is installed first and pinned: the CPU wheel of 2.13.0 is on the machine.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-test-deps

# Debian's chromium drives the browser tests (never `playwright install`: it downloads).
system-test-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && \
		$(SUDO) apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }

index: install
	$(BIN)/assistant index

run: install
	$(BIN)/python app.py --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Two workers (one a core), test files kept whole on one worker so its fixtures are built once.
test: install-test lint
	$(BIN)/pytest -n 2 --dist loadfile --durations=15

# Refresh the README's screenshots from the browser tests.
screenshots: install-test
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/ui/test_browser.py tests/ui/test_browser_tabs.py

# Quality -> docs/quality.md: the seed, extra, council and SciFact sets (those under $(SHARED) are
# skipped when it is absent). The first run builds their indexes (about 20 minutes), later runs reuse them.
SHARED ?= ../shared
eval: install
	$(BIN)/assistant eval --suite --shared $(SHARED) --write docs/quality.md

# Benchmarks -> docs/benchmarks.md (about 90 minutes and ~20 GB of cached collections under
# bench/results/ the first time): make bench COUNCIL=../shared/data/council_docs BENCH_ARGS="--only query"
COUNCIL ?= ../shared/data/council_docs
bench: install
	$(BIN)/pip install -e '.[bench]'
	$(BIN)/python -m bench $(if $(wildcard $(COUNCIL)),--council $(COUNCIL)) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
