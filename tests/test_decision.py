"""Decision support: sensitivity, value for money and the goal seek (simulator.analysis).

Every run uses a fixed seed, so each test is deterministic; the tolerances are chosen so that
the test would still pass for other seeds with a chance of a false failure below 1 in 10,000
(each comment says how). Runs use 16,384 draws or fewer (one random-number block) to keep
the whole file under a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from simulator import Cancelled, load_scenario, simulate
from simulator import analysis as decision
from simulator.analysis import (
    ALL_TARGETS,
    OUTLAY,
    BoundsError,
    Probe,
    apply_point,
    check_bounds,
    default_free_lines,
    first_order_index,
    line_bounds,
    optimize,
    scale_uptake,
    sensitivity,
    value_for_money,
)
from simulator.present import (
    CHART_DPI,
    CHART_SIZE,
    chinese_font_available,
    decision_chart_kinds,
    make_decision_chart,
    write_decision_charts,
)

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 16_384
SEED = 7


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(ROOT / "scenarios" / "baseline.json")


@pytest.fixture(scope="module")
def probe(baseline):
    return Probe(baseline, draws=DRAWS, seed=SEED)


@pytest.fixture(scope="module")
def sens(baseline, probe):
    return sensitivity(baseline, probe=probe, indicator_assumptions=False)


@pytest.fixture(scope="module")
def vfm(baseline, probe):
    return value_for_money(baseline, probe=probe)


def with_line(scenario, line_id, **changes):
    data = scenario.data
    data["lines"][line_id].update(changes)
    return scenario.with_data(data)


# ---------------------------------------------------------------------------- estimators
def test_first_order_index_recovers_the_ishigami_function():
    # Ishigami (a=7, b=0.1): S1 = 0.3139, 0.4424, 0 (Saltelli et al. 2008). Over 200 seeds
    # at 20,000 draws the estimator's error has mean -0.001/-0.005/0.000 and sd
    # 0.004/0.006/0.0004, so 0.04 is over 6 sd from the bias: a false failure < 1e-9.
    a, b = 7.0, 0.1
    variance = a * a / 8 + b * math.pi**4 / 5 + b * b * math.pi**8 / 18 + 0.5
    exact = [0.5 * (1 + b * math.pi**4 / 5) ** 2 / variance, a * a / 8 / variance, 0.0]
    x = np.random.default_rng(11).uniform(-math.pi, math.pi, (3, 20_000))
    y = np.sin(x[0]) + a * np.sin(x[1]) ** 2 + b * x[2] ** 4 * np.sin(x[0])
    for i in range(3):
        assert first_order_index(x[i], y) == pytest.approx(exact[i], abs=0.04)
    assert first_order_index(x[0], np.ones_like(y)) == 0.0


# ---------------------------------------------------------------------------- sensitivity
def test_tornado_swings_are_the_outputs_at_each_end(sens, baseline):
    outlay = sens.tornado(OUTLAY)
    widths = [s.width(OUTLAY) for s in outlay]
    assert widths == sorted(widths, reverse=True) and widths[0] > 0
    # Uptake ranges are the 10th and 90th percentile of the line's own Gamma/lognormal rate.
    landing = next(s for s in outlay if s.factor.id == "uptake:m22-landing-fund")
    assert landing.factor.low < 1 < landing.factor.high
    assert landing.low.outlay_wan < sens.central.outlay_wan < landing.high.outlay_wan
    # A line without any effect on an indicator never moves a target's probability.
    assert all(
        s.width("platforms") == 0 for s in sens.swings if s.factor.subject == "m22-landing-fund"
    )
    # The swing's scenario is a real scenario: simulate it from scratch (same seed) and get
    # the same expected outlay as the one-line update gave (common random numbers).
    variant = decision.factor_scenario(baseline, landing.factor, "high")
    full = decision.outcome(simulate(variant, draws=DRAWS, seed=SEED))
    assert full.outlay_wan == pytest.approx(landing.high.outlay_wan, rel=1e-9)


def test_sensitivity_recovers_a_line_built_to_dominate(baseline):
    # The open-challenge projects (normally 0.8 亿元 over five years) get 60 times the uptake
    # with a very uncertain rate (cv 0.9 a year), and become the only lever of the platforms
    # indicator, whose own trend and noise are made nearly certain: platforms = 100 + 0.0083
    # per award, about 200 ± 40, so P(platforms) is near one half and hangs on that line.
    # Its variance share of the outlay is then about 0.9 and the next line's under 0.05; the
    # sampling sd of a share at 16,384 draws is about 0.01, so the ranking could only flip
    # beyond 40 sd; likewise for its first-order index of the platforms target (about 0.9).
    scenario = with_line(
        baseline,
        "m17-challenge-project",
        uptake={y: 2400.0 for y in map(str, range(2024, 2029))},
        uptake_cv={y: 0.9 for y in map(str, range(2024, 2029))},
    )
    data = scenario.data
    platforms = data["indicators"]["platforms"]
    platforms["trend"] = {"mean": 0.0, "sd": 0.0}
    platforms["noise"] = {"sd": 0.002, "persistence": 0.0}
    platforms["effects"] = [
        {
            "line": "m17-challenge-project",
            "per": "award",
            "mean": 0.0083,
            "sd": 0.0,
            "above": {"value": 0.0, "basis": "assumption: test"},
            "basis": "assumption: test",
        }
    ]
    # R&D made nearly certain too: the R&D reward (measure 23) follows each draw's R&D
    # increase, and the calibrated R&D trend is uncertain enough to make that line a second
    # lever of the outlay otherwise
    rd = data["indicators"]["rd_expenditure"]
    rd["trend"]["sd"] = 0.0
    rd["noise"]["sd"] = 0.002
    scenario = scenario.with_data(data)
    result = sensitivity(scenario, draws=DRAWS, seed=SEED, indicator_assumptions=False)
    assert result.tornado(OUTLAY)[0].factor.id == "uptake:m17-challenge-project"
    assert result.tornado("platforms")[0].factor.id == "uptake:m17-challenge-project"
    top = result.top_drivers(OUTLAY)
    assert top[0].id == "line:m17-challenge-project" and top[0].variance_share > 0.7
    assert top[1].variance_share < 0.1
    assert sum(d.variance_share for d in top if d.kind == "line") == pytest.approx(1.0)
    drivers = result.top_drivers("platforms")
    assert drivers[0].id == "line:m17-challenge-project"
    assert drivers[0].first_order > 0.6 and drivers[1].first_order < 0.1
    assert drivers[0].rank_correlation > 0.5


def test_indicator_assumptions_swing_between_their_stated_percentiles(baseline):
    factors = decision.sensitivity_factors(baseline)
    trend = next(f for f in factors if f.id == "trend:rd_expenditure")
    stated = baseline.indicator_assumptions("rd_expenditure")["trend"]
    assert trend.low == pytest.approx(stated["mean"] - 1.2816 * stated["sd"], abs=1e-4)
    assert trend.high == pytest.approx(stated["mean"] + 1.2816 * stated["sd"], abs=1e-4)
    relative = decision.sensitivity_factors(baseline, swing=0.1)
    uptake = next(f for f in relative if f.id == "uptake:m01-demo")
    assert (uptake.low, uptake.high) == pytest.approx((0.9, 1.1))
    # Award shares never pass the cap, so the scenario stays valid at the high end.
    for factor in relative:
        if factor.is_line:
            decision.factor_scenario(baseline, factor, "high")


# ---------------------------------------------------------------------------- value for money
def test_value_for_money_agrees_with_finite_differences(vfm, baseline):
    # Recompute the central difference of two measures from two fresh full runs each (same
    # seed: common random numbers). Updates and full runs draw the same numbers; they may
    # differ only where floating-point sums put a draw exactly on a target, so we allow two
    # draws of difference per probability.
    step = vfm.step
    for number in (10, 14):
        lines = [line.id for line in baseline.catalogue.lines if line.measure == number]
        ends = []
        for multiplier in (1 - step, 1 + step):
            results = simulate(
                scale_uptake(baseline, {line: multiplier for line in lines}), draws=DRAWS, seed=SEED
            )
            spent = results.outlay_draws("measure", str(number)).sum(axis=0).mean()
            ends.append((spent, decision.outcome(results)))
        extra = ends[1][0] - ends[0][0]
        value = next(m for m in vfm.measures if m.measure == number)
        assert value.step_outlay_wan == pytest.approx(extra, rel=1e-9)
        for output in list(baseline.catalogue.indicator_ids) + [ALL_TARGETS]:
            change = ends[1][1].value(output) - ends[0][1].value(output)
            expected = change / extra * decision.VFM_BLOCK_WAN
            allowed = 2.0 / DRAWS / extra * decision.VFM_BLOCK_WAN
            assert value.per_block[output] == pytest.approx(expected, abs=allowed)


def test_value_for_money_signs_and_variance_shares(vfm, baseline):
    by_number = {m.measure: m for m in vfm.measures}
    # Service points (measure 10) raise contract turnover and brokers, per the scenario's
    # effects. On common random numbers more uptake means at least as many awards in every
    # draw, hence at least the same effect above the pre-plan level and the same or higher
    # paths: the slopes cannot be negative, and they are positive as some draws cross a target.
    assert by_number[10].per_block["contract_turnover"] > 0
    assert by_number[10].per_block["tech_brokers"] > 0
    # The landing fund (measure 22) has no effect on any indicator: no value for the targets.
    assert all(v == 0 for k, v in by_number[22].per_block.items())
    assert by_number[10].per_block["targets"] == pytest.approx(
        sum(by_number[10].per_block[i] for i in baseline.catalogue.indicator_ids)
    )
    # Shares of the outlay's variance add up to one over the measures (the total is their sum).
    assert sum(m.variance_share for m in vfm.measures) == pytest.approx(1.0)
    ranked = vfm.ranked()
    assert [m.value(ALL_TARGETS) for m in ranked] == sorted(
        (m.value(ALL_TARGETS) for m in ranked), reverse=True
    )


# ---------------------------------------------------------------------------- bounds
def test_bounds_problems_are_all_listed_with_their_line(baseline):
    with pytest.raises(BoundsError) as caught:
        check_bounds(
            {
                "m99-nothing": [1, 2],
                "m01-demo": [5, 2],
                "m02-demo": "lots",
                "m03-frontier": [-1, 4],
                "m14-re-recognition": [2000, 2100],
            },
            baseline,
        )
    problems = {p.path: p.message for p in caught.value.problems}
    assert set(problems) == {
        "m99-nothing",
        "m01-demo",
        "m02-demo",
        "m03-frontier",
        "m14-re-recognition",
    }
    assert "unknown line id" in problems["m99-nothing"]
    # re-recognition plans no uptake of its own: every year follows the certificates issued
    assert "plans no uptake for this line" in problems["m14-re-recognition"]


def test_free_lines_default_to_the_levers_of_the_targets(baseline):
    linked = {
        e["line"]
        for i in baseline.catalogue.indicator_ids
        for e in baseline.indicator_assumptions(i)["effects"]
    }
    assert set(default_free_lines(baseline)) == linked
    free = {b.line: b for b in line_bounds(baseline, {"m22-landing-fund": [15000, 45000]})}
    assert (free["m22-landing-fund"].low, free["m22-landing-fund"].high) == (0.5, 1.5)
    assert free["m22-landing-fund"].source == "bounds"
    assert (free["m01-demo"].low, free["m01-demo"].high, free["m01-demo"].source) == (
        0.5,
        1.5,
        "default",
    )
    only = line_bounds(baseline, {"m01-demo": [2, 8]}, default=None)
    assert [(b.line, b.low, b.high) for b in only] == [("m01-demo", 0.5, 2.0)]


# ---------------------------------------------------------------------------- goal seek
SMALL_BOUNDS = {
    "m10-contract-service-point": [20, 60],
    "m14-sme-project": [75, 225],
    "m23-rd-reward": [75, 225],
}
SMALL_DRAWS = 8192


@pytest.fixture(scope="module")
def envelope_scenario(baseline):
    # An appropriation that the top levels of the three free lines break in more than 10 %
    # of draws, so that the envelope binds and the problem is a real trade-off.
    wan = {"2024": 161000.0, "2025": 199000.0, "2026": 205000.0, "2027": 207000.0, "2028": 210000.0}
    # (shocks independent across years, as the envelope was set for)
    independent = {"uptake": 0.0, "common": 0.0, "basis": "assumption: test"}
    scenario = baseline.replace(("persistence",), independent)
    return scenario.replace(("appropriation",), {"basis": "assumption: test", "wan": wan})


@pytest.fixture(scope="module")
def small_probe(envelope_scenario):
    return Probe(envelope_scenario, draws=SMALL_DRAWS, seed=SEED)


@pytest.fixture(scope="module")
def coarse_grid(envelope_scenario, small_probe):
    """Every point of a 3×3×3 grid (the bounds and their middle), evaluated by the engine."""
    free = line_bounds(envelope_scenario, SMALL_BOUNDS, default=None)
    points = []
    for multipliers in np.array(
        np.meshgrid(*[[b.low, (b.low + b.high) / 2, b.high] for b in free])
    ).T.reshape(-1, len(free)):
        variant = scale_uptake(envelope_scenario, dict(zip([b.line for b in free], multipliers)))
        points.append(decision.outcome(small_probe.apply(variant, [b.line for b in free])))
    small_probe.restore()
    return points


def assert_same_outcome(outcome, base):
    """Back at the base run: lines paid from an indicator (R&D rewards, service points) are
    recomputed from indicator paths rebuilt by adding and removing effects, so the money
    may differ from the base in the last bits (floating-point sums), not more."""
    assert outcome.outlay_wan == pytest.approx(base.outlay_wan, rel=1e-12)
    assert outcome.probabilities == base.probabilities
    assert outcome.exceedance == base.exceedance


def within(outcome, tolerance=decision.DEFAULT_TOLERANCE):
    return all(p <= tolerance for p in outcome.exceedance.values())


@pytest.mark.parametrize(
    "exhaustive_limit", [decision.EXHAUSTIVE_LIMIT, 0], ids=["exhaustive", "coordinate"]
)
def test_optimiser_beats_every_point_of_a_coarse_grid(
    envelope_scenario, small_probe, coarse_grid, exhaustive_limit
):
    # The optimiser's lattice (9 levels) holds the grid (levels 0, 4, 8), and the figures
    # compared are the engine's own on the same draws, so this is exact, not statistical.
    feasible = [p for p in coarse_grid if within(p)]
    assert 0 < len(feasible) < len(coarse_grid)  # the envelope binds
    best = optimize(
        envelope_scenario,
        bounds=SMALL_BOUNDS,
        default_bounds=None,
        probe=small_probe,
        exhaustive_limit=exhaustive_limit,
    )
    assert best.method.startswith("exhaustive" if exhaustive_limit else "coordinate")
    point = best.best
    assert point is not None and point.within_envelope(decision.DEFAULT_TOLERANCE)
    assert point.probability() >= max(p.probabilities[ALL_TARGETS] for p in feasible)
    for line, multiplier in point.multipliers.items():
        bounds = next(b for b in best.lines if b.line == line)
        assert bounds.low - 1e-12 <= multiplier <= bounds.high + 1e-12
    assert best.largest_check_difference < 1e-9  # the tables add up exactly for indicators
    # The cheapest levels reaching the median probability of the feasible grid points.
    goal = float(np.median([p.probabilities[ALL_TARGETS] for p in feasible]))
    cheapest = optimize(
        envelope_scenario,
        bounds=SMALL_BOUNDS,
        default_bounds=None,
        probability=goal,
        probe=small_probe,
        exhaustive_limit=exhaustive_limit,
    )
    point = cheapest.best
    assert point.probability() >= goal and point.within_envelope(decision.DEFAULT_TOLERANCE)
    rivals = [p.outlay_wan for p in feasible if p.probabilities[ALL_TARGETS] >= goal]
    assert point.outlay_wan <= min(rivals) + 1e-6
    # The frontier rises with the cost, and the probe is back at the base scenario.
    costs = [p.outlay_wan for p in cheapest.frontier]
    chances = [p.probability() for p in cheapest.frontier]
    assert costs == sorted(costs) and chances == sorted(chances)
    assert_same_outcome(decision.outcome(small_probe.engine.results), small_probe.base)


def test_goal_seek_of_the_baseline_and_applying_a_point(baseline, probe):
    # (the recalibrated baseline's frontier reaches about 1.6 % for all five targets at
    # these draws and seed, from 0 at its cheapest point: 1 % lies inside it)
    result = optimize(baseline, probe=probe, probability=0.01)
    assert result.method.startswith("coordinate") and len(result.lines) == len(
        default_free_lines(baseline)
    )
    assert result.tolerance is None  # the baseline has no appropriation
    point = result.best
    assert point.probability() >= 0.01 and result.best_index is not None
    assert result.frontier[0].outlay_wan < point.outlay_wan <= result.frontier[-1].outlay_wan
    # Applying the point gives a valid scenario whose own run (same seed) reproduces the
    # point's figures (common random numbers; two draws of leeway as above).
    applied = apply_point(baseline, point)
    again = decision.outcome(simulate(applied, draws=DRAWS, seed=SEED))
    assert again.outlay_wan == pytest.approx(point.outlay_wan, rel=1e-9)
    assert again.probabilities[ALL_TARGETS] == pytest.approx(point.probability(), abs=2 / DRAWS)
    assert baseline == load_scenario(ROOT / "scenarios" / "baseline.json")  # unchanged
    assert (
        applied.line_assumptions("m10-contract-service-point")["uptake"]
        == point.uptake["m10-contract-service-point"]
    )
    broken = decision.Point({}, {"m14-re-recognition": {"2027": 1.0}}, 0.0, {}, None)
    with pytest.raises(ValueError, match="plans"):
        apply_point(baseline, broken)


def test_unreachable_goal_reports_no_point(baseline, probe):
    result = optimize(
        baseline, probe=probe, bounds={"m01-demo": [3, 5]}, default_bounds=None, probability=0.99
    )
    assert result.best is None and "no levels" in str(result.message)
    assert result.frontier  # the frontier is still shown


# ---------------------------------------------------------------------------- worker thread
def test_progress_rises_to_one_and_cancel_stops_and_restores(baseline, probe):
    seen = []
    optimize(
        baseline,
        probe=probe,
        bounds={"m01-demo": [2, 6]},
        default_bounds=None,
        progress=seen.append,
    )
    assert seen == sorted(seen) and seen[-1] == 1.0
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 5

    for run in (
        lambda: sensitivity(
            baseline, probe=probe, indicator_assumptions=False, cancelled=cancelled
        ),
        lambda: value_for_money(baseline, probe=probe, cancelled=cancelled),
        lambda: optimize(baseline, probe=probe, cancelled=cancelled),
    ):
        calls.clear()
        with pytest.raises(Cancelled):
            run()
        assert_same_outcome(decision.outcome(probe.engine.results), probe.base)


# ---------------------------------------------------------------------------- charts
def new_figure() -> Figure:
    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI)
    FigureCanvasAgg(figure)
    return figure


def test_tornado_and_drivers_charts_plot_the_analysis(sens):
    chart = make_decision_chart("tornado:all", new_figure(), "en")
    chart.draw(sens)
    data = chart.data()
    swings = sens.tornado(ALL_TARGETS, 10)
    assert data["factors"] == [s.factor.id for s in swings]
    np.testing.assert_allclose(data["low"], [100 * s.low.value(ALL_TARGETS) for s in swings])
    assert data["central"] == pytest.approx(100 * sens.central.value(ALL_TARGETS))
    assert "uptake" in data["labels"][0]
    chart = make_decision_chart("drivers:outlay", new_figure(), "en")
    chart.draw(sens)
    # an indicator's growth drives outlay too (R&D rewards follow R&D): its first-order index
    values = [
        d.variance_share if d.variance_share is not None else d.first_order
        for d in sens.top_drivers(OUTLAY, 10)
    ]
    shares = [100 * v for v in values if v >= 0.005]
    np.testing.assert_allclose(chart.data()["percent"], shares)


def test_value_for_money_and_frontier_charts(vfm, envelope_scenario, small_probe):
    chart = make_decision_chart("value_for_money", new_figure(), "en")
    chart.draw(vfm)
    ranked = vfm.ranked()[: len(chart.data()["measures"])]
    assert chart.data()["measures"] == [m.measure for m in ranked]
    np.testing.assert_allclose(
        chart.data()["points_per_block"], [100 * m.value(ALL_TARGETS) for m in ranked]
    )

    def goal(probability):
        return optimize(
            envelope_scenario,
            bounds=SMALL_BOUNDS,
            default_bounds=None,
            probe=small_probe,
            probability=probability,
        )

    # a goal between the frontier's lowest and highest probability, so a best point exists
    frontier = [p.probability() for p in goal(1.0).frontier]
    result = goal((min(frontier) + max(frontier)) / 2)
    chart = make_decision_chart("frontier", new_figure(), "en")
    chart.draw(result)
    np.testing.assert_allclose(
        chart.data()["probability_percent"], [100 * p.probability() for p in result.frontier]
    )
    assert chart.data()["best"] is not None
    assert chart.data()["ylabel"] == ("P(all five targets) (%)", 9.0)  # room enough: as is
    # a short chart (the app's goal-seek tab at 1280×720: about 6.5 × 2.2 in at 100 dpi): the
    # axis title goes on more lines, smaller, until it stands within the axes' height (it
    # ran into the subtitle above), in both languages
    for language in ("en", "zh"):
        short = Figure(figsize=(6.5, 2.2), dpi=100)
        FigureCanvasAgg(short)
        chart = make_decision_chart("frontier", short, language)
        chart.draw(result)
        short.canvas.draw()
        label = chart.axes.yaxis.label
        renderer = short.canvas.get_renderer()
        assert label.get_window_extent(renderer).height <= chart.axes.bbox.height + 0.5
        text, size = chart.data()["ylabel"]
        assert "\n" in text or size < 9.0
        assert text.replace("\n", " " if language == "en" else "") == chart._ylabel
    chart = make_decision_chart("exceedance", new_figure(), "en")
    chart.draw(small_probe.results)
    assert chart.data()["exceedance"][0] == [
        small_probe.base.exceedance[str(y)] for y in range(2024, 2029)
    ]


def test_decision_charts_have_no_missing_glyphs(sens, vfm):
    import warnings

    languages = ["en"] + (["zh"] if chinese_font_available() else [])
    for language in languages:
        for kind in ("tornado:outlay", "drivers:rd_expenditure", "value_for_money"):
            chart = make_decision_chart(kind, new_figure(), language)
            chart.draw(vfm if kind == "value_for_money" else sens)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                chart.figure.canvas.draw()
            assert not [w for w in caught if "missing from" in str(w.message)], (language, kind)
    with pytest.raises(ValueError, match="unknown decision chart"):
        make_decision_chart("pie", new_figure())


# ---------------------------------------------------------------------------- command line
def parser():
    from simulator.cli import decision as decision_cli

    root = argparse.ArgumentParser(prog="qdplan")
    sub = root.add_subparsers(dest="command", required=True)
    return root, decision_cli.register(sub)


def run_cli(capsys, *argv):
    root, handlers = parser()
    args = root.parse_args(list(argv))
    code = handlers[args.command](args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_sensitivity_json(capsys):
    code, out, err = run_cli(
        capsys,
        "sensitivity",
        str(ROOT / "scenarios" / "baseline.json"),
        "--draws",
        "4000",
        "--seed",
        "3",
        "--lines-only",
        "--format",
        "json",
        "--language",
        "en",
        "--quiet",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["sensitivity"]["draws"] == 4000
    assert set(data["sensitivity"]["tornado"]) == set(
        decision.outputs(load_scenario(ROOT / "scenarios" / "baseline.json").catalogue)
    )
    top = data["sensitivity"]["tornado"]["outlay"][0]
    assert {"id", "label_zh", "label_en", "low", "high", "output_low", "output_high"} <= set(top)
    assert data["value_for_money"]["measures"][0]["probability_change_per_1000_wan"]
    assert data["appropriation_exceedance"] is None


def test_every_chart_kind_is_written(sens, vfm, small_probe, tmp_path):
    written = write_decision_charts(
        tmp_path,
        sensitivity=sens,
        value_for_money=vfm,
        exceedance=small_probe.results,
        language="zh",
        formats=("png",),
    )
    kinds = decision_chart_kinds(sens.catalogue, frontier=False, exceedance=True)
    assert sorted(p.name for p in written) == sorted(f"{k.replace(':', '_')}.png" for k in kinds)
    assert all(p.stat().st_size > 10_000 for p in written)


def test_cli_optimize_table_save_and_bad_bounds(capsys, tmp_path):
    from simulator.cli.common import BadInput

    baseline = str(ROOT / "scenarios" / "baseline.json")
    bounds = tmp_path / "bounds.json"
    bounds.write_text(
        json.dumps({"m10-contract-service-point": [30, 50], "m01-demo": [2, 6]}), encoding="utf-8"
    )
    saved = tmp_path / "best.json"
    code, out, _ = run_cli(
        capsys,
        "optimize",
        baseline,
        "--bounds",
        str(bounds),
        "--only-listed",
        "--draws",
        "4000",
        "--probability",
        "0%",  # always reachable: the cheapest point (the mechanics are tested here)
        "--save",
        str(saved),
        "--charts",
        str(tmp_path / "charts"),
        "--language",
        "en",
        "--quiet",
    )
    assert code == 0 and "Frontier" in out and "saved:" in out
    assert "cheapest levels reaching 0.0%" in out
    chosen = load_scenario(saved)
    for line in ("m10-contract-service-point", "m01-demo"):
        low, high = json.loads(bounds.read_text(encoding="utf-8"))[line]
        assert all(
            low - 1e-9 <= v <= high + 1e-9 for v in chosen.line_assumptions(line)["uptake"].values()
        )
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "frontier.pdf",
        "frontier.png",
        "frontier.svg",
    ]
    bounds.write_text(json.dumps({"m99": [1, 2], "m01-demo": [9, 1]}), encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        run_cli(capsys, "optimize", baseline, "--bounds", str(bounds), "--quiet")
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{bounds}: m99: unknown line id",
        f"{bounds}: m01-demo: min must not exceed max, got [9, 1]",
    ]
    with pytest.raises(BadInput, match="--point N needs --save"):
        run_cli(capsys, "optimize", baseline, "--point", "2", "--quiet")
    with pytest.raises(SystemExit):
        run_cli(capsys, "optimize", baseline, "--probability", "1.5")


def test_a_long_axis_title_is_wrapped_into_lines_of_about_equal_length():
    from simulator.present.budget_charts import wrapped

    assert wrapped("P(all five targets) (%)", 1) == "P(all five targets) (%)"
    assert wrapped("P(all five targets) (%)", 2) == "P(all five\ntargets) (%)"
    assert wrapped("a b c d e f", 3) == "a b\nc d\ne f"
    assert wrapped("全部五项目标达成概率", 2) == "全部五项目\n标达成概率"  # between characters
    assert wrapped("one two", 3) == "one\ntwo"  # fewer words than lines: a word a line
