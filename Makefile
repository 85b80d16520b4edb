# Newsroom: `make run` sets up and serves the site; `make test` runs every test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run setup test lint worker beat bench eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py load_demo

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

worker:
	$(BIN)/celery -A newsroom worker --loglevel=INFO

beat:
	$(BIN)/celery -A newsroom beat --loglevel=INFO

# Self-contained benchmarks (bench_load starts its own database, Redis, gunicorn and
# worker on loopback). bench_public needs a generated database: see its docstring.
bench: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	for script in checker extraction tables load ingest api; do \
		$(BIN)/python benchmarks/bench_$$script.py || exit 1; done

eval: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	$(BIN)/python benchmarks/eval_contamination.py
