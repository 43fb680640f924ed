# The two commands a user needs: `make serve` and `make test`. Everything else is set-up they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOD := $(BIN)/lod
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install assets browser build serve test bench clean

install: $(VENV)/.installed assets

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Third-party web assets (YASGUI) come from the npm registry, pinned by package-lock.json.
assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p node_modules
	touch $@

# Debian's chromium, for the browser tests.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

build: install
	$(LOD) build

serve: build
	$(LOD) serve --host $(HOST) --port $(PORT)

test: install browser
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/extraction.py

clean:
	rm -rf var
