"""The run-time package on the shipped model: API shape, bad input, limits. No torch, no Django."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import kindling_ml
from kindling_ml import CATEGORIES, DECISIONS, ModelNotFoundError, Moderator, Score


def check(score: Score) -> None:
    assert isinstance(score, Score)
    assert 0.0 <= score.harm <= 1.0
    assert 0.0 <= score.kindness <= 1.0
    assert set(score.categories) == set(CATEGORIES)
    assert all(0.0 <= v <= 1.0 for v in score.categories.values())
    assert score.decision in DECISIONS


def test_package_does_not_import_torch_or_django() -> None:
    """The installed engine depends on onnxruntime, tokenizers and numpy only."""
    import re

    src = "\n".join(p.read_text() for p in Path(kindling_ml.__file__).parent.glob("*.py"))
    assert not re.search(r"^\s*(import|from)\s+(torch|django|transformers)\b", src, re.MULTILINE)


def test_shipped_model_files_and_card() -> None:
    """The int8 model, tokenizer, config and model card ship inside the package; the card's sha256 matches."""
    import hashlib

    model_dir = Path(kindling_ml.__file__).parent / "model"
    onnx = model_dir / "model.onnx"
    assert onnx.stat().st_size < 40_000_000  # int8, not fp32 (~90 MB)
    card = (model_dir / "MODEL_CARD.md").read_text()
    digest = hashlib.sha256(onnx.read_bytes()).hexdigest()
    assert digest in card
    assert digest == json.loads((model_dir / "config.json").read_text())["sha256"]["model.onnx"]


def test_score_shape_and_to_dict(moderator: Moderator) -> None:
    """score() returns one Score per text, in order; to_dict() is JSON-able with the four fields."""
    texts = ["thank you so much for your help", "you are a pathetic loser", "what time is it?"]
    scores = moderator.score(texts)
    assert len(scores) == 3
    for s in scores:
        check(s)
        d = s.to_dict()
        assert set(d) == {"harm", "kindness", "categories", "decision"}
        json.dumps(d)


def test_bad_inputs_never_crash(moderator: Moderator) -> None:
    """Empty, whitespace, control, zero-width, RTL override, emoji-only and 100k-char texts all get a result."""
    texts = [
        "", "   \n\t", "\x00\x01\x02\x1b[31m", "\u200b\u200c\u200d\ufeff", "\u202eolleh\u202c there",
        "🐷🐷🐷", "🙂", "x" * 100_000, "word " * 20_000, "lone surrogate \ud83d here",
    ]
    t0 = time.perf_counter()
    scores = moderator.score(texts)
    assert time.perf_counter() - t0 < 30
    assert len(scores) == len(texts)
    for s in scores:
        check(s)
    assert scores[0].decision == "allow" and scores[0].harm == 0.0  # empty text: nothing to moderate
    assert scores[1].decision == "allow"


def test_long_text_keeps_the_worst_window(moderator: Moderator) -> None:
    """Harm buried at the end of a long, friendly text is still found (windows, worst one wins)."""
    tail = "kys, nobody would miss you, you worthless loser"
    long_text = "I had a lovely day at the park with my family. " * 60 + tail
    assert moderator.score([long_text])[0].harm >= moderator.score([tail])[0].harm - 0.15


def test_a_texts_score_does_not_depend_on_the_texts_beside_it(moderator: Moderator) -> None:
    """Scoring a text alone, among texts of other lengths, or on several threads gives the same score:
    an API caller's request must not change another post's decision."""
    target = "Yikes that's cringe, nobody asked for your opinion"
    others = ["hi", "you are so kind, thank you for helping me move house last weekend " * 3,
              "I will find where you live", "🐷🐷", "what a lovely photo of the lake at sunset!"]
    alone = moderator.score([target])[0]
    assert moderator.score([*others[:3], target, *others[3:]])[3] == alone
    two_threads = Moderator.load(threads=2)
    assert two_threads.score([*others, target])[-1] == alone
    assert two_threads.score(others) == [moderator.score([t])[0] for t in others]


def test_non_string_is_a_clear_error(moderator: Moderator) -> None:
    """Non-string input raises TypeError rather than producing a meaningless score."""
    with pytest.raises(TypeError):
        moderator.score([None])  # type: ignore[list-item]


def test_policy_is_readable(moderator: Moderator) -> None:
    """The web app reads thresholds (e.g. for compliments) from moderator.policy."""
    p = moderator.policy
    assert 0 < p.compliment_min_kindness <= 1 and 0 < p.compliment_max_harm <= 1
    assert p.nudge_harm <= p.review_harm <= p.block_harm


def test_get_moderator_is_cached() -> None:
    """get_moderator() loads once per process and returns the same object."""
    kindling_ml.reset_moderator()
    a = kindling_ml.get_moderator()
    assert kindling_ml.get_moderator() is a


def test_missing_model_dir_is_a_clear_error(tmp_path: Path) -> None:
    """Pointing at an empty folder raises ModelNotFoundError naming the missing files."""
    with pytest.raises(ModelNotFoundError, match=r"model\.onnx"):
        Moderator.load(tmp_path)


def test_explain_returns_spans_inside_the_text(moderator: Moderator) -> None:
    """explain() gives character spans of the words that drive harm, never glue words like "you"; none for a
    harmless text."""
    text = "honestly you are a disgusting worthless loser"
    spans = moderator.explain(text)
    assert spans, "a clearly harmful text should have at least one trigger span"
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip()
    words = {text[s:e].strip(".,!").lower() for s, e in spans}
    assert words & {"disgusting", "worthless", "loser"}
    assert not words & {"you", "are", "a"}, "glue words are never highlighted"
    assert moderator.explain("have a lovely weekend") == []
    assert moderator.explain("") == []
