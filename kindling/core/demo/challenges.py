"""Demo step: kindness challenges (running, upcoming, ended and one waiting for review), verified
organisations, featured entries, editor collections, hashtag views per day, and compliments — some
accepted, some waiting in maya's kindness inbox.

Entries are the demo's own posts that used a challenge's hashtag during its run (no extra posts or accounts:
the world's counts stay those of the other steps). Everything goes through the challenges services, with
two demo-only shortcuts, as in the rest of the generator: challenge dates are moved into the past after approval (the services refuse past dates), and the
per-day hashtag views are rolled up from the demo's backdated `PostView` rows instead of the live buffer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.db import transaction

from kindling.accounts.models import AgeBand, User
from kindling.challenges import services
from kindling.challenges.models import Challenge, HashtagDailyViews
from kindling.core.errors import ApplicationError
from kindling.posts.models import Post, PostHashtag, PostStatus, PostView

if TYPE_CHECKING:
    from kindling.core.demo.world import DemoWorld

ORGS = {
    "open_hands_fdn": "Open Hands Foundation",
    "riverside_school": "Riverside Secondary School",
    "corner_cup_cafe": "The Corner Cup Café",
}
# (key, proposer, hashtag, title, description, rules, start offset days, length days, prize, featured)
CHALLENGES = [
    ("running", "open_hands_fdn", "KindnessChallenge", "30 days of small kindnesses",
     "One small act of kindness a day for a month: hold a door, write a note, call someone who's alone.",
     "Post your act with #KindnessChallenge. Keep other people's faces and names out unless they said yes.",
     -12, 30, "£500 to the neighbourhood volunteer fund", True),
    ("running_school", "riverside_school", "KindnessWeek", "Kindness Week at Riverside",
     "Every class runs its own kindness challenge this week. Share what yours did!",
     "Teachers post for under-13s. No photos of pupils' faces.", -2, 7, "", False),
    ("upcoming", "corner_cup_cafe", "PayItForward", "Pay it forward fortnight",
     "Buy the next person's coffee, leave a book on the bus, pass on what someone once did for you.",
     "Nothing you need to spend money on: a kind word counts too.", 5, 14, "A year of free coffee (3 winners)", False),
    ("ended", None, "Gratitude", "Thank-you note month",
     "Write a thank-you note to someone who never hears it: the bus driver, the cleaner, a teacher.",
     "Share the note (without names) with #Gratitude.", -28, 14, "", False),
]
PENDING = ("eastgate_library", "ReadTogether", "Read to a neighbour",
           "Read a chapter aloud to a neighbour, a grandparent or a younger kid.", "Any language, any book.")
COMPLIMENTS = [
    "You're so kind to everyone who is new here. Thank you for making this place warm.",
    "Your posts about your garden are kind little bright spots in my day.",
    "The kind way you answered that question yesterday really helped me.",
    "Thank you for being so kind and patient with everyone in the comments.",
    "Your kindness to your neighbours is inspiring. Keep being you!",
]


def _admin(editor: User) -> User:
    """The demo adds no accounts of its own (the world's head count is part of its contract): Eli, the
    demo's editor, also holds the admin role here, to verify the organisations."""
    editor.groups.add(Group.objects.get_or_create(name="admin")[0])
    return editor


def _editor() -> User:
    editor = User.objects.filter(username="eli_editor").first()
    if editor is None:  # the moderation step makes Eli; keep this step usable on its own
        editor = User.objects.filter(groups__name="editor").first()
    if editor is None:
        raise RuntimeError("the challenges demo step needs an editor (run the moderation step first)")
    return editor


def _move(challenge: Challenge, *, start: dt.datetime, days: int) -> None:
    Challenge.objects.filter(pk=challenge.pk).update(starts_at=start, ends_at=start + dt.timedelta(days=days))
    challenge.refresh_from_db()


def _record_existing_entries(challenge: Challenge) -> None:
    """Posts that used the hashtag during the (backdated) run join, exactly as the publish listener would."""
    post_ids = PostHashtag.objects.filter(
        hashtag=challenge.hashtag, post__status=PostStatus.PUBLISHED,
        post__published_at__gte=challenge.starts_at, post__published_at__lt=challenge.ends_at,
    ).values_list("post_id", flat=True)
    for post_id in post_ids:
        services.challenge_entries_record_for_post(post_id=post_id)


def _hashtag_views_rollup(world: DemoWorld) -> None:
    """Per-day hashtag views from the demo's view rows (already on their days), written in one batch."""
    demo_pks = list(world.by_pk)
    counts: Counter[tuple[int, dt.date]] = Counter()
    views = PostView.objects.filter(post__author_id__in=demo_pks).values_list("post_id", "day")
    tags: dict[int, list[int]] = {}
    for post_id, hashtag_id in PostHashtag.objects.filter(post__author_id__in=demo_pks).values_list("post_id", "hashtag_id"):
        tags.setdefault(post_id, []).append(hashtag_id)
    for post_id, day in views.iterator():
        for hashtag_id in tags.get(post_id, []):
            counts[(hashtag_id, day)] += 1
    HashtagDailyViews.objects.bulk_create(
        [HashtagDailyViews(hashtag_id=h, day=d, views=n) for (h, d), n in counts.items()],
        batch_size=500, ignore_conflicts=True,
    )


def _pause_live_view_buffer() -> None:
    """The views step's after-commit view events would reach the buffer as today's views on top of the
    rollup above: pause that listener until the build has committed (on_commit runs callbacks in order,
    so the reconnect registered now runs after every view event queued before it)."""
    from kindling.challenges import receivers
    from kindling.posts import signals

    signals.post_engaged.disconnect(dispatch_uid="challenges.post_engaged")
    transaction.on_commit(
        lambda: signals.post_engaged.connect(receivers.on_post_engaged, dispatch_uid="challenges.post_engaged")
    )


def step_challenges(world: DemoWorld) -> None:
    _pause_live_view_buffer()
    editor = _editor()
    admin = _admin(editor)
    people = {u.user.username: u for u in world.users}
    for username, name in ORGS.items():
        if username in people:
            services.organisation_verify(actor=admin, user=people[username].user, name=name)

    made: dict[str, Challenge] = {}
    for key, proposer_name, tag, title, description, rules, offset, days, prize, featured in CHALLENGES:
        proposer = people[proposer_name].user if proposer_name in people else editor
        # Proposed for the future (the service's rule), approved by the editor, then moved to its demo dates.
        start = world.now + dt.timedelta(days=1)
        try:
            challenge = services.challenge_propose(
                actor=proposer, hashtag=tag, title=title, description=description, rules=rules,
                starts_at=start, ends_at=start + dt.timedelta(days=days), prize_pool=prize,
            )
        except ApplicationError as exc:
            world.refused[f"challenge:{exc.code}"] += 1
            continue
        services.challenge_review(actor=editor, challenge=challenge, action="approve")
        if featured:
            services.challenge_set_featured(actor=editor, challenge=challenge)
        _move(challenge, start=world.now + dt.timedelta(days=offset), days=days)
        _record_existing_entries(challenge)
        made[key] = challenge

    # A proposal waiting for the editors, and one sent back with notes.
    library = people.get(PENDING[0])
    proposer = library.user if library is not None else editor
    if library is not None:
        services.organisation_verify(actor=admin, user=library.user, name="Eastgate Public Library")
    start = world.now + dt.timedelta(days=10)
    try:
        pending = services.challenge_propose(actor=proposer, hashtag=PENDING[1], title=PENDING[2],
                                             description=PENDING[3], rules=PENDING[4], starts_at=start,
                                             ends_at=start + dt.timedelta(days=21))
        services.challenge_review(actor=editor, challenge=pending, action="request_changes",
                                  reasons="Lovely idea! Please add how younger readers can join safely.")
    except ApplicationError as exc:
        world.refused[f"challenge:{exc.code}"] += 1

    running = made.get("running")
    if running is not None:
        best = list(
            Post.objects.filter(challenge_entries__challenge=running, status=PostStatus.PUBLISHED,
                                author__is_private=False).order_by("-like_count", "-id")[:2]
        )
        for post in best:
            services.challenge_feature_entry(actor=editor, challenge=running, post_id=post.pk)

    # Editor collections ("creator series"): public, well-liked posts in a chosen order.
    public = list(
        Post.objects.filter(author_id__in=list(world.by_pk), status=PostStatus.PUBLISHED, author__is_private=False,
                            shared_from__isnull=True).order_by("-like_count", "-id")[:12]
    )
    if len(public) >= 4:
        services.collection_create(actor=editor, title="Quiet helpers", post_ids=[p.pk for p in public[:6]],
                                   description="People who just get on with being kind.")
        services.collection_create(actor=editor, title="Small acts, big hearts", post_ids=[p.pk for p in public[6:]],
                                   description="Five-minute kindnesses you can do today.")

    _hashtag_views_rollup(world)
    _compliments(world)


def _compliments(world: DemoWorld) -> None:
    """Compliments to maya (some delivered, some waiting in her inbox) and between adults."""
    from kindling.core.demo.world import MARKER_USERNAME

    rng = world.rng
    adults = [u for u in world.users if u.band == AgeBand.ADULT and u.persona.role != "org"]
    maya = next((u for u in world.users if u.user.username == MARKER_USERNAME), None)
    pairs: list[tuple[User, User]] = []
    if maya is not None:
        others = [u for u in adults if u.pk != maya.pk]
        followed = [u for u in others if (maya.pk, u.pk) in world.accepted]
        strangers = [u for u in others if (maya.pk, u.pk) not in world.accepted]
        pairs += [(u.user, maya.user) for u in followed[:2]] + [(u.user, maya.user) for u in strangers[:3]]
    for _ in range(6):
        if len(adults) < 2:
            break
        a, b = rng.sample(adults, 2)
        pairs.append((a.user, b.user))
    sent = []
    for i, (sender, recipient) in enumerate(pairs):
        try:
            sent.append(services.compliment_send(sender=sender, to_username=recipient.username,
                                                 text=COMPLIMENTS[i % len(COMPLIMENTS)]))
        except ApplicationError as exc:
            world.refused[f"compliment:{exc.code}"] += 1
    # Everyone but maya answers their inbox: maya keeps hers to try the accept and decline buttons.
    for compliment in sent:
        if compliment.status == "pending_acceptance" and compliment.recipient.username != MARKER_USERNAME:
            services.compliment_accept(actor=compliment.recipient, compliment_id=compliment.pk)
