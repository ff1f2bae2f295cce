"""Ranker rules without the database: stored terms, viewer terms, exclusions and page layout."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kindling.feeds import ranker
from kindling.feeds.weights import Weights, WeightsError, weights_load, weights_parse

W = Weights()
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _inputs(**kw) -> ranker.RankInputs:
    base: dict[str, Any] = dict(
        likes=0, comments=0, shares=0, views=0, followers=500, kindness=0.5, harm=0.0, reply_kindness=None,
        reply_count=0, published_at=NOW, author_joined=NOW - timedelta(days=400),
    )
    base.update(kw)
    return ranker.RankInputs(**base)


def _cand(post_id: int, author_id: int, rank: float, **kw) -> ranker.Candidate:
    base: dict[str, Any] = dict(
        post_id=post_id, author_id=author_id, author_name=f"u{author_id}", rank=rank, engagement=0.0, kindness=0.0,
        replies=0.0, harm=0.0, published_at=NOW, creator=ranker.CREATOR_NONE, text=f"post number {post_id}",
    )
    base.update(kw)
    return ranker.Candidate(**base)


def _page(cands, ctx=None, limit=20):
    return ranker.rank_viewer_page(
        cands, ctx or ranker.ViewerContext(), limit=limit, viewer_w=W.viewer, stored_w=W.stored, page_w=W.page, now=NOW
    )


def test_shipped_weights_file_parses_and_matches_defaults():
    """weights.toml is the documented tuning file: it loads, and typos in it are refused, not ignored."""
    assert weights_load() == Weights()
    with pytest.raises(WeightsError):
        weights_parse({"stored": {"lieks": 2}})
    with pytest.raises(WeightsError):
        weights_parse({"stored": {"harm_ceiling": 1.5}})
    with pytest.raises(WeightsError):  # pages must expire long before the stamps guarding them
        weights_parse({"candidates": {"cache_seconds": 86400}})


def test_harm_at_or_above_ceiling_is_never_a_candidate_and_harm_is_penalised():
    """Harm >= the review threshold can't be a candidate; below it, more harm means a lower stored rank."""
    assert not ranker.is_candidate(harm=0.70, w=W.stored)
    assert not ranker.is_candidate(harm=0.95, w=W.stored)
    assert ranker.is_candidate(harm=None, w=W.stored) and ranker.is_candidate(harm=0.69, w=W.stored)
    clean = ranker.stored_terms(_inputs(likes=50, harm=0.01), w=W.stored)
    edgy = ranker.stored_terms(_inputs(likes=50, harm=0.6), w=W.stored)
    assert edgy.rank < clean.rank - 4


def test_engagement_is_normalised_for_audience_and_kind_replies_lift():
    """The same likes count for more from a small audience; kind replies lift a post, hostile ones sink it."""
    small = ranker.stored_terms(_inputs(likes=20, followers=10), w=W.stored)
    big = ranker.stored_terms(_inputs(likes=20, followers=10_000), w=W.stored)
    assert small.engagement > big.engagement > 0
    kind = ranker.stored_terms(_inputs(reply_kindness=0.9, reply_count=5), w=W.stored)
    hostile = ranker.stored_terms(_inputs(reply_kindness=0.1, reply_count=5), w=W.stored)
    none = ranker.stored_terms(_inputs(), w=W.stored)
    assert kind.rank > none.rank > hostile.rank


def test_freshness_halves_standing_per_half_life():
    """A post one half-life older needs twice the standing (ln 2 more rank) to tie with a newer one."""
    new = ranker.stored_terms(_inputs(), w=W.stored)
    old = ranker.stored_terms(_inputs(published_at=NOW - timedelta(hours=W.stored.half_life_hours)), w=W.stored)
    assert new.rank - old.rank == pytest.approx(0.6931, abs=1e-3)


def test_hidden_words_mutes_and_blocks_exclude_posts():
    """Hidden words (whole words, any case), muted and blocked authors never reach the page."""
    cands = [
        _cand(1, 1, 5.0, text="I love SPOILERS for the finale"),
        _cand(2, 2, 4.0, text="spoilersport is one word"),
        _cand(3, 3, 3.0),
        _cand(4, 4, 2.0),
        _cand(5, 5, 1.0),
    ]
    ctx = ranker.ViewerContext(
        viewer_id=99, hidden_words=("spoilers",), muted_author_ids=frozenset({3}), blocked_ids=frozenset({4})
    )
    page, _ = _page(cands, ctx)
    assert [s.post_id for s in page] == [2, 5]
    page, _ = _page(cands)
    assert len(page) == 5


def test_at_most_two_posts_per_author_and_rest_is_carried():
    """A prolific author fills at most two slots; their other posts wait, unplaced, for a later page."""
    cands = [_cand(i, 1, 100 - i) for i in range(1, 9)] + [_cand(50 + i, 10 + i, 50 - i) for i in range(10)]
    page, rest = _page(cands)
    by_author = [s.candidate.author_id for s in page]
    assert by_author.count(1) == 2 and len(page) == 12
    assert {s.post_id for s in rest} == {3, 4, 5, 6, 7, 8}


def test_backfill_lifts_the_author_cap_only_when_nothing_else_is_left():
    """On a tiny instance with one author, the page fills anyway once every source is exhausted."""
    cands = [_cand(i, 1, 100 - i) for i in range(1, 9)]
    assert len(_page(cands)[0]) == 2
    page, _ = ranker.rank_viewer_page(
        cands, ranker.ViewerContext(), limit=20, viewer_w=W.viewer, stored_w=W.stored, page_w=W.page, now=NOW,
        backfill=True,
    )
    assert len(page) == 8


def test_every_fourth_slot_goes_to_a_new_or_small_creator_and_says_so():
    """New and small creators get reserved slots even when established accounts outrank them."""
    established = [_cand(i, i, 100 - i) for i in range(1, 20)]
    newcomers = [_cand(100 + i, 100 + i, 1 - i, creator=ranker.CREATOR_NEW) for i in range(3)]
    page, _ = _page(established + newcomers, limit=12)
    slots = [i for i, s in enumerate(page) if s.candidate.creator != ranker.CREATOR_NONE]
    assert slots == [3, 7, 11]
    assert all(page[i].why[0] == "new creator" for i in slots)


def test_no_run_of_near_duplicates():
    """Copies of one text, or shares of one original, are spaced out instead of stacked together."""
    dupes = [_cand(i, i, 100 - i, text="Sunrise over the bay, so grateful today #Morning") for i in range(1, 4)]
    shares = [_cand(10 + i, 10 + i, 90 - i, text="", shared_from_id=777) for i in range(2)]
    others = [_cand(20 + i, 20 + i, 80 - i) for i in range(8)]
    page, _ = _page(dupes + shares + others)
    for i, s in enumerate(page):
        for prev in page[max(0, i - W.page.near_duplicate_window) : i]:
            assert not ranker.near_duplicate(s.candidate, prev.candidate, threshold=W.page.near_duplicate_jaccard)
    assert {1, 2, 3, 10, 11} <= {s.post_id for s in page}


def test_why_names_the_strongest_factors_and_follows_boost():
    """`why` lists two or three reasons, strongest first; following the author lifts the post and says so."""
    c = _cand(1, 7, 10.0, replies=1.2, kindness=1.4, engagement=0.2, published_at=NOW - timedelta(hours=30))
    alone = ranker.score(c, ranker.ViewerContext(), w=W.viewer, sw=W.stored, now=NOW)
    followed = ranker.score(c, ranker.ViewerContext(viewer_id=1, follows=frozenset({7})), w=W.viewer, sw=W.stored, now=NOW)
    assert alone.why[0] == "kind replies" and 1 <= len(alone.why) <= 3
    assert followed.score > alone.score and "from @u7 you follow" in followed.why
    assert 2 <= len(followed.why) <= 3


def test_show_less_lowers_author_and_hashtag():
    """"Show less" on an author or a hashtag pulls matching posts below otherwise equal ones."""
    a = _cand(1, 1, 5.0, hashtags=("cats",))
    b = _cand(2, 2, 5.0, hashtags=("dogs",))
    ctx_author = ranker.ViewerContext(viewer_id=9, show_less_authors={1: 1})
    ctx_tag = ranker.ViewerContext(viewer_id=9, show_less_hashtags={"dogs": 2})
    assert [s.post_id for s in _page([a, b], ctx_author)[0]] == [2, 1]
    assert [s.post_id for s in _page([a, b], ctx_tag)[0]] == [1, 2]


def test_views_rewrite_the_rank_early_then_at_growth_checkpoints():
    """Each of the first 16 views rewrites the rank; after that only about one view in 16 of the count does."""
    assert all(ranker.is_view_checkpoint(n) for n in range(1, 17))
    rewrites = [n for n in range(17, 1001) if ranker.is_view_checkpoint(n)]
    assert 40 < len(rewrites) < 120
    gaps = [b / a for a, b in itertools.pairwise(rewrites)]
    assert max(gaps) < 1.13  # never more than ~13% growth between rewrites
