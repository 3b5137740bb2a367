# `make` sets up .venv and cleans raw/ into clean/; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all run test bench lint sample clean-output distclean

all: run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m pipeline.spin.build  # data the spin stage derives from installed packages
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m pipeline run --input raw --output clean --config pipeline.toml --replace

test: $(STAMP)
	$(BIN)/python -m pytest

# BENCH names the benchmarks to run (all by default); sizes come from variables read by each
# one, e.g. `make bench BENCH=throughput THROUGHPUT_DOCS=20000`, `make bench BENCH=scale
# SCALE_DOCS="10000 100000 1000000"`, `make bench BENCH=stages STAGES_BASELINE=main`.
BENCH ?=
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH)

LINT_STAMP := $(VENV)/.installed-lint

$(LINT_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[lint]'
	touch $(LINT_STAMP)

# ruff, the type check, and the size and import-circle limits of pipeline/.
lint: $(LINT_STAMP)
	$(BIN)/ruff check pipeline tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python scripts/check_structure.py

sample: $(STAMP)
	$(BIN)/python scripts/make_corpus.py --out raw --docs 40 --seed 7

clean-output:
	rm -rf clean/documents clean/rejected clean/manifest.json clean/report.html clean/index clean/schema

distclean: clean-output
	rm -rf $(VENV)
