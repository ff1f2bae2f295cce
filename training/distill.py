"""Distils the shipped model into a shallower student, to measure what depth buys on CPUs without VNNI.

    python -m training.distill --layers 3 --out training/out/student3 [--time-budget-min 20]
    python -m training.evaluate --model-dir training/out/student3      # then judge it like any model

Why: on an AVX2-only CPU the six-layer int8 encoder misses the speed targets (docs/moderation.md, Known gaps), and
cost falls about in proportion to depth. A student with the first `--layers` layers of the base sentence encoder
learns the shipped model's calibrated probabilities (every output, the at_risk side head's included) on the
training pool of `make train`, mixed with the pool's own labels where it has them, so it can inherit what the
teacher learnt from our cases without the teacher's depth. The student is calibrated on the pool's dev split, like
any run, and never shipped by this script.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from tqdm import tqdm

from kindling_ml.moderator import Moderator
from training.data import OUTPUTS, build_pool
from training.train import (
    Moderation,
    base_model_dir,
    batches,
    collate,
    encode,
    load_tokenizer,
    make_optimiser,
    optimiser_step,
    package,
    split_pool,
)


def teacher_probs(model_dir: Path, texts: list[str], cache: Path) -> np.ndarray:
    """The teacher's calibrated probabilities per text, as the Moderator computes them. Each distinct text is scored
    once, and the result is cached under a digest of the texts, because this is the slow part."""
    unique = list(dict.fromkeys(texts))
    digest = hashlib.sha256("\n".join(unique).encode()).hexdigest()[:16]
    path = cache.with_name(f"{cache.stem}-{digest}.npy")
    if path.exists():
        probs = np.load(path)
    else:
        mod = Moderator.load(model_dir, threads=2)
        probs = np.zeros((len(unique), len(OUTPUTS)), dtype=np.float32)
        for s in tqdm(range(0, len(unique), 512), desc="teacher", unit="chunk"):
            for i, raw in enumerate(mod._raw_scores(unique[s : s + 512])):
                if raw is not None:
                    probs[s + i] = [raw[name] for name in OUTPUTS]
        np.save(path, probs)
    row = {t: i for i, t in enumerate(unique)}
    return probs[[row[t] for t in texts]]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--teacher", type=Path, default=Path("kindling_ml/model"))
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--hard-share", type=float, default=0.3,
                    help="weight of the pool's own label against the teacher's probability, where a label exists")
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--time-budget-min", type=float, default=0, help="stop (annealed) after this many minutes")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--own-repeat", type=int, default=2)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    args.out.mkdir(parents=True, exist_ok=True)

    train, dev = split_pool(build_pool(args.data, args.seed, 1.0, args.own_repeat), 0.05)
    soft = teacher_probs(args.teacher, [e.text for e in train], args.out / "teacher.npy")
    y = np.array([e.y for e in train], dtype=np.float32)
    m = np.array([e.m for e in train], dtype=np.float32)
    target = torch.tensor(np.where(m > 0, args.hard_share * y + (1 - args.hard_share) * soft, soft))
    weight = torch.tensor([e.weight for e in train], dtype=torch.float32)
    ids = encode(load_tokenizer(args.max_len), [e.text for e in train])
    print(f"train {len(train)} dev {len(dev)}; student of {args.layers} layers", flush=True)

    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)
    encoder.encoder.layer = encoder.encoder.layer[: args.layers]
    encoder.config.num_hidden_layers = args.layers
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    model = Moderation(encoder, encoder.config.hidden_size, len(OUTPUTS))
    total = max(1, int(math.ceil(len(train) / args.batch) * args.epochs))
    opt, sched = make_optimiser(model, args.lr, total, args.time_budget_min)
    t0 = time.time()
    bce = nn.BCEWithLogitsLoss(reduction="none")
    step, epoch, bar = 0, 0, tqdm(total=total, desc="distil")
    while step < total:
        model.train()
        for idx in batches(ids, args.batch, random.Random(args.seed + epoch)):
            x, a = collate(ids, idx)
            loss = (bce(model(x, a), target[idx]).mean(1) * weight[idx]).sum() / weight[idx].sum()
            optimiser_step(model, opt, sched, loss)
            step += 1
            bar.update(1)
            if step % 20 == 0:
                bar.set_postfix(loss=f"{loss.item():.4f}")
            if step >= total or (args.time_budget_min and time.time() - t0 > args.time_budget_min * 60):
                total = step
                break
        epoch += 1
    bar.close()
    print(f"distilled {step} steps in {time.time() - t0:.0f}s", flush=True)
    package(model, dev, args.out, None, args.max_len, {
        "distilled_from": str(args.teacher), "layers": args.layers, "steps": step, "batch": args.batch,
        "lr": args.lr, "hard_share": args.hard_share, "own_repeat": args.own_repeat, "seed": args.seed,
        "train_rows": len(train), "dev_rows": len(dev), "train_seconds": round(time.time() - t0),
        "sources": sorted({e.source for e in train})})


if __name__ == "__main__":
    main()
