# Everything runs inside .venv, created from the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test site figures bench lighthouse browser java clean matrix

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# npm packages (exact versions from package-lock.json): test tools and the browser libraries the site serves.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p node_modules && touch $@

# Debian's Chromium for the browser tests (tool-managed browser downloads do not work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

# Java for the Nu Html Checker that `make bench` runs (optional: without it the HTML check is skipped).
java:
	@command -v java >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; } \
	  || echo "no Java: make bench skips the HTML check"

serve: $(STAMP) $(NODE_STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) $(NODE_STAMP) browser
	$(PY) -m pytest

site: $(STAMP) $(NODE_STAMP)
	$(PY) -m mkdocs build --strict

figures: $(STAMP) $(NODE_STAMP)
	$(PY) scripts/runner.py

bench: $(STAMP) $(NODE_STAMP) browser java
	$(PY) scripts/bench.py

# Every snippet on every torch release in scripts/matrix.py (not part of `make test`): one venv at a
# time under $$MATRIX_VENVS (default /tmp/matrix-venvs), wheels kept in $$MATRIX_WHEELS (default
# /tmp/matrix-wheels); only what docs/compatibility.json lacks runs. RELEASES="2.4.1 2.5.1" limits it.
MATRIX_STAMP := $(VENV)/.matrix-tools
$(MATRIX_STAMP): scripts/matrix-requirements.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r scripts/matrix-requirements.txt
	touch $@

matrix: $(MATRIX_STAMP)
	$(PY) scripts/matrix.py $(foreach r,$(RELEASES),--release $(r))

clean:
	rm -rf site docs/generated .cache
