"""Safety signals: reviewed phrases that raise at_risk, grooming and self-harm encouragement scores.

Texts here are written for these tests; none comes from a fresh evaluation set.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kindling_ml import CATEGORIES, Moderator, Signals, SignalsError
from kindling_ml.signals import signal_text


@pytest.fixture(scope="module")
def signals() -> Signals:
    """The shipped list, switched on (it ships off: see test_shipped_signals_are_off_by_default)."""
    return dataclasses.replace(Signals.load(CATEGORIES), enabled=True)


@pytest.fixture(scope="module")
def moderator(signals: Signals) -> Moderator:
    return Moderator.load(threads=1, signals=signals)


@pytest.fixture(scope="module")
def model_only() -> Moderator:
    return Moderator.load(threads=1, signals=Signals(enabled=False))


AT_RISK = [
    "honestly i just want to end my life, nothing is getting better",
    "everyone at home would be happier without me",
    "i wrote a goodbye letter and put it under my pillow",
    "i've been saving up my pills and there are enough now",
    "burned myself with a lighter again, it's the only thing that helps",
    "i skipped every meal this week on purpose, i don't deserve food",
    "ngl i hope i never wake up tomorrow",
    "relapsed last night, cutting again after 40 days clean",
]
GROOMING = [
    "you're 13? you seem so mature for your age, add me on snap",
    "this is our little secret ok? don't tell your mum we talk",
    "how old r u? we should video call when ur parents are asleep",
    "send me a pic of you in your pyjamas",
]
ENCOURAGEMENT = [
    "you should just starve yourself tbh",
    "try laxatives, they work fast, take the whole box",
    "why don't you go hurt yourself",
]
HARMLESS = [
    "this chemistry homework is killing me",
    "I'm dying to see the new film 😂",
    "I'm going to kill myself if this meeting runs over lol",
    "if you ever feel like ending it all, please call a helpline, you matter",
    "please don't hurt yourself, I'm here for you",
    "someone told me to kill myself, I reported them",
    "I cut my thumb cooking dinner, ouch",
    "starving, what's for dinner?",
    "how old are you turning this year? happy early birthday!",
    "the pharmacist explained how laxatives work",
    "keep it a secret, the surprise party is on friday",
    "you're 15 and already playing guitar like that? amazing",
    "I haven't eaten since breakfast, shall we get pizza",
    "my blood test is tomorrow so I haven't eaten since last night",
]


@pytest.mark.parametrize("text", AT_RISK)
def test_at_risk_disclosures_reach_support(moderator: Moderator, text: str) -> None:
    """A disclosure of suicidal thoughts, a plan, goodbyes, self-injury or restricting food gets `support`."""
    score = moderator.score_one(text)
    assert score.decision == "support", (score.decision, score.categories["at_risk"])
    assert any(name.startswith("at_risk.") for name in score.signals) or score.categories["at_risk"] >= 0.5


@pytest.mark.parametrize("text", GROOMING + ENCOURAGEMENT)
def test_grooming_and_self_harm_encouragement_are_not_allowed(moderator: Moderator, text: str) -> None:
    """Grooming a minor or pushing self-harm on someone is at least sent to review, and counts as harm."""
    score = moderator.score_one(text)
    assert score.decision in ("review", "block"), (score.decision, score.harm)
    assert score.harm >= 0.5


@pytest.mark.parametrize("text", HARMLESS)
def test_hyperbole_counter_speech_and_everyday_posts_match_no_signal(signals: Signals, text: str) -> None:
    """Idioms, jokes, advice to others, reports of abuse and ordinary posts trigger no signal."""
    assert [s.name for s in signals.match(text)] == []


def test_signals_only_raise_scores(moderator: Moderator, model_only: Moderator) -> None:
    """With signals on, no probability is lower than the model's own and a matched category reaches its floor."""
    texts = AT_RISK + GROOMING + ENCOURAGEMENT + HARMLESS + ["you are a worthless pig", "great game today!"]
    for text, on, off in zip(texts, moderator.score(texts), model_only.score(texts), strict=True):
        assert on.harm >= off.harm and on.kindness == off.kindness, text
        for cat in CATEGORIES:
            assert on.categories[cat] >= off.categories[cat], (text, cat)
        if not on.signals:
            assert on == off
    [raised] = moderator.score(["i've been saving up my pills and there are enough now"])
    assert raised.categories["at_risk"] >= 0.7 and "at_risk.means_or_plan" in raised.signals


def test_at_risk_signal_does_not_add_harm(moderator: Moderator, model_only: Moderator) -> None:
    """The writer at risk is not punished: an at_risk signal raises at_risk, not harm."""
    text = "everyone at home would be happier without me"
    assert moderator.score_one(text).harm == model_only.score_one(text).harm


def test_signals_match_through_obfuscation(signals: Signals) -> None:
    """Matching runs on normalised text: spacing, leetspeak and curly apostrophes do not hide a signal."""
    assert signals.match("i w4nt to d i e")
    assert signals.match("I don’t deserve food")
    assert signal_text("I DON'T  want") == "i dont want"


def test_shipped_signals_are_off_by_default() -> None:
    """The shipped file loads its signals but leaves them off: they failed the fresh-set-7 rule in docs/moderation.md."""
    shipped = Signals.load(CATEGORIES)
    assert shipped.signals and not shipped.enabled
    assert shipped.match("i want to end my life") == []
    assert Moderator.load(threads=1).signals.enabled is False


def test_admin_copy_turns_signals_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An admin's copy with enabled = true, pointed at by KINDLING_ML_SIGNALS, switches every signal on."""
    shipped = Path(__file__).resolve().parents[2] / "kindling_ml" / "signals.toml"
    copy = tmp_path / "signals.toml"
    copy.write_text(shipped.read_text("utf-8").replace("enabled = false", "enabled = true"), "utf-8")
    monkeypatch.setenv("KINDLING_ML_SIGNALS", str(copy))
    loaded = Signals.load(CATEGORIES)
    assert loaded.enabled and loaded.source == str(copy)
    assert [s.name for s in loaded.match("i want to end my life")] == ["at_risk.wish_to_die"]
    score = Moderator.load(threads=1).score_one("i've been saving up my pills and there are enough now")
    assert score.decision == "support" and "at_risk.means_or_plan" in score.signals


def test_admin_can_add_a_signal(tmp_path: Path) -> None:
    """A signal added to the file takes effect through Moderator.load."""
    path = tmp_path / "signals.toml"
    path.write_text(
        "enabled = true\n[[signal]]\nname = 'local.threat'\ncategory = 'threat'\nfloor = 0.9\n"
        "patterns = ['\\bmeet me behind the gym\\b']\n", "utf-8")
    mod = Moderator.load(threads=1, signals=str(path))
    score = mod.score_one("meet me behind the gym after school, Priya")
    assert score.signals == ("local.threat",) and score.categories["threat"] >= 0.9 and score.decision == "block"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[signal]]\nname='x'\ncategory='rudeness'\nfloor=0.5\npatterns=['a']\n", "category must be one of"),
        ("[[signal]]\nname='x'\ncategory='threat'\nfloor=1.5\npatterns=['a']\n", "floor must be a number"),
        ("[[signal]]\nname='x'\ncategory='threat'\nfloor=0.5\npatterns=['(']\n", "not a valid regular expression"),
        ("[[signal]]\nname='x'\ncategory='threat'\nfloor=0.5\npatterns=[]\n", "patterns must not be empty"),
        ("enabled = 'yes'\n", "enabled must be true or false"),
    ],
)
def test_malformed_files_are_refused_clearly(tmp_path: Path, body: str, message: str) -> None:
    """A bad category, floor, pattern or switch is a SignalsError naming the problem, not a crash at scoring."""
    path = tmp_path / "signals.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(SignalsError, match=message):
        Signals.load(CATEGORIES, path)


def test_long_text_with_signals_is_bounded(moderator: Moderator) -> None:
    """A 100k-character text still scores (signals run over the normalised text without backtracking blow-ups)."""
    text = ("i want to " * 5000) + "end my life " + ("x " * 20000)
    [score] = moderator.score([text])
    assert score.decision == "support"
