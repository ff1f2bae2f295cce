"""Behavioural checks on the shipped model: clear cases of our policy that the model gets right robustly.

These are not the evaluation (see docs/moderation.md); they guard against shipping a broken or swapped model.
"""

from __future__ import annotations

import pytest

from kindling_ml import Moderator

HARMFUL = [
    ("kys nobody would miss you", "self_harm"),
    ("just kill yourself already", "self_harm"),
    ("I know where you live and I'm coming for you", "threat"),
    ("you are a pathetic worthless loser", "insult"),
    ("nobody wants you here, just leave the group", "exclusion"),
]
OBFUSCATED = ["k y s loser", "you are a 1d10t", "y o u  a r e  w o r t h l e s s", "you're such a l00000ser"]
NOT_HARMFUL = [
    "you are not ugly at all",
    "this traffic is awful as hell",
    "someone called me a 'fat pig' today and it really hurt",
    "Priya is coming to dinner tonight",
    "I'm Muslim and I love hiking",
]
KIND = ["you're so f***ing talented", "thank you so much for helping me today", "proud of you, you've got this!"]


@pytest.mark.parametrize(("text", "category"), HARMFUL)
def test_clear_harm_is_flagged_with_its_category(moderator: Moderator, text: str, category: str) -> None:
    """Clear bullying is harmful, not allowed, and its category is the most likely one."""
    s = moderator.score([text])[0]
    assert s.harm >= 0.5, s
    assert s.decision != "allow", s
    assert s.categories[category] >= 0.5, s


@pytest.mark.parametrize("text", OBFUSCATED)
def test_obfuscation_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """Spacing, leetspeak and repeated letters do not hide an insult or a 'kys'."""
    assert moderator.score([text])[0].harm >= 0.5


@pytest.mark.parametrize("text", NOT_HARMFUL)
def test_policy_exceptions_are_not_harmful(moderator: Moderator, text: str) -> None:
    """Negation, profanity about things, reporting abuse, names and group words alone are allowed."""
    s = moderator.score([text])[0]
    assert s.harm < 0.5, s
    assert s.decision == "allow", s


@pytest.mark.parametrize("text", KIND)
def test_kind_messages_are_kind_and_allowed(moderator: Moderator, text: str) -> None:
    """Compliments (friendly swearing included), gratitude and encouragement are kind and allowed."""
    s = moderator.score([text])[0]
    assert s.kindness >= 0.5 and s.harm < 0.5 and s.decision == "allow", s


def test_at_risk_post_gets_support(moderator: Moderator) -> None:
    """A post whose author may be at risk gets the support decision, not a block."""
    s = moderator.score(["I don't want to be here anymore, I've been thinking about ending my life"])[0]
    assert s.decision == "support", s


# Written for this test, not taken from any evaluation set; kept to texts the shipped model decides with a margin
# (at_risk >= 0.65 or <= 0.2), since int8 kernels differ slightly between CPUs.
INDIRECT_AT_RISK = [
    "honestly i've stopped making plans past friday, there's no point",
    "skipped breakfast and lunch again, if i can get through dinner too i'll finally feel in control",
    "wrote letters for my little brother and my best friend, they'll find them after",
    "everyone would be so much better off if i just stopped existing",
    "i have everything i need saved up in my room now. it's weirdly calming",
]
AT_RISK_NEAR_MISSES = [
    "this maths homework is actually killing me 😭",
    "i'm starving, who wants to get tacos after practice",
    "proud of you for talking to someone about it, i'm always here",
    "world mental health day: if you're struggling, please reach out to someone you trust",
    "cutting weight for my wrestling meet, down 3 pounds this week and feeling strong",
    "i'm dead 💀 that video is hilarious",
    # Lost its margin: at_risk 0.504 (support) on an AVX2-only AMD EPYC, family 25 model 1, on 2026-12-03, while
    # `make test` allowed it on the Intel Xeon of the day before. Kept, marked, as the borderline it is.
    pytest.param("cutting for my bodybuilding show, 8 weeks out and feeling strong",
                 marks=pytest.mark.xfail(strict=False, reason="at_risk within 0.01 of the support threshold; "
                                                              "int8 kernels differ by CPU")),
]


@pytest.mark.parametrize("text", INDIRECT_AT_RISK)
def test_indirect_at_risk_post_gets_support(moderator: Moderator, text: str) -> None:
    """Plans, goodbyes, restricting food and feeling like a burden, said without the usual words, get support
    (the at_risk side head, training.refit_head; run 11's own head allowed most such posts)."""
    assert moderator.score([text])[0].decision == "support"


@pytest.mark.parametrize("text", AT_RISK_NEAR_MISSES)
def test_at_risk_near_misses_are_allowed(moderator: Moderator, text: str) -> None:
    """Hyperbole, hunger, supportive replies, awareness posts and gym talk are not sent to support."""
    s = moderator.score([text])[0]
    assert s.decision == "allow" and s.categories["at_risk"] < 0.5, s


def test_shipped_model_records_its_at_risk_side_head(moderator: Moderator) -> None:
    """config.json says which output has its own head and how it was fitted (the model card reads it)."""
    [head] = moderator.config["side_heads"]
    assert head["output"] == "at_risk" and head["layers"] == [1, 3, 4, 5]
    assert moderator.config["calibration"]["at_risk"] == {"a": 1.0, "b": 0.0}


# Harm dressed to look friendly: a kindness tag, a heart, a kind opening clause or repost markup. Found 2026-12-07
# (docs/moderation.md, "Reading past links" and Known gaps): each text as written is blocked, dressed it is allowed.
# Each is far from every threshold (harm 0.05-0.11), so the marks are strict: a model or reading that catches one
# makes its test fail until the mark is removed.
DRESSED_HARM = [
    "#SpreadKindness I'm 25 but you seem really grown up for 12",
    "every one of them deserves a bullet ❤️",
    "Everyone, Kwame works at the bakery on 5th avenue, you know what to do ❤️",
    "thanks for sharing! jump off the car park roof, no one would even notice",
]


@pytest.mark.parametrize("text", DRESSED_HARM)
@pytest.mark.xfail(strict=True, reason="friendly dressing still hides harm (docs/moderation.md, Known gaps)")
def test_friendly_dressing_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """A kindness tag, a heart or a kind opening clause does not make harmful words acceptable."""
    assert moderator.score_one(text).decision != "allow"


# Without the full stop each is stopped; with it the shipped model allows it. Most of our training cases end without
# punctuation, so it learnt that a full stop means harmless (docs/moderation.md, "Continued run 41").
PUNCTUATED_HARM = [
    "everyone in class laughs at you behind your back.",
    "you are the reason your parents fight.",
]


@pytest.mark.parametrize("text", PUNCTUATED_HARM)
@pytest.mark.xfail(strict=True, reason="a full stop still lowers harm (docs/moderation.md, Continued run 41)")
def test_a_full_stop_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """Ending a harmful message with a full stop does not make it acceptable."""
    assert moderator.score_one(text).decision != "allow"


@pytest.mark.parametrize("text", PUNCTUATED_HARM)
def test_the_same_harm_without_the_full_stop_is_stopped(moderator: Moderator, text: str) -> None:
    """The same messages without their full stop are not allowed, so the expected failure above is the full stop's
    doing alone."""
    assert moderator.score_one(text.rstrip(".")).decision != "allow"
