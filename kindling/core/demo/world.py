"""The demo world generator behind `kindling demo-data`.

Every write goes through the same services real people use (sign-up, profile, follows, blocks, posts,
likes, comments, shares, views), so the demo obeys the real rules: visibility, counters, audit rows, the
teen defaults. The generator only steps outside the services for one thing the services rightly never
allow: backdating, so that feeds look lived-in over the last month. Those fields (`created_at`,
`published_at`, `date_joined`, `PostView.day`) are changed afterwards with queryset updates.

The world is built by a list of steps (`STEPS`) sharing one `DemoWorld` state; later features (moderation,
challenges, compliments) add their own step functions to that list.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar
from unittest import mock

from django.apps import apps
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.db.models import Count
from django.dispatch import Signal
from django.utils import timezone
from tqdm import tqdm

from kindling.accounts.models import AgeBand, Block, Follow, User
from kindling.accounts.services import (
    block_create,
    follow_create,
    follow_request_decide,
    profile_update,
    user_signup,
)
from kindling.core.demo.texts import EXTRA_FIRST, EXTRA_LAST, PERSONAS, Persona, TextKit
from kindling.core.errors import ApplicationError
from kindling.moderation.engine import engine_check
from kindling.moderation.services import bio_submit
from kindling.posts.models import Comment, Hashtag, Like, Post, PostHashtag, PostStatus, PostView
from kindling.posts.services import (
    comment_create,
    like_create,
    post_create,
    post_view_record,
    share_create,
    viewer_key_for,
)

DEMO_PASSWORD = "kindness-demo"  # noqa: S105 - published on purpose: the Makefile tells people to log in with it
DEMO_EMAIL_DOMAIN = "demo.kindling.example"
MARKER_USERNAME = "maya"
# Sign-up hashes with the full PBKDF2 work factor (~0.2 s a user). The demo hashes with fewer rounds; Django
# stores the round count in each hash, verifies it as usual and re-hashes at full strength on first login.
DEMO_HASH_ITERATIONS = 1_000

ADULT_CATEGORIES = {
    "drive_by": 18, "witnessed": 10, "compliment": 10, "gratitude": 12, "encouragement": 10,
    "creative": 10, "challenge": 8, "everyday": 14, "question": 8,
}
TEEN_CATEGORIES = {"teen": 50, "creative": 15, "encouragement": 10, "everyday": 10, "compliment": 8, "question": 7}

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class DemoConfig:
    users: int = 72
    posts: int = 720
    seed: int = 7
    days: int = 30
    progress: bool = True


@dataclass
class DemoUser:
    user: User
    persona: Persona
    band: str  # an AgeBand value
    activity: float  # relative share of posts and interactions

    @property
    def pk(self) -> int:
        return self.user.pk

    @property
    def is_org(self) -> bool:
        return self.persona.role == "org"

    @property
    def is_young_teen(self) -> bool:
        return self.band == AgeBand.TEEN_13_15


@dataclass
class DemoPost:
    post: Post
    author: DemoUser
    category: str
    at: dt.datetime
    likers: list[int] = field(default_factory=list)
    commenters: list[int] = field(default_factory=list)


@dataclass
class DemoWorld:
    """State shared by the steps. `accepted` and `blocked` mirror the database so steps can pick only
    interactions the services will allow (a refused one is counted, not fatal)."""

    config: DemoConfig
    rng: random.Random
    texts: TextKit
    now: dt.datetime
    today: dt.date
    users: list[DemoUser] = field(default_factory=list)
    by_pk: dict[int, DemoUser] = field(default_factory=dict)
    accepted: set[tuple[int, int]] = field(default_factory=set)  # (follower, followee)
    blocked: set[frozenset[int]] = field(default_factory=set)
    posts: list[DemoPost] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)

    def progress(self, items: Sequence[T], desc: str) -> Iterator[T]:
        yield from tqdm(items, desc=desc, unit="", leave=False, disable=not self.config.progress)

    def can_see(self, viewer_pk: int, post: DemoPost) -> bool:
        """The visibility rule of `posts_visible_to`, over the in-memory mirror."""
        author = post.author
        if viewer_pk == author.pk:
            return True
        if frozenset((viewer_pk, author.pk)) in self.blocked:
            return False
        return not author.user.is_private or (viewer_pk, author.pk) in self.accepted

    def audience(self, post: DemoPost) -> list[DemoUser]:
        return [u for u in self.users if u.pk != post.author.pk and self.can_see(u.pk, post)]

    def after(self, start: dt.datetime, mean_hours: float) -> dt.datetime:
        """A moment after `start` (and before now): most reactions come within hours, a few days later."""
        # Always two draws, whatever the branch, so the clock never shifts the random sequence (seed = world).
        wait = self.rng.expovariate(1 / (mean_hours * 3600))
        cap = self.rng.uniform(0.5, 0.99)
        span = max((self.now - start).total_seconds(), 0)
        delay = max(min(wait, span * cap), min(30, span * 0.5))
        return start + dt.timedelta(seconds=delay)

    def weighted_sample(self, people: Sequence[DemoUser], weights: Sequence[float], k: int) -> list[DemoUser]:
        """k distinct people, drawn by weight (Efraimidis–Spirakis keys keep it one pass and seeded)."""
        keyed = sorted(
            zip(people, weights, strict=True),
            key=lambda pw: self.rng.random() ** (1 / pw[1]) if pw[1] > 0 else 0,
            reverse=True,
        )
        return [p for p, _ in keyed[:k]]

    def reload_graph(self) -> None:
        pks = list(self.by_pk)
        self.accepted = set(
            Follow.objects.filter(follower_id__in=pks, status=Follow.Status.ACCEPTED).values_list(
                "follower_id", "followee_id"
            )
        )
        self.blocked = {
            frozenset(pair) for pair in Block.objects.filter(blocker_id__in=pks).values_list("blocker_id", "blocked_id")
        }


Step = Callable[[DemoWorld], None]


def _try(world: DemoWorld, what: str, service: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | None:
    """Run a service call; a refusal (a rule the mirror didn't foresee) is counted and skipped, not fatal."""
    try:
        return service(*args, **kwargs)
    except ApplicationError as exc:
        world.refused[f"{what}:{exc.code}"] += 1
        return None


@contextmanager
def _fast_demo_hashing() -> Iterator[None]:
    with mock.patch.object(PBKDF2PasswordHasher, "iterations", DEMO_HASH_ITERATIONS):
        yield


# ---------------------------------------------------------------------------------------------- users


def _choose_personas(n: int, rng: random.Random) -> list[tuple[Persona, str]]:
    """Pick n personas with their age bands: maya, a few organisations, ~15% teens, the rest adults."""
    n = max(n, 4)
    marker = PERSONAS[0]
    orgs = [p for p in PERSONAS if p.role == "org"]
    teens = [p for p in PERSONAS if p.role == "teen"]
    adults = [p for p in PERSONAS[1:] if p.role == "adult"]
    n_orgs = min(len(orgs), max(2, round(n * 0.07)))  # the café and the school are always there
    n_teens = max(2, round(n * 0.15))
    n_young = max(1, min(n_teens - 1, math.ceil(n_teens * 0.55)))  # both bands, even in a tiny world
    n_adults = n - 1 - n_orgs - n_teens
    chosen: list[tuple[Persona, str]] = [(marker, AgeBand.ADULT)]
    chosen += [(p, AgeBand.ADULT) for p in orgs[:n_orgs]]
    teen_pool = list(teens)
    rng.shuffle(teen_pool)
    teen_pool += _extra_personas(n_teens - len(teen_pool), rng, role="teen", taken=set())
    chosen += [(p, AgeBand.TEEN_13_15 if i < n_young else AgeBand.TEEN_16_17) for i, p in enumerate(teen_pool[:n_teens])]
    taken = {p.username for p, _ in chosen}
    adult_pool = adults[:n_adults] + _extra_personas(n_adults - len(adults), rng, role="adult", taken=taken)
    chosen += [(p, AgeBand.ADULT) for p in adult_pool]
    return chosen


def _extra_personas(count: int, rng: random.Random, *, role: str, taken: set[str]) -> list[Persona]:
    """Generated names for worlds bigger than the hand-written persona list."""
    result: list[Persona] = []
    combos = [(f, last) for f in EXTRA_FIRST for last in EXTRA_LAST]
    rng.shuffle(combos)
    for first, last in combos:
        if len(result) >= count:
            break
        username = f"{first.lower()}_{last.lower()}"[:30]
        if username in taken:
            continue
        taken.add(username)
        bio = "New here. Trying to be kind on purpose." if role == "adult" else "hi :)"
        result.append(Persona(username, f"{first} {last}" if role == "adult" else first, role, bio))  # type: ignore[arg-type]
    return result


def _birth_date(band: str, today: dt.date, rng: random.Random) -> dt.date:
    if band == AgeBand.TEEN_13_15:
        years = rng.choice([13, 14, 15])
    elif band == AgeBand.TEEN_16_17:
        years = rng.choice([16, 17])
    else:
        years = rng.randint(19, 78)
    # Between 1 and 11 months past the birthday, so the band can't flip during the demo's month.
    return today - dt.timedelta(days=int(365.25 * years) + rng.randint(30, 330))


def step_users(world: DemoWorld) -> None:
    rng = world.rng
    chosen = _choose_personas(world.config.users, rng)
    adults_private_rate = 0.14
    with _fast_demo_hashing():
        for persona, band in world.progress(chosen, "users"):
            user = user_signup(
                username=persona.username,
                email=f"{persona.username}@{DEMO_EMAIL_DOMAIN}",
                password=DEMO_PASSWORD,
                birth_date=_birth_date(band, world.today, rng),
                today=world.today,
            )
            # Under-16s are private from sign-up; some adults and older teens choose it too.
            private: bool | None = None
            if persona.username != MARKER_USERNAME and persona.role != "org":
                rate = adults_private_rate if band == AgeBand.ADULT else 0.35
                if band != AgeBand.TEEN_13_15 and rng.random() < rate:
                    private = True
            user = profile_update(user=user, display_name=persona.display_name, is_private=private)
            # Bios pass the moderation gate like any other text people write.
            _try(world, "bio", bio_submit, user=user, bio=persona.bio)
            activity = rng.lognormvariate(0, 0.6)
            if persona.username == MARKER_USERNAME:
                activity = 3.0  # maya is the account people log in as: give her a full profile
            elif persona.role == "org":
                activity = 1.3
            demo_user = DemoUser(user=user, persona=persona, band=band, activity=activity)
            world.users.append(demo_user)
            world.by_pk[user.pk] = demo_user
    # Everyone joined one to three months ago, before the first demo post.
    for demo_user in world.users:
        demo_user.user.date_joined = world.now - dt.timedelta(
            days=world.config.days + rng.randint(1, 60), seconds=rng.randint(0, 86_400)
        )
    User.objects.bulk_update([u.user for u in world.users], ["date_joined"], batch_size=200)


# -------------------------------------------------------------------------------------------- follows


def _follow_weight(follower: DemoUser, target: DemoUser) -> float:
    """How likely `follower` is to follow `target`. Adults and organisations don't send requests to
    under-16s: that's the culture the demo should show. Teens mostly follow teens and their school."""
    if target.is_young_teen and follower.band == AgeBand.ADULT:
        return 0.0
    weight = target.activity
    if target.persona.username == MARKER_USERNAME:
        weight *= 3
    if target.is_org:
        weight *= 2.5 if target.persona.org_kind != "school" or follower.band != AgeBand.ADULT else 0.5
    if follower.band != AgeBand.ADULT and target.band != AgeBand.ADULT:
        weight *= 5
    elif follower.band == AgeBand.ADULT and target.band == AgeBand.TEEN_16_17 and not follower.is_org:
        weight *= 0.3
    return weight


def step_follows(world: DemoWorld) -> None:
    rng = world.rng
    requests: list[tuple[DemoUser, DemoUser]] = []
    for follower in world.progress(world.users, "follows"):
        if follower.persona.username == MARKER_USERNAME:
            k = 24
        elif follower.is_org:
            k = rng.randint(3, 8)
        elif follower.band != AgeBand.ADULT:
            k = rng.randint(4, 10)
        else:
            k = rng.randint(5, 18)
        others = [u for u in world.users if u.pk != follower.pk]
        weights = [_follow_weight(follower, u) for u in others]
        candidates = [(u, w) for u, w in zip(others, weights, strict=True) if w > 0]
        picked = world.weighted_sample([u for u, _ in candidates], [w for _, w in candidates], k)
        for target in picked:
            follow = _try(world, "follow", follow_create, actor=follower.user, username=target.user.username)
            if follow is not None and follow.status == Follow.Status.PENDING:
                requests.append((follower, target))
    # Private accounts answer most requests; some stay pending so the request screens have something to show.
    for follower, target in requests:
        roll = rng.random()
        if roll < 0.15:
            continue
        approve = roll < 0.9
        _try(
            world,
            "follow_decide",
            follow_request_decide,
            actor=target.user,
            username=follower.user.username,
            approve=approve,
        )
    world.reload_graph()
    # Follows are backdated to before the demo month, like the accounts.
    follows = list(Follow.objects.filter(follower_id__in=list(world.by_pk)).order_by("pk"))
    for follow in follows:
        follow.created_at = world.now - dt.timedelta(days=world.config.days, seconds=rng.randint(0, 20 * 86_400))
    Follow.objects.bulk_update(follows, ["created_at"], batch_size=200)


def step_blocks(world: DemoWorld) -> None:
    """A few blocks between adults, so the blocking rules show up in the demo (maya is left out of them)."""
    rng = world.rng
    adults = [u for u in world.users if u.band == AgeBand.ADULT and not u.is_org and u.persona.username != MARKER_USERNAME]
    for _ in range(max(1, len(world.users) // 18)):
        if len(adults) < 2:
            break
        blocker, blocked = rng.sample(adults, 2)
        _try(world, "block", block_create, actor=blocker.user, username=blocked.user.username)
    world.reload_graph()


# ---------------------------------------------------------------------------------------------- posts


def _post_times(world: DemoWorld, count: int) -> list[dt.datetime]:
    """Post moments over the last `days` days, busier recently and during waking hours."""
    rng = world.rng
    hours = list(range(24))
    hour_weights = [0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 2, 1.8, 1.5, 1.6, 2, 1.8, 1.5, 1.5, 1.7, 2, 2.2,
                    2.4, 2.5, 2.2, 1.5, 0.6]
    times: list[dt.datetime] = []
    start_of_today = world.now.replace(hour=0, minute=0, second=0, microsecond=0)
    for _ in range(count):
        days_ago = int(rng.uniform(0, world.config.days) if rng.random() < 0.5 else rng.triangular(0, world.config.days, 0))
        hour = rng.choices(hours, hour_weights)[0]
        at = start_of_today - dt.timedelta(days=days_ago) + dt.timedelta(hours=hour, seconds=rng.randint(0, 3599))
        if at > world.now - dt.timedelta(minutes=5):
            # Later today than now: move it to yesterday instead of drawing again, so the sequence of random
            # draws (and so the world) doesn't depend on the time of day the command runs.
            at -= dt.timedelta(days=1)
        times.append(at)
    return sorted(times)


def _mention_for(world: DemoWorld, author: DemoUser) -> str | None:
    """Someone the author follows; an under-16 only if they follow the author back (the service's rule)."""
    # Sorted: set order follows primary keys, which differ between databases; the seed alone decides.
    followees = sorted(
        (world.by_pk[b] for a, b in world.accepted if a == author.pk and b in world.by_pk),
        key=lambda u: u.user.username,
    )
    allowed = [u for u in followees if not u.is_young_teen or (u.pk, author.pk) in world.accepted]
    return world.rng.choice(allowed).user.username if allowed else None


def _category_for(world: DemoWorld, author: DemoUser) -> str:
    if author.is_org:
        return "org"
    table = ADULT_CATEGORIES if author.band == AgeBand.ADULT else TEEN_CATEGORIES
    return world.rng.choices(list(table), list(table.values()))[0]


def _share_candidate(world: DemoWorld, sharer: DemoUser) -> DemoPost | None:
    recent = [
        p
        for p in world.posts[-80:]
        if p.post.shared_from_id is None
        and p.post.status == PostStatus.PUBLISHED
        and not p.author.user.is_private
        and p.author.pk != sharer.pk
        and world.can_see(sharer.pk, p)
    ]
    return world.rng.choice(recent) if recent else None


def step_posts(world: DemoWorld) -> None:
    rng = world.rng
    times = _post_times(world, world.config.posts)
    weights = [u.activity for u in world.users]
    for at in world.progress(times, "posts"):
        author = rng.choices(world.users, weights)[0]
        original = _share_candidate(world, author) if rng.random() < 0.08 and len(world.posts) > 10 else None
        if original is not None:
            note = world.texts.share_note()
            post = _try(world, "share", share_create, actor=author.user, post_id=original.post.pk, note=note)
            category = original.category
        else:
            category = _category_for(world, author)
            mention = _mention_for(world, author) if rng.random() < 0.15 else None
            text = world.texts.post(category, org_kind=author.persona.org_kind, mention=mention)
            post = _try(world, "post", post_create, author=author.user, text=text)
        if post is None:
            continue
        post.created_at = at
        if post.status == PostStatus.PUBLISHED:
            post.published_at = at + dt.timedelta(seconds=rng.randint(1, 5))
        world.posts.append(DemoPost(post=post, author=author, category=category, at=at))
    Post.objects.bulk_update([p.post for p in world.posts], ["created_at", "published_at"], batch_size=200)


# ------------------------------------------------------------------------------------------ reactions


def _published(world: DemoWorld) -> list[DemoPost]:
    return [p for p in world.posts if p.post.status == PostStatus.PUBLISHED]


def _reaction_weights(world: DemoWorld, post: DemoPost, people: Sequence[DemoUser]) -> list[float]:
    """Followers of the author react more than strangers; busy people react more than quiet ones."""
    return [u.activity * (3.0 if (u.pk, post.author.pk) in world.accepted else 1.0) for u in people]


def step_comments(world: DemoWorld) -> None:
    rng = world.rng
    backdated: list[Comment] = []
    for item in world.progress(_published(world), "comments"):
        audience = world.audience(item)
        if not audience:
            continue
        count = rng.choices([0, 1, 2, 3, 4, 6], [30, 28, 20, 12, 7, 3])[0]
        if item.post.shared_from_id:
            count = min(count, 1)
        commenters = world.weighted_sample(audience, _reaction_weights(world, item, audience), count)
        category = "org" if item.author.is_org else item.category
        if item.author.band != AgeBand.ADULT and category != "teen":
            category = "teen" if rng.random() < 0.5 else category
        times = sorted(world.after(item.at, 6) for _ in commenters)
        for commenter, at in zip(commenters, times, strict=True):
            mention = item.author.user.username if not item.author.is_young_teen else None
            text = world.texts.comment(category, mention=mention)
            top = _try(world, "comment", comment_create, author=commenter.user, post_id=item.post.pk, text=text)
            if top is None:
                continue
            top.created_at = at
            backdated.append(top)
            item.commenters.append(commenter.pk)
            # Authors often thank commenters; now and then someone else chimes in.
            repliers: list[tuple[DemoUser, bool]] = []
            if rng.random() < 0.45:
                repliers.append((item.author, True))
            if rng.random() < 0.12:
                others = [u for u in audience if u.pk != commenter.pk]
                if others:
                    repliers.append((rng.choice(others), False))
            reply_at = at
            for replier, is_author in repliers:
                reply_at = world.after(reply_at, 3)
                reply = _try(
                    world,
                    "reply",
                    comment_create,
                    author=replier.user,
                    post_id=item.post.pk,
                    text=world.texts.reply(by_post_author=is_author),
                    parent_id=top.pk,
                )
                if reply is not None:
                    reply.created_at = reply_at
                    backdated.append(reply)
                    if not is_author:
                        item.commenters.append(replier.pk)
    Comment.objects.bulk_update(backdated, ["created_at"], batch_size=200)


def step_likes(world: DemoWorld) -> None:
    rng = world.rng
    planned: dict[tuple[int, int], dt.datetime] = {}
    for item in world.progress(_published(world), "likes"):
        audience = world.audience(item)
        if not audience:
            continue
        # A post's appeal varies a lot: most get a handful of likes, a few take off.
        appeal = min(rng.lognormvariate(-3.0, 0.7), 0.6)
        k = min(len(audience), round(appeal * len(audience)) + rng.randint(0, 2))
        likers = world.weighted_sample(audience, _reaction_weights(world, item, audience), k)
        # Commenters usually like the post too.
        for pk in item.commenters:
            liker = world.by_pk[pk]
            if liker not in likers and rng.random() < 0.7:
                likers.append(liker)
        for liker in likers:
            done = _try(world, "like", like_create, actor=liker.user, post_id=item.post.pk)
            if done is not None:
                item.likers.append(liker.pk)
                planned[(item.post.pk, liker.pk)] = world.after(item.at, 4)
    likes = list(Like.objects.filter(post_id__in=[p.post.pk for p in world.posts]))
    for like in likes:
        like.created_at = planned.get((like.post_id, like.user_id), like.created_at)
    Like.objects.bulk_update(likes, ["created_at"], batch_size=200)


def step_views(world: DemoWorld) -> None:
    """Views spread over the days after each post. The service records views for today only, so views are
    recorded one day-group at a time and each group is then moved to its day with a single update."""
    rng = world.rng
    by_day: dict[dt.date, list[tuple[Post, str]]] = defaultdict(list)
    for item in _published(world):
        post_day = timezone.localdate(item.at)
        span = max((world.today - post_day).days, 0)

        def days(count: int, span: int = span, post_day: dt.date = post_day) -> list[dt.date]:
            offsets = {min(int(rng.expovariate(1 / 1.5)), span) for _ in range(count)}
            return [post_day + dt.timedelta(days=o) for o in sorted(offsets)]

        audience = world.audience(item)
        reach = rng.uniform(0.05, 0.22)
        viewers = {pk for pk in item.likers + item.commenters}
        viewers |= {u.pk for u in audience if rng.random() < reach}
        for pk in sorted(viewers):
            key = viewer_key_for(user=world.by_pk[pk].user)
            for day in days(1 if rng.random() < 0.85 else rng.randint(2, 3)):
                by_day[day].append((item.post, key))
        if not item.author.user.is_private:
            # Logged-out visitors: the key is a hash, as for real anonymous views.
            for n in range(rng.randint(0, 4)):
                for day in days(1):
                    key = viewer_key_for(user=None, fingerprint=f"demo-visitor-{item.post.pk}-{n}-{day}")
                    by_day[day].append((item.post, key))
    demo_pks = list(world.by_pk)
    total = sum(len(v) for v in by_day.values())
    with tqdm(total=total, desc="views", leave=False, disable=not world.config.progress) as bar:
        # Today's group goes last: until then, every view dated today is one just recorded for an earlier day.
        for day in sorted(by_day, key=lambda d: (d == world.today, d)):
            for post, key in by_day[day]:
                post_view_record(post=post, viewer_key=key)
                bar.update()
            if day != world.today:
                PostView.objects.filter(day=world.today, post__author_id__in=demo_pks).update(day=day)


from kindling.core.demo.challenges import step_challenges  # noqa: E402 - steps live beside the world
from kindling.core.demo.moderation import step_moderation  # noqa: E402 - steps live beside the world

STEPS: list[tuple[str, Step]] = [
    ("users", step_users),
    ("follows", step_follows),
    ("blocks", step_blocks),
    ("posts", step_posts),
    ("comments", step_comments),
    ("likes", step_likes),
    ("views", step_views),
    ("moderation", step_moderation),
    ("challenges", step_challenges),
]


# ------------------------------------------------------------------------------------ entry points


def demo_world_exists() -> bool:
    return User.objects.filter(username__iexact=MARKER_USERNAME).exists()


def demo_users() -> Any:
    return User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")


def demo_world_reset() -> int:
    """Delete the demo accounts (their posts, likes, comments and views go with them) and unused hashtags."""
    with transaction.atomic():
        count = demo_users().count()
        demo_users().delete()
        Hashtag.objects.filter(posthashtag__isnull=True).delete()
    return count


@contextmanager
def _feed_ranking_deferred() -> Iterator[None]:
    """Rank the demo's posts once at the end instead of after every event.

    The feeds app re-ranks a post after each publish, like, comment, share and view (a handful of queries
    each). For the ~25,000 events of the demo that would be most of the run, so its receivers are
    disconnected while the world is built and every post is then ranked once with the bulk rebuild behind
    `kindling refresh-ranks`, which writes the same rows. Ranking after the build also means ranks see the
    backdated publish times."""
    if not apps.is_installed("kindling.feeds"):
        yield
        return
    from kindling.feeds import signals as receivers
    from kindling.feeds.services import ranks_refresh_all
    from kindling.posts import signals

    hooks: list[tuple[Signal, Callable[..., None], str]] = [
        (signals.post_published, receivers.on_post_published, "feeds.post_published"),
        (signals.post_hidden, receivers.on_post_hidden, "feeds.post_hidden"),
        (signals.post_engaged, receivers.on_post_engaged, "feeds.post_engaged"),
    ]
    for signal, _receiver, uid in hooks:
        signal.disconnect(dispatch_uid=uid)
    try:
        yield
    finally:
        for signal, receiver, uid in hooks:
            signal.connect(receiver, dispatch_uid=uid)
    ranks_refresh_all()


@contextmanager
def _engine_errors_logged_once(log: Callable[[str], None]) -> Iterator[None]:
    """The gate fails closed when the moderation engine can't answer (no model installed, say), and logs a
    traceback for every item it holds. Ask once up front, explain once, and keep the per-item log quiet."""
    engine_logger = logging.getLogger("kindling.moderation.engine")
    level = engine_logger.level
    engine_logger.setLevel(logging.CRITICAL)
    try:
        check = engine_check(["Thank you for holding the door this morning!"])[0]
        if check.error is None:
            engine_logger.setLevel(level)  # a working engine logs as usual
        else:
            log(
                f"  WARNING: the moderation engine is unavailable ({check.error}); the gate holds every post "
                "for review. Install the model (kindling_ml/model), then run `kindling demo-data --reset`."
            )
        yield
    finally:
        engine_logger.setLevel(level)


def demo_world_build(config: DemoConfig, *, log: Callable[[str], None] = print) -> dict[str, int]:
    """Build the whole world in one transaction (fast on SQLite; all or nothing) and return its counts."""
    rng = random.Random(config.seed)
    world = DemoWorld(
        config=config, rng=rng, texts=TextKit(rng), now=timezone.now(), today=timezone.localdate()
    )
    with _engine_errors_logged_once(log), _feed_ranking_deferred(), transaction.atomic():
        for name, step in STEPS:
            started = time.monotonic()
            step(world)
            if config.progress:
                log(f"  {name}: {time.monotonic() - started:.1f}s")
    if world.refused:
        log("  refused by the rules: " + ", ".join(f"{k} ×{v}" for k, v in sorted(world.refused.items())))
    held = Post.objects.filter(author__in=demo_users()).exclude(status=PostStatus.PUBLISHED).count()
    if held:
        # The moderation gate fails closed: without its model every post waits for review.
        log(f"  {held} posts were not published by the moderation gate (held for review or refused)")
    return demo_world_summary()


def demo_world_summary() -> dict[str, int]:
    """Counts over the demo accounts, read back from the database rather than from the generator."""
    users = demo_users()
    today = timezone.localdate()
    posts = Post.objects.filter(author__in=users)
    return {
        "users": users.count(),
        "teens": users.filter(turns_18_on__gt=today).count(),
        "private": users.filter(is_private=True).count(),
        "posts": posts.count(),
        "comments": Comment.objects.filter(post__in=posts).count(),
        "likes": Like.objects.filter(post__in=posts).count(),
        "shares": posts.filter(shared_from__isnull=False).count(),
        "held": posts.exclude(status=PostStatus.PUBLISHED).count(),
        "views": PostView.objects.filter(post__in=posts).count(),
        "hashtags": PostHashtag.objects.filter(post__in=posts).aggregate(n=Count("hashtag", distinct=True))["n"],
        "follows": Follow.objects.filter(follower__in=users, status=Follow.Status.ACCEPTED).count(),
        "pending": Follow.objects.filter(followee__in=users, status=Follow.Status.PENDING).count(),
        "blocks": Block.objects.filter(blocker__in=users).count(),
    }
