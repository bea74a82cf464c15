# Two commands on a fresh clone: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint schema bench browser clean

# The venv is rebuilt when the dependency pins change; constraints.txt pins every
# package so that builds on any machine write the same bytes (Parquet records the
# writer's version).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/adhd-corpus build

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff format --check src tests hatch_build.py
	$(BIN)/ruff check src tests hatch_build.py
	$(BIN)/mypy

# Throughput, memory, loading and the spaCy ratio on generated corpora; regenerates the
# figures in docs/benchmarks.md. `make bench BENCH_ARGS=--quick` runs in a few minutes and
# leaves the doc alone. spaCy goes into the benchmark's own environment, never the package's.
BENCH_VENV := .venv-bench
SPACY := spacy==3.8.18
BENCH_ARGS ?=
bench: $(STAMP)
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check '$(SPACY)' \
		|| echo "spaCy could not be installed: the spaCy ratio will say it was not measured"
	$(BIN)/python benchmarks/bench.py --spacy-python $(BENCH_VENV)/bin/python \
		--write-doc docs/benchmarks.md $(BENCH_ARGS)

# Debian's Chromium for the explorer's browser test (skipped with a reason without it).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium could not be installed: the browser test will be skipped"

# Regenerate the committed schema from the models (a test fails when they drift apart).
schema: $(STAMP)
	$(BIN)/adhd-corpus schema > schema/article.schema.json

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
