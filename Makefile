# asn-xblocks — two commands do all set-up on a fresh machine:
#   make demo   create .venv, install, migrate, serve the workbench on 127.0.0.1:8000
#   make test   install test needs (incl. Debian chromium + chromium-driver) and run every test

SHELL := /bin/bash
PYTHON312 := $(shell scripts/find_python.sh 3.12)
PYTHON311 := $(shell scripts/find_python.sh 3.11)
BASE_PYTHON := $(or $(PYTHON312),$(PYTHON311))
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
SETTINGS := asn_xblocks.demo.settings
DJANGO := DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) -m django
VENV311 := var/venv311
HOST ?= 127.0.0.1:8000

.PHONY: demo test venv install install-test migrate seed system-deps test-main test-311 \
        test-mysql extract_translations compile_translations assets bench clean upgrade dist \
        quality quality-py quality-js test-js sample-course

$(PY):
	@test -n "$(BASE_PYTHON)" || { echo "Python 3.12 or 3.11 is needed (none found)"; exit 1; }
	$(BASE_PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

venv: $(PY)

$(VENV)/.installed: $(PY) setup.py pyproject.toml requirements/base.in requirements/demo.in requirements/constraints.txt
	$(PIP) install -c requirements/constraints.txt -e '.[demo]'
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(PIP) install -r requirements/test.txt
	touch $@

install-test: $(VENV)/.installed-test

# requirements/test.txt: requirements/test.in compiled to exact pins (newest releases within
# constraints.txt) on Python 3.12 and on 3.11, merged (requirements/merge_pins.py): one file for
# .venv and for the 3.11 venv of test-311, a python_version marker where their pins differ.
# Django and what only Django brings stay out, as do XBlock, edx-submissions and xblock-sdk
# (test.in does not name them): the package's own install chooses those, under constraints.txt.
PIP_COMPILE := -m piptools compile --no-config --quiet --upgrade --no-emit-index-url \
  --no-emit-find-links --strip-extras --no-allow-unsafe --unsafe-package pip \
  --unsafe-package django --unsafe-package asgiref --unsafe-package sqlparse --unsafe-package tzdata
PIP_TOOLS_311 := var/pip-tools-311

upgrade: $(PY)
	@test -n "$(PYTHON312)" -a -n "$(PYTHON311)" || { echo "make upgrade needs Python 3.12 and 3.11 (test.txt serves both)"; exit 1; }
	$(PIP) install 'pip-tools>=7.7'
	test -x $(PIP_TOOLS_311)/bin/python || $(PYTHON311) -m venv $(PIP_TOOLS_311)
	$(PIP_TOOLS_311)/bin/python -m pip --disable-pip-version-check -q install 'pip-tools>=7.7'
	mkdir -p var/upgrade && rm -f var/upgrade/test-*.txt
	$(PY) $(PIP_COMPILE) --output-file var/upgrade/test-312.txt requirements/test.in
	$(PIP_TOOLS_311)/bin/python $(PIP_COMPILE) --output-file var/upgrade/test-311.txt requirements/test.in
	$(PY) requirements/merge_pins.py requirements/test.txt var/upgrade/test-312.txt var/upgrade/test-311.txt

migrate: install
	mkdir -p var
	$(DJANGO) migrate --run-syncdb -v 0

seed: migrate
	$(DJANGO) asn_seed_demo

demo: seed
	@echo "Serving the workbench on http://$(HOST)/  (staff view: add ?student=staff; Bahasa Indonesia: ?lang=id)"
	$(DJANGO) runserver $(HOST) --noreload --insecure

# Debian packages the tests need: chromium + chromium-driver (browser tests) and gettext
# (the catalogue check runs xgettext/msgfmt).
system-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v xgettext >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver gettext >/dev/null; \
	else \
	  echo "Tests need Debian's chromium, chromium-driver and gettext: run 'sudo apt-get install chromium chromium-driver gettext'"; exit 1; \
	fi

test: install-test system-deps quality test-js test-main test-mysql test-311

# Lint and types (part of `make test`): ruff on the package, scripts, benchmarks and tests
# (pyproject.toml [tool.ruff]); mypy on the pure cores (core/ and the blocks' pure modules,
# pyproject.toml [tool.mypy]); eslint on static/js as package-lock.json pins it.
quality: quality-py quality-js

quality-py: install-test
	$(PY) -m ruff check asn_xblocks scripts benchmarks tests requirements
	$(PY) -m mypy

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

quality-js: node_modules/.installed
	npx --no-install eslint

# node's own test runner on the browser code's pure helpers (the real source files)
test-js:
	node --test tests/js/*.test.mjs

test-main:
	$(PY) -m pytest tests -p no:cacheprovider -n 2

# The integration suite once more on a real MySQL-compatible server (the LMS runs MySQL):
# Debian's MariaDB started on a socket under var/mysql (networking off), stopped on exit.
# Root only: it apt-installs mariadb-server, libmariadb-dev and pkg-config when missing.
test-mysql: install-test
	PY=$(PY) bash tests/mysql.sh

# The previous Open edX line (Python 3.11, XBlock 5.3), when 3.11 exists: unit and packaging
# tests, and the integration suite on the runtimes reproduced from the platform (the
# workbench half runs in the main run and against MariaDB).
test-311:
	@if [ -z "$(PYTHON311)" ]; then echo "No Python 3.11 here: skipping the XBlock 5.3 run"; exit 0; fi; \
	if [ ! -x $(VENV311)/bin/python ]; then $(PYTHON311) -m venv $(VENV311); fi; \
	$(VENV311)/bin/python -m pip --disable-pip-version-check -q install -c requirements/constraints.txt \
	  -r requirements/xblock5.txt -e '.[demo]' -r requirements/test.txt 'XBlock[django]>=5.3,<6' && \
	$(VENV311)/bin/python -m pytest tests/unit tests/integration tests/packaging -p no:cacheprovider -q -n 2 \
	  -k "not workbench"

extract_translations: install-test
	$(PY) scripts/i18n.py extract

compile_translations: install-test
	$(PY) scripts/i18n.py compile
	$(PY) scripts/assets.py build

# Minified copies of static/ in static/min/ (what the views link; scripts by terser, which
# package-lock.json pins: scripts/assets.py); a test checks they are current.
assets: install-test node_modules/.installed
	$(PY) scripts/assets.py build

# Benchmarks (not part of `make test`): our blocks vs the floor block and the anchors
# (xblock-drag-and-drop-v2, xblock-poll, branching-xblock), which are installed into
# var/bench/anchors only, where only the benchmarks see them; first_view.py needs Debian's
# chromium and chromium-driver (as the browser tests). Options: BENCH_ARGS=--quick
bench: install-test system-deps
	$(PY) benchmarks/install_anchors.py
	$(PY) benchmarks/run.py --profile $(BENCH_ARGS)
	$(PY) benchmarks/scenario_analysis.py $(filter --quick,$(BENCH_ARGS))
	$(PY) benchmarks/xapi_throughput.py $(filter --quick,$(BENCH_ARGS))
	$(PY) benchmarks/first_view.py $(filter --quick,$(BENCH_ARGS))

# The sample course "Modernisasi Kerja ASN" as Open edX course exports, built from the demo's
# scenarios: var/sample-course.tar.gz (Bahasa Indonesia), var/sample-course-en.tar.gz (English).
sample-course: install
	$(PY) scripts/sample_course.py --out var

# The sdist and, built from it, the production wheel (without the demo's code) in dist/.
dist: install-test
	rm -rf dist build *.egg-info
	$(PY) -m build --outdir dist .

clean:
	rm -rf var/*.db var/*.log build dist *.egg-info
