# For You ranking: benchmark at 10k / 100k / 1M posts on PostgreSQL, and the kindness simulation.
# bench-feed needs PostgreSQL (BENCH_DATABASE_URL; the database is created if missing) and wrk.

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kindling_bench
BENCH_FEED_SIZES ?= 10000,100000,1000000
BENCH_FEED_SECONDS ?= 10
BENCH_FEED_CONNECTIONS ?= 4
SIM_STAMP := $(VENV)/.sim-deps

.PHONY: bench-feed bench-feed-report simulate refresh-ranks

$(SIM_STAMP): $(STAMP)
	$(PIP) install --quiet matplotlib
	@touch $(SIM_STAMP)

bench-feed: $(STAMP)
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	@psql "$(BENCH_DATABASE_URL)" -c 'select 1' >/dev/null 2>&1 || \
	  psql "$(dir $(BENCH_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	DATABASE_URL=$(BENCH_DATABASE_URL) KINDLING_DATA_DIR=$(CURDIR)/var/bench $(VENV)/bin/kindling migrate --noinput -v 0
	$(PY) bench/feed/run.py --url $(BENCH_DATABASE_URL) --sizes $(BENCH_FEED_SIZES) \
	  --seconds $(BENCH_FEED_SECONDS) --connections $(BENCH_FEED_CONNECTIONS)
	$(PY) bench/feed/report.py

bench-feed-report:
	$(PY) bench/feed/report.py

simulate: $(SIM_STAMP)
	$(PY) sim/feed_sim.py

refresh-ranks: $(STAMP)
	$(VENV)/bin/kindling refresh-ranks
