"""Runs the int8 ONNX moderation model with onnxruntime + tokenizers + numpy (no torch, no Django)."""

from __future__ import annotations

import json
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kindling_ml.addressees import without_addressed_names, without_handles
from kindling_ml.bare import bare_words
from kindling_ml.hashtags import without_edge_hashtags
from kindling_ml.links import without_links
from kindling_ml.normalize import MAX_CHARS, normalize, visible_text
from kindling_ml.policy import Policy
from kindling_ml.sentences import edge_readings
from kindling_ml.signals import Signal, Signals

MODEL_DIR_ENV = "KINDLING_ML_MODEL_DIR"
THREADS_ENV = "KINDLING_ML_THREADS"
# "keep" scores unfamiliar addressed names as written; anything else (the default) reads past them (addressees.py).
ADDRESSED_NAMES_ENV = "KINDLING_ML_ADDRESSED_NAMES"
# "keep" scores links as written; anything else (the default) reads past them (links.py).
LINKS_ENV = "KINDLING_ML_LINKS"
# "on" reads past the hashtags at a message's edges; anything else (the default) scores them as written (hashtags.py).
EDGE_HASHTAGS_ENV = "KINDLING_ML_EDGE_HASHTAGS"
# "on" also reads a message of several sentences without its first and without its last sentence; anything else (the
# default) reads it only as a whole (sentences.py).
EDGE_SENTENCES_ENV = "KINDLING_ML_EDGE_SENTENCES"
# "on" also scores a message without its hashtags and emoji; anything else (the default) does not (bare.py).
BARE_WORDS_ENV = "KINDLING_ML_BARE_WORDS"
CATEGORIES = (
    "insult", "body_shaming", "exclusion", "threat", "self_harm", "identity_hate",
    "sexual_harassment", "sexual", "violence", "doxxing", "at_risk",
)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


class ModelNotFoundError(FileNotFoundError):
    """The model folder lacks model.onnx, tokenizer.json or config.json."""


@dataclass(frozen=True)
class Score:
    """Scores for one text. Probabilities are calibrated; `decision` comes from the policy."""

    harm: float
    kindness: float
    categories: dict[str, float] = field(default_factory=dict)
    decision: str = "allow"
    # Names of the safety signals that raised a score (see kindling_ml/signals.toml); not part of the
    # wire format, which stays {"harm", "kindness", "categories", "decision"}.
    signals: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able {"harm", "kindness", "categories", "decision"} (4 decimals)."""
        return {
            "harm": round(self.harm, 4),
            "kindness": round(self.kindness, 4),
            "categories": {k: round(v, 4) for k, v in self.categories.items()},
            "decision": self.decision,
        }


def default_model_dir() -> Path:
    env = os.environ.get(MODEL_DIR_ENV)
    if env:
        return Path(env)
    return Path(str(resources.files("kindling_ml").joinpath("model")))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0)))


@dataclass
class _Window:
    text_index: int
    ids: list[int]
    # False for a window of the message's bare words (kindling_ml/bare.py): it may raise harm, never set kindness.
    kindness: bool = True
    # True for a reading without the first or last sentence (kindling_ml/sentences.py): never sets kindness, raises
    # at_risk, and raises harm and the categories only when it would by itself send the message to review or block.
    partial: bool = False


class Moderator:
    """Scores texts for harm, kindness and categories, and decides with the policy.

    Each text's score depends on that text alone: every window runs through the model by itself. The int8
    model quantises activations with one scale per input tensor, so in a padded batch a text's score moved
    with the texts beside it (3000 texts scored alone vs 256 per call: 114 decisions differed, harm by up to
    0.61). With `threads` > 1, windows run on that many threads at once.

    Thread-safe: onnxruntime sessions may be run from several threads at once.
    """

    def __init__(self, model_dir: Path, policy: Policy, threads: int, max_windows: int = 32,
                 single_window: int = 128, signals: Signals | None = None,
                 read_past_addressed_names: bool = True, read_past_links: bool = True,
                 score_bare_words: bool = False, read_past_edge_hashtags: bool = False,
                 read_edge_sentences: bool = False) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        needed = [model_dir / n for n in ("model.onnx", "tokenizer.json", "config.json")]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise ModelNotFoundError(f"moderation model files not found: {', '.join(missing)}")
        self.model_dir = model_dir
        self.policy = policy
        self.signals = signals if signals is not None else Signals()
        self.config: dict[str, Any] = json.loads((model_dir / "config.json").read_text("utf-8"))
        self.outputs: list[str] = list(self.config["outputs"])
        self.max_len = int(self.config.get("max_len", 64))
        self.max_windows = max_windows
        self.single_window = single_window
        self.threads = max(1, threads)
        self.read_past_addressed_names = read_past_addressed_names
        self.read_past_links = read_past_links
        self.score_bare_words = score_bare_words
        self.read_past_edge_hashtags = read_past_edge_hashtags
        self.read_edge_sentences = read_edge_sentences
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()
        cal = self.config.get("calibration", {})
        self._cal_a = np.array([cal.get(n, {}).get("a", 1.0) for n in self.outputs], dtype=np.float32)
        self._cal_b = np.array([cal.get(n, {}).get("b", 0.0) for n in self.outputs], dtype=np.float32)

        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        cls_id, sep_id = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        if cls_id is None or sep_id is None:
            raise ModelNotFoundError(f"{model_dir / 'tokenizer.json'} lacks [CLS]/[SEP] tokens")
        self._cls: int = cls_id
        self._sep: int = sep_id

        opts = ort.SessionOptions()
        # Parallelism comes from running several windows at once (one per calling thread); splitting one
        # short window across threads gained little and its spinning workers slowed everything else down.
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(model_dir / "model.onnx"), sess_options=opts,
                                            providers=["CPUExecutionProvider"])

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str] | None = None, policy: Policy | str | None = None,
             threads: int | None = None, signals: Signals | str | None = None,
             read_past_addressed_names: bool | None = None, read_past_links: bool | None = None,
             score_bare_words: bool | None = None, read_past_edge_hashtags: bool | None = None,
             read_edge_sentences: bool | None = None) -> Moderator:
        """Loads the shipped model (or `model_dir` / $KINDLING_ML_MODEL_DIR), the policy
        (`policy` object or path, else $KINDLING_ML_POLICY, else the packaged policy.toml) and the safety
        signals (`signals` object or path, else $KINDLING_ML_SIGNALS, else the packaged signals.toml).

        `threads`: how many windows run at once when scoring several texts (default $KINDLING_ML_THREADS
        or 1, which lets web workers run side by side); one text of one window always runs on one thread.

        `read_past_addressed_names`: score a message without the @handles and the unfamiliar name of the person
        it addresses (kindling_ml/addressees.py); default on, off when $KINDLING_ML_ADDRESSED_NAMES is "keep".

        `read_past_links`: score a message without the links it shares (kindling_ml/links.py); default on, off
        when $KINDLING_ML_LINKS is "keep".

        `score_bare_words`: also score a message without its hashtags and emoji, and keep the worse harm and
        categories (kindling_ml/bare.py); default off (it failed its shipping rule: docs/moderation.md, "Scoring a
        message's bare words too"), on when $KINDLING_ML_BARE_WORDS is "on".

        `read_past_edge_hashtags`: score a message without the runs of hashtags that open or close it
        (kindling_ml/hashtags.py); default off (it failed its shipping rule: docs/moderation.md, "Reading past the
        hashtags at a message's edges"), on when $KINDLING_ML_EDGE_HASHTAGS is "on".

        `read_edge_sentences`: also read a message of several sentences without its first and without its last
        (kindling_ml/sentences.py), so a courteous opener or closer cannot hide harm; default off (it failed its
        shipping rule: docs/moderation.md, "Reading a message without its first and last sentence"), on when
        $KINDLING_ML_EDGE_SENTENCES is "on"."""
        if threads is None:
            threads = int(os.environ.get(THREADS_ENV, "1") or 1)
        if read_past_addressed_names is None:
            read_past_addressed_names = os.environ.get(ADDRESSED_NAMES_ENV, "").strip().lower() != "keep"
        if read_past_links is None:
            read_past_links = os.environ.get(LINKS_ENV, "").strip().lower() != "keep"
        if score_bare_words is None:
            score_bare_words = os.environ.get(BARE_WORDS_ENV, "").strip().lower() == "on"
        if read_past_edge_hashtags is None:
            read_past_edge_hashtags = os.environ.get(EDGE_HASHTAGS_ENV, "").strip().lower() == "on"
        if read_edge_sentences is None:
            read_edge_sentences = os.environ.get(EDGE_SENTENCES_ENV, "").strip().lower() == "on"
        pol = policy if isinstance(policy, Policy) else Policy.load(policy)
        sig = signals if isinstance(signals, Signals) else Signals.load(CATEGORIES, signals)
        return cls(Path(model_dir) if model_dir else default_model_dir(), pol, max(1, threads), signals=sig,
                   read_past_addressed_names=read_past_addressed_names, read_past_links=read_past_links,
                   score_bare_words=score_bare_words, read_past_edge_hashtags=read_past_edge_hashtags,
                   read_edge_sentences=read_edge_sentences)

    # ------------------------------------------------------------------ internals
    def _windows(self, index: int, clean: str) -> list[_Window]:
        """Token windows for one text. A text of up to single_window tokens is one window (measured on
        OLID: context helps more than the model's 64-token training length hurts). A longer one is split at
        sentence ends and packed into chunks of about half a training window: mean pooling over a long
        window would dilute one abusive sentence among friendly ones. Chunks are capped at max_windows, sampled evenly across the
        text, so a 100k-character text costs a bounded amount of work."""
        ids = self.tokenizer.encode(clean, add_special_tokens=False).ids
        body = self.max_len - 2
        if len(ids) <= max(body, self.single_window - 2):
            return [_Window(index, [self._cls, *ids, self._sep])]
        target = max(8, body // 2)
        sentences = [x for x in _SENTENCE_END.split(clean) if x.strip()]
        chunks: list[list[int]] = []
        current: list[int] = []
        for enc in self.tokenizer.encode_batch(sentences, add_special_tokens=False):
            sent = enc.ids
            if len(sent) > body:  # one very long sentence: overlapping windows
                if current:
                    chunks.append(current)
                    current = []
                stride = body - body // 4
                chunks += [sent[s : s + body] for s in range(0, max(1, len(sent) - body + stride), stride)]
            elif current and len(current) + len(sent) > target:
                chunks.append(current)
                current = list(sent)
            else:
                current += sent
        if current:
            chunks.append(current)
        if len(chunks) > self.max_windows:
            pick = np.linspace(0, len(chunks) - 1, self.max_windows).round().astype(int)
            chunks = [chunks[i] for i in sorted(set(pick.tolist()))]
        return [_Window(index, [self._cls, *c, self._sep]) for c in chunks if c]

    def _window_probs(self, ids: list[int]) -> np.ndarray:
        x = np.array([ids], dtype=np.int64)
        logits = self.session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0]
        return _sigmoid(logits * self._cal_a + self._cal_b)

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            # A pool made before a fork (a preloading web server) has no threads in the child.
            if self._pool is None or self._pool_pid != os.getpid():
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="kindling-ml")
                self._pool_pid = os.getpid()
            return self._pool

    def _run(self, windows: list[_Window]) -> np.ndarray:
        """Calibrated probabilities per window, each window run alone (see the class docstring)."""
        ids = [w.ids for w in windows]
        if self.threads == 1 or len(ids) == 1:
            return np.stack([self._window_probs(x) for x in ids])
        return np.stack(list(self._executor().map(self._window_probs, ids)))

    def _read(self, text: str) -> str:
        """The text the model reads, before normalising: links, handles, edge hashtags and addressed names read past
        (each when on). The readings look at the visible text (normalize's first step: cut, NFKC, invisible
        characters gone), so they never scan more than the model will see and a fullwidth "＠" or a zero-width space
        cannot hide a handle from them. Handles go before hashtags, so "@amy #BeKind ..." loses both, and names
        after, so "#BeKind Mirembe, ..." is read as addressed to Mirembe."""
        if self.read_past_links or self.read_past_addressed_names or self.read_past_edge_hashtags:
            text = visible_text(text)
        if self.read_past_links:
            text = without_links(text)
        if self.read_past_addressed_names:
            text = without_handles(text)
        if self.read_past_edge_hashtags:
            text = without_edge_hashtags(text)
        if self.read_past_addressed_names:
            text = without_addressed_names(text)
        return text

    def _raw_scores(self, texts: list[str], matched: list[list[Signal]] | None = None
                    ) -> list[dict[str, float] | None]:
        """Per text: output name -> probability, worst window for harm/categories (None for empty text).
        When `matched` is given, the safety signals each text matches are appended to it."""
        windows: list[_Window] = []
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] must be str, not {type(t).__name__}")
            read = self._read(t)
            clean = normalize(read)
            if clean:
                whole = self._windows(i, clean)
                windows += whole
                bare = normalize(bare_words(read[:MAX_CHARS])) if self.score_bare_words else ""
                if bare and bare != clean:
                    windows += [_Window(w.text_index, w.ids, kindness=False) for w in self._windows(i, bare)]
                if self.read_edge_sentences and len(whole) == 1:  # a long text's chunks already stand alone
                    for part in edge_readings(read[:MAX_CHARS]):
                        part_clean = normalize(part)
                        if part_clean and part_clean != clean:
                            windows += [_Window(i, w.ids, kindness=False, partial=True)
                                        for w in self._windows(i, part_clean)]
            if matched is not None:
                matched.append(self.signals.match_normalized(clean) if clean else [])
        result: list[dict[str, float] | None] = [None] * len(texts)
        if not windows:
            return result
        probs = self._run(windows)
        k = self.outputs.index("kindness")
        by_text: dict[int, list[int]] = {}
        for w_i, w in enumerate(windows):
            by_text.setdefault(w.text_index, []).append(w_i)
        at_risk = self.outputs.index("at_risk")
        for t_i, rows in by_text.items():
            full = [r for r in rows if not windows[r].partial]
            worst = probs[full].max(axis=0)  # harm and every category: the worst window decides
            for r in rows:
                if windows[r].partial:
                    worst[at_risk] = max(worst[at_risk], probs[r, at_risk])
                    if self._stops_alone(probs[r]):
                        worst = np.maximum(worst, probs[r])
            out = {name: float(worst[j]) for j, name in enumerate(self.outputs)}
            as_written = [r for r in rows if windows[r].kindness]
            out["kindness"] = float(probs[as_written, k].mean())
            result[t_i] = out
        return result

    def _stops_alone(self, row: np.ndarray) -> bool:
        """Whether a partial reading would by itself send a message to review or block (at_risk left out, since it
        is taken from every reading)."""
        cats = {c: float(row[self.outputs.index(c)]) if c in self.outputs else 0.0 for c in CATEGORIES}
        cats["at_risk"] = 0.0
        return self.policy.decide(float(row[self.outputs.index("harm")]), cats) in ("review", "block")

    # ------------------------------------------------------------------ public API
    def score(self, texts: list[str]) -> list[Score]:
        """Scores each text. Empty or whitespace-only text gets harm 0, kindness 0, decision allow."""
        if isinstance(texts, str):  # a common mistake: one string instead of a list
            texts = [texts]
        out: list[Score] = []
        matched: list[list[Signal]] = []
        for raw, signals in zip(self._raw_scores(list(texts), matched), matched, strict=True):
            if raw is None:
                out.append(Score(0.0, 0.0, {c: 0.0 for c in CATEGORIES}, "allow"))
                continue
            cats = {c: raw.get(c, 0.0) for c in CATEGORIES}
            harm = raw["harm"]
            for signal in signals:  # signals only raise; at_risk is not harm (its writer is not punished)
                cats[signal.category] = max(cats[signal.category], signal.floor)
                if signal.category != "at_risk":
                    harm = max(harm, signal.floor)
            out.append(Score(harm, raw["kindness"], cats, self.policy.decide(harm, cats),
                             tuple(s.name for s in signals)))
        return out

    def score_one(self, text: str) -> Score:
        return self.score([text])[0]

    def explain(self, text: str, max_words: int = 48, min_drop: float = 0.4) -> list[tuple[int, int]]:
        """Character spans [start, end) of the words that drive the harm score, found by occlusion.

        Two probes over the content words (pronouns, articles and other glue words are never highlighted:
        "you" matters to the model, but showing it tells the writer nothing):
        - sufficiency: keep one content word and drop the others; a word that is harmful on its own in the
          sentence's frame ("you ... pig") is a trigger;
        - greedy deletion: drop the word whose removal lowers harm the most, then the next, up to four,
          so insults that back each other up ("disgusting worthless loser") are found together.
        Drops are measured in log-odds. Empty list when the text is not harmful enough to nudge.
        """
        if not isinstance(text, str) or not text.strip():
            return []
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[:20_000])][:max_words]
        base = self._raw_scores([text])[0]
        if base is None or base["harm"] < self.policy.nudge_harm * 0.75:
            return []
        content = [i for i, (s, e) in enumerate(words) if text[s:e].strip(_EDGE_PUNCT).lower() not in _GLUE_WORDS]
        if not content:
            content = list(range(len(words)))

        def without(dropped: set[int]) -> str:
            out, last = [], 0
            for i, (s, e) in enumerate(words):
                if i in dropped:
                    out.append(text[last:s] + " ")
                    last = e
            out.append(text[last:])
            return "".join(out)

        def harm_of(variants: list[str]) -> list[float]:
            return [sc["harm"] if sc else 0.0 for sc in self._raw_scores(variants)]

        def logit(p: float) -> float:
            p = min(max(p, 1e-6), 1 - 1e-6)
            return float(np.log(p / (1 - p)))

        picked: set[int] = set()
        if len(content) > 1:
            alone = harm_of([without(set(content) - {i}) for i in content])
            picked.update(i for i, h in zip(content, alone, strict=True) if h >= max(0.5, self.policy.nudge_harm))
        removed: set[int] = set()
        harm = base["harm"]
        for _ in range(4):
            options = [i for i in content if i not in removed]
            if not options or harm < self.policy.nudge_harm * 0.75:
                break
            harms = harm_of([without(removed | {i}) for i in options])
            best = max(range(len(options)), key=lambda k: logit(harm) - logit(harms[k]))
            if logit(harm) - logit(harms[best]) < min_drop / 2:
                break
            removed.add(options[best])
            harm = harms[best]
        picked |= removed
        return sorted(words[i] for i in picked)


# Words never shown as triggers: they carry the sentence (who is addressed, grammar), not the harm.
_EDGE_PUNCT = ".,!?;:'\"()[]…*"
_GLUE_TEXT = (
    "i me my mine you your yours yourself u ur you're youre ure ya he him his she her hers it its it's they them "
    "their we us our im i'm i'll ill i'd are is am was were be been being a an the and or but so such to of in on "
    "at for with as by from that this these those there here just really very too lol lmao haha ok okay like "
    "do does did have has had will would can could should"
)
_GLUE_WORDS = frozenset(_GLUE_TEXT.split())


_lock = threading.Lock()
_cached: Moderator | None = None


def get_moderator() -> Moderator:
    """Process-wide cached Moderator (loaded once, on first use)."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = Moderator.load()
    return _cached


def reset_moderator() -> None:
    """Forgets the cached Moderator (e.g. after the policy file was edited)."""
    global _cached
    with _lock:
        _cached = None
