"""The fast percentiles equal numpy's, bit for bit, on any data."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from simulator.model.stats import QUANTILES, percentiles, summarise

FLOATS = st.floats(
    allow_nan=False, allow_infinity=False, width=64, min_value=-1e300, max_value=1e300
)


@settings(max_examples=300, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 60)), elements=FLOATS))
def test_percentiles_equal_numpy(rows):
    np.testing.assert_array_equal(percentiles(rows), np.percentile(rows, QUANTILES, axis=1).T)


@settings(max_examples=100, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 3), st.integers(1, 400)),
        elements=st.sampled_from([0.0, 0.0, 0.0, 1.5, 2.0, 1e-300, -7.25]),
    )
)
def test_percentiles_with_many_ties(rows):
    np.testing.assert_array_equal(percentiles(rows), np.percentile(rows, QUANTILES, axis=1).T)


def test_large_rows_and_summary():
    rng = np.random.default_rng(0)
    rows = np.vstack(
        [
            rng.gamma(2.0, size=300_000),
            np.zeros(300_000),
            np.where(rng.random(300_000) < 0.6, 0.0, rng.lognormal(size=300_000)),
        ]
    )
    np.testing.assert_array_equal(percentiles(rows), np.percentile(rows, QUANTILES, axis=1).T)
    summary = summarise(rows)
    np.testing.assert_allclose(summary["mean"], rows.mean(axis=1))
    assert list(summary) == ["mean", "p05", "p25", "p50", "p75", "p95"]
