"""The budget figures (issue 10 §1, §3) in what a planner reads: `qdplan run` JSON and table,
and the summary table the app and exports show."""

import json
from pathlib import Path

import pytest

from simulator import Engine, load_scenario
from simulator.cli import qdplan as cli
from simulator.present import summary_rows

ROOT = Path(__file__).resolve().parents[1]
RESTRAINED = str(ROOT / "scenarios" / "restrained.json")


def run(capsys, *args):
    code = cli.main(list(args))
    out, _ = capsys.readouterr()
    return code, out


def test_run_json_has_rationing_and_investment_figures(capsys):
    code, out = run(capsys, "run", RESTRAINED, "--draws", "3000", "--seed", "5", "--format", "json")
    assert code == 0
    data = json.loads(out)
    rationing = data["rationing"]
    assert rationing["policy"] == "proportional" and rationing["active"]
    assert set(rationing["probability_by_year"]) == {str(y) for y in data["years"]}
    assert {"mean", "p05", "p50", "p95"} <= set(rationing["backlog_end_2028_wan"])
    line = rationing["by_line"]["m14-first-recognition"]
    for year in ("2025", "2028"):
        assert line["funded_wan"][year] <= line["requested_wan"][year] + 1e-6
        assert line["funded_awards"][year] <= line["requested_awards"][year] + 1e-9
    for year in map(str, data["years"]):
        assert data["outlay_wan"]["total"][year]["p95"] <= data["appropriation_wan"][year] * (
            1 + 1e-12
        )
    investments = data["investments"]
    assert investments["lines"] == ["m22-equity-investment", "m22-landing-fund"]
    for year in ("2026", "2024-2028"):
        gross = investments["gross_wan"][year]["mean"]
        returned = investments["returns_wan"][year]["mean"]
        assert investments["net_wan"][year]["mean"] == pytest.approx(gross - returned)
        assert gross == data["outlay_wan"]["total"][year]["mean"]


def test_run_table_and_summary_show_gross_net_and_rationing(capsys):
    code, out = run(capsys, "run", RESTRAINED, "--draws", "3000", "--language", "en")
    assert code == 0
    assert "Net fiscal cost" in out and "P(rationed)" in out
    assert "Waiting at the end of 2028" in out
    results = Engine(load_scenario(RESTRAINED), draws=3000, seed=1).run()
    rows = summary_rows(results, "en")
    items = {row[0] for row in rows if row}
    assert "Waiting at the end of 2028" in items
    assert any(str(item).startswith("Paid within the appropriation") for item in items)
    assert any(str(item).startswith("Gross and net outlay") for item in items)
