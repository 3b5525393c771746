# The README's commands. `make run` and `make test` work on a fresh machine.
# The venv's interpreter: Debian's python3.11 where it can make a venv, else python3. Debian builds its interpreter
# with profile-guided optimisation and LTO and links libpython into it; a Python built from source without
# --enable-optimizations (pyenv's default, this machine's python3) ran the SQLite suite about 9 % slower (README,
# "Two commands"). PYTHON=... chooses another; an existing .venv keeps the interpreter it was made with (`make clean`).
DEBIAN_PYTHON := /usr/bin/python3.11
PYTHON ?= $(if $(shell $(DEBIAN_PYTHON) -c "import ensurepip, venv" 2>/dev/null && echo yes),$(DEBIAN_PYTHON),python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
SCALE  ?= 0

.PHONY: install run setup test test-sqlite lint services services-stop bench loadbench clean

install: $(VENV)/.installed

# Bytecode is written as modules are first imported (by `make run`'s first request, the checks, the first test
# worker), not compiled for every installed file: many are never imported. Some machines set
# PYTHONDONTWRITEBYTECODE, which would make every process compile all it imports anew.
unexport PYTHONDONTWRITEBYTECODE

# uv installs the pinned requirements from its cache in a few seconds, where pip takes half a minute; pip is the
# fallback when uv cannot be had. uv uses the system's certificates and pip's extra wheel folder, as pip does here.
UV_VERSION := 0.13.9
$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	( $(BIN)/pip install -q --disable-pip-version-check uv==$(UV_VERSION) && \
	  UV_NATIVE_TLS=1 UV_FIND_LINKS="$${PIP_FIND_LINKS:-}" $(BIN)/uv pip install -q --python $(BIN)/python \
	      -r requirements.txt ) || \
	  $(BIN)/pip install -q --no-compile --disable-pip-version-check -r requirements.txt
	touch $@

# Links in mails and API answers follow the address `make run` serves (override with SITE_BASE_URL=...).
SITE_BASE_URL ?= http://$(HOST):$(PORT)
export SITE_BASE_URL

setup: install
	@echo "Datenbank wird eingerichtet …"
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py load_demo_corpus
	@test "$(SCALE)" -eq 0 || $(BIN)/python manage.py load_demo_content --scale $(SCALE)
	@# last, so that the administrator's password is the last thing on the screen
	$(BIN)/python manage.py setup_portal

run: setup
	@echo "3L Elbe-Elster läuft auf $(SITE_BASE_URL)/ – Redaktion unter $(SITE_BASE_URL)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Installs and starts PostgreSQL and Elasticsearch, chromium-headless-shell (apt) and axe-core (npm), runs the
# checks, then the whole suite on PostgreSQL with the Elasticsearch node (browser tests and API fuzzing included).
# (scripts/test.sh runs `make install` itself, after starting the services: they start while pip installs)
test:
	bash scripts/test.sh

# ruff's rules and format (pyproject.toml) and the import contract: apps depend one way, no cycles
# (pyproject.toml, [tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The suite on the embedded default only (no services needed; the Elasticsearch and browser tests are left out).
test-sqlite: install
	$(BIN)/pytest -n 2 -m "not elasticsearch and not browser and not live and not postgres"

services:
	bash scripts/postgres.sh start
	bash scripts/elasticsearch.sh start

services-stop:
	-bash scripts/elasticsearch.sh stop
	-bash scripts/postgres.sh stop

clean:
	rm -rf $(VENV) .services .test-media node_modules artifacts

# Search latency at 100,000 offers and events, database engine vs. Elasticsearch (see README).
bench: install
	bash scripts/bench.sh

# The site under gunicorn and wrk with the large demo content: requests/s, latency, SQL queries, memory (see README).
loadbench: install
	bash scripts/loadbench.sh
