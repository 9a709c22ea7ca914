"""Mid-term review: actuals, scenario comparison and the briefing report."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, ScenarioError, load_scenario, scenario_from_dict
from simulator.cli import qdplan as cli
from simulator.model import YEARS
from simulator.model.actuals import load_actuals, parse_actuals_csv, template, with_actuals
from simulator.model.comparison import assumption_differences, compare
from simulator.present import write_report

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"
BASE = json.loads(BASELINE.read_text(encoding="utf-8"))

ACTUALS_CSV = """kind,id,year,value,source
indicator,tech_enterprises,2024,13500,统计公报 2024
indicator,tech_enterprises,2025,15800,统计公报 2025
indicator,contract_turnover,2025,840,技术市场统计
line,m14-first-recognition,2024,11200,财政决算 2024
measure,1,2025,5200,财政决算 2025
line,m01-demo,2026,,not yet known
"""


def with_csv(text=ACTUALS_CSV, scenario=None):
    scenario = scenario or load_scenario(BASELINE)
    return with_actuals(scenario, parse_actuals_csv(text.encode("utf-8")))


def test_template_lists_every_id_and_reads_back_empty():
    scenario = load_scenario(BASELINE)
    text = template(scenario)
    rows = text.strip().splitlines()
    assert rows[0] == "kind,id,year,value,source"
    for indicator in scenario.catalogue.indicator_ids:
        assert f"indicator,{indicator},2023,," in rows
    for line in scenario.catalogue.lines:
        assert f"line,{line.id},2024,," in rows
    assert "measure,14,2028,," in rows and not any(r.startswith("measure,21,") for r in rows)
    assert parse_actuals_csv(text) == []


def test_csv_rows_become_actuals_and_empty_values_are_skipped():
    scenario = with_csv()
    actuals = scenario.actuals
    assert len(actuals) == 5
    assert {
        "kind": "measure",
        "id": "1",
        "year": 2025,
        "value": 5200.0,
        "source": "财政决算 2025",
    } in actuals


@pytest.mark.parametrize(
    "row,message",
    [
        ("indicator,platforms,2030,150,x", "row 2: year: must be between 2023 and 2028, got 2030"),
        (
            "line,m01-demo,2023,10,x",
            "row 2: year: must be between 2024 and 2028 (outlays start in 2024)",
        ),
        ("line,m01-demo,2025,-3,x", "row 2: value: must be >= 0, got -3"),
        ("line,m99-nothing,2025,3,x", 'row 2: id: unknown line id "m99-nothing"'),
        ("indicator,patents,2025,3,x", 'row 2: id: unknown indicator id "patents"'),
        ("budget,m01-demo,2025,3,x", "row 2: kind: must be one of indicator, line, measure"),
        ("line,m01-demo,2025,3,", "row 2: source: must say where the value comes from"),
        ("measure,21,2025,3,x", "row 2: id: measure 21 has no subsidy line"),
        ("line,m01-demo,2025,lots,x", "row 2: value: must be a number"),
    ],
)
def test_bad_actuals_are_reported_with_their_row(row, message):
    with pytest.raises(ScenarioError) as info:
        with_csv("kind,id,year,value,source\n" + row + "\n")
    assert any(message in str(p) for p in info.value.problems), info.value.problems


def test_conflicting_and_duplicate_actuals():
    text = (
        "kind,id,year,value,source\nline,m01-demo,2025,100,a\nmeasure,1,2025,500,b\n"
        "indicator,platforms,2024,120,c\nindicator,platforms,2024,121,d\n"
    )
    with pytest.raises(ScenarioError) as info:
        with_csv(text)
    problems = " | ".join(str(p) for p in info.value.problems)
    assert "measure 1 in 2025 has both a measure total and line values" in problems
    assert "duplicate: indicator platforms 2024" in problems


def test_not_a_csv_and_missing_file(tmp_path):
    with pytest.raises(ScenarioError) as info:
        parse_actuals_csv(b"a;b;c\n1;2;3\n")
    assert "first row must be kind,id,year,value,source" in str(info.value)
    with pytest.raises(ScenarioError) as info:
        load_actuals(load_scenario(BASELINE), tmp_path / "none.csv")
    assert "file not found" in str(info.value)


def test_actuals_are_stored_in_the_scenario_file_and_validated_on_load(tmp_path):
    from simulator import save_scenario

    path = tmp_path / "with-actuals.json"
    save_scenario(with_csv(), path)
    assert load_scenario(path).actuals == with_csv().actuals
    data = json.loads(path.read_text(encoding="utf-8"))
    data["actuals"][0]["year"] = 2031
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    assert str(info.value.problems[0]).startswith("actuals.0.year: must be between 2023 and 2028")


def test_conditioned_projection_equals_the_observed_value_in_every_draw():
    scenario = with_csv()
    engine = Engine(scenario, draws=20_000, seed=3)
    results = engine.run()
    path = results.indicator_paths["tech_enterprises"]
    assert np.all(path[1] == 13500) and np.all(path[2] == 15800)
    assert np.all(results.indicator_paths["contract_turnover"][2] == 840)
    assert np.all(results.outlay_draws("line", "m14-first-recognition")[0] == 11200)
    measure_1 = results.outlay_draws("measure", "1")[1]
    np.testing.assert_allclose(measure_1, 5200, rtol=1e-12)
    # totals combine paid and projected money, draw by draw
    np.testing.assert_allclose(
        results.outlay_draws("total"),
        sum(results.outlay_draws("line", line.id) for line in scenario.catalogue.lines),
        rtol=1e-12,
    )


def test_uncertainty_narrows_after_observed_years():
    plain = Engine(load_scenario(BASELINE), draws=20_000, seed=3).run()
    observed = Engine(with_csv(), draws=20_000, seed=3).run()
    for indicator in ("tech_enterprises", "contract_turnover"):

        def spread(r, indicator=indicator):
            return r.indicator(indicator)["p95"][-1] - r.indicator(indicator)["p05"][-1]

        assert spread(observed) < spread(plain)

    def spread_total(r):
        return r.outlay()["p95"][-1] - r.outlay()["p05"][-1]

    assert spread_total(observed) < spread_total(plain)


def test_one_line_update_with_measure_actuals_equals_a_full_rerun():
    scenario = with_csv()
    engine = Engine(scenario, draws=10_000, seed=8)
    engine.run()
    changed = scenario.replace(("lines", "m01-demo", "uptake", "2025"), 9.0)
    after = engine.update(changed, "m01-demo")
    fresh = Engine(changed, draws=10_000, seed=8).run()
    for line in ("m01-demo", "m01-common-tech"):
        np.testing.assert_allclose(
            after.outlay_draws("line", line), fresh.outlay_draws("line", line), rtol=1e-12
        )
    np.testing.assert_allclose(after.outlay_draws("total"), fresh.outlay_draws("total"), rtol=1e-12)


def test_flags_follow_the_thresholds():
    results = Engine(load_scenario(BASELINE), draws=5000, seed=1).run()
    data = results.to_dict()
    thresholds = results.scenario.flag_thresholds
    for target in data["targets"].values():
        p = target["probability"]
        expected = (
            "on_track"
            if p >= thresholds["on_track"]
            else "at_risk"
            if p >= thresholds["at_risk"]
            else "off_track"
        )
        assert target["flag"] == expected


# ------------------------------------------------------------------------- comparison
def test_a_scenario_compared_with_itself_shows_nothing():
    scenario = load_scenario(BASELINE)
    comparison = compare([scenario, scenario], draws=5000)
    assert comparison.differences(1) == []
    delta = comparison.outlay_difference(1)
    for stat in delta.values():
        assert np.all(stat == 0)
    assert all(v == 0 for v in comparison.target_difference(1).values())


def test_run_settings_are_not_assumption_differences():
    a = load_scenario(BASELINE)
    b = a.replace(("simulation", "draws"), 50_000).replace(("simulation", "seed"), 1)
    assert assumption_differences(a, b) == []


def test_differences_are_listed_with_line_year_old_and_new():
    a = load_scenario(BASELINE)
    b = a.replace(("lines", "m01-demo", "uptake", "2026"), 9.0)
    b = b.replace(("uptake_multiplier",), 1.1).replace(("name",), "other name")
    found = assumption_differences(a, b)
    assert [(d.line, d.year, d.field, d.old, d.new) for d in found] == [
        (None, None, "uptake_multiplier", 1.0, 1.1),
        ("m01-demo", "2026", "uptake", 4.0, 9.0),
    ]
    comparison = compare([a, b], draws=5000)
    assert comparison.outlay_difference(1)["mean"][-1] > 0
    # common random numbers: an amount line scaled by the multiplier scales draw by draw
    np.testing.assert_allclose(
        comparison.results[0].outlay_draws("line", "m22-landing-fund") * 1.1,
        comparison.results[1].outlay_draws("line", "m22-landing-fund"),
        rtol=1e-12,
    )


def test_compare_command(capsys, tmp_path):
    code = cli.main(
        [
            "compare",
            str(BASELINE),
            str(ROOT / "scenarios" / "restrained.json"),
            "--draws",
            "3000",
            "--format",
            "json",
            "--charts",
            str(tmp_path / "c"),
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["draws"] == 3000
    name = data["scenarios"][1]
    assert data["outlay_wan"]["difference"][name]["2024-2028"]["mean"] < 0
    assert any(d["field"] == "uptake_multiplier" for d in data["assumption_differences"][name])
    assert (tmp_path / "c" / "compare_total.png").exists()


# ------------------------------------------------------------------------- report
def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_report_is_a_valid_multi_page_pdf(tmp_path, language):
    scenario = with_csv(scenario=load_scenario(ROOT / "scenarios" / "accelerated.json"))
    results = Engine(scenario, draws=3000, seed=1).run()
    out = write_report(results, tmp_path / "report.pdf", language, baseline=load_scenario(BASELINE))
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    charts = 4 + len(scenario.catalogue.indicators)
    differences = len(
        [
            d
            for d in assumption_differences(load_scenario(BASELINE), scenario)
            if not d.path.startswith("actuals")
        ]
    )
    # key figures, charts, the assumptions (30 one-line rows a page; a long name or value
    # wraps, so its row is up to six lines high), the actuals
    fewest = -(-differences // 30)
    backtest = 1  # the backtest page
    budget = 1  # the scenario has investments (measure 22): a page of gross and net
    assumption_pages = _pages(pdf) - (1 + budget + charts + backtest + 1)
    assert fewest <= assumption_pages <= 2 * fewest + 1


def test_report_command_and_unwritable_path(capsys, tmp_path):
    code = cli.main(
        [
            "report",
            str(BASELINE),
            "--out",
            str(tmp_path / "r.pdf"),
            "--draws",
            "2000",
            "--language",
            "en",
        ]
    )
    assert code == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    code = cli.main(
        [
            "report",
            str(BASELINE),
            "--out",
            str(tmp_path / "no" / "r.pdf"),
            "--draws",
            "2000",
            "--language",
            "en",
        ]
    )
    assert code == 2 and "could not save" in capsys.readouterr().err


def test_run_with_actuals_csv(capsys, tmp_path):
    csv_path = tmp_path / "actuals.csv"
    csv_path.write_text(ACTUALS_CSV, encoding="utf-8")
    code = cli.main(
        ["run", str(BASELINE), "--actuals", str(csv_path), "--draws", "2000", "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["indicators"]["tech_enterprises"]["2025"]["p05"] == 15800
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,id,year,value,source\nline,m01-demo,2031,3,x\n", encoding="utf-8")
    code = cli.main(
        ["run", str(BASELINE), "--actuals", str(bad), "--draws", "2000", "--language", "en"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "bad.csv: row 2: year" in err


def test_summary_rows_carry_the_appropriation_exceedance():
    from simulator.present import summary_rows

    scenario = load_scenario(BASELINE).replace(
        ("appropriation",), {"basis": "assumption: test", "wan": {str(y): 160_000.0 for y in YEARS}}
    )
    results = Engine(scenario, draws=4000, seed=2).run()
    rows = summary_rows(results, "en")
    above = [r for r in rows if r and r[0] == "Outlay above the appropriation"]
    exceedance = results.appropriation_exceedance()
    assert [(r[1], r[3]) for r in above] == [(y, round(p, 4)) for y, p in exceedance.items()]
    assert all(r[4] == 16.0 for r in above)  # 亿元
    plain = summary_rows(Engine(load_scenario(BASELINE), draws=2000, seed=2).run(), "en")
    assert not any(r and r[0] == "Outlay above the appropriation" for r in plain)
