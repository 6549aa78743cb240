# Two commands do everything: `make site` and `make test`. Each sets itself up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUM    := $(shell cksum pyproject.toml | cut -d' ' -f1)
STAMP  := $(VENV)/.site-$(SUM)
TESTS  := $(VENV)/.test-$(SUM)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site facilitator serve test test-fast check lint codes clean fuzz bench perf export

# `make site` installs only what building needs; `make test` adds the test tools (Playwright, hypothesis…).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@rm -f $(VENV)/.site-*
	@touch $@

$(TESTS): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.test-*
	@touch $@

## site: build the learner site (site/, Spanish at site/es/) and the facilitator edition (site-facilitator/)
site: $(STAMP)
	$(BIN)/curriculum build --edition learner
	$(BIN)/curriculum build --edition facilitator
	@echo "Learner site:     open site/index.html (Spanish: site/es/index.html) — safe to publish"
	@echo "Facilitator site: open site-facilitator/index.html — notes and answer keys: keep it private"

## facilitator: build only the facilitator edition
facilitator: $(STAMP)
	$(BIN)/curriculum build --edition facilitator

## serve: live preview while authoring (http://127.0.0.1:8000); CURRICULUM_EDITION=facilitator for notes
serve: $(STAMP)
	$(BIN)/mkdocs serve

## export: SCORM 1.2/2004 packages, QTI/Moodle XML/GIFT quiz banks, PDF handbooks and offline bundles into dist/
export: $(STAMP)
	$(BIN)/curriculum export -o dist

## check: validate every source without building
check: $(STAMP)
	$(BIN)/curriculum check

## test: lint, type check and the whole test suite (builds, Chromium, exports; what CI runs)
test: $(TESTS)
	$(BIN)/ruff check curriculum tests bench
	$(BIN)/mypy
	$(BIN)/curriculum check
	$(BIN)/python -m pytest

## test-fast: the core in seconds: no site build, no Chromium, no export, no time budget (pytest markers)
test-fast: $(TESTS)
	HYPOTHESIS_PROFILE=dev $(BIN)/python -m pytest -q -m "not slow and not browser and not export and not perf"

## fuzz: the loaders under 10,000 generated documents per property (the quick profile runs in `make test`)
fuzz: $(TESTS)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py

## perf: the time budgets of the test suite (`@pytest.mark.perf`), skipped by `make test`; best on an idle machine
perf: $(TESTS)
	CURRICULUM_PERF=1 $(BIN)/python -m pytest -q -m perf

## bench: build-time, check-time, memory and page-weight budgets on synthetic curricula (~10 min; docs/benchmarks.md)
bench: $(TESTS)
	$(BIN)/python bench/run.py

## codes: regenerate docs/diagnostics.md from the code registry
codes: $(STAMP)
	$(BIN)/curriculum codes --markdown > docs/diagnostics.md

clean:
	rm -rf site site-facilitator dist .pytest_cache .ruff_cache
