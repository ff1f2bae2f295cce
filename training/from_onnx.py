"""Rebuilds a training checkpoint (`model.pt` for `training.train --init`) from a shipped int8 ONNX model.

A run's fp32 checkpoint lives in training/out, which is not committed; the shipped model is. Dequantising its
per-channel int8 weights gives the shipped encoder and head back to within half a quantisation step, so a short
continued run can start from what is shipped instead of repeating the full recipe (90-130 min on 2 cores).

    python -m training.from_onnx --model-dir kindling_ml/model --out training/out/shipped

Each weight matrix is matched to its torch parameter through the bias that follows it in the graph (the exporter
names biases after the torch module but gives transposed weights anonymous names). An `at_risk` side head
(`training.refit_head`) is not part of the checkpoint: the main head's own `at_risk` row is kept, and a continued
run refits the side head afterwards.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np


def _dequantised(arrays: dict[str, np.ndarray], quantised: str) -> np.ndarray:
    stem = quantised.removesuffix("_quantized")
    q = arrays[quantised].astype(np.float32)
    scale = arrays[f"{stem}_scale"].astype(np.float32)
    zero = arrays[f"{stem}_zero_point"].astype(np.float32)
    # Per-channel scales run along the output axis (the last one of a MatMul weight).
    return (q - zero) * scale


def onnx_state(path: Path) -> dict[str, np.ndarray]:
    """torch parameter name (without the exporter's "model." prefix) -> fp32 array, from an int8 ONNX model."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    arrays = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    def following_bias(output: str, hops: int = 4) -> str | None:
        """The `*.bias` initializer added to this product within a few nodes (Cast, Mul, then Add)."""
        frontier = [output]
        for _ in range(hops):
            nxt = []
            for name in frontier:
                for node in consumers.get(name, []):
                    bias = [i for i in node.input if i.endswith(".bias") and i in arrays]
                    if node.op_type == "Add" and bias:
                        return bias[0]
                    nxt += list(node.output)
            frontier = nxt
        return None

    state: dict[str, np.ndarray] = {}
    for name, value in arrays.items():
        if not name.startswith("model."):
            continue
        if name.endswith("_quantized"):  # embedding tables: gathered, then dequantised (per tensor)
            state[name.removesuffix("_quantized")] = _dequantised(arrays, name)
        elif value.dtype == np.float32 and not name.endswith(("_scale", "_zero_point")):
            state[name] = value
    for node in graph.node:
        if node.op_type in ("MatMulInteger", "MatMul") and node.input[1] in arrays:
            bias = following_bias(node.output[0])
            if bias is None or bias.replace(".bias", ".weight") in state:
                continue  # not a torch Linear (or a side head's product, which follows the main one)
            weight = arrays[node.input[1]] if node.op_type == "MatMul" else _dequantised(arrays, node.input[1])
            state[bias.replace(".bias", ".weight")] = weight.T.copy()
    return {k.removeprefix("model."): v for k, v in state.items()}


def main(argv: list[str] | None = None) -> None:
    import torch
    from transformers import AutoModel

    from training.data import OUTPUTS
    from training.train import Moderation, base_model_dir

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model-dir", default="kindling_ml/model")
    p.add_argument("--out", default="training/out/shipped")
    p.add_argument("--check", action="store_true",
                   help="fail unless the rebuilt model's logits track the ONNX model's (every output without a side head)")
    args = p.parse_args(argv)

    encoder = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)
    model = Moderation(encoder, encoder.config.hidden_size, len(OUTPUTS))
    # The pooler is computed but never used (the head reads mean-pooled tokens), so the graph has no pooler;
    # it keeps the base model's weights.
    wanted = {k: v for k, v in model.state_dict().items()
              if not k.endswith("position_ids") and not k.startswith("encoder.pooler.")}
    found = onnx_state(Path(args.model_dir) / "model.onnx")
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise SystemExit(f"{len(missing)} parameters not found in the ONNX graph, e.g. {missing[:3]}")
    for key, value in wanted.items():
        if tuple(value.shape) != found[key].shape:
            raise SystemExit(f"{key}: shape {found[key].shape} in the graph, {tuple(value.shape)} in the model")
    model.load_state_dict({k: torch.from_numpy(np.array(found[k], dtype=np.float32)) for k in wanted}, strict=False)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "model.pt")
    print(f"wrote {out / 'model.pt'} ({len(wanted)} tensors from {args.model_dir})")
    if args.check:
        corr = agreement(model, Path(args.model_dir))
        print(f"logit correlation with the ONNX model: {corr:.4f}")
        if corr < 0.98:
            raise SystemExit(f"the rebuilt model does not match the ONNX model (correlation {corr:.4f})")


CHECK_TEXTS = (
    "you are so kind, thank you", "nobody wants you here, loser", "great match today!", "i will find where you live",
    "this traffic is awful as hell", "you're not ugly at all", "kys", "happy birthday Amara 🎉", "you look like a 🐷",
    "someone called me a freak today and it hurt", "my gay uncle is visiting", "send me pics, don't tell your mum",
)


def agreement(model: Any, model_dir: Path) -> float:
    """Correlation of the rebuilt model's logits with the ONNX model's over fixed texts, one text per run (the int8
    model quantises activations per input), leaving out outputs replaced by a side head."""
    import torch

    from kindling_ml import Moderator
    from kindling_ml.normalize import normalize

    mod = Moderator.load(model_dir)
    side = {h["output"] for h in mod.config.get("side_heads", [])}
    keep = [j for j, name in enumerate(mod.outputs) if name not in side]
    model.eval()
    ours, theirs = [], []
    with torch.no_grad():
        for text in CHECK_TEXTS:
            ids = [mod._cls, *mod.tokenizer.encode(normalize(text), add_special_tokens=False).ids, mod._sep]
            x = np.array([ids], dtype=np.int64)
            theirs.append(mod.session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0][keep])
            ours.append(model(torch.from_numpy(x), torch.ones(x.shape, dtype=torch.long))[0].numpy()[keep])
    return float(np.corrcoef(np.ravel(ours), np.ravel(theirs))[0, 1])


if __name__ == "__main__":
    main()
