"""Exported data must not execute (issue 11; OWASP "CSV injection"): no cell of a CSV or
tab-separated export can start a spreadsheet formula, and numbers stay numbers.

The rule (``simulator.present.safe_cell``): ints and floats are written as they are, however
negative; text that begins with ``=``, ``+``, ``-``, ``@``, tab, CR or LF (also after leading
spaces, and their full-width forms) gets a leading ``'``, unless the text is a plain number
such as ``-5`` or ``-1,200.5``, which a spreadsheet reads as that number. The checks below
decide "could run" on their own, from that list of characters.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import Engine, load_scenario, save_scenario
from simulator.cli import qdplan as cli
from simulator.model import add_own_line, formula_unquoted, own_line_entry, template
from simulator.present import (
    detail_rows,
    rows_to_csv_bytes,
    rows_to_tsv,
    safe_cell,
    summary_rows,
    write_csv,
)

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"

STARTERS = "=+-@\t\r\n＝＋－＠"
# what a spreadsheet reads as a number: sign, digits (commas anywhere), point, exponent, %
NUMBER = re.compile(r"\s*[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?\s*")


LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def could_run(cell: str) -> bool:
    """True when a spreadsheet could take the cell for a formula."""
    starts = any(c in STARTERS for c in (cell[:1], cell.lstrip()[:1]) if c)
    return starts and not NUMBER.fullmatch(cell)


def csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def tsv_cells(text: str) -> list[list[str]]:
    """Cells as a spreadsheet pastes them: any line break ends a row, a tab ends a cell."""
    assert text.endswith("\n")
    return [line.split("\t") for line in LINE_BREAK.split(text[:-1])]


def assert_safe(rows: list[list[str]]) -> None:
    bad = [cell for row in rows for cell in row if could_run(cell)]
    assert not bad, bad


# hostile text: anything, often starting with a formula character, a space or a quote
HOSTILE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from([*STARTERS, " ", "'", "''", " \t", "\u3000"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    ),
    st.sampled_from(
        [
            "=1+1",
            '=HYPERLINK("http://x","y")',
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
            " =1",
            "'=1",
            "-5",
            "-1,200.5",
            "＝1+1",
        ]
    ),
)
CELLS = st.one_of(
    HOSTILE,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
)


# ------------------------------------------------------------------ the rule, by hand
@pytest.mark.parametrize(
    "value,written",
    [
        ("=1+1", "'=1+1"),
        ("+1", "+1"),  # a plain number: read as 1, runs nothing
        ("+1.2 pp", "'+1.2 pp"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\n=1", "'\n=1"),
        ("  =1", "'  =1"),
        ("＝1", "'＝1"),
        ("－1", "'－1"),  # full-width minus: not a number to a spreadsheet
        ("'=1", "''=1"),  # already quoted text keeps its own quote
        ("'abc", "'abc"),
        ("-5", "-5"),  # decided: text that is a plain number stays unquoted
        ("-1,200.5", "-1,200.5"),
        ("-12.5%", "-12.5%"),
        ("-1e-05", "-1e-05"),
        ("abc", "abc"),
        ("1-1", "1-1"),
        ("", ""),
        (None, ""),
        (-5, -5),  # numbers stay numbers
        (-0.25, -0.25),
        (float("-inf"), "'-inf"),
        (True, "True"),
    ],
)
def test_the_neutralisation_rule(value, written):
    assert safe_cell(value) == written
    if isinstance(written, str) and isinstance(value, str):
        assert formula_unquoted(written) == value  # what the actuals reader restores


def test_numbers_in_a_csv_are_written_bare():
    data = rows_to_csv_bytes([["x", -5, -0.25, 12, "-5", "=1"]])
    assert data == b"\xef\xbb\xbfx,-5,-0.25,12,-5,'=1\r\n"
    assert rows_to_tsv([["x", -5, -0.25, "=1", "a\tb\r\nc"]]) == "x\t-5\t-0.25\t'=1\ta b  c\n"


# ------------------------------------------------------------------ the writers
@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.lists(CELLS, max_size=6), min_size=1, max_size=6))
def test_no_csv_or_tsv_cell_can_start_a_formula(rows):
    cells = csv_cells(rows_to_csv_bytes(rows))
    assert_safe(cells)
    # nothing is lost: the text reads back (after the quote comes off), numbers as numbers
    assert len(cells) == len(rows)
    for row, back in zip(rows, cells):
        if not row:
            assert back == []
            continue
        assert len(back) == len(row)
        for value, cell in zip(row, back):
            if isinstance(value, str):
                assert formula_unquoted(cell) == value
            else:
                assert float(cell) == value
    pasted = tsv_cells(rows_to_tsv(rows))
    assert_safe(pasted)
    assert [len(r) for r in pasted] == [max(len(r), 1) for r in rows]
    for row, back in zip(rows, pasted):
        for value, cell in zip(row, back):
            if not isinstance(value, str):
                assert float(cell) == value


# ------------------------------------------------------------------ every path of the model
BASE = load_scenario(BASELINE)


def hostile_scenario(name, description, name_zh, name_en, source):
    entry = own_line_entry(
        BASE, 19, {"name_zh": "x", "name_en": "x", "department": "市科技局", "amount": 500}
    )
    entry.update(name_zh=name_zh, name_en=name_en)  # as a received file may have them
    scenario = add_own_line(BASE, entry)
    scenario = scenario.replace(("name",), name).replace(("description",), description)
    actual = {"kind": "line", "id": entry["id"], "year": 2024, "value": 480, "source": source}
    scenario = scenario.replace(("actuals",), [actual])
    return scenario.replace(("simulation", "draws"), 64)


TEXT = HOSTILE.filter(lambda t: t.strip() != "")


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=TEXT, description=TEXT, name_zh=TEXT, name_en=TEXT, source=TEXT)
def test_planner_text_reaches_no_export_as_a_formula(
    tmp_path, capsys, name, description, name_zh, name_en, source
):
    """Names, descriptions, own lines' names and actuals sources through the command line's
    `run --csv` and `actuals-template`, and the summary and detail tables as CSV and TSV."""
    scenario = hostile_scenario(name, description, name_zh, name_en, source)
    path = tmp_path / "hostile.json"
    save_scenario(scenario, path)
    out = tmp_path / "series.csv"
    code = cli.main(["run", str(path), "--csv", str(out), "--format", "json", "--quiet"])
    assert code == 0, capsys.readouterr().err
    json.loads(capsys.readouterr().out)
    cells = csv_cells(out.read_bytes())
    assert_safe(cells)
    own = [row for row in cells if row[2] == "own-m19-1"]
    assert own and all(
        formula_unquoted(r[3]) == name_zh and formula_unquoted(r[4]) == name_en for r in own
    )
    assert cli.main(["actuals-template", str(path)]) == 0
    assert_safe(list(csv.reader(io.StringIO(capsys.readouterr().out))))
    results = Engine(scenario, draws=64, seed=1).run()
    for rows in (summary_rows(results, "zh"), summary_rows(results, "en"), detail_rows(results)):
        assert_safe(csv_cells(rows_to_csv_bytes(rows)))
        assert_safe(tsv_cells(rows_to_tsv(rows)))
    write_csv(detail_rows(results), tmp_path / "again.csv")
    assert_safe(csv_cells((tmp_path / "again.csv").read_bytes()))


def test_the_template_holds_only_ids_the_scenario_checks():
    """`qdplan actuals-template` writes kinds, ids and years, never planner text: own lines'
    ids are checked against own-[a-z0-9-]+, so no cell can start a formula."""
    scenario = hostile_scenario("=1", "=2", "=3", "-4+4", "@5")
    cells = list(csv.reader(io.StringIO(template(scenario))))
    assert_safe(cells)
    assert ["line", "own-m19-1", "2024", "", ""] in cells
