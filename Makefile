# perfportal: `make run` to try it, `make test` to test it. See README.md.

# The first of these that really runs Python 3.12+ (a pyenv shim for a version the
# repo's .python-version does not select exists but fails to run).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; exit 0; fi; \
	done; echo python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# The test suite runs against the production-shaped services, as CI does.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/perfportal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Test workers (pytest-xdist), each with its own test database and the Redis database below the previous one's
# (tests/settings.py); 0 runs the suite in this one process.
TEST_WORKERS ?= 2

.PHONY: setup run test lint check frontend worker beat lock clean backup restore bench load

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "perfportal needs Python 3.12 or newer (Django 6); found " + sys.version.split()[0] + " at $(PYTHON). Install 3.12 or run: make PYTHON=/path/to/python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/build/portal.css: node_modules/.package-lock.json frontend/portal.scss frontend/build.mjs
	npm run --silent build

frontend: static/build/portal.css

setup: $(VENV)/.installed frontend

## Run the portal on the embedded default: SQLite, tasks in-process, demo council loaded.
run: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with an account above."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite against PostgreSQL and Redis (and Chromium for browser tests).
test: setup
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -n $(TEST_WORKERS) $(ARGS)

lint: setup
	$(BIN)/ruff check .

check: setup
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pip check

## Time the main pages at council scale (one PostgreSQL database per scale, built once): see README.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/perfportal_bench
bench: setup
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench $(ARGS)

## 50 users for 60 s against gunicorn on loopback (PostgreSQL and Redis of its own): see README.md.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/perfportal_load
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/11
load: setup
	LOAD_DATABASE_URL=$(LOAD_DATABASE_URL) LOAD_REDIS_URL=$(LOAD_REDIS_URL) $(BIN)/python bench/load.py $(ARGS)

## Production-shaped processes (set DATABASE_URL and REDIS_URL first).
worker: setup
	$(BIN)/celery -A perfportal worker --loglevel=info
beat: setup
	$(BIN)/celery -A perfportal beat --loglevel=info

## Back up / restore the database named by DATABASE_URL (FILE=path).
backup: setup
	$(BIN)/python manage.py backup $(FILE)
restore: setup
	$(BIN)/python manage.py restore $(FILE)

## Re-pin every dependency after changing pyproject.toml.
lock: setup
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.12 --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.12 --generate-hashes -q -o requirements-dev.lock

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3
