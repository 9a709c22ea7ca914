"""Persistent shocks (``persistence.ar1``) and the variance of their sums
(``persistence.sum_variance``), worked by hand on small arrays: w_0 = ε_0,
w_t = φ·w_{t−1} + √(1 − φ²)·ε_t, row by row (years), column by column (draws)."""

import math

import numpy as np
import pytest

from simulator.model.persistence import ar1, sum_variance


def test_three_years_of_two_draws_by_hand():
    """φ = 0.6, √(1 − φ²) = 0.8: w_1 = 0.8·(3, 4) + 0.6·(1, 2) = (3.0, 4.4),
    w_2 = 0.8·(5, −1) + 0.6·(3.0, 4.4) = (5.8, 1.84); φ = −0.6: (1.8, 2.0), (2.92, −2.0)."""
    eps = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, -1.0]])
    z = eps.copy()
    out = ar1(z, 0.6)
    assert out is z  # in place
    assert z == pytest.approx(np.array([[1.0, 2.0], [3.0, 4.4], [5.8, 1.84]]), abs=1e-12)
    negative = ar1(eps.copy(), -0.6)
    assert negative == pytest.approx(np.array([[1.0, 2.0], [1.8, 2.0], [2.92, -2.0]]), abs=1e-12)


def test_two_years_are_already_persistent_and_one_draw_is_enough():
    """Two rows (the fewest that can be correlated) of one draw: w_1 = 0.8·(−1) + 0.6·1."""
    z = ar1(np.array([[1.0], [-1.0]]), 0.6)
    assert z[:, 0] == pytest.approx([1.0, -0.2], abs=1e-12)
    # four years of one draw: 1, 0.6, 0.36, 0.216 from a single first shock
    z = ar1(np.array([[1.0], [0.0], [0.0], [0.0]]), 0.6)
    assert z[:, 0] == pytest.approx([1.0, 0.6, 0.36, 0.216], abs=1e-12)


def test_no_persistence_or_a_single_year_leaves_the_shocks_as_they_are():
    eps = np.array([[1.0, -2.0, 0.5], [3.0, 4.0, -1.5]])
    assert np.array_equal(ar1(eps.copy(), 0.0), eps)
    one = np.array([[0.3, -0.7, 2.0]])
    assert np.array_equal(ar1(one.copy(), 0.9), one)


def test_each_year_stays_unit_variance_and_years_correlate_by_powers_of_phi():
    """400,000 draws, φ = 0.7: Var w_t = 1 and corr(w_0, w_k) = 0.7^k (standard errors
    about 0.002; tolerance 0.01)."""
    w = ar1(np.random.default_rng(5).standard_normal((4, 400_000)), 0.7)
    for t in range(4):
        assert np.var(w[t]) == pytest.approx(1.0, abs=0.01)
        assert np.corrcoef(w[0], w[t])[0, 1] == pytest.approx(0.7**t, abs=0.01)


def sum_variance_brute(n, phi, sigma):
    """Σ_s Σ_t σ² φ^|s−t|, written out."""
    return sum(sigma * sigma * phi ** abs(s - t) for s in range(n) for t in range(n))


def test_variance_of_a_sum_by_hand_and_by_the_double_sum():
    assert sum_variance(1, 0.5, 3.0) == pytest.approx(9.0)
    assert sum_variance(2, 0.5, 2.0) == pytest.approx(4.0 * (2 + 2 * 0.5))  # 12
    assert sum_variance(3, 0.5) == pytest.approx(3 + 2 * (2 * 0.5 + 0.25))  # 5.5
    assert sum_variance(3, 0.0, 0.5) == pytest.approx(0.75)
    for n in (1, 2, 4, 9):
        for phi in (-0.4, 0.3, 0.9):
            expected = sum_variance_brute(n, phi, 0.7)
            assert sum_variance(n, phi, 0.7) == pytest.approx(expected, rel=1e-12)
    assert math.isclose(sum_variance(5, 0.6), sum_variance(5, 0.6, 1.0))
