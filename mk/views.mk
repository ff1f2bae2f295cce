# Hashtag views: how many view events per second the buffered path records, on SQLite (in-process buffer)
# and on PostgreSQL + Redis (Redis buffer). Bounded: BENCH_VIEWS_SECONDS per measurement, 3 per backend.
# Writes bench/views/results.json and the views section of docs/benchmarks.md.

BENCH_VIEWS_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kindling_bench_views
BENCH_VIEWS_REDIS_URL ?= redis://127.0.0.1:6379/1
BENCH_VIEWS_SECONDS ?= 10

.PHONY: bench-views

bench-views: $(STAMP)
	@psql "$(BENCH_VIEWS_DATABASE_URL)" -c 'select 1' >/dev/null 2>&1 || \
	  psql "$(dir $(BENCH_VIEWS_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(BENCH_VIEWS_DATABASE_URL))"
	$(PY) bench/views/run.py --seconds $(BENCH_VIEWS_SECONDS) \
	  --postgres $(BENCH_VIEWS_DATABASE_URL) --redis $(BENCH_VIEWS_REDIS_URL)
