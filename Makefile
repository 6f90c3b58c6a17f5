# Two commands matter: `make serve` (site on http://127.0.0.1:8000) and `make test`.
# Both set everything up on a fresh machine: the venv, the generated pages (and for the
# tests, the Debian packages and the npm test tools).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
PAPER ?= a4
# Material 9.7+ prints a banner about MkDocs 2.0 on every run; the successor path is in
# the README (Zensical reads the same mkdocs.yml), so the banner is noise in our logs.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: vendor system setup serve generate build site pdf decks schema test lint bench lighthouse screenshots linkcheck-online clean

system:
	bash scripts/install_system_deps.sh

# The pinned requirements, then this project as an editable package: the `flguide` command
# and the MkDocs plugin come from it (no sys.path edits anywhere).
$(VENV)/.site: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Node is for the tests (axe-core, Lighthouse) and for refreshing vendored files; the site
# itself needs only Python: the iframe-worker shim is committed (make vendor refreshes it).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

vendor: node_modules/.installed
	mkdir -p docs/assets/vendor/iframe-worker
	cp node_modules/iframe-worker/shim/index.js docs/assets/vendor/iframe-worker/shim.js
	cp node_modules/iframe-worker/LICENSE docs/assets/vendor/iframe-worker/LICENSE

setup: $(VENV)/.site

generate: setup
	$(VENV)/bin/flguide generate

# BUILDER=zensical builds the same complete site with Zensical (README, Building with Zensical).
BUILDER ?= mkdocs

serve: setup
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000

site: setup
	$(VENV)/bin/flguide build --builder $(BUILDER)

pdf: setup
	$(VENV)/bin/flguide pdf --paper $(PAPER) --out site/downloads

decks: setup
	$(VENV)/bin/flguide decks --out site/downloads

# Every mkdocs build (and gh-deploy, and serve) ships the PDFs, deck and CSV itself.
build: site

schema: setup
	$(VENV)/bin/flguide schema

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check flguide scripts tests benchmarks

test: system $(VENV)/.dev setup node_modules/.installed
	$(VENV)/bin/ruff check flguide scripts tests benchmarks
	$(PY) -m pytest -q

bench: $(VENV)/.dev setup
	$(PY) benchmarks/bench.py

lighthouse: $(VENV)/.dev setup node_modules/.installed
	bash benchmarks/lighthouse.sh

# The README's pictures of a topic page and Practice, from a fresh build.
screenshots: $(VENV)/.dev site
	$(PY) scripts/screenshots.py

linkcheck-online: $(VENV)/.dev
	$(PY) scripts/linkcheck_online.py

clean:
	rm -rf site $(VENV) node_modules
