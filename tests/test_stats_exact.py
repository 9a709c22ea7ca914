"""Percentiles worked out by hand (numpy's 'linear' rule: the order statistic at (n − 1) q/100,
moved by the fraction to the next one), and the fast path's edges: one-dimensional input,
percentiles other than the reported ones, rows too long to share the cache (worked on a few
rows at a time, the last group partly filled), rows of one repeated value, huge spans."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model.stats import interpolate, percentiles, rank_positions, summarise


def test_rank_positions_by_hand():
    below, above, frac = rank_positions(5)  # h = 4 q / 100 for q = 5, 25, 50, 75, 95
    np.testing.assert_array_equal(below, [0, 1, 2, 3, 3])
    np.testing.assert_array_equal(above, [1, 2, 3, 4, 4])
    np.testing.assert_allclose(frac, [0.2, 0.0, 0.0, 0.0, 0.8], atol=1e-12)
    below, above, frac = rank_positions(1, (0.0, 50.0, 100.0))
    np.testing.assert_array_equal(below, [0, 0, 0])
    np.testing.assert_array_equal(above, [0, 0, 0])
    np.testing.assert_array_equal(frac, [0.0, 0.0, 0.0])
    below, above, frac = rank_positions(4, (50.0, 100.0))  # h = 1.5 and 3
    np.testing.assert_array_equal(below, [1, 3])
    np.testing.assert_array_equal(above, [2, 3])
    np.testing.assert_allclose(frac, [0.5, 0.0])
    with pytest.raises(ValueError, match=r"^percentiles of an empty sample$"):
        rank_positions(0)


def test_interpolation_by_hand_on_both_sides_of_a_half():
    v_below = np.array([[1.0, 1.0, 1.0, 10.0]])
    v_above = np.array([[3.0, 3.0, 3.0, 10.0]])
    frac = np.array([0.25, 0.5, 0.75, 0.9])
    np.testing.assert_array_equal(interpolate(v_below, v_above, frac), [[1.5, 2.0, 2.5, 10.0]])


def test_summary_of_one_to_five():
    summary = summarise(np.array([[5.0, 1.0, 4.0, 2.0, 3.0], [10.0, 10.0, 10.0, 10.0, 10.0]]))
    assert list(summary) == ["mean", "p05", "p25", "p50", "p75", "p95"]
    np.testing.assert_allclose(summary["mean"], [3.0, 10.0])
    np.testing.assert_allclose(summary["p05"], [1.2, 10.0])
    np.testing.assert_allclose(summary["p25"], [2.0, 10.0])
    np.testing.assert_allclose(summary["p50"], [3.0, 10.0])
    np.testing.assert_allclose(summary["p75"], [4.0, 10.0])
    np.testing.assert_allclose(summary["p95"], [4.8, 10.0])


def test_one_dimensional_input_and_other_percentiles():
    values = np.array([7.0, -2.0, 3.5, 3.5, 100.0, 0.0, 12.0])
    got = percentiles(values, (0.0, 10.0, 50.0, 62.5, 100.0))
    assert got.shape == (5,)
    # sorted: −2, 0, 3.5, 3.5, 7, 12, 100; h = 6 q / 100
    np.testing.assert_allclose(got, [-2.0, -2.0 + 0.6 * 2.0, 3.5, 3.5 + 0.75 * 3.5, 100.0])
    np.testing.assert_array_equal(percentiles(values), np.percentile(values, [5, 25, 50, 75, 95]))
    rows = np.vstack([values, values[::-1] * 2])
    np.testing.assert_array_equal(
        percentiles(rows, (1.0, 99.0)), np.percentile(rows, [1.0, 99.0], axis=1).T
    )
    assert percentiles([1, 2, 3], (50.0,))[0] == 2.0  # a list of ints


@pytest.mark.parametrize("n_rows,n", [(3, 200_001), (5, 300_000), (2, 600_000)])
def test_long_rows_are_worked_on_a_few_at_a_time(n_rows, n):
    """Rows beyond the cache budget (2^19 values) go one or two at a time, the last group
    possibly partly filled; different data of the same shape one after the other, so that no
    result can come from memory left by the call before."""
    rng = np.random.default_rng(n)
    for scale in (1.0, 1000.0):
        rows = rng.gamma(2.0, scale, size=(n_rows, n))
        rows[-1, : n // 3] = 0.0  # many ties in the last row
        np.testing.assert_array_equal(
            percentiles(rows), np.percentile(rows, [5, 25, 50, 75, 95], axis=1).T
        )


def test_rows_of_one_value_and_rows_spanning_the_float_range():
    rows = np.array(
        [
            [4.25] * 9,
            [-1e308, 1e308, 0.0, 5.0, -5.0, 1e300, -1e300, 2.0, 3.0],
            [1e-310, 2e-310, 3e-310, 0.0, 5e-310, 4e-310, 0.0, 1e-310, 2e-310],
            [0.0, 1.0, 1.0 + 2**-52, 1.0, 1.0, 2.0, 1.0 + 2**-51, 0.5, 1.0],
        ]
    )
    np.testing.assert_array_equal(
        percentiles(rows), np.percentile(rows, [5, 25, 50, 75, 95], axis=1).T
    )
    np.testing.assert_array_equal(percentiles(rows[:1]), [[4.25] * 5])


def test_a_wanted_rank_in_the_second_bin():
    """Values 0, 1.5, 2.5, …, 4096 span 4,096 bins of width about 1: the 5th percentile of
    21 values is the value of rank 1 (h = 20 × 0.05), alone in bin 1 behind the one value
    of bin 0; the 95th is rank 19."""
    row = np.array([0.0, 1.5] + [2.5 + k for k in range(18)] + [4096.0])
    got = percentiles(row[::-1])  # in any order
    np.testing.assert_array_equal(got, [1.5, 5.5, 10.5, 15.5, 19.5])  # rank k ≥ 2 is k + 0.5
    np.testing.assert_array_equal(got, np.percentile(row, [5, 25, 50, 75, 95]))


def test_point_masses_at_both_ends_beside_values_of_their_bins():
    """Outlays at zero and at the appropriation when rationed: a mass at the least and at
    the greatest value, each sharing its bin with values next to it (1e-12 apart). Sorted,
    21 values: 0 ×8, 1e-12 ×2, 5, 6, 7, 9 − 1e-12 ×2, 9 ×6; ranks h = 20 q: 1 and 5 are 0,
    10 is 5, 15 and 19 are 9."""
    row = np.array([0.0] * 8 + [1e-12] * 2 + [5.0, 6.0, 7.0] + [9 - 1e-12] * 2 + [9.0] * 6)
    np.testing.assert_array_equal(percentiles(row[::-1]), [0.0, 0.0, 5.0, 9.0, 9.0])
    # ranks falling next to the masses: 10 values at 0, then 1e-12 …; and large rows
    rng = np.random.default_rng(4)
    capped = np.minimum(rng.lognormal(12, 0.3, (3, 100_000)), 160_000.0)
    capped[1, ::3] = 0.0  # both ends heavy
    capped[2, :5_000] = 160_000.0 - 1e-9 * rng.random(5_000)  # beside the mass, same bin
    for rows in (capped, np.vstack([row, row[::-1] * 2])):
        np.testing.assert_array_equal(
            percentiles(rows), np.percentile(rows, [5, 25, 50, 75, 95], axis=1).T
        )
