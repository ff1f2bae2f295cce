"""A scripted engine for tests whose subject is not the model's judgement (feeds, counters, permissions).

Texts carrying a marker such as ``[[review]]`` get that decision; ``[[error]]`` raises and ``[[hang]]``
sleeps past the gate's timeout, to prove the gate fails closed. Everything else is allowed. Tests of the
gate's real behaviour use the shipped model instead (``@pytest.mark.real_engine``)."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field

CATEGORIES = (
    "insult", "body_shaming", "exclusion", "threat", "self_harm", "identity_hate",
    "sexual_harassment", "sexual", "violence", "doxxing", "at_risk",
)
MARKER = re.compile(r"\[\[(allow|nudge|review|block|support|error|hang)(?::([a-z_]+))?\]\]")


@dataclass(frozen=True)
class ScriptedScore:
    harm: float
    kindness: float
    categories: dict[str, float] = field(default_factory=dict)
    decision: str = "allow"


class ScriptedEngine:
    # A worker process started by a test reads this from the environment.
    hang_seconds = float(os.environ.get("KINDLING_SCRIPTED_HANG_SECONDS", "10"))

    def __init__(self) -> None:
        self.calls = 0

    def score(self, texts: list[str]) -> list[ScriptedScore]:
        self.calls += 1
        out = []
        for text in texts:
            match = MARKER.search(text)
            decision, category = (match.group(1), match.group(2) or "insult") if match else ("allow", "insult")
            if decision == "error":
                raise RuntimeError("scripted engine failure")
            if decision == "hang":
                time.sleep(self.hang_seconds)
                decision = "allow"
            harm = {"allow": 0.02, "nudge": 0.5, "review": 0.8, "block": 0.97, "support": 0.1}[decision]
            cats = dict.fromkeys(CATEGORIES, 0.01)
            if decision in ("nudge", "review", "block"):
                cats[category] = harm
            if decision == "support":
                cats["at_risk"] = 0.9
            kindness = 0.9 if "kind" in text.lower() and decision == "allow" else 0.3
            out.append(ScriptedScore(harm, kindness, cats, decision))
        return out

    def explain(self, text: str) -> list[tuple[int, int]]:
        match = MARKER.search(text)
        return [(match.start(), match.end())] if match else []
