# 協働の手引き: build, preview, check and test.
# Every target creates .venv from the pinned dependencies when it is missing or stale.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CODE := kyodo hooks tests
SITE_DIR ?= site

# Material for MkDocs prints an end-of-life banner on every run unless this is set.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve check generate export bench test test-fast a11y-record lint browser java lock clean

# The PDF handouts are printed by Chromium: `browser` makes sure it and the Japanese fonts are there.
build: $(STAMP) browser
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/kyodo check

export: $(STAMP)
	$(BIN)/kyodo export --out $(SITE_DIR)/opendata

# Builds synthetic sites of 500, 2,000, 5,000 and 10,000 listings (ten minutes or more on two
# cores), prints the figures and writes them to .cache/bench-report.txt.
bench: $(STAMP) browser
	$(BIN)/kyodo bench --report .cache/bench-report.txt

# Rewrite the files derived from the schemas (the listing templates); commit the result.
generate: $(STAMP)
	$(BIN)/kyodo generate

test: $(STAMP) $(NODE_STAMP) browser java lint
	$(BIN)/pytest

# Run the accessibility tests and record their results for the published 試験結果 page
# (docs/about/accessibility-results.json); the deploy workflow runs this before `make build`.
a11y-record: $(STAMP) $(NODE_STAMP) browser
	KYODO_A11Y_RESULTS=$(CURDIR)/docs/about/accessibility-results.json $(BIN)/pytest tests/test_accessibility.py -q

# The edit loop: everything but site builds and browsers, in well under a minute.
test-fast: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -m "not build and not browser and not slow" -q

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

# Install the missing Debian packages $(1) (as root on Debian), or stop, saying why ($(2)) and
# what to install.
define install_missing
	@missing="$(1)"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "インストールします: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "$(2)次のパッケージをインストールしてください: $$missing"; \
		echo "  Debian/Ubuntu: sudo apt-get install -y $$missing"; \
		exit 1; \
	fi
endef

# The PDFs and the browser tests need a Chromium and Japanese fonts (the PDFs' typeface among them).
browser: $(STAMP)
	$(call install_missing,$$($(BIN)/python -m kyodo.devtools.browser),PDFとブラウザーのテストには Chromium と日本語フォントが必要です（お使いの Chromium は CHROMIUM=/path/to/chromium で指定できます）。)

# The HTML validation test (vnu) needs a Java runtime; the build does not.
java:
	$(call install_missing,$$(command -v java >/dev/null || echo default-jre-headless),HTML の検査のテストには Java が必要です。)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Re-resolve every dependency to its newest allowed version and record it in constraints.txt.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --editable '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf site .cache .venv node_modules .pytest_cache .mypy_cache .ruff_cache
