"""Safety signals: a short, reviewed list of phrases that raise a category the model under-scores.

The encoder learns from a few thousand examples and misses some of the warning signs that matter most on a
platform with minors: a writer describing a plan or the means to end their life, restricting food "because I
deserve it", giving their things away; an adult asking a child's age and moving the chat somewhere private;
someone pushing laxatives on a classmate. These are the signs that crisis-line and child-safety guidance
lists, and they are phrased in a fairly small number of ways, so a phrase list catches them with high
precision where a small model does not.

A signal can only raise: when it matches, its category's probability becomes at least the signal's floor
(and, for a harmful category, so does `harm`). It never lowers a score, so it cannot hide harm the model
found. Signals live in an admin-editable TOML file (`signals.toml`, or $KINDLING_ML_SIGNALS); setting
`enabled = false` there turns them all off. Patterns are matched on the normalised text (the same undisguised
text the model sees), lower-cased, with apostrophes removed ("don't" -> "dont") and spaces collapsed.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kindling_ml.normalize import normalize

SIGNALS_ENV = "KINDLING_ML_SIGNALS"
_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"\s+")


class SignalsError(ValueError):
    """The signals file is malformed: an unknown category, a floor outside 0..1 or a bad pattern."""


@dataclass(frozen=True)
class Signal:
    """One reviewed sign. It matches when any of `patterns` matches, every entry of `requires` matches
    (each is one regex, usually an alternation: "some context word", "a first-person word") and no entry
    of `unless` matches (hyperbole, counter-speech, advice to others)."""

    name: str
    category: str
    floor: float
    patterns: tuple[re.Pattern[str], ...]
    requires: tuple[re.Pattern[str], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()

    def matches(self, text: str) -> bool:
        return (
            any(p.search(text) for p in self.patterns)
            and all(p.search(text) for p in self.requires)
            and not any(p.search(text) for p in self.unless)
        )


def _prepare(clean: str) -> str:
    return _SPACES.sub(" ", _APOSTROPHES.sub("", clean.lower())).strip()


def signal_text(text: str) -> str:
    """The form signals are matched on (see the module docstring)."""
    return _prepare(normalize(text))


def _compile(items: Any, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise SignalsError(f"{where} must be a list of regular expressions")
    out = []
    for i, pattern in enumerate(items):
        try:
            out.append(re.compile(pattern))
        except re.error as exc:
            raise SignalsError(f"{where}[{i}] is not a valid regular expression: {exc}") from exc
    return tuple(out)


@dataclass(frozen=True)
class Signals:
    signals: tuple[Signal, ...] = ()
    enabled: bool = True
    source: str = "<none>"

    @classmethod
    def from_dict(cls, data: dict[str, Any], categories: tuple[str, ...], source: str = "<dict>") -> Signals:
        enabled = data.get("enabled", True)
        if not isinstance(enabled, bool):
            raise SignalsError("enabled must be true or false")
        parsed = []
        for n, raw in enumerate(data.get("signal", [])):
            where = f"signal[{n}]"
            name = raw.get("name", where)
            category = raw.get("category")
            if category not in categories:
                raise SignalsError(f"{where} ({name}): category must be one of {', '.join(categories)}, got {category!r}")
            floor = raw.get("floor")
            if isinstance(floor, bool) or not isinstance(floor, int | float) or not 0.0 <= float(floor) <= 1.0:
                raise SignalsError(f"{where} ({name}): floor must be a number between 0 and 1, got {floor!r}")
            patterns = _compile(raw.get("patterns"), f"{where}.patterns")
            if not patterns:
                raise SignalsError(f"{where} ({name}): patterns must not be empty")
            parsed.append(Signal(str(name), category, float(floor), patterns,
                                 _compile(raw.get("requires", []), f"{where}.requires"),
                                 _compile(raw.get("unless", []), f"{where}.unless")))
        return cls(tuple(parsed), enabled, source)

    @classmethod
    def load(cls, categories: tuple[str, ...], path: str | os.PathLike[str] | None = None) -> Signals:
        """Reads `path`, else $KINDLING_ML_SIGNALS, else the packaged signals.toml."""
        chosen = path or os.environ.get(SIGNALS_ENV)
        if chosen:
            p = Path(chosen)
            with open(p, "rb") as f:
                return cls.from_dict(tomllib.load(f), categories, str(p))
        raw = resources.files("kindling_ml").joinpath("signals.toml").read_bytes()
        return cls.from_dict(tomllib.loads(raw.decode("utf-8")), categories, "kindling_ml/signals.toml")

    def match(self, text: str) -> list[Signal]:
        """The signals that match `text` (empty when disabled)."""
        return self.match_normalized(normalize(text)) if self.enabled and self.signals else []

    def match_normalized(self, clean: str) -> list[Signal]:
        """As `match`, for text that has already been through `normalize` (the Moderator has it)."""
        if not self.enabled or not self.signals:
            return []
        prepared = _prepare(clean)
        return [s for s in self.signals if s.matches(prepared)] if prepared else []
