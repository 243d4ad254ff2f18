# `make run`: create .venv if missing, install, run the pipeline on the sample articles.
# `make test`: the whole test suite (installs first, too).
# `make browser`: install Debian's Chromium for the browser tests when it is missing.
# `make test-postgres`: the same, with the store tests also run on a throwaway PostgreSQL.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/samples/seeds
DB ?= eventscope.duckdb
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test test-postgres browser lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[postgres,dask,test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/eventscope run $(SEEDS) --db $(DB)

test: install
	$(BIN)/python -m pytest

browser:
	test -x /usr/bin/chromium || { $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

test-postgres: install
	server="$$(scripts/pg_test_server.sh start)" && eval "$$server" || exit 1; \
	trap 'scripts/pg_test_server.sh stop "$$PG_TEST_DIR"' EXIT; \
	$(BIN)/python -m pytest

lint: install
	$(BIN)/python -m pip install --quiet ruff==0.17.5 mypy==2.4.1
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/eventscope --ignore-missing-imports

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
