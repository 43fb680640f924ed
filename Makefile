# The two commands a user needs: `make serve` and `make test`. Everything else is set-up they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOD := $(BIN)/lod
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install assets jemalloc browser virtuoso wrk build serve test test-remote bench clean

install: $(VENV)/.installed assets jemalloc

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

# Debian's jemalloc, the allocator `lod serve` runs with when it is there (lod.allocator, LOD_MALLOC): a sixth
# less CPU per query. Optional: without it (no root to install it), lod runs on the C library's malloc.
jemalloc:
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(ctypes.util.find_library("jemalloc") is None)' 2>/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null; } || \
	  echo "libjemalloc2 is not installed: lod serve runs on the C library's malloc (see LOD_MALLOC)"

# Debian's chromium, for the browser tests.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Virtuoso 7, a SPARQL server the remote-store tests run lod against (tests/_engines.py starts it).
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; }

# Debian's wrk, the load generator of the serving benchmark.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

build: install
	$(LOD) build

serve: build
	$(LOD) serve --host $(HOST) --port $(PORT)

# The suite on every core (pytest-xdist, at most 4 workers: each loads its own publishing context and session
# builds), each test file on one worker so its module fixtures are made once; then the few tests that time a
# process or watch its memory and CPU priority (marker serial), alone.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

test: install browser virtuoso
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m 'not serial' --durations=25
	$(BIN)/python -m pytest -m serial --durations=5

# The pipeline, serving, dump and browser tests again, every store-backed fixture on a real `oxigraph serve` (from
# the `oxigraph` test dependency, started by the tests) instead of the embedded store; tests about the embedded
# engine by nature (marker embedded_only) are deselected. `.ci/run` runs it after `make test`. Left out: the
# tests that choose their engines themselves (tests/store/test_protocol.py: `make test` runs it on both), and those that
# touch no store (extraction, SHACL, shapes, settings). tests/web/test_remote_store.py builds on Virtuoso in
# `make test` and on oxigraph serve here. As in `make test`: the files on every core, then the serial tests alone
# (none today: tests/web/test_sparql_timeout.py's are embedded_only; pytest's exit 5, no tests, is not a failure).
REMOTE_TESTS := tests/pipeline/test_build.py tests/publish/test_dumps.py tests/test_cli.py tests/publish/test_figures.py \
	tests/places/test_boundaries.py tests/places/test_search.py tests/events tests/web tests/browser tests/bench
test-remote: install browser
	LOD_TEST_ENGINE=oxigraph-server $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m 'not serial' --durations=25 $(REMOTE_TESTS)
	LOD_TEST_ENGINE=oxigraph-server $(BIN)/python -m pytest -m serial --durations=5 $(REMOTE_TESTS) || [ $$? -eq 5 ]

# bench/serve.py builds 1,000 and 10,000 generated articles once (kept in var/bench/) and compares lod serve with
# oxigraph serve-read-only (the `bench` extra) over the same quads; it rewrites the Serving section of docs/performance.md.
bench: install wrk
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/serve.py

clean:
	rm -rf var
