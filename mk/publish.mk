# Publishing through the moderation gate under load, on PostgreSQL (see bench/publish/run.py).
BENCH_PUBLISH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kindling_bench_publish

.PHONY: bench-publish
bench-publish: $(STAMP)
	BENCH_DATABASE_URL=$(BENCH_PUBLISH_DATABASE_URL) $(PY) -m bench.publish.run
