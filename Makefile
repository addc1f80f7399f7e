# Terre d'Emplois — `make run` (site + demo data) and `make test` (whole suite).
# Both create .venv and install everything; with no DATABASE_URL / REDIS_URL they start an
# embedded PostgreSQL 18 and Redis under .data/ and stop them when they end.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do \
  if $$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-integration lint bench load serve chromium wrk clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 est requis (Django 6)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m terredemplois.devservices run

# apt-get gives up at once when another apt-get holds its lock (exit 100): wait for it, at most
# APT_LOCK_TIMEOUT seconds, and say so.
APT_LOCK_TIMEOUT ?= 300
APT_GET := apt-get -o DPkg::Lock::Timeout=$(APT_LOCK_TIMEOUT)

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installation de Chromium (tests du navigateur) : si un autre apt-get tourne, attente de son verrou (au plus $(APT_LOCK_TIMEOUT) s)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO $(APT_GET) update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium >/dev/null; }

test: $(STAMP) chromium
	$(BIN)/python -m terredemplois.devservices test $(PYTEST_ARGS)

# Needs DATABASE_URL and REDIS_URL (a real Celery worker is started by the tests).
test-integration: $(STAMP)
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || { echo "DATABASE_URL et REDIS_URL sont requis."; exit 2; }
	$(BIN)/python -m pytest -m integration $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	TDE_DB_NAME=terredemplois_bench $(BIN)/python -m terredemplois.devservices exec sh -c \
	  "$(BIN)/python manage.py migrate -v0 && $(BIN)/python manage.py load_referentials && \
	   $(BIN)/python manage.py run_benchmarks $(BENCH_ARGS)"

# The throughput of the public pages (terredemplois/management/commands/load_public_pages.py): gunicorn like
# production on 127.0.0.1, wrk on each page, on the bench database (20 000 offers, 500 companies, filled once
# by fill_bench_site). LOAD_ARGS="--duration 5 --only Offres" measures less.
wrk:
	@command -v wrk >/dev/null || { \
	  echo "Installation de wrk (mesure de charge) : si un autre apt-get tourne, attente de son verrou (au plus $(APT_LOCK_TIMEOUT) s)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO $(APT_GET) update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq wrk >/dev/null; }

load: $(STAMP) wrk
	TDE_DB_NAME=terredemplois_bench CACHE_KEY_PREFIX=tde-bench $(BIN)/python -m terredemplois.devservices exec sh -c \
	  "$(BIN)/python manage.py migrate -v0 && $(BIN)/python manage.py load_referentials && \
	   $(BIN)/python manage.py fill_bench_site $(FILL_ARGS) && $(BIN)/python manage.py collectstatic --noinput -v0 && \
	   $(BIN)/python manage.py load_public_pages $(LOAD_ARGS)"

# The site as production runs it, on the embedded services (or DATABASE_URL / REDIS_URL): DEBUG off, static files
# collected and served by whitenoise, gunicorn with gunicorn.conf.py (GUNICORN_WORKERS, GUNICORN_TIMEOUT…).
serve: $(STAMP)
	$(BIN)/python -m terredemplois.devservices exec sh -c \
	  "$(BIN)/python manage.py migrate --noinput -v0 && $(BIN)/python manage.py load_referentials && \
	   $(BIN)/python manage.py collectstatic --noinput -v0 && \
	   DEBUG=0 GUNICORN_BIND=$${GUNICORN_BIND:-127.0.0.1:$${PORT:-8000}} exec $(BIN)/gunicorn -c gunicorn.conf.py"

clean:
	rm -rf .data/test-media .data/test-private
