"""The plan's rules as it writes them (issue 10 §2): renewals of every certificate, per-award
rules paid from an indicator (service points, R&D rewards), ceilings, the plan's wording.

Expectations are worked by hand or by a brute-force loop; z-tests use |z| < 4.5 (about 7e-6
each), so the false-failure rate of this file is far below 1e-4.
"""

import math
from pathlib import Path

import numpy as np
import pytest
from numpy.random import SFC64, Generator, SeedSequence
from scipy import stats

from simulator import Engine, ScenarioError
from simulator.model.catalogue import load_catalogue
from simulator.model.randomness import BLOCK
from simulator.model.years import YEARS
from tests.scenario_helpers import scenario_with

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = load_catalogue()
Z_LIMIT = 4.5


def z_score(draws, expected):
    se = draws.std(ddof=1) / math.sqrt(draws.size)
    return (draws.mean() - expected) / se


# --------------------------------------------------------------------------- renewals
FIRST = {"2024": 1000.0, "2025": 1300.0, "2026": 800.0, "2027": 1500.0, "2028": 600.0}
COHORTS = {"2021": 500, "2022": 900, "2023": 1400, "basis": "assumption: test"}
RATE = 0.6


def renewal_scenario(**more):
    return scenario_with(
        **{
            "lines/m14-first-recognition/uptake": FIRST,
            "lines/m14-re-recognition/cohorts_before_plan": COHORTS,
            "lines/m14-re-recognition/renewal_rate": RATE,
            "uptake_multiplier": 1.0,
            **more,
        }
    )


def test_every_certificate_renews_three_years_on_hand_worked():
    # 2024–2026 renew the certificates of 2021–2023; 2027 renews 2024's first recognitions
    # AND 2024's renewals; 2028 those of 2025:
    #   2024: 0.6 × 500 = 300        2025: 0.6 × 900 = 540      2026: 0.6 × 1400 = 840
    #   2027: 0.6 × (1000 + 300) = 780      2028: 0.6 × (1300 + 540) = 1104
    # (a lag of 2 or leaving out the renewals of renewals gives other figures in every year
    # from 2026 on: e.g. 2027 would be 600 without them)
    expected = [300.0, 540.0, 840.0, 780.0, 1104.0]
    engine = Engine(renewal_scenario(), draws=20_000, seed=21)
    engine.run()
    awards = engine.lines["m14-re-recognition"].awards
    for i, value in enumerate(expected):
        assert abs(z_score(awards[i].astype(float), value)) < Z_LIMIT, YEARS[i]


def btrs_candidate(n: int, p: float, u: float, v: float) -> int | None:
    """Hörmann's BTRS (1993) for one draw of Binomial(n, p), p ≤ ½: the candidate of the
    uniforms u, v if accepted, else None (written from the paper, scalar, with math.lgamma
    for the log-factorials)."""
    q = 1.0 - p
    sd = math.sqrt(n * p * q)
    b = 1.15 + 2.53 * sd
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    u -= 0.5
    us = 0.5 - abs(u)
    if us == 0.0:
        return None
    k = math.floor((2 * a / us + b) * u + c)
    if us >= 0.07 and v <= 0.92 - 4.2 / b:
        return k
    if k < 0 or k > n:
        return None
    alpha = (2.83 + 5.1 / b) * sd
    m = math.floor((n + 1) * p)

    def log_f(j: int) -> float:  # log of the probability of j, up to a constant
        return -math.lgamma(j + 1) - math.lgamma(n - j + 1) + j * math.log(p / q)

    return k if math.log(v * alpha / (a / (us * us) + b)) <= log_f(k) - log_f(m) else None


def test_renewals_equal_a_brute_force_loop_over_draws():
    """The same numbers, draw by draw, from a plain loop: each year's trials are the
    certificates issued three years before (first recognitions + renewals), renewed from
    the year's own generator of each block: the certificates of a year before the plan (one
    number for every draw) by inverting the generator's uniforms with scipy's binomial
    quantile; the others (thousands, different in each draw) by transformed rejection
    (BTRS, here a scalar version; the renewal rate 0.6 is above ½, so the trials less
    Binomial(trials, 0.4)): two uniforms per draw of the block, then numpy's scalar
    binomial for each draw whose candidate was rejected, in order."""
    draws = BLOCK + 1000  # two blocks, the second partial
    engine = Engine(renewal_scenario(), draws=draws, seed=8)
    engine.run()
    first = engine.lines["m14-first-recognition"].awards
    renewed = engine.lines["m14-re-recognition"].awards
    key = engine.plans["m14-re-recognition"].key
    loop = np.zeros((len(YEARS), draws), dtype=np.int64)
    rejected = 0
    for i, year in enumerate(YEARS):
        for block in range(2):
            generator = Generator(SFC64(SeedSequence(8, spawn_key=key + (i, block))))
            start, stop = block * BLOCK, min(draws, (block + 1) * BLOCK)
            issued = year - 3
            if issued < YEARS[0]:
                u = generator.random(stop - start)
                loop[i, start:stop] = stats.binom.ppf(u, COHORTS[str(issued)], RATE)
                continue
            u, v = generator.random(stop - start), generator.random(stop - start)
            again = []
            for d in range(start, stop):
                trials = int(first[i - 3, d]) + int(loop[i - 3, d])
                assert trials * (1 - RATE) >= 10  # in the algorithm's range
                k = btrs_candidate(trials, 1 - RATE, u[d - start], v[d - start])
                if k is None:
                    again.append((d, trials))
                else:
                    loop[i, d] = trials - k
            for d, trials in again:
                loop[i, d] = trials - generator.binomial(trials, 1 - RATE)
            rejected += len(again)
    assert rejected > 0  # both ways taken
    np.testing.assert_array_equal(renewed, loop)


@pytest.mark.parametrize("year", ["2024", "2025"])
def test_updating_first_recognitions_redraws_only_the_renewals_that_follow(year):
    scenario = renewal_scenario()
    engine = Engine(scenario, draws=20_000, seed=4)
    engine.run()
    before = engine.lines["m14-re-recognition"].awards.copy()
    changed = scenario.replace(("lines", "m14-first-recognition", "uptake", year), 2000.0)
    after = engine.update(changed, "m14-first-recognition")
    fresh = Engine(changed, draws=20_000, seed=4)
    fresh.run()
    renewed = engine.lines["m14-re-recognition"].awards
    np.testing.assert_array_equal(renewed, fresh.lines["m14-re-recognition"].awards)
    np.testing.assert_allclose(after.outlay_draws("total"), fresh.results.outlay_draws("total"))
    moved = YEARS.index(int(year)) + 3
    for i in range(len(YEARS)):
        assert np.array_equal(renewed[i], before[i]) == (i != moved), YEARS[i]


def test_cohorts_are_whole_numbers_of_the_years_before_the_plan():
    with pytest.raises(ScenarioError) as info:
        renewal_scenario(**{"lines/m14-re-recognition/cohorts_before_plan/2022": 10.5})
    assert "lines.m14-re-recognition.cohorts_before_plan.2022: must be a whole number" in str(
        info.value
    )
    with pytest.raises(ScenarioError) as info:
        renewal_scenario(**{"lines/m14-re-recognition/cohorts_before_plan/2020": 10})
    assert "lines.m14-re-recognition.cohorts_before_plan.2020: unknown key" in str(info.value)


# --------------------------------------------------------------------------- service points
def quiet_turnover(**more):
    return {
        "indicators/contract_turnover/start/sd": 0.0,
        "indicators/contract_turnover/trend/mean": math.log1p(0.1),  # 10 % a year
        "indicators/contract_turnover/trend/sd": 0.0,
        "indicators/contract_turnover/noise/sd": 0.0,
        "indicators/contract_turnover/effects": [],
        **more,
    }


def test_no_service_point_award_exceeds_its_cap():
    """Even with points whose turnover would earn far more than 50 万元, the money of a
    year is at most points × 50 in every draw (the cap is per award, not on the total)."""
    scenario = scenario_with(
        **quiet_turnover(
            **{"lines/m10-contract-service-point/award_rule/base": {"mean_wan": 1e5, "cv": 2.0}}
        )
    )
    engine = Engine(scenario, draws=20_000, seed=2)
    engine.run()
    draws = engine.lines["m10-contract-service-point"]
    assert np.all(draws.committed <= draws.awards * 50.0 * (1 + 1e-12))
    assert np.all(draws.committed >= 0)
    # and most of it is paid at the cap: 0.002 × 1e5 × scale = 200+ 万元 per point on average
    assert draws.committed.sum() > 0.8 * 50.0 * draws.awards.sum()


def test_service_point_awards_match_a_per_point_simulation():
    """Each point's award min(50, rate × B × T(y−1)/T(2023)), B lognormal per point, drawn
    point by point for the engine's own numbers of points: the same mean and spread."""
    base = {"mean_wan": 10_000.0, "cv": 0.8}
    scenario = scenario_with(
        **quiet_turnover(**{"lines/m10-contract-service-point/award_rule/base": base})
    )
    engine = Engine(scenario, draws=20_000, seed=6)
    engine.run()
    draws = engine.lines["m10-contract-service-point"]
    rng = np.random.default_rng(17)
    sigma = math.sqrt(math.log(1 + base["cv"] ** 2))
    for i in (0, 4):
        scale = 1.1**i  # T(y−1)/T(2023) with 10 % growth and no noise
        points = draws.awards[i]
        turnover = rng.lognormal(
            math.log(base["mean_wan"]) - sigma**2 / 2, sigma, size=int(points.sum())
        )
        awards = np.minimum(50.0, 0.002 * turnover * scale)
        owner = np.repeat(np.arange(points.size), points)
        reference = np.bincount(owner, weights=awards, minlength=points.size)
        engine_money = draws.committed[i]
        difference = engine_money.mean() - reference.mean()
        se = math.sqrt(engine_money.var() / points.size + reference.var() / points.size)
        assert abs(difference / se) < Z_LIMIT, YEARS[i]
        assert engine_money.std() == pytest.approx(reference.std(), rel=0.05)
        for q in (5, 50, 95):
            assert np.percentile(engine_money, q) == pytest.approx(
                np.percentile(reference, q), rel=0.04
            ), (YEARS[i], q)


# --------------------------------------------------------------------------- R&D reward
def quiet_rd(trend, **more):
    return {
        "indicators/rd_expenditure/start/sd": 0.0,
        "indicators/rd_expenditure/trend/mean": math.log1p(trend),  # growth `trend` a year
        "indicators/rd_expenditure/trend/sd": 0.0,
        "indicators/rd_expenditure/noise/sd": 0.0,
        "indicators/rd_expenditure/effects": [],
        "lines/m23-rd-reward/award_rule/base": {"mean_wan": 4_800.0, "cv": 0.0},
        "lines/m23-rd-reward/award_rule/rate": 0.1,
        **more,
    }


def test_rd_reward_follows_each_draws_rd_increment_hand_worked():
    """R&D growing 9 % a year from its 2023 value R, no noise: the increase of year i (2024 =
    0) is R × 0.09 × 1.09^i, the reference increase R × 0.09, so the scale is 1.09^i and each
    enterprise's award min(500, 0.1 × 4,800 × 1.09^i):
      2024: 480    2025: 523.2 → 500    and 500 thereafter."""
    engine = Engine(scenario_with(**quiet_rd(0.09)), draws=4_000, seed=3)
    engine.run()
    draws = engine.lines["m23-rd-reward"]
    for i, award in enumerate([480.0, 500.0, 500.0, 500.0, 500.0]):
        np.testing.assert_allclose(draws.committed[i], draws.awards[i] * award, rtol=1e-9)


def test_rd_reward_pays_nothing_when_rd_falls():
    engine = Engine(scenario_with(**quiet_rd(-0.02)), draws=4_000, seed=3)
    engine.run()
    assert not engine.lines["m23-rd-reward"].committed.any()


def test_rd_reward_moves_with_the_indicator_in_each_draw():
    """With R&D noise, the draws whose R&D rose more pay more (the link is per draw): the
    award per enterprise rises with the increase up to its cap, so the ranks agree (a rank
    correlation: the heavy-tailed increases of an estimated noise sd make Pearson's
    coefficient a measure of a few draws at the cap)."""
    engine = Engine(scenario_with(), draws=20_000, seed=9)
    engine.run()
    money = engine.lines["m23-rd-reward"].committed[2]
    awards = engine.lines["m23-rd-reward"].awards[2]
    path = engine.indicator_paths["rd_expenditure"]
    increase = path[3] - path[2]
    per_award = money / np.maximum(awards, 1)
    assert stats.spearmanr(per_award, increase)[0] > 0.5


# --------------------------------------------------------------------------- ceilings
@pytest.mark.parametrize("line_id", ["m16-intl-activity", "m23-innovation-voucher"])
def test_a_rate_above_the_plans_ceiling_is_refused_with_the_clause(line_id):
    with pytest.raises(ScenarioError) as info:
        scenario_with(**{f"lines/{line_id}/rate": 0.6})
    message = str(info.value)
    assert f"lines.{line_id}.rate: must be at most 0.5, the plan's ceiling" in message
    assert CATALOGUE.line(line_id).clause.quote in message


def test_a_rate_below_the_ceiling_pays_less():
    """Voucher costs with no spread (15 万元): 50 % pays 7.5 万元, 30 % 4.5 万元 per award."""
    cost = {y: {"mean_wan": 15.0, "cv": 0.0} for y in map(str, YEARS)}
    full = scenario_with(**{"lines/m23-innovation-voucher/cost": cost})
    lower = full.replace(("lines", "m23-innovation-voucher", "rate"), 0.3)
    for scenario, award in ((full, 7.5), (lower, 4.5)):
        engine = Engine(scenario, draws=4_000, seed=1)
        engine.run()
        draws = engine.lines["m23-innovation-voucher"]
        np.testing.assert_allclose(draws.committed, draws.awards * award, rtol=1e-9)


# --------------------------------------------------------------------------- wording
def test_labels_follow_the_plans_words():
    assert "按规定" in CATALOGUE.line("m24-vc-reward").rule_text("zh")
    assert "no cap stated in the plan" in CATALOGUE.line("m24-vc-reward").rule_text("en")
    assert CATALOGUE.line("m18-major-project").rule_text("zh").startswith("一事一议")
    assert "不设上限" not in CATALOGUE.line("m18-major-project").rule_text("zh")
    assert "不设上限" in CATALOGUE.line("m22-landing-fund").rule_text("zh")
    assert "national_sub_centre" in CATALOGUE.line("m06-clinical-centre").tier
    for measure in (19, 20, 28):
        (line,) = CATALOGUE.lines_of_measure(measure)
        assert line.form == "amount_not_stated"
        assert line.rule_text("zh") == "计划未列明金额"
        assert line.rule_text("en") == "amount not stated in the plan"


def test_an_amount_not_stated_line_can_be_funded_with_an_own_figure():
    amounts = {y: 200.0 for y in map(str, YEARS)}
    scenario = scenario_with(
        **{
            "lines/m20-reserve-talent/uptake": amounts,
            "lines/m20-reserve-talent/uptake_cv": {y: 0.0 for y in map(str, YEARS)},
        }
    )
    engine = Engine(scenario, draws=2_000, seed=1)
    results = engine.run()
    np.testing.assert_allclose(results.outlay_draws("line", "m20-reserve-talent"), 200.0)
    unfunded = Engine(scenario_with(), draws=2_000, seed=1).run()
    assert not unfunded.outlay_draws("line", "m20-reserve-talent").any()
