"""The moderation policy: thresholds (in an admin-editable TOML file) that turn scores into a decision."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

DECISIONS = ("allow", "nudge", "review", "block", "support")
POLICY_ENV = "KINDLING_ML_POLICY"


class PolicyError(ValueError):
    """The policy file is missing a value or holds one outside 0..1."""


def _prob(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
        raise PolicyError(f"{where} must be a number between 0 and 1, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Policy:
    nudge_harm: float = 0.40
    review_harm: float = 0.70
    block_harm: float = 0.92
    support_at_risk: float = 0.50
    block_categories: dict[str, float] = field(default_factory=dict)
    review_categories: dict[str, float] = field(default_factory=dict)
    nudge_categories: dict[str, float] = field(default_factory=dict)
    compliment_min_kindness: float = 0.60
    compliment_max_harm: float = 0.20
    source: str = "<defaults>"

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<dict>") -> Policy:
        harm = data.get("harm", {})
        support = data.get("support", {})
        compliment = data.get("compliment", {})
        p = cls(
            nudge_harm=_prob(harm.get("nudge", 0.40), "harm.nudge"),
            review_harm=_prob(harm.get("review", 0.70), "harm.review"),
            block_harm=_prob(harm.get("block", 0.92), "harm.block"),
            support_at_risk=_prob(support.get("at_risk", 0.50), "support.at_risk"),
            block_categories={k: _prob(v, f"block.{k}") for k, v in data.get("block", {}).items()},
            review_categories={k: _prob(v, f"review.{k}") for k, v in data.get("review", {}).items()},
            nudge_categories={k: _prob(v, f"nudge.{k}") for k, v in data.get("nudge", {}).items()},
            compliment_min_kindness=_prob(compliment.get("min_kindness", 0.60), "compliment.min_kindness"),
            compliment_max_harm=_prob(compliment.get("max_harm", 0.20), "compliment.max_harm"),
            source=source,
        )
        if not p.nudge_harm <= p.review_harm <= p.block_harm:
            raise PolicyError("harm thresholds must satisfy nudge <= review <= block")
        return p

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> Policy:
        """Reads the policy from `path`, else $KINDLING_ML_POLICY, else the packaged policy.toml."""
        chosen = path or os.environ.get(POLICY_ENV)
        if chosen:
            p = Path(chosen)
            with open(p, "rb") as f:
                return cls.from_dict(tomllib.load(f), str(p))
        raw = resources.files("kindling_ml").joinpath("policy.toml").read_bytes()
        return cls.from_dict(tomllib.loads(raw.decode("utf-8")), "kindling_ml/policy.toml")

    def decide(self, harm: float, categories: dict[str, float]) -> str:
        """Maps calibrated scores to allow / nudge / review / block / support (order documented in the TOML)."""
        at_risk = categories.get("at_risk", 0.0)
        blocking = {c for c, t in self.block_categories.items() if c != "at_risk" and categories.get(c, 0.0) >= t}
        # A writer who may be at risk is never punished. When self_harm is the only reason to block, the text may
        # tell of the writer's own self-injury rather than push it on someone; `support` holds it for trained
        # reviewers all the same.
        own_self_harm = harm < self.block_harm and at_risk >= self.support_at_risk and blocking == {"self_harm"}
        if (harm >= self.block_harm or blocking) and not own_self_harm:
            return "block"
        if at_risk >= self.support_at_risk:
            return "support"
        if harm >= self.review_harm or any(
            categories.get(c, 0.0) >= t for c, t in self.review_categories.items() if c != "at_risk"
        ):
            return "review"
        if harm >= self.nudge_harm or any(
            categories.get(c, 0.0) >= t for c, t in self.nudge_categories.items() if c != "at_risk"
        ):
            return "nudge"
        return "allow"

    def is_compliment(self, harm: float, kindness: float) -> bool:
        """True when a text is kind enough, and harmless enough, to count as a compliment."""
        return kindness >= self.compliment_min_kindness and harm < self.compliment_max_harm

    def to_dict(self) -> dict[str, Any]:
        return {
            "harm": {"nudge": self.nudge_harm, "review": self.review_harm, "block": self.block_harm},
            "support": {"at_risk": self.support_at_risk},
            "block": dict(self.block_categories),
            "review": dict(self.review_categories),
            "nudge": dict(self.nudge_categories),
            "compliment": {"min_kindness": self.compliment_min_kindness, "max_harm": self.compliment_max_harm},
        }
