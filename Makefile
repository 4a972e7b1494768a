# Two commands matter: `make run` (set up and serve the portal) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Debian packages the portal needs at run time (translations, PDF rendering, Thai fonts, file sniffing)
# and, for the tests, the browser, the PDF text tools and NSS's certutil (poppler's pdfsig checks signatures with NSS).
RUN_DEBS := gettext fonts-thai-tlwg libmagic1 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils zbar-tools nodejs libnss3-tools
# The independent Open Badges verifier (Digital Bazaar's, on Node) the tests check the portal's credentials with.
VERIFIER := tests/certificates/verifier

# The tests run against the machine's PostgreSQL and Redis unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dg_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test install install-test install-verifier test-oidc-provider axe system-deps system-deps-test messages clean
AXE := tests/browser/axe

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"
	touch $@ $(VENV)/.installed-run

$(VERIFIER)/node_modules/.package-lock.json: $(VERIFIER)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 with npm" >&2; exit 1; }
	npm ci --prefix $(VERIFIER) --no-audit --no-fund --loglevel=error

# The OpenID Connect provider the sign-in tests start on the loopback (panva's oidc-provider, run with Node).
OIDC_PROVIDER_DIR := tests/oidc/provider
$(OIDC_PROVIDER_DIR)/node_modules/.package-lock.json: $(OIDC_PROVIDER_DIR)/package-lock.json
	npm ci --prefix $(OIDC_PROVIDER_DIR) --no-audit --no-fund --silent
test-oidc-provider: $(OIDC_PROVIDER_DIR)/node_modules/.package-lock.json

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test
install-verifier: $(VERIFIER)/node_modules/.package-lock.json

# Installs what is missing when run as root (as on these machines and in CI); otherwise names it.
system-deps:
	@scripts/ensure-debs $(RUN_DEBS)
system-deps-test:
	@scripts/ensure-debs $(TEST_DEBS)

# axe-core for the accessibility test, exactly as package-lock.json pins it.
$(AXE)/node_modules/axe-core/axe.min.js: $(AXE)/package.json $(AXE)/package-lock.json
	cd $(AXE) && npm ci --no-audit --no-fund --silent
	touch $@
axe: $(AXE)/node_modules/axe-core/axe.min.js

messages: install
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity=0

run: system-deps install messages
	$(MANAGE) migrate --noinput
	# Without Redis, request limits count in a database table that every web process shares.
	$(MANAGE) createcachetable
	$(MANAGE) load_standard
	$(MANAGE) load_exam_bank
	$(MANAGE) loaddata blueprint_worked_example
	$(MANAGE) seed_demo
	@echo "Portal on http://127.0.0.1:8000/ with a Celery worker; Ctrl-C stops both."
	@trap 'kill 0' INT TERM; \
	$(BIN)/celery -A config worker --beat --loglevel=INFO --concurrency=2 --schedule var/celerybeat-schedule & \
	$(MANAGE) runserver 127.0.0.1:8000 & \
	wait -n; kill 0

test: system-deps-test install-test install-verifier test-oidc-provider axe messages
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}" \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var $(VERIFIER)/node_modules
