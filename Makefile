# Kindling — every target does its own set-up, so a fresh machine needs only `make demo` or `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export KINDLING_DATA_DIR ?= $(CURDIR)/var
DEMO_ADMIN_USER ?= admin
DEMO_ADMIN_EMAIL ?= admin@kindling.local
DEMO_ADMIN_PASSWORD ?= kindling-admin
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra test steps contributed by mk/*.mk (for example the training smoke run).
TEST_EXTRA :=

-include mk/*.mk

.PHONY: help install chromium demo serve test test-sqlite test-postgres lint typecheck clean

help:
	@echo "make demo   install, migrate, load the demo world and serve http://$(HOST):$(PORT)"
	@echo "make test   install test tools and run lint, types, unit, API and browser tests"

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests; Playwright cannot download its own browser here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

demo: $(STAMP)
	$(VENV)/bin/kindling migrate --noinput
	$(VENV)/bin/kindling demo-data
	@DJANGO_SUPERUSER_USERNAME=$(DEMO_ADMIN_USER) DJANGO_SUPERUSER_EMAIL=$(DEMO_ADMIN_EMAIL) \
	  DJANGO_SUPERUSER_PASSWORD=$(DEMO_ADMIN_PASSWORD) $(VENV)/bin/kindling createsuperuser --noinput >/dev/null 2>&1 || true
	@echo ""
	@echo "  Kindling demo is ready: http://$(HOST):$(PORT)"
	@echo "  Admin login: $(DEMO_ADMIN_USER) / $(DEMO_ADMIN_PASSWORD)   (admin site: http://$(HOST):$(PORT)/admin/)"
	@echo "  Demo users: any name from the demo world with password 'kindness-demo' (e.g. maya / kindness-demo)"
	@echo "  Moderators: sam_mod, rae_mod (review console at /moderation/); editor: eli_editor — same password"
	@echo ""
	$(VENV)/bin/kindling serve --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(VENV)/bin/kindling serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy config kindling kindling_ml

test-sqlite: $(STAMP) chromium
	@echo "== tests on SQLite =="
	env -u DATABASE_URL DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -p no:cacheprovider

test-postgres: $(STAMP) chromium
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== tests on PostgreSQL ($${DATABASE_URL%%@*}@...) =="; \
	  DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -p no:cacheprovider; \
	else echo "DATABASE_URL not set: PostgreSQL run skipped"; fi

test: lint typecheck test-sqlite test-postgres $(TEST_EXTRA)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache test-artifacts
