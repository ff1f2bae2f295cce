"""Kindling's community guidelines, as rule codes that decisions cite. Engine categories map onto them."""

from __future__ import annotations

RULES: dict[str, str] = {
    "bullying": "Be kind: no bullying, insults, name-calling, mockery or backhanded put-downs.",
    "body_shaming": "No comments that shame anyone's body or appearance.",
    "exclusion": "No telling people they are unwanted or ganging up to shut someone out.",
    "threats": "No threats of harm, and no wishing harm on anyone.",
    "self_harm": "Never encourage self-harm or suicide.",
    "hate": "No attacks on people for who they are (race, religion, gender, sexuality, disability, origin).",
    "sexual_harassment": "No unwanted sexual comments, requests or advances.",
    "sexual_content": "No sexually explicit content: many people here are minors.",
    "violence": "No graphic or glorified violence.",
    "privacy": "No sharing, or threatening to share, anyone's private information.",
    "spam": "No spam, scams or misleading content.",
    "wellbeing": "Posts that suggest someone may be at risk are reviewed by trained people, never punished.",
    "other": "Other breach of the community guidelines (explained in the decision).",
}

CATEGORY_RULES: dict[str, str] = {
    "insult": "bullying",
    "body_shaming": "body_shaming",
    "exclusion": "exclusion",
    "threat": "threats",
    "self_harm": "self_harm",
    "identity_hate": "hate",
    "sexual_harassment": "sexual_harassment",
    "sexual": "sexual_content",
    "violence": "violence",
    "doxxing": "privacy",
    "at_risk": "wellbeing",
}

CATEGORY_LABELS: dict[str, str] = {
    "insult": "insulting or mocking",
    "body_shaming": "about someone's body",
    "exclusion": "shutting someone out",
    "threat": "threatening",
    "self_harm": "encouraging self-harm",
    "identity_hate": "attacking who someone is",
    "sexual_harassment": "sexually harassing",
    "sexual": "sexually explicit",
    "violence": "violent",
    "doxxing": "exposing private information",
    "at_risk": "about being at risk",
}

REDRESS = (
    "You can appeal this decision within 6 months from the notification or the item's page "
    "(API: POST /api/appeals with the decision id). A different moderator will review it and tell you the "
    "outcome with reasons. You may also use an out-of-court dispute settlement body or a court."
)


def rule_for_categories(categories: dict[str, float]) -> str:
    if not categories:
        return "other"
    worst = max(categories, key=lambda name: categories[name])
    return CATEGORY_RULES.get(worst, "other")
