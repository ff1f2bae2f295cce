"""`make simulate`: does Kindling's For You ranker amplify kindness without losing engagement?

An agent-based simulation on a generated world. Users are kind, neutral or trolls; each posts kind,
neutral or harmful texts at rates set by their type. The moderation engine is modelled as a noisy scorer
(harm and kindness probabilities, calibrated so most but not all harmful posts score above the review
threshold). Every simulated hour a sample of users opens For You, sees a page of 20, and engages with what
it is shown with realistic biases: outrage draws more likes, comments and shares than kindness; posts from
followed accounts draw more; attention falls with position on the page; each post has its own latent appeal.

Three rankers run on the same world (same users, graph and posts, same random seed for engagement):
- engagement-only: log engagement with the same time decay, no harm or kindness term, no page rules;
- reverse chronological: newest first;
- Kindling: the production ranker (kindling.feeds.ranker with weights.toml): stored terms + viewer terms +
  page rules, harm ceiling, and "show less" clicks by users who dislike harmful posts.

Measured over all impressions: harmful share, kind share, total engagement (likes + comments + shares) and
creators reached (distinct authors shown at least once). Writes sim/results.json, docs/ranking_sim.png and
the results block of docs/ranking.md.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kindling.feeds import ranker  # noqa: E402
from kindling.feeds.weights import Weights, weights_load  # noqa: E402

KIND, NEUTRAL, HARMFUL = "kind", "neutral", "harmful"
# Share of each user type and what each type posts (kind, neutral, harmful) and how often (posts/hour).
USER_TYPES = {
    "kind": (0.35, (0.70, 0.28, 0.02), 0.05),
    "neutral": (0.55, (0.20, 0.75, 0.05), 0.05),
    "troll": (0.10, (0.05, 0.35, 0.60), 0.09),
}
# Base engagement probability per impression at the top of the page: outrage draws the most.
LIKE = {KIND: 0.060, NEUTRAL: 0.040, HARMFUL: 0.075}
COMMENT = {KIND: 0.012, NEUTRAL: 0.008, HARMFUL: 0.030}
SHARE = {KIND: 0.006, NEUTRAL: 0.003, HARMFUL: 0.010}
# How each viewer type reacts to harmful posts (trolls love them, kind users mostly don't).
HARM_TASTE = {"kind": 0.6, "neutral": 1.0, "troll": 1.8}
START = datetime(2026, 6, 1, tzinfo=UTC)


@dataclass
class Post:
    id: int
    author: int
    label: str
    published_at: datetime
    appeal: float
    harm: float
    kindness: float
    text: str
    likes: int = 0
    comments: int = 0
    shares: int = 0
    views: int = 0
    reply_scores: list[float] = field(default_factory=list)


@dataclass
class World:
    types: list[str]
    joined: list[datetime]
    follows: list[set[int]]
    followers: Counter[int]
    posts_by_hour: list[list[Post]]


def _engine(label: str, rnd: random.Random) -> tuple[float, float]:
    """A noisy moderation engine: ~88% of harmful posts score at or above 0.7; kind posts score kind."""
    if label == HARMFUL:
        harm = rnd.betavariate(6, 1.6)
        kindness = rnd.betavariate(1, 8)
    elif label == NEUTRAL:
        harm = rnd.betavariate(1, 14)
        kindness = rnd.betavariate(3, 4)
    else:
        harm = rnd.betavariate(1, 25)
        kindness = rnd.betavariate(8, 2)
    return harm, kindness


def build_world(*, users: int, hours: int, seed: int) -> World:
    rnd = random.Random(seed)
    names = list(USER_TYPES)
    types = rnd.choices(names, weights=[USER_TYPES[t][0] for t in names], k=users)
    joined = [START - timedelta(days=rnd.uniform(1, 300)) for _ in range(users)]
    pop = [1 / (k + 1) ** 0.9 for k in range(users)]
    order = list(range(users))
    rnd.shuffle(order)
    follows: list[set[int]] = []
    followers: Counter[int] = Counter()
    for u in range(users):
        chosen = set(rnd.choices(order, weights=pop, k=rnd.randint(5, 40))) - {u}
        follows.append(chosen)
        followers.update(chosen)
    posts_by_hour: list[list[Post]] = []
    pid = 0
    for h in range(hours):
        batch = []
        for u in range(users):
            _, mix, rate = USER_TYPES[types[u]]
            if rnd.random() < rate:
                pid += 1
                label = rnd.choices([KIND, NEUTRAL, HARMFUL], weights=mix)[0]
                harm, kindness = _engine(label, rnd)
                appeal = rnd.lognormvariate(0, 0.6) * (1.3 if label == HARMFUL else 1.0)
                at = START + timedelta(hours=h, minutes=rnd.uniform(0, 59))
                batch.append(Post(pid, u, label, at, appeal, harm, kindness, f"{label} post {pid} by {u} w{rnd.randint(0, 999)}"))
        posts_by_hour.append(batch)
    return World(types, joined, follows, followers, posts_by_hour)


class Engagement:
    """Engagement-only: log engagement with the same half-life decay, no harm or kindness, no page rules."""

    name = "engagement-only"

    def __init__(self, w: Weights) -> None:
        self.per_second = w.stored.freshness_per_second
        self.order: list[Post] = []

    def prepare(self, live: list[Post], now: datetime) -> None:
        def s(p: Post) -> float:
            raw = p.likes + 2 * p.comments + 3 * p.shares
            return math.log1p(raw) + (p.published_at - START).total_seconds() * self.per_second

        self.order = sorted(live, key=s, reverse=True)[:20]

    def page(self, viewer: int, now: datetime, state: dict) -> list[Post]:
        return self.order


class Chronological:
    name = "reverse chronological"

    def __init__(self) -> None:
        self.order: list[Post] = []

    def prepare(self, live: list[Post], now: datetime) -> None:
        self.order = sorted(live, key=lambda p: p.published_at, reverse=True)[:20]

    def page(self, viewer: int, now: datetime, state: dict) -> list[Post]:
        return self.order


class Kindling:
    """The production ranker: stored terms from kindling.feeds.ranker, then viewer terms and page rules.

    Stored ranks are recomputed once per simulated hour (production rewrites a row on every event; the
    baselines get the same hourly refresh, so the comparison is even).
    """

    name = "Kindling"

    def __init__(self, w: Weights, world: World) -> None:
        self.w, self.world = w, world
        self.ranked: list[ranker.Candidate] = []
        self.by_id: dict[int, Post] = {}

    def prepare(self, live: list[Post], now: datetime) -> None:
        cands = []
        self.by_id = {}
        for p in live:
            if not ranker.is_candidate(harm=p.harm, w=self.w.stored):
                continue
            replies = p.reply_scores
            t = ranker.stored_terms(
                ranker.RankInputs(
                    likes=p.likes, comments=p.comments, shares=p.shares, views=p.views,
                    followers=self.world.followers[p.author], kindness=p.kindness, harm=p.harm,
                    reply_kindness=sum(replies) / len(replies) if replies else None, reply_count=len(replies),
                    published_at=p.published_at, author_joined=self.world.joined[p.author],
                ),
                w=self.w.stored,
            )
            self.by_id[p.id] = p
            cands.append(
                ranker.Candidate(
                    post_id=p.id, author_id=p.author, author_name=f"u{p.author}", rank=t.rank,
                    engagement=t.engagement, kindness=t.kindness, replies=t.replies, harm=t.harm,
                    published_at=p.published_at, creator=t.creator, text=p.text,
                )
            )
        self.ranked = sorted(cands, key=lambda c: -c.rank)

    def page(self, viewer: int, now: datetime, state: dict) -> list[Post]:
        # Production reads a few hundred candidates by stored rank plus the viewer's follows; same here.
        follows = self.world.follows[viewer]
        pool = self.ranked[:300] + [c for c in self.ranked[300:] if c.author_id in follows][:100]
        ctx = ranker.ViewerContext(
            viewer_id=viewer, follows=frozenset(follows), interacted_authors=frozenset(state["liked"][viewer]),
            show_less_authors=dict(state["less"][viewer]),
        )
        page, _ = ranker.rank_viewer_page(
            pool, ctx, limit=20, viewer_w=self.w.viewer, stored_w=self.w.stored, page_w=self.w.page, now=now
        )
        return [self.by_id[s.post_id] for s in page]


def run(world: World, ranking, *, hours: int, viewers_per_hour: int, seed: int) -> dict:
    rnd = random.Random(seed * 7 + 1)
    # Fresh copies: each ranker's engagement feeds back into its own world only.
    posts_by_hour = [[Post(**{**p.__dict__, "reply_scores": []}) for p in batch] for batch in world.posts_by_hour]
    live: list[Post] = []
    imp: Counter[str] = Counter()
    eng = Counter()
    reached: set[int] = set()
    authors: set[int] = set()
    state: dict = {"liked": defaultdict(set), "less": defaultdict(Counter)}
    users = len(world.types)
    for h in range(hours):
        now = START + timedelta(hours=h + 1)
        live += posts_by_hour[h]
        authors.update(p.author for p in posts_by_hour[h])
        live = [p for p in live if now - p.published_at <= timedelta(hours=48)]
        ranking.prepare(live, now)
        for viewer in rnd.sample(range(users), viewers_per_hour):
            vtype = world.types[viewer]
            for pos, p in enumerate(ranking.page(viewer, now, state)):
                imp[p.label] += 1
                p.views += 1
                reached.add(p.author)
                attention = max(0.2, 1 - pos * 0.04)
                mult = attention * p.appeal * (1.5 if p.author in world.follows[viewer] else 1.0)
                if p.label == HARMFUL:
                    mult *= HARM_TASTE[vtype]
                    if vtype == "kind" and rnd.random() < 0.3:
                        state["less"][viewer][p.author] += 1  # "show less like this" (used by Kindling only)
                if rnd.random() < LIKE[p.label] * mult:
                    p.likes += 1
                    eng["likes"] += 1
                    state["liked"][viewer].add(p.author)
                if rnd.random() < COMMENT[p.label] * mult:
                    p.comments += 1
                    eng["comments"] += 1
                    # Replies echo their post: harmful posts draw heat, kind ones warmth.
                    p.reply_scores.append(rnd.betavariate(2, 6) if p.label == HARMFUL else rnd.betavariate(6, 3))
                if rnd.random() < SHARE[p.label] * mult:
                    p.shares += 1
                    eng["shares"] += 1
    total = sum(imp.values())
    return {
        "ranker": ranking.name,
        "impressions": total,
        "harmful_share": imp[HARMFUL] / total,
        "kind_share": imp[KIND] / total,
        "engagement": sum(eng.values()),
        "likes": eng["likes"], "comments": eng["comments"], "shares": eng["shares"],
        "creators_reached": len(reached),
        "creators_posting": len(authors),
    }


def write_chart(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [r["ranker"] for r in results]
    colors = ["#c0504d", "#8c8c8c", "#e07a1f"]
    panels = [
        ("harmful_share", "Harmful share of impressions", True),
        ("kind_share", "Kind share of impressions", True),
        ("engagement", "Total engagement", False),
        ("creators_reached", "Creators reached", False),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(15, 3.8))
    for ax, (key, title, pct) in zip(axes, panels, strict=True):
        vals = [r[key] * (100 if pct else 1) for r in results]
        bars = ax.bar(range(len(vals)), vals, color=colors)
        ax.set_title(title, fontsize=10)
        ax.set_xticks(range(len(vals)), [n.replace(" ", "\n") for n in names], fontsize=8)
        for b, v in zip(bars, vals, strict=True):
            ax.annotate(f"{v:.1f}%" if pct else f"{v:,.0f}", (b.get_x() + b.get_width() / 2, b.get_height()),
                        ha="center", va="bottom", fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle("For You ranker comparison on one simulated world (same seed)", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def write_doc(results: list[dict], meta: dict, path: Path) -> None:
    base = results[0]
    kind = results[-1]
    lines = [
        f"Measured by `{meta['command']}` on {meta['when']} ({meta['users']} users, {meta['hours']} simulated hours, "
        f"{meta['viewers_per_hour']} feed opens per hour, page of 20, seed {meta['seed']}; {meta['seconds']:.0f} s).",
        "",
        "| Ranker | Harmful share | Kind share | Engagement | vs engagement-only | Creators reached |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['ranker']} | {r['harmful_share'] * 100:.2f}% | {r['kind_share'] * 100:.1f}% | {r['engagement']:,} "
            f"| {r['engagement'] / base['engagement'] * 100:.0f}% | {r['creators_reached']} of {r['creators_posting']} |"
        )
    checks = [
        ("harmful share ≤ 0.5%", kind["harmful_share"] <= 0.005, f"{kind['harmful_share'] * 100:.2f}%"),
        ("kind share ≥ 2× engagement-only", kind["kind_share"] >= 2 * base["kind_share"],
         f"{kind['kind_share'] / base['kind_share']:.2f}×"),
        ("engagement ≥ 90% of engagement-only", kind["engagement"] >= 0.9 * base["engagement"],
         f"{kind['engagement'] / base['engagement'] * 100:.0f}%"),
    ]
    lines += ["", "Targets for Kindling's ranker:", ""]
    lines += [f"- {name}: **{'met' if ok else 'not met'}** ({value})" for name, ok, value in checks]
    lines += ["", "![Ranker comparison](ranking_sim.png)"]
    block = "\n".join(lines)
    text = path.read_text() if path.exists() else "# Ranking\n\n<!-- sim:start -->\n<!-- sim:end -->\n"
    head, _, rest = text.partition("<!-- sim:start -->")
    _, _, tail = rest.partition("<!-- sim:end -->")
    path.write_text(f"{head}<!-- sim:start -->\n{block}\n<!-- sim:end -->{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description="For You ranker simulation")
    parser.add_argument("--users", type=int, default=800)
    parser.add_argument("--hours", type=int, default=48)
    parser.add_argument("--viewers-per-hour", type=int, default=120)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--doc", default=str(ROOT / "docs" / "ranking.md"))
    parser.add_argument("--chart", default=str(ROOT / "docs" / "ranking_sim.png"))
    parser.add_argument("--out", default=str(ROOT / "sim" / "results.json"))
    args = parser.parse_args()
    started = time.monotonic()
    w = weights_load()
    world = build_world(users=args.users, hours=args.hours, seed=args.seed)
    rankers = [Engagement(w), Chronological(), Kindling(w, world)]
    results = []
    for r in rankers:
        res = run(world, r, hours=args.hours, viewers_per_hour=args.viewers_per_hour, seed=args.seed)
        results.append(res)
        print(f"{res['ranker']:22s} harmful {res['harmful_share'] * 100:5.2f}%  kind {res['kind_share'] * 100:5.1f}%  "
              f"engagement {res['engagement']:7,}  creators {res['creators_reached']}/{res['creators_posting']}", flush=True)
    meta = {
        "command": "make simulate", "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "users": args.users,
        "hours": args.hours, "viewers_per_hour": args.viewers_per_hour, "seed": args.seed,
        "seconds": time.monotonic() - started,
    }
    Path(args.out).write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    write_chart(results, Path(args.chart))
    write_doc(results, meta, Path(args.doc))
    print(f"wrote {args.out}, {args.chart} and {args.doc}")


if __name__ == "__main__":
    main()
