"""Demo step: moderators and an editor, and a review queue worth trying — held posts, reports, a rejected
post with its statement of reasons, a wellbeing hold, and an open appeal. Everything goes through the
services, so the engine really scores the held texts and decisions carry real statements of reasons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group

from kindling.accounts.models import AgeBand, User
from kindling.accounts.services import user_signup
from kindling.core.errors import ApplicationError
from kindling.moderation.models import HelpResource, ReviewItem
from kindling.moderation.services import appeal_create, review_decide
from kindling.posts.models import PostStatus
from kindling.posts.services import comment_create, post_create
from kindling.safety.services import report_create

if TYPE_CHECKING:
    from kindling.core.demo.world import DemoWorld

STAFF = [("sam_mod", "moderator", "Sam (moderator)"), ("rae_mod", "moderator", "Rae (moderator)"),
         ("eli_editor", "editor", "Eli (editor)")]

# Texts people send anyway after a "Rethink?" prompt, or that the engine holds or refuses outright.
HARSH_POSTS = [
    "nobody in our class even likes you, just stop coming",
    "lol look at her outfit, what a clown 🤡",
    "you're so ugly it hurts to look at you",
    "shut up, nobody asked for your stupid opinion",
    "i know where you live and everyone will see your address tomorrow",
]
WELLBEING_POSTS = ["i don't think i can keep going anymore, everything feels pointless"]
REPORT_REASONS = ["bullying", "spam", "other", "bullying"]
HELP = [
    ("", "Your local emergency number — if you or someone else is in danger now", "112 / 911 / 999", ""),
    ("", "Befrienders Worldwide — find a helpline near you", "", "https://befrienders.org"),
    ("GB", "Samaritans", "116 123", "https://www.samaritans.org"),
    ("US", "988 Suicide & Crisis Lifeline", "988", "https://988lifeline.org"),
    ("DE", "TelefonSeelsorge", "0800 111 0 111", "https://www.telefonseelsorge.de"),
]


def _staff(world: DemoWorld) -> dict[str, User]:
    from kindling.core.demo.world import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

    made: dict[str, User] = {}
    for username, role, display in STAFF:
        user = user_signup(
            username=username, email=f"{username}@{DEMO_EMAIL_DOMAIN}", password=DEMO_PASSWORD,
            birth_date=dt.date(1988, 4, 12),
        )
        user.display_name = display
        user.save(update_fields=["display_name"])
        user.groups.add(Group.objects.get(name=role))
        made[username] = user
    return made


def step_moderation(world: DemoWorld) -> None:
    staff = _staff(world)
    for order, (country, name, contact, url) in enumerate(HELP):
        HelpResource.objects.get_or_create(name=name, defaults={"country": country, "contact": contact, "url": url,
                                                                "order": order})
    adults = [u for u in world.users if u.band == AgeBand.ADULT and not u.user.is_private]
    rng = world.rng
    # Posts sent anyway after a nudge, or held / refused by the engine outright.
    for text in HARSH_POSTS + WELLBEING_POSTS:
        author = rng.choice(adults)
        try:
            post_create(author=author.user, text=text, confirm=True)
        except ApplicationError:
            world.refused["moderation post"] += 1
    # A held comment under a popular post.
    published = [p for p in world.posts if p.post.status == PostStatus.PUBLISHED and not p.author.user.is_private]
    if published:
        target = max(published, key=lambda p: p.post.like_count)
        try:
            comment_create(author=rng.choice(adults).user, post_id=target.post.pk,
                           text="this is the dumbest thing i've read all week, you're pathetic", confirm=True)
        except ApplicationError:
            world.refused["moderation comment"] += 1
    # Reports on published posts, from people who can see them.
    reported = rng.sample(published, k=min(len(REPORT_REASONS), len(published)))
    for demo_post, reason in zip(reported, REPORT_REASONS, strict=False):
        reporters = [u for u in world.audience(demo_post) if u.band == AgeBand.ADULT]
        if not reporters:
            continue
        try:
            report_create(reporter=rng.choice(reporters).user, target_type="post", target_id=demo_post.post.pk,
                          reason=reason, details="Flagged in the demo world so the queue has reports to try.")
        except ApplicationError:
            world.refused["report"] += 1
    # One removal by a moderator, appealed by its author: an open appeal for the other moderator to decide.
    item = ReviewItem.objects.filter(target_type="post", reason="report").order_by("id").first()
    if item is not None:
        decision = review_decide(
            actor=staff["sam_mod"], item_id=item.pk, action="remove", rule="bullying",
            explanation="Reported as mocking another member; removed while we look into it.",
        )
        try:
            appeal_create(user=item.author, decision_id=decision.pk,
                          text="This was a joke with my best friend, she laughed about it. Please look again.")
        except ApplicationError:
            world.refused["appeal"] += 1
