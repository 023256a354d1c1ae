# Two commands on a fresh machine: `make deck` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: deck test compat bench bench-hostile fuzz preview screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

deck: $(STAMP)
	$(VENV)/bin/deckbuild build --all-languages

# The seed deck in the browser, redrawn on each save: http://127.0.0.1:8000/ (docs/preview.md).
preview: $(STAMP)
	$(VENV)/bin/deckbuild preview source/harm-reduction.md

# docs/pictures/preview.png, taken by the browser test (needs Chromium and chromium-driver).
screenshot: $(TEST_STAMP)
	DECKBUILD_SCREENSHOT=1 $(PY) -m pytest tests/test_preview_browser.py -q

test: $(TEST_STAMP)
	$(PY) -m pytest

# Speed at every size beside pandoc, and the targets of issue 8: see bench/bench.py.
bench: $(STAMP)
	$(PY) bench/bench.py
	$(PY) bench/syntax_scale.py
	$(PY) bench/preview.py

# issue 13's slow inputs (20,000 '[', 10,000 resources, a 20 MB deck...): time and peak memory.
bench-hostile: $(STAMP)
	$(PY) bench/hostile.py

# Many more random decks and hostile templates than CI tries (tests/test_fuzz.py; takes a while).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_fuzz.py -p no:cacheprovider

# pandoc's PowerPoint-writer cases beside the project (../shared/compat): pandoc 2.17's and
# pandoc 3's, built and compared slide by slide; fails if any case differs.
compat: $(STAMP)
	$(PY) ../shared/compat/run.py
	$(PY) ../shared/compat/run.py ../shared/compat/pandoc3-pptx

clean:
	rm -rf output/*.pptx output/*.pdf output/.deckbuild-*
