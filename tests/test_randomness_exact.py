"""Where random numbers come from: every sampler follows its seed, its stream and its block;
blocks are balanced as their method promises (one point per stratum for Latin hypercube and
scrambled Sobol' points); chunked calls equal their blocks side by side."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from scipy.special import ndtr

from simulator.model.randomness import BLOCK, SAMPLERS, RandomSource, stream_key

KEY = stream_key("line", "m01-demo")


def test_stream_keys_are_stable_crc32_and_keep_integers():
    assert stream_key("line", "m01-demo", 3) == (
        zlib.crc32(b"line"),
        zlib.crc32(b"m01-demo"),
        3,
    )
    assert stream_key("common") == (zlib.crc32(b"common"),)
    assert stream_key("指标") == (zlib.crc32("指标".encode()),)
    assert stream_key("a") != stream_key("b")


def test_an_unknown_sampler_is_refused():
    with pytest.raises(
        ValueError, match="unknown sampler 'halton'; choose one of pseudo, sobol, lhs"
    ):
        RandomSource(1, "halton")
    assert RandomSource(3.0).seed == 3 and RandomSource(3).sampler == "pseudo"


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_every_sampler_follows_its_seed_stream_and_block(sampler):
    one, same, other = (
        RandomSource(11, sampler),
        RandomSource(11, sampler),
        RandomSource(12, sampler),
    )
    u = one.uniforms(KEY, 1, 3)
    assert u.shape == (3, BLOCK)
    np.testing.assert_array_equal(u, same.uniforms(KEY, 1, 3))
    for different in (
        other.uniforms(KEY, 1, 3),  # another seed
        one.uniforms(stream_key("line", "m02-demo"), 1, 3),  # another stream
        one.uniforms(KEY, 2, 3),  # another block
    ):
        assert np.mean(u != different) > 0.99
        # other points, not the same points in another order (a scramble or jitter that
        # ignored the seed would give every seed the same set, so the same sample means)
        assert np.mean(np.sort(u, axis=1) != np.sort(different, axis=1)) > 0.99
    z = one.normals(KEY, 0, 2)
    np.testing.assert_array_equal(z, same.normals(KEY, 0, 2))
    assert np.mean(z != other.normals(KEY, 0, 2)) > 0.99
    z, u = one.normals_and_uniforms(KEY, 4, 2)
    z2, u2 = other.normals_and_uniforms(KEY, 4, 2)
    assert np.mean(z != z2) > 0.99 and np.mean(u != u2) > 0.99
    trials = np.full(BLOCK + 10, 1000, dtype=np.int64)
    b = one.binomial(KEY, range(5, 7), trials, 0.3)
    np.testing.assert_array_equal(b, same.binomial(KEY, range(5, 7), trials, 0.3))
    assert np.mean(b != other.binomial(KEY, range(5, 7), trials, 0.3)) > 0.9
    assert np.mean(b != one.binomial(KEY, range(6, 8), trials, 0.3)) > 0.9


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_uniforms_and_normals_have_their_distribution(sampler):
    source = RandomSource(5, sampler)
    u = source.uniforms(KEY, 0, 4)
    assert u.min() >= 0.0 and u.max() < 1.0
    # mean 1/2 and variance 1/12 (pseudo-random: within 6 standard errors)
    assert np.all(np.abs(u.mean(axis=1) - 0.5) < 6 * np.sqrt(1 / 12 / BLOCK))
    np.testing.assert_allclose(u.var(axis=1), 1 / 12, rtol=0.05)
    z, u = source.normals_and_uniforms(KEY, 3, 3)
    assert z.shape == u.shape == (3, BLOCK)
    assert np.all(np.abs(z.mean(axis=1)) < 6 / np.sqrt(BLOCK))
    np.testing.assert_allclose(z.std(axis=1), 1.0, rtol=0.05)
    assert u.min() >= 0.0 and u.max() < 1.0
    # normals and uniforms of one call are independent of each other
    assert abs(np.corrcoef(z[0], u[0])[0, 1]) < 6 / np.sqrt(BLOCK)
    z = source.normals(KEY, 2, 2)
    assert z.shape == (2, BLOCK)
    np.testing.assert_allclose(z.std(axis=1), 1.0, rtol=0.05)
    assert abs(np.corrcoef(z[0], z[1])[0, 1]) < 6 / np.sqrt(BLOCK)


@pytest.mark.parametrize("sampler", ["sobol", "lhs"])
def test_quasi_random_blocks_have_one_point_in_each_stratum(sampler):
    """Each coordinate of a block puts exactly one of its BLOCK points in each interval
    [k/BLOCK, (k+1)/BLOCK) (Latin hypercube; and scrambled Sobol' points, a (0, m, 1)-net)."""
    source = RandomSource(9, sampler)
    for block in (0, 3):
        u = source.uniforms(KEY, block, 3)
        for row in u:
            strata = np.floor(row * BLOCK).astype(np.int64)
            np.testing.assert_array_equal(np.sort(strata), np.arange(BLOCK))
        z, u = source.normals_and_uniforms(KEY, block, 2)
        for row in u:
            np.testing.assert_array_equal(np.sort(np.floor(row * BLOCK)), np.arange(BLOCK))
        # the normals are the normal quantiles of stratified uniforms too
        for row in z:
            strata = np.floor(ndtr(row) * BLOCK).astype(np.int64)
            assert np.unique(strata).size > 0.999 * BLOCK


def test_sobol_blocks_are_successive_points_of_one_sequence():
    """Blocks 0 and 1 together are the first 2·BLOCK points of the sequence: each half of
    the 2·BLOCK strata of [0, 1) holds one point of the pair of blocks."""
    source = RandomSource(4, "sobol")
    both = np.concatenate([source.uniforms(KEY, 0, 1)[0], source.uniforms(KEY, 1, 1)[0]])
    strata = np.floor(both * 2 * BLOCK).astype(np.int64)
    np.testing.assert_array_equal(np.sort(strata), np.arange(2 * BLOCK))


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_chunks_are_their_blocks_side_by_side(sampler):
    source = RandomSource(2, sampler)
    z, u = source.chunk_normals_and_uniforms(KEY, range(3, 5), 2)
    z3, u3 = source.normals_and_uniforms(KEY, 3, 2)
    z4, u4 = source.normals_and_uniforms(KEY, 4, 2)
    np.testing.assert_array_equal(z, np.concatenate([z3, z4], axis=1))
    np.testing.assert_array_equal(u, np.concatenate([u3, u4], axis=1))
    single = source.chunk_normals_and_uniforms(KEY, range(7, 8), 2)
    np.testing.assert_array_equal(single[0], source.normals_and_uniforms(KEY, 7, 2)[0])
    draws = 2 * BLOCK + 17
    normals = source.normals_for(KEY, 3, draws, first_block=4)
    assert normals.shape == (3, draws)
    np.testing.assert_array_equal(normals[:, :BLOCK], source.normals(KEY, 4, 3))
    np.testing.assert_array_equal(normals[:, BLOCK : 2 * BLOCK], source.normals(KEY, 5, 3))
    np.testing.assert_array_equal(normals[:, 2 * BLOCK :], source.normals(KEY, 6, 3)[:, :17])
    np.testing.assert_array_equal(
        source.normals_for(KEY, 1, 5)[0], source.normals(KEY, 0, 1)[0, :5]
    )


def test_binomial_draws_per_block_and_their_mean():
    source = RandomSource(8, "sobol")  # discrete draws are pseudo-random whatever the sampler
    trials = np.arange(2 * BLOCK + 100, dtype=np.int64) % 50
    out = source.binomial(KEY, range(2, 5), trials, 0.25)
    assert out.shape == trials.shape and out.dtype == trials.dtype
    assert np.all((out >= 0) & (out <= trials))
    # block 3 is drawn by its own generator: the same as drawing it alone
    alone = source.binomial(KEY, range(3, 4), trials[BLOCK : 2 * BLOCK], 0.25)
    np.testing.assert_array_equal(out[BLOCK : 2 * BLOCK], alone)
    expected = trials.sum() * 0.25
    sd = np.sqrt(trials.sum() * 0.25 * 0.75)
    assert abs(out.sum() - expected) < 6 * sd
    assert not source.binomial(KEY, range(1), np.zeros(10, dtype=np.int64), 0.5).any()
    np.testing.assert_array_equal(
        source.binomial(KEY, range(1), np.full(10, 7, dtype=np.int64), 1.0), np.full(10, 7)
    )


def test_pseudo_random_blocks_are_sfc64_streams_of_seed_name_and_block():
    """As the module says: each block of each stream has its own SFC64 generator, seeded from
    the run's seed, the stream's key and the block number (normals first, then uniforms)."""
    from numpy.random import SFC64, Generator, SeedSequence

    def generator(block):
        return Generator(SFC64(SeedSequence(7, spawn_key=KEY + (block,))))

    source = RandomSource(7)
    np.testing.assert_array_equal(source.uniforms(KEY, 3, 2), generator(3).random((2, BLOCK)))
    np.testing.assert_array_equal(
        source.normals(KEY, 4, 2), generator(4).standard_normal((2, BLOCK))
    )
    z, u = source.normals_and_uniforms(KEY, 5, 2)
    reference = generator(5)
    np.testing.assert_array_equal(z, reference.standard_normal((2, BLOCK)))
    np.testing.assert_array_equal(u, reference.random((2, BLOCK)))


def test_sobol_points_are_a_net_in_two_dimensions_and_latin_hypercubes_are_not():
    """Scrambled Sobol' points of a block put exactly one point in each of the 128 × 128
    squares of [0, 1)² (a (0, 14, 2)-net); a Latin hypercube pairs its strata at random."""
    for sampler, one_each in (("sobol", True), ("lhs", False)):
        u = RandomSource(3, sampler).uniforms(KEY, 1, 2)
        cells = np.floor(u[0] * 128).astype(int) * 128 + np.floor(u[1] * 128).astype(int)
        counts = np.bincount(cells, minlength=128 * 128)
        assert bool(counts.max() == 1) == one_each, sampler


@pytest.mark.parametrize("draws", [1, BLOCK - 1, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK])
def test_normals_for_any_number_of_draws(draws):
    source = RandomSource(6)
    normals = source.normals_for(KEY, 2, draws, first_block=1)
    assert normals.shape == (2, draws)
    blocks = np.concatenate([source.normals(KEY, b, 2) for b in (1, 2, 3)], axis=1)
    np.testing.assert_array_equal(normals, blocks[:, :draws])
