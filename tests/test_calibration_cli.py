"""`qdplan calibrate` and `qdplan backtest` from the command line: a planner's own history
drives the fit and the bases; bad input is exit 2 with the problem named."""

from __future__ import annotations

import json
import math
from pathlib import Path

from simulator import load_scenario
from simulator.cli import qdplan as cli
from simulator.model import HISTORY_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
BASELINE = str(ROOT / "scenarios" / "baseline.json")


def run(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def own_history(tmp_path, rows):
    """A history CSV of (id, year, value) rows with the other columns filled in."""
    lines = [",".join(HISTORY_COLUMNS)]
    unit = {"tech_brokers": "名", "rd_expenditure": "亿元"}
    for ident, year, value in rows:
        cells = {
            "id": ident,
            "year": str(year),
            "value": str(value),
            "unit": unit[ident],
            "definition": "test",
            "publisher": "test bureau",
            "title": "test bulletin",
            "date": "2024-01-01",
            "url": "",
            "used": "yes",
            "note": "",
        }
        lines.append(",".join(cells[c] for c in HISTORY_COLUMNS))
    path = tmp_path / "own.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_calibrate_fits_a_planners_own_history_and_says_so(capsys, tmp_path):
    # brokers growing exactly 10 % a year: trend ln 1.1, noise 0
    history = own_history(
        tmp_path,
        [("tech_brokers", y, round(1000 * 1.1 ** (y - 2018), 6)) for y in range(2018, 2024)],
    )
    out_file = tmp_path / "calibrated.json"
    code, out, err = run(capsys, "calibrate", BASELINE, "--history", history, "--save", out_file)
    assert code == 0, err
    assert "tech_brokers" in out and "2018–2023" in out
    scenario = load_scenario(out_file)
    a = scenario.indicator_assumptions("tech_brokers")
    assert a["start"]["year"] == 2023
    assert a["start"]["value"] == round(1000 * 1.1**5, 6)
    assert math.isclose(a["trend"]["mean"], math.log(1.1), abs_tol=1e-6)
    assert a["noise"]["sd"] < 1e-6
    assert "tech_brokers" in a["start"]["basis"] and "test bureau" in a["start"]["basis"]
    assert "2018, 2019, 2020, 2021, 2022, 2023" in a["trend"]["basis"]
    # an indicator without history keeps its assumptions, and its basis says why
    before = load_scenario(BASELINE).indicator_assumptions("platforms")
    after = scenario.indicator_assumptions("platforms")
    # in Chinese, then in English in brackets, before the planner's own basis
    assert after["basis"].startswith("未校准:历史数据中没有该序列截至2023年的数值")
    assert "(not calibrated: the history has no figure of this series up to 2023;" in after["basis"]
    assert after["basis"].endswith(before["basis"].split(" —— ")[-1])
    assert "由历史序列 tech_brokers 校准" in a["start"]["basis"]
    # calibrating again replaces the note (also one written in English only, by version 0.x)
    older = scenario.data
    older["indicators"]["platforms"]["basis"] = (
        "not calibrated: the history has no figure of this series up to 2022; the start, trend "
        "and noise stay the planner's: own words"
    )
    older_file = tmp_path / "older.json"
    older_file.write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "calibrate", older_file, "--history", history, "--save", out_file)
    assert code == 0, err
    again = load_scenario(out_file).indicator_assumptions("platforms")["basis"]
    assert again.count("not calibrated") == 1 and again.endswith(" —— own words"), again
    assert {k: after[k] for k in ("start", "trend", "noise", "effects")} == {
        k: before[k] for k in ("start", "trend", "noise", "effects")
    }
    # … unless a persistence is given for what the data cannot estimate
    code, _, err = run(
        capsys,
        "calibrate",
        BASELINE,
        "--history",
        history,
        "--persistence",
        0.7,
        "--save",
        out_file,
    )
    assert code == 0, err
    assert load_scenario(out_file).indicator_assumptions("platforms")["noise"]["persistence"] == 0.7


def test_calibrate_as_of_uses_only_earlier_data(capsys, tmp_path):
    history = own_history(
        tmp_path, [("rd_expenditure", y, 100.0 + 10 * (y - 2015)) for y in range(2015, 2024)]
    )
    out_file = tmp_path / "c.json"
    code, _, err = run(
        capsys, "calibrate", BASELINE, "--history", history, "--as-of", 2019, "--save", out_file
    )
    assert code == 0, err
    start = load_scenario(out_file).indicator_assumptions("rd_expenditure")["start"]
    assert (start["year"], start["value"]) == (2019, 140.0)


def test_calibrate_refuses_an_as_of_year_after_the_plan_starts(capsys, tmp_path):
    code, _, err = run(
        capsys, "calibrate", BASELINE, "--as-of", 2025, "--save", tmp_path / "x", "--language", "en"
    )
    assert code == 2 and "--as-of" in err and "actuals" in err


def test_calibrate_reports_a_bad_history_file(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,year\nx,1\n", encoding="utf-8")
    code, _, err = run(capsys, "calibrate", BASELINE, "--history", bad, "--save", tmp_path / "x")
    assert code == 2 and err


def test_backtest_table_json_and_charts(capsys, tmp_path):
    rows = [("tech_brokers", y, round(1000 * 1.08 ** (y - 2010), 3)) for y in range(2010, 2024)]
    history = own_history(tmp_path, rows)
    code, out, err = run(
        capsys, "backtest", "--history", history, "--from", 2015, "--to", 2020, "--format", "json"
    )
    assert code == 0, err
    document = json.loads(out)
    assert (document["first_origin"], document["last_origin"]) == (2015, 2020)
    brokers = document["indicators"]["tech_brokers"]
    # origins 2015…2020, each scored on every later year up to 2023
    assert brokers["model"]["n"] == sum(2023 - o for o in range(2015, 2021))
    assert brokers["origins"] == list(range(2015, 2021))
    assert document["indicators"]["platforms"]["model"] is None
    code, out, err = run(
        capsys, "backtest", "--history", history, "--language", "en", "--charts", tmp_path / "c"
    )
    assert code == 0 and "random walk + drift" in out
    written = {p.name for p in (tmp_path / "c").iterdir()}
    assert "backtest-tech_brokers.png" in written and len(written) == 5


def test_backtest_from_after_to_is_bad_input(capsys):
    code, _, err = run(capsys, "backtest", "--from", 2020, "--to", 2015)
    assert code == 2 and "--from" in err


def test_backtest_of_every_series_leaves_out_those_without_held_out_points(capsys, tmp_path):
    """The headline table names each indicator, scored or not ("no held-out points"); with
    --all-series (every series of the history, as the README's second table) a series
    without held-out points has no row."""
    rows = [("tech_brokers", y, round(1000 * 1.08 ** (y - 2010), 3)) for y in range(2010, 2024)]
    rows += [("rd_expenditure", y, 300.0 + y - 2020) for y in (2021, 2022)]  # too short
    history = own_history(tmp_path, rows)
    args = ("backtest", "--history", history, "--language", "en")
    code, headline, err = run(capsys, *args)
    assert code == 0, err
    assert headline.count("no held-out points") == 4  # the four other headline indicators
    code, every, err = run(capsys, *args, "--all-series")
    assert code == 0, err
    assert "no held-out points" not in every and "R&D" not in every
    assert "Technology brokers" in every and "R&D" in headline
