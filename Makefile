# Newsroom: `make run` sets up and serves the site; `make test` runs every test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run setup test lint lock worker beat bench eval messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py load_demo

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	$(BIN)/pytest

lint: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

# Pin every dependency (dev and bench too) at the versions installed now, after a
# change to pyproject.toml's dependencies: installs use it as a constraints file.
lock: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade -e ".[dev,bench]"
	$(BIN)/pip freeze --exclude-editable | LC_ALL=C sort > requirements.lock

worker:
	$(BIN)/celery -A newsroom worker --loglevel=INFO

beat:
	$(BIN)/celery -A newsroom beat --loglevel=INFO

# Self-contained benchmarks (bench_load starts its own database, Redis, gunicorn and
# worker on loopback). bench_public needs a generated database: see its docstring.
bench: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev,bench]"
	for script in checker extraction tables load ingest api; do \
		$(BIN)/python benchmarks/bench_$$script.py || exit 1; done

eval: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev,bench]"
	$(BIN)/python benchmarks/eval_contamination.py

# Translation catalogues (README, "Translations"): extract every msgid from the code
# (Python, templates, and the admin scripts' gettext calls), merge it into the .po
# files, then compile the .mo files Django reads. Translate what comes out empty or
# fuzzy, then run it again. tests/newsroom/test_translations.py fails until that is done.
# English needs no catalogue: its text is the msgids themselves.
MESSAGES_IGNORE := -i ".venv/*" -i "var/*"
messages: $(BIN)/python
	$(BIN)/python manage.py makemessages -l zh_Hans $(MESSAGES_IGNORE)
	$(BIN)/python manage.py makemessages -d djangojs -l zh_Hans $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages -l zh_Hans -i .venv -i var
