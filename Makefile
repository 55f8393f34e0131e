# Every target creates .venv when needed; nothing else must be installed but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := corpus/bedford-2013-protection-of-children.txt
REPORTS ?= ../shared/reports

.PHONY: install install-test run test train eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## install: the virtual environment with the package and its command `ofsted`; install-test adds the test extras
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## run: ingest the bundled seed report and print its findings
run: $(VENV)/.installed
	$(BIN)/ofsted ingest $(SEED) -o out/seed.jsonl
	$(BIN)/ofsted show out/seed.jsonl

## test: the test suite (tests that need ../shared skip unless REQUIRE_SHARED=1)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

MODEL := models/themes-stance/meta.json
# Extraction, segmentation and the facts decide which text each annotation joins to, so they are inputs too.
MODEL_INPUTS := $(wildcard corpus/annotations/pass1-*.jsonl corpus/annotations/revision-*.jsonl corpus/annotations/sentences/*.jsonl) $(wildcard pipeline/nlp/configs/*.cfg) \
	$(wildcard pipeline/nlp/lexicons/*.toml) pipeline/nlp/linear.py pipeline/nlp/rules.py $(wildcard pipeline/training/*.py) \
	$(wildcard pipeline/extract/*.py pipeline/segment/*.py pipeline/segment/*.toml pipeline/facts/*.py pipeline/frameworks/*.toml)

## train: the theme and stance models from corpus/annotations (grouped CV, winner, model card)
train: $(MODEL)

$(MODEL): $(MODEL_INPUTS) | $(VENV)/.installed
	$(BIN)/python -m pipeline.training --reports $(REPORTS)

## eval: report facts against the gold sets (peer tool beside), themes and stance, archive coverage,
## re-typeset robustness (fpdf2, a test extra, prints the new layouts)
eval: $(VENV)/.installed-test
	$(BIN)/python -m pipeline.evaluate --reports $(REPORTS)

## bench: on a seeded sample, pages/s per core beside raw pypdfium2 (ratio), stage shares, --jobs 2 scaling,
## one worker's memory after 10 and 100 files, start-up of ofsted --help (~2 minutes)
bench: $(VENV)/.installed
	$(BIN)/python -m pipeline.evaluate.bench --reports $(REPORTS)

clean:
	rm -rf $(VENV) out .pytest_cache
