# Werk & Inkomen: `make run` (quick start, SQLite, Celery in-process) and `make test` (whole suite).
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PYTHON  := $(BIN)/python
MANAGE  := $(PYTHON) manage.py
DEMO_DOSSIERS ?= 300
BENCH_DOSSIERS ?= 37500
FAKE_BRP_PORT ?= 8089

# The fake BRP (tools/fake_brp.py) for `run` and `test`. A recipe line that starts with
# $(MET_FAKE_BRP) starts it in the background (PID in var/fake_brp.pid), waits until /health
# answers (10 s at most) and stops it when the line ends, also on failure or Ctrl-C. If one
# already runs on the port (another `make run`), that one is used. With another FAKE_BRP_PORT,
# set BRP_API_URL to match.
MET_FAKE_BRP = set -e; mkdir -p var; \
	FAKE_BRP_PORT=$(FAKE_BRP_PORT) $(PYTHON) tools/fake_brp.py & pid=$$!; \
	echo $$pid > var/fake_brp.pid; \
	trap 'kill $$pid 2>/dev/null || true; rm -f var/fake_brp.pid' EXIT; trap 'exit 130' INT TERM; \
	$(PYTHON) tools/fake_brp.py --wacht --port $(FAKE_BRP_PORT);

.PHONY: run install assets migrate demo serve test test-fast lint architectuur format bench clean

$(BIN)/activate: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/activate

install: $(BIN)/activate

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.package-lock.json

assets: node_modules/.package-lock.json

migrate: install
	mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) demo_data --dossiers $(DEMO_DOSSIERS) --demo-accounts

serve:
	$(MANAGE) runserver 127.0.0.1:8000

run: install assets demo
	@$(MANAGE) demo_logins
	@$(MET_FAKE_BRP) $(MANAGE) runserver 127.0.0.1:8000

test: install assets
	$(MANAGE) collectstatic --noinput --verbosity 0
	@$(MET_FAKE_BRP) $(BIN)/pytest -q -rs

test-fast: install
	$(BIN)/pytest -q -m "not e2e"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache
	$(PYTHON) tools/architectuur.py --check
	$(MANAGE) makemigrations --check --dry-run

architectuur: install
	$(PYTHON) tools/architectuur.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install assets
	$(MANAGE) benchmark pages --dossiers $(BENCH_DOSSIERS)

clean:
	rm -rf $(VENV) node_modules staticfiles var
