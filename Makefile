# Two commands on a fresh clone: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: build test lint schema bench browser clean

# The venv is rebuilt when the dependency pins change; constraints.txt pins every
# package so that builds on any machine write the same bytes (Parquet records the
# writer's version). Building needs only the package's own dependencies; the dev,
# test and benchmark tools come with `make test` (and lint, bench).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(DEV_STAMP)

build: $(STAMP)
	$(BIN)/adhd-corpus build

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests hatch_build.py
	$(BIN)/ruff check src tests hatch_build.py
	$(BIN)/mypy

# Build throughput, memory, incremental rebuilds and loading, on generated corpora.
bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/bench.py --dask

# Debian's Chromium for the explorer's browser test (skipped with a reason without it).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium could not be installed: the browser test will be skipped"

# Regenerate the committed schema from the models (a test fails when they drift apart).
schema: $(STAMP)
	$(BIN)/adhd-corpus schema > schema/article.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
