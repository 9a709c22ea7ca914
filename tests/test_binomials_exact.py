"""Binomial draws by inversion (simulator/model/binomials.py) against scipy's binomial
quantile, the independent reference: X = the least k with F(k) ≥ u, which is #{k : F(k) ≤ u}
except where u equals some F(k) exactly (probability 0 for continuous uniforms). Trial
counts and probabilities vary (small and large, near 0 and 1, the tails), and the
generator-level rule (``RandomSource.binomial``: which draws use which sampler) is checked
against a plain loop."""

import numpy as np
import pytest
from numpy.random import SFC64, Generator, SeedSequence
from scipy import stats

from simulator.model import btrs
from simulator.model.binomials import (
    SHARED_MAX,
    SMALL,
    binomial_cdf,
    shared_table,
    small_table,
)
from simulator.model.randomness import BLOCK, RandomSource

KEY = (11, 12)


@pytest.mark.parametrize("p", [0.013, 0.3, 0.5, 0.77, 0.999])
def test_small_table_is_scipys_quantile_for_every_trial_count(p):
    rng = np.random.default_rng(5)
    n = rng.integers(0, SMALL + 1, 60_000)
    u = rng.random(60_000)
    u[:50] = rng.random(50) * 1e-12  # far lower tail
    u[50:100] = 1 - rng.random(50) * 1e-12  # far upper tail
    drawn = small_table(p).sample(n, u)
    np.testing.assert_array_equal(drawn, stats.binom.ppf(u, n, p))
    assert drawn.dtype == np.int64 and np.all((drawn >= 0) & (drawn <= n))


@pytest.mark.parametrize(
    ("n", "p"), [(0, 0.4), (1, 0.4), (7, 0.5), (2300, 0.7), (2980, 0.05), (250_000, 0.61)]
)
def test_shared_table_is_scipys_quantile_tails_included(n, p):
    rng = np.random.default_rng(n)
    u = rng.random(50_000)
    u[:20] = rng.random(20) * 1e-9  # below the first guide cell: searched for
    u[20:40] = 1 - rng.random(20) * 1e-9
    np.testing.assert_array_equal(shared_table(n, p).sample(u), stats.binom.ppf(u, n, p))


def test_certain_and_impossible_events_and_a_hand_worked_cdf():
    u = np.array([0.0, 0.3, 0.999999])
    np.testing.assert_array_equal(shared_table(9, 1.0).sample(u), [9, 9, 9])
    np.testing.assert_array_equal(shared_table(9, 0.0).sample(u), [0, 0, 0])
    np.testing.assert_array_equal(small_table(1.0).sample(np.array([0, 3, 64]), u), [0, 3, 64])
    np.testing.assert_array_equal(small_table(0.0).sample(np.array([0, 3, 64]), u), [0, 0, 0])
    # Binomial(3, 0.5): F = 1/8, 4/8, 7/8, 1
    np.testing.assert_allclose(binomial_cdf(3, 0.5), [0.125, 0.5, 0.875, 1.0], rtol=1e-14)
    u = np.array([0.1, 0.2, 0.6, 0.9])
    np.testing.assert_array_equal(shared_table(3, 0.5).sample(u), [0, 1, 2, 3])
    np.testing.assert_array_equal(small_table(0.5).sample(np.full(4, 3), u), [0, 1, 2, 3])


def test_the_random_source_follows_its_rule_block_by_block():
    """Per block, from the block's own generator: one trial count for every draw → its
    uniforms inverted (up to SHARED_MAX trials; more → numpy's binomial); trials all ≤
    SMALL → the same; a mix → uniforms for every draw (the small ones inverted), then the
    larger by transformed rejection (``btrs``) where it applies and numpy's binomial for
    the others; all larger → the same without the uniforms."""
    mixed = np.arange(BLOCK + 300, dtype=np.int64) % 90  # some above SMALL in each block
    cases = {
        "one": (np.full(BLOCK + 300, 500, dtype=np.int64), 0.35),
        "small": (mixed % (SMALL + 1), 0.35),
        "mixed": (mixed, 0.35),
        "large": (mixed + SMALL + 1, 0.35),  # 65 … 154 trials: n·p ≥ 10, all by rejection
        "large-few": (mixed * 4 + SMALL + 1, 0.05),  # n·p ≥ 10 from 200 trials: a mix
        "one-large": (np.full(BLOCK + 300, SHARED_MAX + 1, dtype=np.int64), 0.35),
    }
    source = RandomSource(3)
    for name, (trials, p) in cases.items():
        out = source.binomial(KEY, range(4, 6), trials, p)
        for block in range(2):
            part = slice(block * BLOCK, min(trials.size, (block + 1) * BLOCK))
            n = trials[part]
            generator = Generator(SFC64(SeedSequence(3, spawn_key=KEY + (4 + block,))))
            if name == "one-large":
                expected = generator.binomial(n, p)
            elif name.startswith("large"):
                expected = larger(generator, n, p)
            else:
                u = generator.random(n.size)
                expected = stats.binom.ppf(u, n, p)
                if name == "mixed":
                    large = n > SMALL
                    expected[large] = larger(generator, n[large], p)
            np.testing.assert_array_equal(out[part], expected, err_msg=f"{name} {block}")


def larger(generator, n, p):
    """Trials above SMALL: by rejection where it applies (its numbers first), then numpy's."""
    served = btrs.applies(n, p)
    expected = np.empty(n.size, np.int64)
    expected[served] = btrs.sample(generator, n[served], p)
    expected[~served] = generator.binomial(n[~served], p)
    return expected


def test_the_rule_mixes_rejection_and_numpys_sampler_where_the_trials_say():
    """The case "large-few" above holds both kinds in each block."""
    n = np.arange(BLOCK + 300, dtype=np.int64) % 90 * 4 + SMALL + 1
    served = btrs.applies(n[:BLOCK], 0.05)
    assert served.any() and not served.all()


@pytest.mark.parametrize(("n", "p"), [(3, 0.5), (17, 0.3), (64, 0.77), (2300, 0.7)])
def test_a_uniform_exactly_at_a_cdf_value_counts_that_value(n, p):
    """Exact ties at the thresholds: X = #{k : F(k) ≤ u}, so u = F(j) gives j + 1 (F from
    the table itself, so the tie is exact), and u just below F(j) gives j; in a 2-D shape."""
    cdf = binomial_cdf(n, p)
    j = np.unique(np.linspace(0, n - 1, 12).astype(int))
    # values whose probability is not 0 in floating point, nor the next one's (where F(j)
    # underflows to 0 or saturates at 1, several k share one F)
    step = np.diff(cdf, prepend=0.0)
    j = j[(step[j] > 0) & (step[j + 1] > 0)]
    at = cdf[j]
    below = np.nextafter(at, 0.0)
    u = np.stack([at, below])  # 2 × len(j)
    expected = np.stack([j + 1, j])
    shared = shared_table(n, p).sample(u)
    assert shared.shape == u.shape
    np.testing.assert_array_equal(shared, expected)
    if n <= SMALL:
        small = small_table(p).sample(np.full(u.shape, n), u)
        assert small.shape == u.shape
        np.testing.assert_array_equal(small, expected)
