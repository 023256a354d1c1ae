# Two commands on a fresh machine: `make deck` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: deck test compat bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

deck: $(STAMP)
	$(VENV)/bin/deckbuild build

test: $(TEST_STAMP)
	$(PY) -m pytest

# pandoc's PowerPoint-writer cases beside the project (../shared/compat): built and compared
# slide by slide; fails if any case differs.
compat: $(STAMP)
	$(PY) ../shared/compat/run.py

clean:
	rm -rf output/*.pptx output/*.pdf output/.deckbuild-*
