"""Averages the weights of several fine-tuning runs of the same base model (a "model soup",
Wortsman et al. 2022), then calibrates, exports and quantises the result like a training run.

    python -m training.soup --runs training/out/run7 training/out/run8 --out training/out/soup --ship kindling_ml/model

Every run must start from the same base encoder and share the data (train.py's pool with the same
--seed): the dev split is rebuilt from that pool, so calibration never sees a text any run trained on.
The runs' weights are averaged uniformly; the run-time cost is that of one model.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from training.data import OUTPUTS, build_pool
from training.train import Moderation, base_model_dir, load_fixture, package, split_pool


def average_state_dicts(paths: list[Path]) -> dict[str, torch.Tensor]:
    """Uniform mean of every floating-point tensor; other tensors (ids, counters) from the first run."""
    states = [torch.load(p, map_location="cpu") for p in paths]
    keys = set(states[0])
    for p, st in zip(paths[1:], states[1:], strict=True):
        if set(st) != keys:
            raise SystemExit(f"{p}: its weights do not match {paths[0]} (different architecture)")
    return {k: (torch.stack([st[k].double() for st in states]).mean(0).to(states[0][k].dtype)
                if states[0][k].is_floating_point() else states[0][k]) for k in states[0]}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", nargs="+", required=True, help="training output folders, each with model.pt and config.json")
    p.add_argument("--data", default="../shared/datasets")
    p.add_argument("--fixture", help="the runs were trained on this JSONL fixture (CI smoke run), not on --data")
    p.add_argument("--out", default="training/out/soup")
    p.add_argument("--ship", help="copy the int8 model, tokenizer and config into this folder")
    p.add_argument("--own-repeat", type=int, default=3, help="as in train.py: repeats of our own cases in the dev split")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    runs = [Path(r) for r in args.runs]
    if len(runs) < 2:
        raise SystemExit("a soup needs at least two runs")
    configs = [json.loads((r / "config.json").read_text()) for r in runs]
    seeds = {c["training"]["seed"] for c in configs}
    max_lens = {c["max_len"] for c in configs}
    goemotions_rows = {int(c["training"].get("goemotions_rows", 20000)) for c in configs}
    if len(seeds) != 1 or len(max_lens) != 1 or len(goemotions_rows) != 1:
        raise SystemExit(f"runs differ in seed {sorted(seeds)}, max_len {sorted(max_lens)} or goemotions_rows "
                         f"{sorted(goemotions_rows)}: their dev splits would differ")
    seed, max_len = seeds.pop(), max_lens.pop()
    torch.manual_seed(seed)
    torch.set_num_threads(args.threads)

    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)
    model = Moderation(encoder, encoder.config.hidden_size, len(OUTPUTS))
    model.load_state_dict(average_state_dicts([r / "model.pt" for r in runs]))

    pool = load_fixture(Path(args.fixture)) if args.fixture else build_pool(
        Path(args.data), seed, own_repeat=args.own_repeat, goemotions_rows=goemotions_rows.pop())
    _train, dev = split_pool(pool, configs[0]["training"].get("dev_share", 0.08))
    print(f"soup of {len(runs)} runs; dev {len(dev)}", flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "model.pt")  # so a later run can start from the soup (train.py --init)
    package(model, dev, out, args.ship, max_len, {
        "soup_of": [{"run": str(r), **c["training"]} for r, c in zip(runs, configs, strict=True)],
        "seed": seed, "dev_rows": len(dev), "sources": sorted({e.source for e in pool}),
        "steps": sum(int(c["training"]["steps"]) for c in configs),
        "train_seconds": sum(int(c["training"]["train_seconds"]) for c in configs)})


if __name__ == "__main__":
    main()
