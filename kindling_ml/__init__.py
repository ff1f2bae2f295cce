"""Kindling's offline moderation engine: harm, per-category and kindness probabilities plus a policy
decision for short social texts. Runs an int8 ONNX MiniLM model on CPU; no network, no Django, no torch.

    from kindling_ml import Moderator
    moderator = Moderator.load()
    [score] = moderator.score(["you're so f***ing talented"])
    score.decision, score.harm, score.kindness, score.categories, score.to_dict()
"""

from kindling_ml.moderator import (
    CATEGORIES,
    ModelNotFoundError,
    Moderator,
    Score,
    get_moderator,
    reset_moderator,
)
from kindling_ml.normalize import normalize
from kindling_ml.policy import DECISIONS, Policy, PolicyError
from kindling_ml.signals import Signal, Signals, SignalsError

__all__ = [
    "CATEGORIES",
    "DECISIONS",
    "ModelNotFoundError",
    "Moderator",
    "Policy",
    "PolicyError",
    "Score",
    "Signal",
    "Signals",
    "SignalsError",
    "get_moderator",
    "normalize",
    "reset_moderator",
]
