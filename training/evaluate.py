"""Evaluates a model folder with the run-time package (onnxruntime, exactly what ships).

    python -m training.evaluate --data ../shared/datasets --model-dir kindling_ml/model \
        --fp32 training/out/run1/model.fp32.onnx --json training/out/metrics.json --md training/out/metrics.md

Reports: OLID test A (macro-F1 against the data set's OFF/NOT labels and against our policy mapping where
untargeted profanity is not harmful), GoEmotions test kindness ROC-AUC, HatemojiBuild test, and our own
held-out cases per family and per category; kind-message false-positive rate; int8 vs fp32 agreement.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from kindling_ml import CATEGORIES, Moderator
from training.cases import HARMFUL_FAMILIES, KIND_FAMILIES, Case, generate
from training.cases_fresh import FRESH_SETS
from training.data import KIND_EMOTIONS, _goemotions_rows, goemotions_eval, load_olid_test
from training.names import PROBE as PROBE_NAMES


def roc_auc(y: np.ndarray, s: np.ndarray) -> float:
    y = y.astype(bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks for ties
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def average_precision(y: np.ndarray, s: np.ndarray) -> float:
    y = y.astype(bool)
    if y.sum() == 0:
        return float("nan")
    order = np.argsort(-s, kind="mergesort")
    hits = y[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def f1s(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    y, p = y.astype(bool), p.astype(bool)

    def f1(a: np.ndarray, b: np.ndarray) -> float:
        tp = float((a & b).sum())
        fp = float((~a & b).sum())
        fn = float((a & ~b).sum())
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0

    pos, neg = f1(y, p), f1(~y, ~p)
    return {"f1_harmful": pos, "f1_not": neg, "macro_f1": (pos + neg) / 2, "accuracy": float((y == p).mean()),
            "n": len(y), "positives": int(y.sum())}


def score_all(mod: Moderator, texts: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in range(0, len(texts), 256):
        out += [sc.to_dict() for sc in mod.score(texts[s : s + 256])]
    return out


def _share(flags: list[bool]) -> float:
    """Fraction of true flags; NaN (not a warning) when a set has no such texts."""
    return float(np.mean(flags)) if flags else float("nan")


def own_cases_report(mod: Moderator, cases: list[Case], threshold: float) -> dict[str, Any]:
    """Harmful-vs-rest, per family, per category, kind false positives and decisions on our own cases."""
    sc = score_all(mod, [c.text for c in cases])
    y = np.array([c.harm for c in cases])
    h = np.array([s["harm"] for s in sc])
    fams: dict[str, dict[str, Any]] = {}
    for c, s in zip(cases, sc, strict=True):
        d = fams.setdefault(c.group, {"n": 0, "correct": 0, "decisions": {}, "compliments": 0})
        d["n"] += 1
        d["correct"] += int((s["harm"] >= threshold) == bool(c.harm))
        # What the compliments inbox would deliver: allowed, and kind enough by the policy's rule.
        d["compliments"] += int(s["decision"] == "allow" and mod.policy.is_compliment(s["harm"], s["kindness"]))
        d["decisions"][s["decision"]] = d["decisions"].get(s["decision"], 0) + 1
    for d in fams.values():
        d["accuracy"] = d["correct"] / d["n"]
    per_cat: dict[str, dict[str, float]] = {}
    for cat in CATEGORIES:
        yc = np.array([c.cats.get(cat, 0) for c in cases])
        pc = np.array([s["categories"][cat] for s in sc])
        per_cat[cat] = {"positives": int(yc.sum()), "auprc": average_precision(yc, pc), "roc_auc": roc_auc(yc, pc),
                        **{k: v for k, v in f1s(yc, pc >= threshold).items() if k in ("f1_harmful",)}}
    kind_idx = [i for i, c in enumerate(cases) if c.group in KIND_FAMILIES]
    support = [i for i, c in enumerate(cases) if c.group == "at_risk"]
    harmful = [i for i, c in enumerate(cases) if c.group.split("+")[0] in HARMFUL_FAMILIES]
    return {
        "overall": {**f1s(y, h >= threshold), "roc_auc": roc_auc(y, h)},
        "families": dict(sorted(fams.items())),
        "categories": per_cat,
        "categories_mean_auprc": float(np.nanmean([v["auprc"] for v in per_cat.values()])),
        "kind": {
            "n": len(kind_idx),
            "flagged_harmful": _share([sc[i]["harm"] >= threshold for i in kind_idx]),
            "not_allowed": _share([sc[i]["decision"] != "allow" for i in kind_idx]),
            "kindness_roc_auc": roc_auc(np.array([c.kind for c in cases]), np.array([s["kindness"] for s in sc])),
        },
        "at_risk_support_rate": _share([sc[i]["decision"] == "support" for i in support]),
        "harmful_not_allowed": _share([sc[i]["decision"] != "allow" for i in harmful]),
    }


def names_report(mod: Moderator, cases: list[Case]) -> dict[str, Any]:
    """How far a personal name alone moves decisions: each case is scored as written, then twice more, addressed by
    a name no TRAIN text is filled with (`training.names.PROBE`), once in front ("Name, ...") and once behind
    ("..., Name"). Counts per kind of text: not allowed (kind and other texts) or allowed (harmful ones), as written
    and over the named copies; at-risk posts are left out."""
    cases = [c for c in cases if c.group != "at_risk"]
    named: list[str] = []
    for i, c in enumerate(cases):
        first, second = PROBE_NAMES[(2 * i) % len(PROBE_NAMES)], PROBE_NAMES[(2 * i + 1) % len(PROBE_NAMES)]
        named += [f"{first}, {c.text}", f"{c.text.rstrip('.!')}, {second}"]
    plain, addressed = score_all(mod, [c.text for c in cases]), score_all(mod, named)
    out: dict[str, Any] = {"texts": len(cases), "named_copies": len(named)}
    for label, pick, wrong in (
        ("kind", lambda c: c.group in KIND_FAMILIES, lambda d: d != "allow"),
        ("harmful", lambda c: c.group.split("+")[0] in HARMFUL_FAMILIES, lambda d: d == "allow"),
        ("other", lambda c: c.group not in KIND_FAMILIES and c.group.split("+")[0] not in HARMFUL_FAMILIES,
         lambda d: d != "allow"),
    ):
        idx = [i for i, c in enumerate(cases) if pick(c)]
        out[label] = {
            "n": len(idx),
            "wrong_as_written": sum(wrong(plain[i]["decision"]) for i in idx),
            "wrong_named": sum(wrong(addressed[2 * i + k]["decision"]) for i in idx for k in (0, 1)),
            "decision_changed": sum(addressed[2 * i + k]["decision"] != plain[i]["decision"] for i in idx for k in (0, 1)),
        }
    return out


def goemotions_report(mod: Moderator, root: Path, split: str, threshold: float) -> dict[str, Any]:
    """Kindness ranking on a GoEmotions split, and what the policy does to its kind comments."""
    ge = goemotions_eval(root, split)
    sc = score_all(mod, [t for t, _ in ge])
    kind_y = np.array([k for _, k in ge])
    kind_s = np.array([s["kindness"] for s in sc])
    ge_harm = np.array([s["harm"] for s in sc])
    ge_dec = [s["decision"] for s in sc]
    kind_not_allowed = sum(d != "allow" for d, k in zip(ge_dec, kind_y, strict=True) if k)
    # Which kind labels the model ranks worst: each label's comments against the comments with no kind label.
    emotions = [e for _, e in _goemotions_rows(root, split)]
    by_label = {}
    for label in sorted(KIND_EMOTIONS):
        has = np.array([label in e for e in emotions])
        pick = has | (kind_y == 0)
        by_label[label] = roc_auc(has[pick], kind_s[pick])
    return {
        "kindness_roc_auc": roc_auc(kind_y, kind_s), "n": len(ge), "kind": int(kind_y.sum()),
        "kindness_roc_auc_by_label": by_label,
        "kind_flagged_harmful": float((ge_harm[kind_y == 1] >= threshold).mean()),
        "kind_not_allowed": float(kind_not_allowed / max(int(kind_y.sum()), 1)),
        "kind_not_allowed_count": int(kind_not_allowed),
        "all_not_allowed": float(np.mean([d != "allow" for d in ge_dec])),
        "support": float(np.mean([d == "support" for d in ge_dec])),
    }


def evaluate(mod: Moderator, root: Path, threshold: float = 0.5) -> dict[str, Any]:
    res: dict[str, Any] = {"threshold": threshold}
    # OLID test A
    olid = load_olid_test(root)
    sc = score_all(mod, [t for t, _, _ in olid])
    harm = np.array([s["harm"] for s in sc])
    y_off = np.array([a == "OFF" for _, a, _ in olid])
    y_pol = np.array([a == "OFF" and b == "TIN" for _, a, b in olid])
    res["olid_test_a"] = {**f1s(y_off, harm >= threshold), "roc_auc": roc_auc(y_off, harm)}
    res["olid_test_a_policy"] = {**f1s(y_pol, harm >= threshold), "roc_auc": roc_auc(y_pol, harm)}
    # GoEmotions test (the target) and dev (a second sample of the same cost, so a rule can judge both)
    res["goemotions_test"] = goemotions_report(mod, root, "test", threshold)
    res["goemotions_dev"] = goemotions_report(mod, root, "dev", threshold)
    # HatemojiBuild test
    with open(root / "hatemoji_build/test.csv", encoding="utf-8") as f:
        hm = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
    sc = score_all(mod, [t for t, _ in hm])
    y = np.array([v for _, v in hm])
    h = np.array([s["harm"] for s in sc])
    res["hatemoji_test"] = {**f1s(y, h >= threshold), "roc_auc": roc_auc(y, h)}
    # Own held-out cases (templates) and the fresh literal sets
    own = own_cases_report(mod, generate("heldout", per_template=6), threshold)
    res["own_heldout"] = own["overall"]
    res["own_heldout_families"] = own["families"]
    res["own_heldout_categories"] = own["categories"]
    res["own_heldout_categories_mean_auprc"] = own["categories_mean_auprc"]
    res["own_heldout_kind"] = own["kind"]
    res["own_heldout_at_risk_support_rate"] = own["at_risk_support_rate"]
    res["own_heldout_harmful_not_allowed"] = own["harmful_not_allowed"]
    for fresh in FRESH_SETS:
        res[fresh.key] = own_cases_report(mod, fresh.cases(), threshold)
    # Held-out templates and fresh sets 1-10 (read long ago, never trained on), each addressed by unseen names.
    early = [c for f in FRESH_SETS if f.key in {"own_fresh", *(f"own_fresh{n}" for n in range(2, 11))} for c in f.cases()]
    res["own_names"] = names_report(mod, generate("heldout", per_template=6) + early)
    return res


def agreement(int8: Moderator, fp32: Moderator, texts: list[str], threshold: float) -> dict[str, float]:
    a = int8.score(texts)
    b = fp32.score(texts)
    ha = np.array([s.harm for s in a])
    hb = np.array([s.harm for s in b])
    ka = np.array([s.kindness for s in a])
    kb = np.array([s.kindness for s in b])
    return {"n": len(texts), "harm_mean_abs_diff": float(np.abs(ha - hb).mean()),
            "harm_max_abs_diff": float(np.abs(ha - hb).max()),
            "harm_flag_agreement": float(((ha >= threshold) == (hb >= threshold)).mean()),
            "kindness_mean_abs_diff": float(np.abs(ka - kb).mean()),
            "decision_agreement": float(np.mean([x.decision == y.decision for x, y in zip(a, b, strict=True)]))}


def to_markdown(r: dict[str, Any]) -> str:
    def pct(x: float) -> str:
        return "none in the set" if x != x else f"{100 * x:.1f}%"

    def auc(x: float) -> str:  # NaN when a set has no kind message (or only kind ones)
        return "none in the set" if x != x else f"{x:.3f}"

    lines = ["| data set | metric | value |", "|---|---|---|"]
    o = r["olid_test_a"]
    lines.append(f"| OLID test A (n={o['n']}), OFF vs NOT as labelled | macro-F1 / ROC-AUC | {o['macro_f1']:.3f} / {o['roc_auc']:.3f} |")
    o = r["olid_test_a_policy"]
    lines.append(f"| OLID test A, our policy (OFF+targeted = harmful) | macro-F1 / ROC-AUC | {o['macro_f1']:.3f} / {o['roc_auc']:.3f} |")
    g = r["goemotions_test"]
    lines.append(f"| GoEmotions test (n={g['n']}, kind={g['kind']}) | kindness ROC-AUC | {g['kindness_roc_auc']:.3f} |")
    lines.append(f"| GoEmotions test, kind messages | harm ≥ {r['threshold']} / decision ≠ allow | {pct(g['kind_flagged_harmful'])} / {pct(g['kind_not_allowed'])} |")
    h = r["hatemoji_test"]
    lines.append(f"| HatemojiBuild test (n={h['n']}) | accuracy / macro-F1 / ROC-AUC | {h['accuracy']:.3f} / {h['macro_f1']:.3f} / {h['roc_auc']:.3f} |")
    w = r["own_heldout"]
    lines.append(f"| Own held-out cases (n={w['n']}) harmful-vs-rest | macro-F1 / accuracy / ROC-AUC | {w['macro_f1']:.3f} / {w['accuracy']:.3f} / {w['roc_auc']:.3f} |")
    k = r["own_heldout_kind"]
    lines.append(f"| Own held-out kind messages (n={k['n']}) | harm ≥ {r['threshold']} / decision ≠ allow | {pct(k['flagged_harmful'])} / {pct(k['not_allowed'])} |")
    lines.append(f"| Own held-out | kindness ROC-AUC | {k['kindness_roc_auc']:.3f} |")
    lines.append(f"| Own held-out at-risk posts | decision = support | {pct(r['own_heldout_at_risk_support_rate'])} |")
    lines.append(f"| Own held-out harmful posts | decision ≠ allow | {pct(r['own_heldout_harmful_not_allowed'])} |")
    lines.append(f"| Own held-out, mean per-category AUPRC | AUPRC | {r['own_heldout_categories_mean_auprc']:.3f} |")
    lines += ["", "Own held-out cases per family (accuracy of harm ≥ threshold against the expected label; decisions):", "",
              "| family | n | accuracy | decisions |", "|---|---|---|---|"]
    for fam, d in r["own_heldout_families"].items():
        dec = ", ".join(f"{k} {v}" for k, v in sorted(d["decisions"].items()))
        lines.append(f"| {fam} | {d['n']} | {d['accuracy']:.2f} | {dec} |")
    lines += ["", "Own held-out cases per category:", "", "| category | positives | AUPRC | ROC-AUC | F1 at 0.5 |",
              "|---|---|---|---|---|"]
    for cat, d in r["own_heldout_categories"].items():
        lines.append(f"| {cat} | {d['positives']} | {d['auprc']:.3f} | {d['roc_auc']:.3f} | {d['f1_harmful']:.3f} |")
    if "own_names" in r:
        nm = r["own_names"]
        lines += ["", f"Names alone ({nm['texts']} held-out and fresh 1-10 texts, each also addressed by two names no "
                  "TRAIN text uses, in front and behind):", "",
                  "| texts | n | wrong as written | wrong over the named copies | named copies whose decision changed |",
                  "|---|---|---|---|---|"]
        for label, what in (("kind", "not allowed"), ("harmful", "allowed"), ("other", "not allowed")):
            d = nm[label]
            lines.append(f"| {label} ({what}) | {d['n']} | {d['wrong_as_written']} of {d['n']} | "
                         f"{d['wrong_named']} of {2 * d['n']} | {d['decision_changed']} of {2 * d['n']} |")
    for fresh in FRESH_SETS:
        if fresh.key not in r:
            continue
        fr = r[fresh.key]
        o, k = fr["overall"], fr["kind"]
        lines += ["", f"{fresh.title}, n={o['n']}:", "", "| metric | value |", "|---|---|",
                  f"| harmful-vs-rest macro-F1 / accuracy / ROC-AUC | {o['macro_f1']:.3f} / {o['accuracy']:.3f} / {o['roc_auc']:.3f} |",
                  f"| kind messages (n={k['n']}): harm ≥ {r['threshold']} / decision ≠ allow | {pct(k['flagged_harmful'])} / {pct(k['not_allowed'])} |",
                  f"| kindness ROC-AUC | {auc(k['kindness_roc_auc'])} |",
                  f"| harmful posts: decision ≠ allow | {pct(fr['harmful_not_allowed'])} |",
                  f"| at-risk posts: decision = support | {pct(fr['at_risk_support_rate'])} |",
                  f"| mean per-category AUPRC | {fr['categories_mean_auprc']:.3f} |",
                  "", "| family | n | accuracy | decisions |", "|---|---|---|---|"]
        for fam, d in fr["families"].items():
            dec = ", ".join(f"{k} {v}" for k, v in sorted(d["decisions"].items()))
            lines.append(f"| {fam} | {d['n']} | {d['accuracy']:.2f} | {dec} |")
    if "int8_vs_fp32" in r:
        a = r["int8_vs_fp32"]
        lines += ["", f"int8 vs fp32 on {a['n']} texts (OLID test A + HatemojiBuild test + own held-out): harm mean |Δ| "
                  f"{a['harm_mean_abs_diff']:.4f} (max {a['harm_max_abs_diff']:.3f}), harm flag agreement "
                  f"{pct(a['harm_flag_agreement'])}, decision agreement {pct(a['decision_agreement'])}, kindness mean |Δ| "
                  f"{a['kindness_mean_abs_diff']:.4f}."]
        if "fp32" in r:
            f = r["fp32"]
            lines.append(f"fp32 for comparison: OLID test A macro-F1 {f['olid_test_a']['macro_f1']:.3f}, GoEmotions kindness "
                         f"ROC-AUC {f['goemotions_test']['kindness_roc_auc']:.3f}, HatemojiBuild accuracy "
                         f"{f['hatemoji_test']['accuracy']:.3f}, own held-out macro-F1 {f['own_heldout']['macro_f1']:.3f}.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/datasets")
    p.add_argument("--model-dir", default="kindling_ml/model")
    p.add_argument("--fp32", help="fp32 ONNX file of the same model, for the int8 comparison")
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json", default="training/out/metrics.json")
    p.add_argument("--md", default="training/out/metrics.md")
    args = p.parse_args(argv)
    root = Path(args.data)
    t0 = time.time()
    mod = Moderator.load(args.model_dir, threads=args.threads)
    res = evaluate(mod, root, args.threshold)
    res["model_dir"] = args.model_dir
    if args.fp32:
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("tokenizer.json", "config.json"):
                shutil.copy(Path(args.model_dir) / name, Path(tmp) / name)
            shutil.copy(args.fp32, Path(tmp) / "model.onnx")
            fp = Moderator.load(tmp, threads=args.threads)
            olid = [t for t, _, _ in load_olid_test(root)]
            with open(root / "hatemoji_build/test.csv", encoding="utf-8") as f:
                hm = [r["text"] for r in csv.DictReader(f)]
            own = [c.text for c in generate("heldout", per_template=6)]
            res["int8_vs_fp32"] = agreement(mod, fp, olid + hm + own, args.threshold)
            res["fp32"] = evaluate(fp, root, args.threshold)
    res["seconds"] = round(time.time() - t0, 1)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(res, indent=2))
    md = to_markdown(res)
    Path(args.md).write_text(md)
    print(md)


if __name__ == "__main__":
    main()
