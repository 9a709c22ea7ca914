"""Observed values are read exactly or refused (issue 11): the one number parser
(``simulator.model.parse_number``) and the actuals CSV reader.

Each failure class below was misread with exit 0 before the parser was made strict: a decimal
comma gave a value ten times too large, an unquoted thousands separator shifted digits into
the next column, extra cells vanished and an unterminated quote swallowed the rows after it.
The expected values are worked out by hand from the accepted forms in the README.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from simulator import ScenarioError, load_scenario
from simulator.cli import qdplan as cli
from simulator.model import NumberError, apply_actuals_csv, parse_actuals_csv, parse_number
from simulator.model.actuals import load_actuals

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"
HEADER = "kind,id,year,value,source\n"
BASE = load_scenario(BASELINE)


def problems_of(text: str) -> list[str]:
    """The problems `load_actuals` reports for this CSV text (the file name is a.csv)."""
    with pytest.raises(ScenarioError) as info:
        parse_actuals_csv(text.encode("utf-8"), "a.csv")
    return [str(p) for p in info.value.problems]


def cli_run(tmp_path, text: str, capsys, command: str = "run") -> tuple[int, str]:
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode("utf-8"))
    args = [command, str(BASELINE), "--actuals", str(path), "--draws", "200", "--language", "en"]
    if command == "report":
        args += ["--out", str(tmp_path / "r.pdf")]
    code = cli.main(args)
    return code, capsys.readouterr().err


# ------------------------------------------------------------------ the accepted forms
@pytest.mark.parametrize(
    "text,value",
    [
        ("15800", 15800),
        ("-3", -3),
        ("+7", 7),
        (" 420.5 ", 420.5),  # spaces around are ignored
        ("0.25", 0.25),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        ("15.800", 15.8),  # the point is always the decimal point
        ("15,800", 15800),  # thousands separators: groups of exactly three digits
        ("1,234,567.25", 1234567.25),
        ("-15,800", -15800),
        ("１５，８００", 15800),  # full-width forms are read as their half-width twins
        ("－３．５", -3.5),
        ("0", 0),
        ("007", 7),
        ("0" * 5000 + "12", 12),  # leading zeros do not count against Python's digit limit
        ("-0", 0),
    ],
)
def test_accepted_forms_read_exactly(text, value):
    got = parse_number(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("1,5", "a comma is read only between groups of three digits"),  # decimal comma
        ("0,500", "a comma is read only between groups of three digits"),
        ("1,50", "a comma is read only between groups of three digits"),
        ("1,5000", "a comma is read only between groups of three digits"),
        ("15,80,0", "a comma is read only between groups of three digits"),
        ("1,234e3", "a comma is read only between groups of three digits"),
        ("15 800", "must be a number"),
        ("15_800", "must be a number"),
        ("15'800", "must be a number"),
        ("١٥", "must be a number"),  # Arabic-Indic digits (Python's int() reads them)
        ("¥15800", "must be a number"),
        ("15%", "must be a number"),
        ("nan", "must be a finite number"),
        ("-inf", "must be a finite number"),
        ("Infinity", "must be a finite number"),
        ("1e400", "too large"),
        ("-" + "9" * 400, "too large"),
        ("1e-400", "too small"),
        ("", "must be a number"),
        ("lots", "must be a number"),
    ],
)
def test_refused_forms_say_why(text, reason):
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert reason in str(info.value)
    assert f'got "{text.strip()[:20]}' in str(info.value)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_written_by_python_reads_back_exactly(value):
    assert parse_number(repr(value)) == value


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_every_integer_reads_back_with_and_without_separators(value):
    assert parse_number(str(value)) == value
    assert parse_number(f"{value:,}") == value


# ------------------------------------------------------------------ the CSV file
def test_a_decimal_comma_is_refused_with_row_and_column(tmp_path, capsys):
    # before: "1,5" in a quoted cell lost its comma and read as 15, ten times too large
    text = HEADER + 'indicator,tech_enterprises,2025,"1,5",统计公报\n'
    (problem,) = problems_of(text)
    assert problem.startswith('a.csv: row 2: value: must be a number, got "1,5"')
    code, err = cli_run(tmp_path, text, capsys)
    assert code == 2 and 'a.csv: row 2: value: must be a number, got "1,5"' in err


def test_an_unquoted_thousands_separator_is_refused(tmp_path, capsys):
    # before: the value read as 15 and "800" became the source
    text = HEADER + "indicator,tech_enterprises,2025,15,800,统计公报\n"
    (problem,) = problems_of(text)
    assert problem.startswith("a.csv: row 2: 6 cells, but the first row has 5")
    assert "column 6" in problem
    code, err = cli_run(tmp_path, text, capsys)
    assert code == 2 and "a.csv: row 2: 6 cells" in err


def test_extra_cells_are_an_error_not_dropped(tmp_path, capsys):
    text = HEADER + "line,m01-demo,2025,100,财政决算,also this\n"
    (problem,) = problems_of(text)
    assert problem.startswith("a.csv: row 2: 6 cells, but the first row has 5")
    code, err = cli_run(tmp_path, text, capsys, "report")
    assert code == 2 and "a.csv: row 2: 6 cells" in err
    assert not (tmp_path / "r.pdf").exists()


def test_missing_cells_are_an_error(tmp_path, capsys):
    text = HEADER + "line,m01-demo,2025,100\n"
    (problem,) = problems_of(text)
    assert problem.startswith("a.csv: row 2: 4 cells, but the first row has 5")
    assert "source (column 5)" in problem


def test_an_unterminated_quote_is_refused(tmp_path, capsys):
    # before: the source ran to the end of the file and swallowed the 2026 row
    text = HEADER + 'line,m01-demo,2025,100,"财政决算\nline,m01-demo,2026,200,财政决算\n'
    (problem,) = problems_of(text)
    assert problem.startswith("a.csv: row 2: source: the double quote that opens this cell")
    assert "never closed" in problem
    code, err = cli_run(tmp_path, text, capsys)
    assert code == 2 and "a.csv: row 2: source:" in err


def test_text_after_a_closing_quote_is_refused():
    text = HEADER + 'line,m01-demo,2025,"100"0,财政决算\n'
    (problem,) = problems_of(text)
    assert problem.startswith("a.csv: row 2: value: text after the closing double quote")


@pytest.mark.parametrize(
    "value,reason",
    [
        ("1_000", "must be a number"),  # Python's int() reads 1000
        ("١٥", "must be a number"),  # Python's int() reads 15
        ("1e-400", "too small"),  # Python's float() reads 0.0
        ('"0,500"', "a comma is read only between groups of three digits"),  # was 500
        ("nan", "must be a finite number"),
        ("1e400", "too large"),
    ],
)
def test_other_unclear_numbers_are_refused_with_row_and_column(value, reason):
    (problem,) = problems_of(HEADER + f"line,m01-demo,2025,{value},财政决算\n")
    assert problem.startswith("a.csv: row 2: value: ") and reason in problem


def test_a_bad_year_is_named_with_its_column():
    (problem,) = problems_of(HEADER + "line,m01-demo,2025.5.1,100,财政决算\n")
    assert problem.startswith('a.csv: row 2: year: must be a number, got "2025.5.1"')


def test_every_problem_is_listed_at_once_by_row(tmp_path, capsys):
    text = (
        HEADER
        + 'indicator,tech_enterprises,2025,"1,5",a\n'  # row 2: decimal comma
        + "line,m01-demo,2025,15,800,b\n"  # row 3: six cells
        + "indicator,platforms,2030,150,c\n"  # row 4: year out of range (the model's check)
        + "line,m01-demo,2026,100,d\n"  # row 5: fine
        + 'line,m01-demo,2027,"x,y\n'  # row 6: unterminated quote (runs to the end)
    )
    scenario = load_scenario(BASELINE)
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_actuals(scenario, path)
    rows = [re.match(r"a\.csv: row (\d+)", str(p)) for p in info.value.problems]
    assert [int(m[1]) for m in rows if m] == [2, 3, 4, 6]
    code, err = cli_run(tmp_path, text, capsys)
    assert code == 2 and len(err.strip().splitlines()) == 4


def test_blank_rows_and_unfilled_rows_are_still_skipped():
    text = HEADER + "\n,,,,\nline,m01-demo,2025,,to come\n" + 'line,m01-demo,2026,"15,800",b\n'
    (entry,) = parse_actuals_csv(text.encode("utf-8"))
    assert entry["value"] == 15800 and entry["year"] == 2026


def test_a_wider_header_sets_the_cell_count():
    """The app's template adds name and unit columns (ignored); rows must match it."""
    text = "kind,id,year,value,source,name,unit\nline,m01-demo,2025,100,b,示范,万元\n"
    (entry,) = parse_actuals_csv(text.encode("utf-8"))
    assert entry["value"] == 100
    (problem,) = problems_of("kind,id,year,value,source,name,unit\nline,m01-demo,2025,100,b\n")
    assert problem.startswith("a.csv: row 2: 5 cells, but the first row has 7")


def test_good_files_read_as_before(tmp_path, capsys):
    text = (
        "\ufeff"
        + HEADER.replace("\n", "\r\n")
        + 'indicator,tech_enterprises,2025,"15,800","统计公报, 2025"\r\n'
        + "line,m14-first-recognition,2024,11200.5,财政决算\r\n"
    )
    entries = parse_actuals_csv(text.encode("utf-8"))
    assert [(e["value"], e["source"]) for e in entries] == [
        (15800, "统计公报, 2025"),
        (11200.5, "财政决算"),
    ]
    code, err = cli_run(tmp_path, text, capsys)
    assert code == 0, err


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=6))
def test_the_reader_splits_cells_like_the_standard_writer_writes_them(cells):
    """Any row the csv module writes (quotes, commas, line breaks inside cells) reads back
    cell for cell."""
    assume(all(not source.strip().startswith("'") for _, _, source in cells))
    rows = [[kind, ident, "2025", "1", source] for kind, ident, source in cells]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["kind", "id", "year", "value", "source"], *rows])
    entries = parse_actuals_csv(buffer.getvalue().encode("utf-8"))
    assert [(e["kind"], e["id"], e["year"], e["value"], e["source"]) for e in entries] == [
        (kind.strip(), ident.strip(), 2025, 1, source.strip()) for kind, ident, source in cells
    ]


def test_a_run_reads_the_values_exactly(tmp_path, capsys):
    text = HEADER + 'indicator,tech_enterprises,2025,"15,800",统计公报\n'
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    code = cli.main(
        ["run", str(BASELINE), "--actuals", str(path), "--draws", "200", "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["indicators"]["tech_enterprises"]["2025"]["p05"] == 15800


CSV_PIECES = st.sampled_from(
    ['"', ",", "\n", "\r", "\r\n", '""', "1,5", "15,800", "line", "m01-demo", "2025", " ", "x"]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(st.binary(max_size=200), st.lists(CSV_PIECES, max_size=40).map("".join)))
def test_any_file_is_read_or_refused_never_a_traceback(body):
    content = body if isinstance(body, bytes) else (HEADER + body).encode("utf-8")
    try:
        apply_actuals_csv(BASE, content, "a.csv")
    except ScenarioError as exc:
        assert exc.problems and all(str(p).startswith("a.csv: ") for p in exc.problems)
