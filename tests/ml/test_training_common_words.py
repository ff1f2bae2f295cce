"""training.common_words: the word list that keeps everyday words from being read as names."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from training.common_words import build, lower_case_counts, main


def test_only_lower_case_words_outside_handles_and_contractions_are_counted() -> None:
    """Capitalised words (names), handles, hashtags, short words and contraction pieces are not counted."""
    counts = lower_case_counts(["Mirembe said yea to @yeaman #yea, didn't she", "yea jeez"])
    assert counts == Counter({"yea": 2, "said": 1, "she": 1, "jeez": 1})


def test_build_keeps_repeated_words_missing_from_the_vocabulary_and_drops_names() -> None:
    """A word is kept when seen at least min_count times, not in the tokenizer vocabulary and not a known name."""
    counts = Counter({"yea": 3, "jeez": 1, "hello": 5, "mirembe": 4})
    assert build(counts, vocab={"hello"}, names={"mirembe"}, min_count=2) == ["yea"]


def test_main_writes_a_sorted_list_with_a_header(tmp_path: Path) -> None:
    """The script reads GoEmotions train and Davidson from --data and writes one word per line after a header."""
    (tmp_path / "goemotions").mkdir()
    (tmp_path / "goemotions" / "labels.txt").write_text("admiration\namusement\nanger\n", "utf-8")
    (tmp_path / "goemotions" / "train.tsv").write_text("yea zorbly\t1\tid1\nzorbly yea\t2\tid2\n", "utf-8")
    (tmp_path / "davidson").mkdir()
    (tmp_path / "davidson" / "labeled_data.csv").write_text(",class,tweet\n0,2,zorbly time\n", "utf-8")
    out = tmp_path / "words.txt"
    main(["--data", str(tmp_path), "--out", str(out), "--min-count", "3"])
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("#")
    words = [w for w in lines if not w.startswith("#")]
    assert "zorbly" in words and words == sorted(words)
