"""Binomial draws by transformed rejection (simulator/model/btrs.py) against the binomial law
itself: scipy's probabilities (an independent reference) by a chi-square test on fixed seeds,
trial counts alike and different in one array, probabilities below and above ½, at the edge
of the algorithm's range; a candidate worked by hand; a uniform of exactly 0."""

import math
import warnings

import numpy as np
import pytest
from numpy.random import SFC64, Generator
from scipy import stats

from simulator.model import btrs

DRAWS = 300_000
#: A fixed seed makes each test deterministic; the level is the chance that a correct
#: sampler fails on a seed (1 in 10^6), so a failure means a wrong law.
LEVEL = 1e-6


def chi_square_p(drawn: np.ndarray, n: int, p: float) -> float:
    """The p-value of drawn values against Binomial(n, p), cells of expected count ≥ 5 (the
    tails pooled into one cell)."""
    expected = stats.binom.pmf(np.arange(n + 1), n, p) * drawn.size
    observed = np.bincount(drawn, minlength=n + 1).astype(float)
    keep = expected >= 5
    o = np.append(observed[keep], observed[~keep].sum())
    e = np.append(expected[keep], expected[~keep].sum())
    statistic = float(((o - e) ** 2 / e).sum())
    return float(stats.chi2.sf(statistic, o.size - 1))


@pytest.mark.parametrize(
    ("n", "p"),
    [
        (3_000, 0.7),  # a renewal cohort (flipped: 3,000 − Binomial(3,000, 0.3))
        (2_158, 0.05),
        (20, 0.5),  # n·p = 10 exactly: the edge of the range
        (200, 0.95),
        (65_536, 0.37),  # the most trials
    ],
)
def test_one_trial_count_follows_the_binomial_law(n, p):
    assert btrs.applies(np.array([n]), p).all()
    drawn = btrs.sample(Generator(SFC64(n)), np.full(DRAWS, n), p)
    assert drawn.dtype == np.int64
    assert drawn.min() >= 0 and drawn.max() <= n
    assert chi_square_p(drawn, n, p) > LEVEL
    sd = math.sqrt(n * p * (1 - p))
    assert abs(drawn.mean() - n * p) < 6 * sd / math.sqrt(DRAWS)


def test_different_trial_counts_in_one_array_each_follow_their_law():
    """Three counts interleaved (the per-draw renewals): each draw by its own count."""
    counts = np.array([2_400, 3_900, 150])
    trials = np.tile(counts, DRAWS // 3)
    drawn = btrs.sample(Generator(SFC64(7)), trials, 0.7)
    for i, n in enumerate(counts):
        assert chi_square_p(drawn[i::3], int(n), 0.7) > LEVEL


def test_the_test_tells_a_wrong_law():
    """The chi-square test above has power: draws of Binomial(3,000, 0.7) are refused as
    Binomial(3,000, 0.703) (a shift of a tenth of a standard deviation)."""
    drawn = btrs.sample(Generator(SFC64(3)), np.full(DRAWS, 3_000), 0.7)
    assert chi_square_p(drawn, 3_000, 0.703) < LEVEL


def test_where_it_applies():
    """n·min(p, 1 − p) ≥ 10 (Hörmann's range) and at most MOST_TRIALS trials; exact ties."""
    n = np.array([19, 20, 21, btrs.MOST_TRIALS, btrs.MOST_TRIALS + 1])
    np.testing.assert_array_equal(btrs.applies(n, 0.5), [False, True, True, True, False])
    np.testing.assert_array_equal(btrs.applies(np.array([199, 200]), 0.95), [False, True])
    np.testing.assert_array_equal(btrs.applies(np.array([199, 200]), 0.05), [False, True])
    assert not btrs.applies(np.array([10_000]), 0.0).any()
    assert not btrs.applies(np.array([10_000]), 1.0).any()


class Fixed:
    """A generator whose uniforms are given (then numpy's for its binomials)."""

    def __init__(self, *uniforms: list[float]):
        self.uniforms = list(uniforms)
        self.rest = Generator(SFC64(1))
        self.binomials = 0

    def random(self, size):
        values = np.array(self.uniforms.pop(0), dtype=float)
        assert values.size == size
        return values

    def binomial(self, n, p):
        self.binomials += n.size
        return self.rest.binomial(n, p)


def test_a_candidate_worked_by_hand():
    """Binomial(1,000, 0.3): σ = √210 = 14.4914, b = 1.15 + 2.53·σ = 37.8132,
    a = −0.0873 + 0.0248·b + 0.003 = 0.85347, c = 300.5. A uniform 0.7 gives u = 0.2,
    u_s = 0.3, k = ⌊(2a/u_s + b)·u + c⌋ = ⌊(5.6898 + 37.8132)·0.2 + 300.5⌋ = ⌊309.2006⌋
    = 309; v = 0.1 is below 0.92 − 4.2/b = 0.80893: inside the squeeze, accepted. Flipped
    (p = 0.7): 1,000 − 309 = 691. The same u with v = 0.95 (above the squeeze) is tested in
    full against the mode m = ⌊1,001·0.3⌋ = 300: α = (2.83 + 5.1/b)·σ = 42.965,
    a/u_s² + b = 47.296, log(0.95·42.965/47.296) = −0.1473 > log f(309)/f(300) =
    log 0.81867 = −0.2001 (scipy's probabilities): rejected, so drawn afresh by numpy's
    sampler; with v = 0.9 (just under 0.81867·47.296/42.965 = 0.90119) accepted."""
    n, p = np.array([1_000]), 0.3
    assert btrs.sample(Fixed([0.7], [0.1]), n, p)[0] == 309
    assert btrs.sample(Fixed([0.7], [0.1]), n, 0.7)[0] == 691
    ratio = stats.binom.pmf(309, 1_000, 0.3) / stats.binom.pmf(300, 1_000, 0.3)
    sd = math.sqrt(210)
    b = 1.15 + 2.53 * sd
    a = -0.0873 + 0.0248 * b + 0.01 * 0.3
    alpha = (2.83 + 5.1 / b) * sd
    assert math.log(0.95 * alpha / (a / 0.09 + b)) > math.log(ratio)  # as worked above
    fixed = Fixed([0.7], [0.95])
    btrs.sample(fixed, n, p)
    assert fixed.binomials == 1  # rejected: drawn afresh
    assert math.log(0.9 * alpha / (a / 0.09 + b)) < math.log(ratio)
    fixed = Fixed([0.7], [0.9])
    assert btrs.sample(fixed, n, p)[0] == 309 and fixed.binomials == 0


def test_a_uniform_of_zero_gives_no_candidate_and_no_warning():
    """u = −½ (a uniform of exactly 0): no candidate; drawn afresh, silently."""
    fixed = Fixed([0.0, 0.7], [0.5, 0.1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = btrs.sample(fixed, np.array([1_000, 1_000]), 0.3)
    assert fixed.binomials == 1
    assert drawn[1] == 309 and 0 <= drawn[0] <= 1_000
