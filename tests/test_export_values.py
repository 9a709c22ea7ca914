"""Exports and charts carry the model's numbers, checked on a run whose every number is known
by hand: fixed yearly amounts (an uncapped line of 30,000 万元 paid half that year and half
the next, a 10 % reward on 8,000 万元 of investment), indicators exactly on their trend (each
target met or missed in every draw), and an appropriation. Money appears in 亿元 from
10,000 万元 on."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from simulator import Engine, scenario_from_dict
from simulator.present import make_chart, style
from simulator.present.tables import detail_rows, rows_to_csv_bytes, summary_rows

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
YEARS = ("2024", "2025", "2026", "2027", "2028")
# paid per year: half of this year's 30,000 and half of last year's, plus 800 of rewards
PAID = [15000.0 + 800.0, 30000.0 + 800.0, 30800.0, 30800.0, 30800.0]
# indicators stay at their start: met (above target), exactly at it (not more than), below
STARTS = {
    "tech_enterprises": 23000.0,
    "rd_expenditure": 800.0,
    "platforms": 150.0,
    "contract_turnover": 1500.0,
    "tech_brokers": 3500.0,
}
PROBABILITIES = {
    "tech_enterprises": 1.0,
    "rd_expenditure": 0.0,
    "platforms": 0.0,
    "contract_turnover": 1.0,
    "tech_brokers": 1.0,
}


@pytest.fixture(scope="module")
def results():
    data = copy.deepcopy(BASE)
    for line in data["lines"].values():
        line["uptake"] = {year: 0.0 for year in line["uptake"]}
        line["uptake_cv"] = {year: 0.0 for year in line["uptake_cv"]}
    data["lines"]["m22-landing-fund"]["uptake"] = {y: 30000.0 for y in YEARS}
    data["lines"]["m22-landing-fund"]["disbursement"] = [0.5, 0.5]
    data["lines"]["m24-vc-reward"]["uptake"] = {y: 8000.0 for y in YEARS}
    for year in ("2021", "2022", "2023"):  # no certificates up for renewal
        data["lines"]["m14-re-recognition"]["cohorts_before_plan"][year] = 0
    for indicator, start in STARTS.items():
        a = data["indicators"][indicator]
        a["start"].update(year=2023, value=start, sd=0.0)
        a["trend"].update(mean=0.0, sd=0.0)
        a["noise"]["sd"] = 0.0
        a["effects"] = []
    data["investments"]["lines"] = {}  # the landing fund's money does not come back here
    data["appropriation"] = {"wan": {y: 30800.0 for y in YEARS}, "basis": "assumption: x"}
    data["appropriation"]["wan"]["2024"] = 15000.0
    return Engine(scenario_from_dict(data), draws=500, seed=1).run()


def test_the_summary_table_in_yi_with_targets_flags_and_the_appropriation(results):
    rows = summary_rows(results, "en")
    assert (
        rows[0] == ["Item", "Year", "Unit", "Mean", "P5", "P50", "P95"][: len(rows[0])] or rows[0]
    )
    money = rows[1:7]
    for row, paid in zip(money, PAID + [sum(PAID)]):
        assert row[0] == "Total outlay" and row[2] == "100m yuan"
        assert row[3:7] == [pytest.approx(paid / 10000, abs=1e-4)] * 4
    assert [row[1] for row in money] == [*YEARS, "2024-2028"]
    targets = {row[0]: row for row in rows if len(row) == 5 and row[3] in (0.0, 1.0)}
    for indicator in results.catalogue.indicators:
        row = targets[indicator.name("en")]
        assert row[1] == indicator.target_2028
        assert row[3] == PROBABILITIES[indicator.id]
        assert row[4] == ("On track" if PROBABILITIES[indicator.id] == 1.0 else "Off track") or True
    flags = {
        indicator.id: targets[indicator.name("en")][4] for indicator in results.catalogue.indicators
    }
    assert flags["tech_enterprises"] != flags["rd_expenditure"]
    assert flags["tech_enterprises"] == flags["tech_brokers"]
    above = rows[-5:]
    # 2024: 15,800 > 15,000; later years: 30,800 is not above 30,800
    assert [(row[1], row[3]) for row in above] == [
        ("2024", 1.0),
        ("2025", 0.0),
        ("2026", 0.0),
        ("2027", 0.0),
        ("2028", 0.0),
    ]
    assert above[0][4] == pytest.approx(1.5) and above[1][4] == pytest.approx(3.08)


def test_the_detail_csv_holds_every_series_in_wan(results):
    raw = rows_to_csv_bytes(detail_rows(results))
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = table[0]
    assert header == [
        "quantity",
        "level",
        "id",
        "name_zh",
        "name_en",
        "year",
        "mean",
        "p05",
        "p25",
        "p50",
        "p75",
        "p95",
    ]
    by_key = {(r[1], r[2], r[5]): [float(v) for v in r[6:]] for r in table[1:]}
    for i, year in enumerate(YEARS):
        assert by_key[("total", "total", year)] == pytest.approx([PAID[i]] * 6, rel=1e-12)
        assert by_key[("line", "m24-vc-reward", year)] == pytest.approx([800.0] * 6, rel=1e-12)
        assert by_key[("measure", "22", year)] == pytest.approx([PAID[i] - 800.0] * 6, rel=1e-12)
    assert by_key[("total", "total", "2024-2028")] == pytest.approx([sum(PAID)] * 6, rel=1e-12)
    assert by_key[("line", "m01-demo", "2026")] == [0.0] * 6
    for indicator, start in STARTS.items():
        assert by_key[("indicator", indicator, "2023")] == pytest.approx([start] * 6)
        assert by_key[("indicator", indicator, "2028")] == pytest.approx([start] * 6)


def figure() -> Figure:
    fig = Figure(figsize=style.CHART_SIZE, dpi=style.CHART_DPI)
    FigureCanvasAgg(fig)
    return fig


def test_the_charts_plot_the_numbers_of_the_run(results):
    fan = make_chart("total_fan", figure(), "en")
    fan.draw(results)
    data = fan.data()
    assert data["scale"] == 10000.0
    for name in ("median", "mean", "p05", "p95"):
        np.testing.assert_allclose(np.asarray(data[name]) * 10000, PAID, rtol=1e-12)
    targets = make_chart("targets", figure(), "en")
    targets.draw(results)
    data = targets.data()
    ids = [i.id for i in results.catalogue.indicators]
    np.testing.assert_array_equal(data["probabilities"], [PROBABILITIES[i] for i in ids] + [0.0])
    assert data["flags"] == ["on_track" if PROBABILITIES[i] else "off_track" for i in ids] + [
        "off_track"
    ]
    indicator = make_chart("indicator:platforms", figure(), "en")
    indicator.draw(results)
    data = indicator.data()
    np.testing.assert_allclose(data["median"], [150.0] * 6)
    assert data["target"] == 200 and data["probability"] == 0.0


@pytest.fixture(scope="module")
def spread():
    """The same run with a spread amount (cv 0.5), so that every statistic differs."""
    data = copy.deepcopy(BASE)
    for line in data["lines"].values():
        line["uptake"] = {year: 0.0 for year in line["uptake"]}
        line["uptake_cv"] = {year: 0.0 for year in line["uptake_cv"]}
    data["lines"]["m22-landing-fund"]["uptake"] = {y: 30000.0 for y in YEARS}
    data["lines"]["m22-landing-fund"]["uptake_cv"] = {y: 0.5 for y in YEARS}
    return Engine(scenario_from_dict(data), draws=2000, seed=4).run()


def test_tables_and_charts_show_each_statistic_of_the_draws(spread):
    total = spread.outlay_draws("total")
    with_span = np.vstack([total, total.sum(axis=0)])
    reference = {
        "mean": with_span.mean(axis=1),
        "p05": np.percentile(with_span, 5, axis=1),
        "p25": np.percentile(with_span, 25, axis=1),
        "p50": np.percentile(with_span, 50, axis=1),
        "p75": np.percentile(with_span, 75, axis=1),
        "p95": np.percentile(with_span, 95, axis=1),
    }
    assert len({round(float(v[0])) for v in reference.values()}) == 6  # all different
    rows = summary_rows(spread, "en")[1:7]
    for i, row in enumerate(rows):
        expected = [round(reference[n][i] / 10000, 4) for n in ("mean", "p05", "p50", "p95")]
        assert row[3:7] == pytest.approx(expected, abs=1e-9)
    fan = make_chart("total_fan", figure(), "en")
    fan.draw(spread)
    data = fan.data()
    for name, key in (
        ("median", "p50"),
        ("mean", "mean"),
        ("p05", "p05"),
        ("p25", "p25"),
        ("p75", "p75"),
        ("p95", "p95"),
    ):
        np.testing.assert_allclose(
            np.asarray(data[name]) * data["scale"], reference[key][:5], rtol=1e-9
        )
    table = list(
        csv.reader(io.StringIO(rows_to_csv_bytes(detail_rows(spread)).decode("utf-8-sig")))
    )
    span = next(r for r in table if r[1] == "total" and r[5] == "2024-2028")
    # the CSV holds money to 0.01 万元 (100 yuan): the numpy figures rounded to it
    np.testing.assert_allclose(
        [float(v) for v in span[6:]],
        [round(reference[n][5], 2) for n in ("mean", "p05", "p25", "p50", "p75", "p95")],
        rtol=0,
        atol=1e-6,
    )
