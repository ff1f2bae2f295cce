"""Seed a PostgreSQL database with a For You benchmark world, fast: COPY, indexes built after the load.

    python bench/feed/seed.py --url postgres://postgres@127.0.0.1:5432/kindling_bench --posts 1000000

Proportions per post count N: N/10 users (so 100k users at 1M posts), ~15 follows per user with popular
accounts followed more (Zipf-like), engagement counters drawn from a heavy tail, ~1 like row, 0.3 scored
comments and 0.3 hashtags per post, 2% of posts held for review (high harm) and 3% published with some
harm. Stored ranks are computed with the real ranker (kindling.feeds.ranker) and COPYed in as well.
The schema must already be migrated (`kindling migrate`); every table the world touches is truncated.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kindling.feeds import ranker
from kindling.feeds.weights import weights_load

TABLES = [
    "accounts_user", "accounts_follow", "posts_post", "posts_like", "posts_comment", "posts_hashtag",
    "posts_posthashtag", "feeds_postrank",
]
WORDS = ["morning", "garden", "coffee", "friends", "walk", "river", "book", "music", "kindness", "thanks", "neighbour", "project", "city", "rain", "sun", "bread", "team", "school", "bike", "cat", "dog", "recipe", "painting", "code", "trail", "beach", "market", "family", "festival", "study", "story", "ocean", "mountain", "library", "volunteer", "choir", "photo", "sunset", "quiet", "hope", "cheer", "help", "learn", "build", "share"]
KIND = ["thank you", "so proud of", "sending love to", "grateful for", "you made my day with"]
HARSH = ["can't stand", "what a joke", "nobody asked for", "pathetic", "get lost with"]
CHUNK = 50_000


def _defaults_for(cur: psycopg.Cursor, table: str, known: list[str]) -> tuple[list[str], list[str]]:
    """Columns the seeder doesn't know (added by other apps later) get a type default so COPY still works."""
    cur.execute(
        "select column_name, data_type, is_nullable, column_default from information_schema.columns "
        "where table_name = %s order by ordinal_position",
        (table,),
    )
    extra_cols, extra_vals = [], []
    for name, dtype, nullable, default in cur.fetchall():
        if name in known or nullable == "YES" or default is not None:
            continue
        value = {"boolean": "f", "jsonb": "{}", "integer": "0", "bigint": "0", "smallint": "0",
                 "double precision": "0"}.get(dtype, "")
        extra_cols.append(name)
        extra_vals.append(value)
    return extra_cols, extra_vals


def _copy(cur: psycopg.Cursor, table: str, cols: list[str], rows, total: int, label: str) -> None:
    extra_cols, extra_vals = _defaults_for(cur, table, cols)
    tail = ("\t" + "\t".join(extra_vals)) if extra_cols else ""
    sql = f"COPY {table} ({', '.join(cols + extra_cols)}) FROM STDIN"
    with cur.copy(sql) as copy, tqdm(total=total, desc=label, unit="row", mininterval=2, file=sys.stderr) as bar:
        buf = io.StringIO()
        n = 0
        for row in rows:
            buf.write("\t".join("\\N" if v is None else str(v) for v in row))
            buf.write(tail + "\n")
            n += 1
            if n % CHUNK == 0:
                copy.write(buf.getvalue())
                buf = io.StringIO()
                bar.update(CHUNK)
        copy.write(buf.getvalue())
        bar.update(n % CHUNK)


def _drop_secondary_indexes(cur: psycopg.Cursor) -> list[str]:
    """Drop indexes that don't back a constraint; return their definitions to rebuild after the load."""
    cur.execute(
        """
        select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        from pg_index i join pg_class t on t.oid = i.indrelid
        where t.relname = any(%s) and not i.indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        """,
        (TABLES,),
    )
    rows = cur.fetchall()
    for name, _ in rows:
        cur.execute(f"DROP INDEX {name}")
    return [d for _, d in rows]


def seed(url: str, posts: int, seed_value: int) -> dict[str, float]:
    rnd = random.Random(seed_value)
    w = weights_load().stored
    users = max(50, posts // 10)
    now = datetime.now(UTC).replace(microsecond=0)
    newest = now - timedelta(hours=1)  # leave the "just published, not yet ranked" window empty
    span = timedelta(days=30).total_seconds()
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    with psycopg.connect(url, autocommit=False) as conn, conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # skip FK triggers during the bulk load
        cur.execute("SET maintenance_work_mem = '256MB'")
        cur.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        index_defs = _drop_secondary_indexes(cur)

        joined = [now - timedelta(days=rnd.uniform(1, 400)) for _ in range(users)]
        _copy(
            cur, "accounts_user",
            ["id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
             "is_active", "date_joined", "display_name", "bio", "avatar", "is_private"],
            (
                (i, "!", "f", f"user{i}", "", "", f"user{i}@bench.invalid", "f", "t", joined[i - 1].isoformat(),
                 f"User {i}", "", "", "t" if i % 20 == 0 else "f")
                for i in range(1, users + 1)
            ),
            users, "users",
        )

        # Popularity ~ 1/rank^0.8: a few accounts are followed by many, most by a handful.
        cum_pop = list(itertools.accumulate(1 / (k**0.8) for k in range(1, users + 1)))
        popular = list(range(1, users + 1))
        rnd.shuffle(popular)
        followers: Counter[int] = Counter()

        def follows():
            fid = 0
            for follower in range(1, users + 1):
                chosen = set(rnd.choices(popular, cum_weights=cum_pop, k=rnd.randint(5, 25))) - {follower}
                for followee in chosen:
                    fid += 1
                    followers[followee] += 1
                    yield (fid, "accepted", now.isoformat(), followee, follower)

        _copy(cur, "accounts_follow", ["id", "status", "created_at", "followee_id", "follower_id"], follows(),
              users * 15, "follows")

        tags = [f"tag{i}" for i in range(300)]
        _copy(cur, "posts_hashtag", ["id", "name", "display", "created_at"],
              ((i + 1, t, t.capitalize(), now.isoformat()) for i, t in enumerate(tags)), len(tags), "hashtags")

        post_meta: list[tuple] = []  # (id, author, published, likes, comments, shares, views, harm, kind, text)

        def post_rows():
            for pid in range(1, posts + 1):
                author = rnd.randint(1, users)
                published = newest - timedelta(seconds=rnd.random() * span)
                roll = rnd.random()
                if roll < 0.02:
                    status, harm, kind = "in_review", rnd.uniform(0.7, 0.99), 0.05
                    text = f"{rnd.choice(HARSH)} {rnd.choice(WORDS)} {rnd.choice(WORDS)}"
                elif roll < 0.05:
                    status, harm, kind = "published", rnd.uniform(0.3, 0.69), 0.2
                    text = f"{rnd.choice(HARSH)} the {rnd.choice(WORDS)} {rnd.choice(WORDS)}"
                else:
                    status, harm, kind = "published", rnd.uniform(0.0, 0.1), rnd.uniform(0.3, 0.98)
                    text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 14)))
                    if kind > 0.7:
                        text = f"{rnd.choice(KIND)} {text}"
                tag = None
                if rnd.random() < 0.3:
                    tag = rnd.randrange(len(tags)) + 1
                    text += f" #{tags[tag - 1]}"
                likes = int(rnd.lognormvariate(1.0, 1.3))
                comments = int(likes * rnd.uniform(0, 0.4))
                shares = int(likes * rnd.uniform(0, 0.15))
                views = likes * rnd.randint(5, 40) + rnd.randint(0, 30)
                post_meta.append((pid, author, published, likes, comments, shares, views, harm, kind, tag, status))
                yield (
                    pid, text, "", status, published.isoformat(), published.isoformat() if status == "published" else None,
                    None, likes, comments, shares, views, author, None, "{}", f"{harm:.4f}", f"{kind:.4f}", "f",
                )

        _copy(
            cur, "posts_post",
            ["id", "text", "image", "status", "created_at", "published_at", "deleted_at", "like_count",
             "comment_count", "share_count", "view_count", "author_id", "shared_from_id", "category_scores",
             "harm_score", "kindness_score", "reach_limited"],
            post_rows(), posts, "posts",
        )
        _copy(cur, "posts_posthashtag", ["id", "hashtag_id", "post_id"],
              ((n + 1, m[9], m[0]) for n, m in enumerate(x for x in post_meta if x[9] is not None)),
              sum(1 for m in post_meta if m[9] is not None), "post hashtags")

        def like_rows():
            lid = 0
            for m in post_meta:
                for liker in {rnd.randint(1, users) for _ in range(min(m[3], 2))}:
                    lid += 1
                    yield (lid, m[2].isoformat(), liker, m[0])

        _copy(cur, "posts_like", ["id", "created_at", "user_id", "post_id"], like_rows(), posts, "likes")

        reply_stats: dict[int, tuple[float, int]] = {}

        def comment_rows():
            cid = 0
            for m in post_meta:
                if m[10] != "published" or rnd.random() > 0.3:
                    continue
                n = rnd.randint(1, 3)
                # Replies echo their post: kind posts draw kind replies, harsh ones draw heat.
                scores = [min(0.99, max(0.01, rnd.gauss(m[8], 0.15))) for _ in range(n)]
                reply_stats[m[0]] = (sum(scores) / n, n)
                for s in scores:
                    cid += 1
                    yield (cid, f"reply {rnd.choice(WORDS)}", "published", m[2].isoformat(), None,
                           rnd.randint(1, users), None, m[0], "{}", "0.0100", f"{s:.4f}")

        _copy(cur, "posts_comment",
              ["id", "text", "status", "created_at", "deleted_at", "author_id", "parent_id", "post_id",
               "category_scores", "harm_score", "kindness_score"],
              comment_rows(), int(posts * 0.3 * 2), "comments")

        def rank_rows():
            for m in post_meta:
                if m[10] != "published" or not ranker.is_candidate(harm=m[7], w=w):
                    continue
                rk, rn = reply_stats.get(m[0], (None, 0))
                t = ranker.stored_terms(
                    ranker.RankInputs(
                        likes=m[3], comments=m[4], shares=m[5], views=m[6], followers=followers[m[1]],
                        kindness=m[8], harm=m[7], reply_kindness=rk, reply_count=rn, published_at=m[2],
                        author_joined=joined[m[1] - 1],
                    ),
                    w=w,
                )
                yield (m[0], repr(t.rank), repr(t.engagement), repr(t.kindness), repr(t.replies), repr(t.harm),
                       m[2].isoformat(), t.creator, now.isoformat(), m[1])

        _copy(cur, "feeds_postrank",
              ["post_id", "rank", "engagement", "kindness", "replies", "harm", "published_at", "creator",
               "updated_at", "author_id"],
              rank_rows(), int(posts * 0.98), "ranks")
        timings["load_s"] = time.monotonic() - t0

        t1 = time.monotonic()
        for d in tqdm(index_defs, desc="indexes", file=sys.stderr):
            cur.execute(d)
        for table in ("accounts_user", "accounts_follow", "posts_post", "posts_like", "posts_comment",
                      "posts_hashtag", "posts_posthashtag"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cur.execute("SET session_replication_role = DEFAULT")
        conn.commit()
        timings["index_s"] = time.monotonic() - t1
    t2 = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        # VACUUM as well as ANALYZE: sets the visibility map a long-running database would have, so the
        # benchmark doesn't measure the freshly loaded tables' first autovacuum instead of the feed.
        for table in TABLES:
            conn.execute(f"VACUUM (ANALYZE) {table}")
    timings["analyze_s"] = time.monotonic() - t2
    timings["total_s"] = time.monotonic() - t0
    timings["users"] = users
    timings["posts"] = posts
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--posts", type=int, required=True)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    result = seed(args.url, args.posts, args.seed)
    print(json.dumps({k: (round(v, 1) if isinstance(v, float) else v) for k, v in result.items()}))


if __name__ == "__main__":
    main()
