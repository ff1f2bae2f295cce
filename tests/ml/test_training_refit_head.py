"""The at-risk side head's operating point and its union with an older head (training.refit_head)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from training.refit_head import Split


def _dev(n_goemotions: int, n_hard: int) -> Split:
    from training.refit_head import Split

    kinds = ["goemotions_dev"] * n_goemotions + ["writers_hard_negative"] * n_hard
    return Split([""] * len(kinds), np.zeros(len(kinds)), np.ones(len(kinds)), kinds)


def _passed(z: np.ndarray, shift: float, floor: np.ndarray | None = None) -> np.ndarray:
    out = z - shift
    return (out if floor is None else np.maximum(out, floor)) >= 0


def test_operating_point_lets_through_the_allowed_share_of_each_kind_of_negative() -> None:
    """Without an older head, the shift passes int(share x n) + 1 of the GoEmotions comments and no more than that
    many near misses, whichever limit is stricter deciding."""
    from training.refit_head import operating_point

    rng = np.random.default_rng(0)
    z = rng.normal(size=300)
    dev = _dev(200, 100)
    shift = operating_point(z, dev, 0.01, 0.5)
    passed = _passed(z, shift)
    assert passed[:200].sum() == 3
    assert passed[200:].sum() <= 51


def test_union_operating_point_counts_what_the_older_head_already_passes() -> None:
    """With an older head beside it, the negatives that head passes use up the allowance first: together the two
    heads pass no more GoEmotions comments than the new head alone would be allowed, and the new head still
    passes some when allowance is left."""
    from training.refit_head import operating_point

    rng = np.random.default_rng(1)
    z = rng.normal(size=300)
    floor = np.full(300, -5.0)
    floor[[0, 1]] = 2.0  # the older head passes two GoEmotions comments
    dev = _dev(200, 100)
    shift = operating_point(z, dev, 0.02, 0.5, floor)
    together = _passed(z, shift, floor)
    assert together[:200].sum() == 5
    assert _passed(z, shift)[2:200].sum() == 3
    assert together[[0, 1]].all()


def test_union_with_no_allowance_left_adds_no_negative() -> None:
    """When the older head alone uses up the allowance, the new head passes none of the negatives it leaves."""
    from training.refit_head import operating_point

    z = np.linspace(-1, 1, 100)
    floor = np.full(100, -5.0)
    floor[:10] = 1.0
    dev = _dev(100, 0)
    shift = operating_point(z, dev, 0.02, 0.1, floor)
    assert not _passed(z, shift)[10:].any()


def test_union_head_logit_is_the_higher_of_the_two_and_scaling_leaves_the_older_head_alone() -> None:
    """A head with a union head outputs the larger logit per text; scaling it (slope, operating point) changes only
    its own logit."""
    from training.refit_head import HeadWeights

    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    old = HeadWeights(np.array([0.0, 2.0]), -1.0)
    new = HeadWeights(np.array([3.0, 0.0]), -1.0, union=old)
    assert np.allclose(new.own_logit(x), [2.0, -1.0, 2.0])
    assert np.allclose(new.logit(x), [2.0, 1.0, 2.0])
    scaled = new.scaled(2.0, 1.0)
    assert scaled.union is old
    assert np.allclose(scaled.own_logit(x), [3.0, -3.0, 3.0])
    assert np.allclose(scaled.logit(x), [3.0, 1.0, 3.0])


def test_added_allowance_is_counted_beyond_what_the_older_head_passes() -> None:
    """With an added allowance, the new head passes int(share x n) + 1 GoEmotions comments that the older head does
    not, however many that head passes itself."""
    from training.refit_head import operating_point

    rng = np.random.default_rng(3)
    z = rng.normal(size=300)
    dev = _dev(200, 100)
    for old_passes in (2, 10):
        floor = np.full(300, -5.0)
        floor[:old_passes] = 2.0
        shift = operating_point(z, dev, 0.01, 0.5, floor, added=True)
        assert _passed(z, shift)[old_passes:200].sum() == 3
        assert _passed(z, shift, floor)[:200].sum() == old_passes + 3
