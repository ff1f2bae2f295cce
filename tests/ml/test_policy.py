"""The policy file turns calibrated scores into allow / nudge / review / block / support."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindling_ml import CATEGORIES, Policy, PolicyError


def cats(**values: float) -> dict[str, float]:
    out = dict.fromkeys(CATEGORIES, 0.0)
    out.update(values)
    return out


@pytest.fixture
def policy() -> Policy:
    return Policy.from_dict(
        {
            "harm": {"nudge": 0.4, "review": 0.7, "block": 0.9},
            "support": {"at_risk": 0.5},
            "block": {"threat": 0.8},
            "review": {"threat": 0.5},
            "nudge": {"insult": 0.3},
            "compliment": {"min_kindness": 0.6, "max_harm": 0.2},
        }
    )


def test_decisions_follow_thresholds(policy: Policy) -> None:
    """Harm below nudge allows; each threshold steps up one decision."""
    assert policy.decide(0.1, cats()) == "allow"
    assert policy.decide(0.5, cats()) == "nudge"
    assert policy.decide(0.75, cats()) == "review"
    assert policy.decide(0.95, cats()) == "block"


def test_category_thresholds(policy: Policy) -> None:
    """A likely threat is reviewed or blocked even when overall harm is low."""
    assert policy.decide(0.1, cats(threat=0.6)) == "review"
    assert policy.decide(0.1, cats(threat=0.85)) == "block"
    assert policy.decide(0.1, cats(insult=0.35)) == "nudge"


def test_at_risk_gets_support_not_punishment(policy: Policy) -> None:
    """A post whose author may be at risk is routed to support, even if it also looks a bit harmful."""
    assert policy.decide(0.1, cats(at_risk=0.8)) == "support"
    assert policy.decide(0.75, cats(at_risk=0.8)) == "support"
    # ...but abuse aimed at someone else is still blocked.
    assert policy.decide(0.95, cats(at_risk=0.8)) == "block"


def test_own_self_injury_gets_support_not_a_block() -> None:
    """When self_harm is the only reason to block and the writer looks at risk, the text goes to support (it may
    tell of the writer's own self-injury); with another reason to block, or overall harm at the block level, it is
    still blocked, and pushing self-harm on someone without at-risk signs is still blocked."""
    policy = Policy.from_dict({
        "harm": {"nudge": 0.4, "review": 0.7, "block": 0.9}, "support": {"at_risk": 0.5},
        "block": {"self_harm": 0.85, "threat": 0.85},
    })
    assert policy.decide(0.5, cats(self_harm=0.9, at_risk=0.7)) == "support"
    assert policy.decide(0.5, cats(self_harm=0.9, at_risk=0.2)) == "block"
    assert policy.decide(0.5, cats(self_harm=0.9, threat=0.9, at_risk=0.7)) == "block"
    assert policy.decide(0.95, cats(self_harm=0.9, at_risk=0.7)) == "block"


def test_compliment_rule(policy: Policy) -> None:
    """Compliments need kindness above and harm below the configured thresholds."""
    assert policy.is_compliment(harm=0.05, kindness=0.9)
    assert not policy.is_compliment(harm=0.5, kindness=0.9)
    assert not policy.is_compliment(harm=0.05, kindness=0.3)


def test_invalid_policy_is_rejected() -> None:
    """Out-of-range or unordered thresholds raise a clear PolicyError."""
    with pytest.raises(PolicyError):
        Policy.from_dict({"harm": {"nudge": 1.5}})
    with pytest.raises(PolicyError):
        Policy.from_dict({"harm": {"nudge": 0.8, "review": 0.5, "block": 0.9}})


def test_packaged_policy_and_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped policy.toml loads; $KINDLING_ML_POLICY points at an admin's copy instead."""
    shipped = Policy.load()
    assert 0 < shipped.nudge_harm <= shipped.review_harm <= shipped.block_harm <= 1
    custom = tmp_path / "policy.toml"
    custom.write_text('[harm]\nnudge = 0.3\nreview = 0.5\nblock = 0.6\n[compliment]\nmin_kindness = 0.8\n')
    monkeypatch.setenv("KINDLING_ML_POLICY", str(custom))
    loaded = Policy.load()
    assert loaded.nudge_harm == 0.3 and loaded.compliment_min_kindness == 0.8
    assert loaded.to_dict()["harm"]["block"] == 0.6
