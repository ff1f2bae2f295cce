"""Loads the public data sets (read in place from ../shared/datasets, never copied) and maps their labels
to Kindling's policy. See docs/moderation.md for the reasoning behind each mapping.

Every example has 13 targets in OUTPUTS order and a mask: 1 where the source says something about that
target, 0 where it does not (masked in the loss).
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from training.cases import CATEGORIES, Case

OUTPUTS = ["harm", "kindness", *CATEGORIES]
IDX = {name: i for i, name in enumerate(OUTPUTS)}
KIND_EMOTIONS = {"admiration", "gratitude", "caring", "love", "approval", "optimism", "remorse"}
HOSTILE_EMOTIONS = {"anger", "annoyance", "disgust", "disapproval"}
_FILL_NAMES = ["Alex", "Sam", "Maria", "John", "Priya", "Wei", "Fatima", "Kofi", "Lena", "Omar", "Grace", "Luis"]
_FILL_RELIGIONS = ["Christian", "Muslim", "Jewish", "Hindu", "Buddhist", "Sikh", "Catholic"]

csv.field_size_limit(sys.maxsize)


OWN_SOURCES = {"own"}  # our written and templated cases; every other source is a public data set


@dataclass
class Example:
    text: str
    y: list[float]
    m: list[float]
    source: str
    weight: float = 1.0


def _ex(text: str, source: str, weight: float = 1.0, **labels: int) -> Example:
    y = [0.0] * len(OUTPUTS)
    m = [0.0] * len(OUTPUTS)
    for k, v in labels.items():
        if v is None:
            continue
        y[IDX[k]] = float(v)
        m[IDX[k]] = 1.0
    return Example(text, y, m, source, weight)


def _no_cats(**extra: int) -> dict[str, int]:
    """All categories explicitly 0 (except at_risk, which public sets do not annotate)."""
    d = {c: 0 for c in CATEGORIES if c != "at_risk"}
    d.update(extra)
    return d


def _clean_tweet(t: str) -> str:
    return t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("RT ", "").strip()


def load_olid_train(root: Path) -> list[Example]:
    out = []
    with open(root / "olid/olid-training-v1.0.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            t = r["tweet"]
            if r["subtask_a"] == "NOT":
                out.append(_ex(t, "olid", harm=0, **_no_cats()))
            elif r["subtask_b"] == "UNT":
                # Untargeted profanity: fine under our policy, but noisy; half weight.
                out.append(_ex(t, "olid", 0.5, harm=0))
            elif r["subtask_c"] == "IND":
                out.append(_ex(t, "olid", harm=1, insult=1, kindness=0))
            else:  # targeted at a group or other: harmful, category unknown
                out.append(_ex(t, "olid", harm=1, kindness=0))
    return out


def load_olid_test(root: Path) -> list[tuple[str, str, str]]:
    """(text, level A label, level B label or '') for OLID test A."""
    with open(root / "olid/labels-levela.csv", encoding="utf-8") as fa:
        labels_a = dict(csv.reader(fa))
    with open(root / "olid/labels-levelb.csv", encoding="utf-8") as fb:
        labels_b = dict(csv.reader(fb))
    rows = []
    with open(root / "olid/testset-levela.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append((r["tweet"], labels_a[r["id"]], labels_b.get(r["id"], "")))
    return rows


def load_davidson(root: Path, rng: random.Random) -> list[Example]:
    out = []
    with open(root / "davidson/labeled_data.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = _clean_tweet(r["tweet"])
            if r["class"] == "0":
                out.append(_ex(t, "davidson", 0.7, harm=1, identity_hate=1, kindness=0))
            elif r["class"] == "2":
                out.append(_ex(t, "davidson", harm=0, **_no_cats()))
            # class 1 "offensive" is mostly untargeted profanity and is left out: its label does not
            # match our policy either way.
    return out


def load_hatemoji(root: Path, split: str) -> list[Example]:
    out = []
    with open(root / f"hatemoji_build/{split}.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label_gold"] == "1":
                threat = 1 if r["type"] == "threateninglanguage" else None
                out.append(_ex(r["text"], "hatemoji", harm=1, identity_hate=1, threat=threat, kindness=0))  # type: ignore[arg-type]
            else:
                out.append(_ex(r["text"], "hatemoji", harm=0, identity_hate=0))
    return out


def load_cyberbullying(root: Path) -> list[Example]:
    out = []
    path = root / "cyberbullying/cyberbullying_tweets_10k_subsample.csv"
    with open(path, encoding="utf-8", errors="replace") as f:
        for r in csv.DictReader(f):
            t, kind = _clean_tweet(r["tweet_text"]), r["cyberbullying_type"]
            if kind == "not_cyberbullying":
                out.append(_ex(t, "cyberbullying", harm=0))
            elif kind in ("ethnicity", "religion"):
                out.append(_ex(t, "cyberbullying", 0.5, harm=1, identity_hate=1))
            elif kind == "gender":
                out.append(_ex(t, "cyberbullying", 0.4, harm=1))
            # age / other: labels are mostly the topic, not an attack; left out.
    return out


def _goemotions_rows(root: Path, split: str) -> list[tuple[str, set[str]]]:
    names = (root / "goemotions/labels.txt").read_text().split()
    rows = []
    with open(root / f"goemotions/{split}.tsv", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            rows.append((parts[0], {names[int(i)] for i in parts[1].split(",") if i}))
    return rows


def fill_masks(text: str, rng: random.Random) -> str:
    """GoEmotions masks names and religions; fill them so the model learns nothing from the mask tokens
    and sees names in ordinary sentences."""
    while "[NAME]" in text:
        text = text.replace("[NAME]", rng.choice(_FILL_NAMES), 1)
    while "[RELIGION]" in text:
        text = text.replace("[RELIGION]", rng.choice(_FILL_RELIGIONS), 1)
    return text


def load_goemotions(root: Path, split: str, rng: random.Random) -> list[Example]:
    out = []
    for text, emo in _goemotions_rows(root, split):
        t = fill_masks(text, rng)
        kind = int(bool(emo & KIND_EMOTIONS))
        if emo & HOSTILE_EMOTIONS:
            out.append(_ex(t, "goemotions", kindness=kind))
        elif kind:
            out.append(_ex(t, "goemotions", kindness=1, harm=0, **_no_cats()))
        else:
            out.append(_ex(t, "goemotions", kindness=0, harm=0))
    return out


def goemotions_eval(root: Path, split: str) -> list[tuple[str, int]]:
    rng = random.Random(7)
    return [(fill_masks(t, rng), int(bool(e & KIND_EMOTIONS))) for t, e in _goemotions_rows(root, split)]


def load_wikipedia(root: Path, rng: random.Random, n_clean: int) -> list[Example]:
    out, clean = [], []
    for name in ("gn.csv", "gc.csv"):
        with open(root / "wikipedia_talk" / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                t = r["text"].strip()
                if not t:
                    continue
                if r["label"] == "1":
                    out.append(_ex(t, "wikipedia", harm=1, kindness=0))
                else:
                    clean.append(_ex(t, "wikipedia", harm=0))
    rng.shuffle(clean)
    return out + clean[:n_clean]


def load_politeness(root: Path, rng: random.Random, n: int) -> list[Example]:
    out = []
    for name in ("wikipedia.annotated.csv", "stack-exchange.annotated.csv"):
        with open(root / "politeness" / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out.append(_ex(r["Request"], "politeness", harm=0))
    rng.shuffle(out)
    return out[:n]


# End punctuation people type, roughly in the proportions GoEmotions' comments end with it.
_ENDINGS = (".", ".", ".", ".", "!", "!", "?", "...", "!!")


def _punctuated(text: str, rng: random.Random) -> str:
    """`text` with end punctuation added when it has none: most of our cases are written without any, while most
    public comments end with some, so without this the model learnt that a full stop means harmless (measured
    2026-12-08: a "." after each of the name probe's 814 harmful texts let 112 through instead of 63)."""
    body = text.rstrip()
    if not body or body[-1] in ".!?…" or not body[-1].isalnum():
        return text
    return body + rng.choice(_ENDINGS)


def from_cases(cases: list[Case], repeat: int = 1, punctuate: float = 0.0, rng: random.Random | None = None,
               protected: frozenset[str] = frozenset()) -> list[Example]:
    """Each case `repeat` times. With `punctuate`, each copy gets end punctuation with that probability, unless the
    punctuated text is in `protected` (the evaluation texts, which no training text may equal)."""
    rng = rng or random.Random(0)
    out = []
    for c in cases:
        labels = {"harm": c.harm, "kindness": c.kind, **c.cats}
        for _ in range(repeat):
            text = c.text
            if punctuate and rng.random() < punctuate:
                candidate = _punctuated(text, rng)
                if " ".join(candidate.lower().split()) not in protected:
                    text = candidate
            out.append(_ex(text, "own", **labels))
    return out


def evaluation_keys() -> frozenset[str]:
    """Every held-out and fresh text, lower-cased with spaces collapsed: what no training text may be."""
    from training.cases import generate
    from training.cases_fresh import FRESH_SETS

    texts = [c.text for c in generate("heldout", per_template=6)] + [c.text for f in FRESH_SETS for c in f.cases()]
    return frozenset(" ".join(t.lower().split()) for t in texts)


def writers_at_risk_cases() -> list[Case]:
    """The at-risk posts that `training.refit_head` trains its side head on (its train split only, so its dev split
    stays unseen by the encoder too), less any text near a fresh evaluation text."""
    from training.cases_fresh import FRESH_SETS
    from training.refit_head import build_splits, near_fresh

    # refit_head's own defaults (seed 13, sets up to own_fresh8 left out), so the split is the one it uses.
    train, _ = build_splits(None, 13, 0, 0, 10.0)
    texts = [t for t, k in zip(train.texts, train.kinds, strict=True) if k == "writers_at_risk"]
    skip = near_fresh(texts, FRESH_SETS[-1].key)
    cats = {c: 0 for c in CATEGORIES} | {"at_risk": 1}
    return [Case(t, 0, 0, dict(cats), "at_risk") for t in texts if t not in skip]


def build_pool(root: Path, seed: int, scale: float = 1.0, own_repeat: int = 3,
               at_risk_writers: bool = False, goemotions_rows: int = 20000, punctuate: float = 0.0) -> list[Example]:
    """The full training pool (before the dev split). `scale` shrinks the big sources to fit the CPU budget.
    `at_risk_writers`: also train the encoder on the writers' at-risk posts that the at_risk side head learns from.
    `goemotions_rows`: how many GoEmotions train comments enter (it has 43,410); more of them keep a continued run on
    our own cases from drifting away from ordinary, often sarcastic, kind comments.
    `punctuate`: the share of our own cases' copies that get end punctuation (`_punctuated`)."""
    from training.cases import generate

    rng = random.Random(seed)

    def sub(xs: list[Example], n: int) -> list[Example]:
        rng.shuffle(xs)
        return xs[: max(1, int(n * scale))]

    pool: list[Example] = []
    pool += sub(load_olid_train(root), 13240)
    pool += sub(load_davidson(root, rng), 5600)
    pool += sub(load_hatemoji(root, "train"), 4728)
    pool += sub(load_cyberbullying(root), 6700)
    pool += sub(load_goemotions(root, "train", rng), goemotions_rows)
    pool += sub(load_wikipedia(root, rng, 2500), 2710)
    pool += sub(load_politeness(root, rng, 1500), 1500)
    own = generate("train", per_template=12, seed=seed)
    protected = evaluation_keys() if punctuate else frozenset()
    pool += from_cases(own, repeat=own_repeat, punctuate=punctuate, rng=rng, protected=protected)
    if at_risk_writers:
        pool += from_cases(writers_at_risk_cases(), repeat=own_repeat, punctuate=punctuate, rng=rng,
                           protected=protected)
    rng.shuffle(pool)
    return pool
