"""Builds `kindling_ml/common_words.txt`: words people write in lower case that the tokenizer lacks as whole words.

Why: `kindling_ml.addressees` reads past an unfamiliar name that a message is addressed to. Its first test of
"unfamiliar" was the tokenizer's own word list, and that list (about 22,000 whole words) lacks many everyday words.
On GoEmotions comments (2026-12-07) it took "Delete", "Yea", "Jeez" and "Paraphrasing" for names, so "Delete your
account" was scored as "your account". A word that people write in lower case, again and again, is a word and not a
name, so this script counts lower-case words in public text whose licences allow it, and in our own TRAIN cases:
- GoEmotions train (Reddit comments, Apache-2.0; its names are masked as [NAME], so names barely appear);
- Davidson et al. 2017 tweets (MIT; slang, and slurs too, which must never be read as names);
- our own TRAIN cases (templates and written texts), whose names are always written with a capital.

A word is kept when it has at least three letters, appears in lower case at least `--min-count` times over all
sources, is not already a whole word of the tokenizer, and is not one of our own TRAIN or probe names. Only the word
list is written, never text. Usage: `python -m training.common_words --data ../shared/datasets`.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

OUT = Path(__file__).resolve().parent.parent / "kindling_ml" / "common_words.txt"
VOCAB = Path(__file__).resolve().parent.parent / "kindling_ml" / "vocab_words.txt"
# Lower-case words only, not inside a handle, hashtag, contraction or longer word.
_LOWER_WORD = re.compile(r"(?<![\w@#'’])[a-z]{3,}(?![\w'’])")


def lower_case_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each lower-case word of three or more letters appears."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_LOWER_WORD.findall(text))
    return counts


def goemotions_train_texts(root: Path) -> list[str]:
    from training.data import _goemotions_rows

    return [text for text, _ in _goemotions_rows(root, "train")]


def davidson_texts(root: Path) -> list[str]:
    with open(root / "davidson" / "labeled_data.csv", encoding="utf-8") as f:
        return [row["tweet"] for row in csv.DictReader(f)]


def own_train_texts() -> list[str]:
    from training.cases import generate

    return [c.text for c in generate("train", per_template=2)]


def build(counts: Counter[str], vocab: set[str], names: set[str], min_count: int) -> list[str]:
    """The words to write, sorted (see the module docstring)."""
    return sorted(w for w, n in counts.items() if n >= min_count and w not in vocab and w not in names)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="the datasets folder (../shared/datasets)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    from training.cases import NAMES
    from training.names import PROBE, WORLD

    sources = {
        "GoEmotions train": lambda: goemotions_train_texts(args.data),
        "Davidson tweets": lambda: davidson_texts(args.data),
        "own TRAIN cases": own_train_texts,
    }
    counts: Counter[str] = Counter()
    for label, load in tqdm(sources.items(), desc="counting lower-case words", unit="source"):
        texts = load()
        counts.update(lower_case_counts(texts))
        tqdm.write(f"{label}: {len(texts):,} texts")
    vocab = set(VOCAB.read_text("utf-8").split())
    names = {n.lower() for n in [*WORLD, *PROBE, *(n for split in NAMES.values() for n in split)]}
    words = build(counts, vocab, names, args.min_count)
    header = (f"# Lower-case words written at least {args.min_count} times in GoEmotions train (Apache-2.0), Davidson "
              "et al. 2017 (MIT) and Kindling's own TRAIN cases,\n# not whole words of the tokenizer. Built by "
              "`python -m training.common_words`; used by kindling_ml/addressees.py.\n")
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words):,} words -> {args.out}")


if __name__ == "__main__":
    main()
