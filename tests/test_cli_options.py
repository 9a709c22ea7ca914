"""The command line's own documentation and conventions: every option has help text, every
`--help` states the exit codes, shipped scenarios are found by name from any folder, and CSV
numbers are rounded to their unit's precision."""

import argparse
import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from simulator import load_catalogue
from simulator.cli import qdplan as cli
from simulator.present import UNIT_DECIMALS, in_precision

ROOT = Path(__file__).resolve().parents[1]


def _parsers():
    """(name, parser) of `qdplan`, each of its subcommands, and the app's own parser."""
    from ui.app import build_parser as app_parser

    parser, _ = cli.build_parser()
    out = [("qdplan", parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out += [(f"qdplan {name}", sub) for name, sub in action.choices.items()]
    out.append(("qdplan gui (the app)", app_parser()))
    return out


def test_the_walk_sees_every_command():
    names = {name for name, _ in _parsers()}
    for command in ("run", "validate", "compare", "report", "optimize", "sensitivity", "gui"):
        assert f"qdplan {command}" in names


def test_every_option_and_argument_has_help():
    missing = [
        f"{name}: {'/'.join(action.option_strings) or action.dest}"
        for name, parser in _parsers()
        for action in parser._actions
        if not action.help or action.help == argparse.SUPPRESS or not action.help.strip()
    ]
    assert not missing, missing


@pytest.mark.parametrize("name,parser", _parsers(), ids=lambda x: x if isinstance(x, str) else "")
def test_help_states_the_exit_codes(name, parser):
    text = " ".join(parser.format_help().split())
    if name == "qdplan gui":  # its --help is the app's own (the last parser)
        return
    assert "exit codes: 0 done; 2 bad input" in text, name
    assert "1 internal error" in text, name
    if name != "qdplan gui (the app)":
        assert "130 interrupted" in text, name


def test_editor_option_documents_every_editor_tab():
    from ui.app import EDITOR_TABS, build_parser

    editor = next(a for a in build_parser()._actions if "--editor" in a.option_strings)
    assert list(editor.choices) == list(range(len(EDITOR_TABS))) == [0, 1, 2, 3]
    assert "0-3" in editor.help and "observed values" in editor.help


# ------------------------------------------------------------------ shipped scenarios by name
def test_a_shipped_scenario_is_found_by_name_from_any_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "baseline", "--language", "en"]) == 0
    out = capsys.readouterr().out
    lines = len(load_catalogue().lines)
    assert out.startswith("baseline: valid") and f"{lines} lines" in out
    assert cli.main(["validate", "accelerated"]) == 0
    capsys.readouterr()
    # a file of that name in the folder comes first
    (tmp_path / "baseline").write_text("{}", encoding="utf-8")
    assert cli.main(["validate", "baseline"]) == 2
    assert "baseline: " in capsys.readouterr().err
    # a name that is neither a file nor shipped is a missing file
    assert cli.main(["validate", "optimistic", "--language", "en"]) == 2
    assert "file not found" in capsys.readouterr().err


# ------------------------------------------------------------------ CSV precision
def test_every_unit_of_the_catalogue_has_a_precision():
    catalogue = load_catalogue()
    units = {i.unit for i in catalogue.indicators} | {"万元", "亿元"}
    assert units <= set(UNIT_DECIMALS), units - set(UNIT_DECIMALS)


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        (1234.5678, "万元", 1234.57),
        (-0.004, "万元", 0.0),
        (16.61237, "亿元", 16.6124),
        (799.99996, "亿元", 800.0),
        (21843.4, "家", 21843),
        (199.6, "家", 200),
        (3399.51, "名", 3400),
        (0.123456789, "unknown unit", 0.1235),
    ],
)
def test_in_precision_by_hand(value, unit, expected):
    got = in_precision(value, unit)
    assert got == pytest.approx(expected, abs=1e-12)
    assert isinstance(got, int) == (UNIT_DECIMALS.get(unit) == 0)


def _decimals(text: str) -> int:
    exponent = Decimal(text).as_tuple().exponent
    return max(0, -int(exponent))


#: The CSV's ``quantity`` of each indicator: ASCII, from its unit (README "CSV").
QUANTITY_KEYS = {
    "tech_enterprises": "indicator_enterprises",
    "rd_expenditure": "indicator_yi",
    "platforms": "indicator_platforms",
    "contract_turnover": "indicator_yi",
    "tech_brokers": "indicator_brokers",
}


def test_run_csv_is_rounded_to_each_unit(capsys, tmp_path):
    """Every number of `run --csv` has at most its unit's decimals and is the JSON output's
    full-precision figure rounded (the same run: same draws, seed and sampler)."""
    out_csv = tmp_path / "series.csv"
    args = ["run", "baseline", "--draws", "2000", "--seed", "3", "--quiet"]
    assert cli.main([*args, "--csv", str(out_csv), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"))))
    head, body = rows[0], rows[1:]
    stats = head[6:]
    units = {i.id: i.unit for i in load_catalogue().indicators}
    checked = {"万元": 0, "亿元": 0, "家": 0, "名": 0}
    for row in body:
        quantity, level, key, year = row[0], row[1], row[2], row[5]
        if level == "indicator":
            unit = units[key]
            full = data["indicators"][key][year]
        else:
            unit = "万元"
            group = "total" if level == "total" else f"by_{level}"
            series = data["outlay_wan"][group]
            full = (series if level == "total" else series[key])[year]
        assert quantity == ("outlay_wan" if unit == "万元" else QUANTITY_KEYS[key])
        for name, text in zip(stats, row[6:]):
            assert _decimals(text) <= UNIT_DECIMALS[unit], (row, name, text)
            assert abs(float(text) - full[name]) <= 0.5 * 10 ** -UNIT_DECIMALS[unit] + 1e-9
        checked[unit] += 1
    assert all(checked.values()), checked


def test_summary_csv_money_and_probabilities_are_rounded():
    from simulator import load_scenario, simulate
    from simulator.present import summary_rows

    results = simulate(load_scenario(ROOT / "scenarios" / "baseline.json"), draws=2000, seed=1)
    rows = summary_rows(results, "zh")
    money = [r for r in rows if r and r[0] == "预算支出合计"]
    assert len(money) == 6
    for row in money:
        for value in row[3:]:
            assert _decimals(repr(value)) <= UNIT_DECIMALS[row[2]]
    targets = [r for r in rows if len(r) == 5 and isinstance(r[3], float)]
    # the five headline targets, all five together, and the plan's count targets
    assert len(targets) == 6 + len(results.catalogue.count_targets)
    assert all(re.fullmatch(r"[01]\.\d{1,4}", repr(r[3])) for r in targets)
