"""Actuals files as they arrive from offices: the encodings and line ends Excel and WPS write
(UTF-8 with and without a byte-order mark, GB18030/GBK from Chinese Windows, CR LF, bare CR),
quoted thousands separators, full-width digits, headings typed by hand, text cells an export
quoted against formulas; and where each value lands in the scenario. Expected values are
the numbers written in the files."""

from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pytest

from simulator import ScenarioError, load_scenario
from simulator.model import apply_actuals_csv, parse_actuals_csv, parse_number
from simulator.model.actuals import csv_records, load_actuals, template, with_actuals
from simulator.model.numbers import (
    formula_quoted,
    formula_unquoted,
    is_number_text,
    significant,
    starts_formula,
)

ROOT = Path(__file__).resolve().parents[1]
BASE = load_scenario(ROOT / "scenarios" / "baseline.json")
ROWS = [
    "kind,id,year,value,source",
    'indicator,tech_enterprises,2024,"13,500",青岛市统计公报 2024',
    "line,m14-first-recognition,2024,11200.5,财政决算",
    'measure,1,2025,"1,234,567.25","决算, 第二册"',
]
EXPECTED = [
    ("indicator", "tech_enterprises", 2024, 13500, "青岛市统计公报 2024"),
    ("line", "m14-first-recognition", 2024, 11200.5, "财政决算"),
    ("measure", "1", 2025, 1234567.25, "决算, 第二册"),
]


def entries_of(content: bytes | str) -> list[tuple]:
    return [
        (e["kind"], e["id"], e["year"], e["value"], e["source"])
        for e in parse_actuals_csv(content, "a.csv")
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16-as-refused"])
def test_encodings_and_line_ends_of_real_files(encoding, end):
    text = end.join(ROWS) + end
    if encoding == "utf-16-as-refused":
        with pytest.raises(ScenarioError) as info:
            parse_actuals_csv(text.encode("utf-16"), "a.csv")
        assert str(info.value.problems[0]) == "a.csv: not UTF-8 or GB18030 text"
        return
    content = text.encode(encoding)
    assert entries_of(content) == EXPECTED
    # a file without a line end after its last row reads the same
    assert entries_of(content.rstrip(b"\r\n")) == EXPECTED


def test_text_input_with_a_byte_order_mark():
    text = "\ufeff" + "\n".join(ROWS)
    assert entries_of(text) == EXPECTED
    assert entries_of("\n".join(ROWS)) == EXPECTED


def test_headings_typed_by_hand_and_full_width_numbers():
    text = (
        " Kind , ID ,YEAR, Value ,Source\n"
        "indicator,platforms,２０２５,１２３．５,公报\n"
        'line,m01-demo,2026,"－１，２００",x\n'
        " line , m01-demo ,2027, 7 , y \n"
    )
    assert entries_of(text.encode("gb18030")) == [
        ("indicator", "platforms", 2025, 123.5, "公报"),
        ("line", "m01-demo", 2026, -1200, "x"),
        ("line", "m01-demo", 2027, 7, "y"),
    ]


def test_text_quoted_against_formulas_reads_back_as_written():
    source = "=HYPERLINK(1)"
    written = formula_quoted(source)
    assert written == "'=HYPERLINK(1)"
    text = f"kind,id,year,value,source\nline,m01-demo,2025,5,{written}\n'line,'x,2025,5,'plain\n"
    (first, second) = parse_actuals_csv(text.encode("utf-8"))
    assert first["source"] == source
    assert (second["kind"], second["id"], second["source"]) == ("'line", "'x", "'plain")


@pytest.mark.parametrize(
    "text,formula",
    [
        ("=1", True),
        ("+1", False),
        ("+1x", True),
        ("-5", False),
        ("-5%", False),
        ("-x", True),
        ("@a", True),
        ("  =1", True),
        (" 5", False),
        ("\t1", False),
        ("\tx", True),
        ("", False),
        ("a=1", False),
        ("＝1", True),
        ("'=1", False),
        ("'abc", False),
    ],
)
def test_what_a_spreadsheet_would_run(text, formula):
    assert starts_formula(text) is formula
    quoted = formula_quoted(text)
    # text already quoted against a formula ('=1) gets one more quote, so that it reads back
    already = text.startswith("'") and starts_formula(text.lstrip("'"))
    assert quoted == ("'" + text if formula or already else text)
    assert formula_unquoted(quoted) == text


def test_number_text_includes_percent_but_not_other_forms():
    assert is_number_text(" 15,800 ") and is_number_text("-12.5%") and is_number_text("1e3")
    assert not is_number_text("12%%") and not is_number_text("%") and not is_number_text("1 2")


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,000", 1000),
        ("999,999,999", 999999999),
        ("1,000.5", 1000.5),
        ("+1,000", 1000),
        ("0.000", 0.0),
        ("00", 0),
        ("-0.0", 0.0),
        ("1E+2", 100.0),
        ("1e-300", 1e-300),
    ],
)
def test_more_accepted_forms(text, value):
    got = parse_number(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    "text",
    [
        "1,000,00",
        "1000,000",
        ",100",
        "100,",
        "0,100",
        "1,,000",
        "1.000,5",
        "1,000e3",
        "- 5",
        "5-",
        "e5",
        "1e",
        ".",
    ],
)
def test_forms_that_could_be_misread_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_the_reader_follows_rfc_4180():
    text = 'a,"b ""q"" c",d\r\n"x\r\ny",,"",\n"open'
    records = list(csv_records(text))
    assert records == [
        (["a", 'b "q" c', "d"], None),
        (["x\r\ny", "", "", ""], None),
        (["open"], (0, "unclosed")),
    ]
    assert list(csv_records('"a"b,c\n')) == [(["ab", "c"], (0, "after quote"))]
    assert list(csv_records("")) == []
    assert list(csv_records("\n\n")) == [([""], None), ([""], None)]


def test_problems_name_the_row_and_column_in_the_order_of_the_file():
    text = (
        "kind,id,year,value,source\n"
        "line,m01-demo,2025,1,5,x\n"  # row 2: an unquoted comma
        'line,m01-demo,20x5,"1,5",x\n'  # row 3: year and value
        'line,m01-demo,2025,"3"x,x\n'  # row 4: text after a quote
        "line,m01-demo\n"  # row 5: short
    )
    with pytest.raises(ScenarioError) as info:
        parse_actuals_csv(text.encode("utf-8"), "f.csv")
    problems = [str(p) for p in info.value.problems]
    assert [p.split(":")[1].strip() for p in problems] == [
        "row 2",
        "row 3",
        "row 3",
        "row 4",
        "row 5",
    ]
    assert problems[0].startswith("f.csv: row 2: 6 cells, but the first row has 5")
    assert problems[1].startswith("f.csv: row 3: year: must be a number")
    assert problems[2].startswith('f.csv: row 3: value: must be a number, got "1,5"')
    assert problems[3].startswith("f.csv: row 4: value: text after the closing double quote")
    assert problems[4] == (
        "f.csv: row 5: 2 cells, but the first row has 5: missing year (column 3), "
        "value (column 4), source (column 5)"
    )


def test_a_file_that_is_not_an_actuals_csv():
    for content, message in (
        (b"", "a.csv: the file is empty"),
        (
            b"kind,id,year\n",
            "a.csv: the first row must be kind,id,year,value,source, got kind,id,year",
        ),
        (b'"kind,id,year,value,source\n', "a.csv: the first row must be"),
        (
            b"kind,id,year,value,source,note,Value\nline,m01-demo,2024,5,x,,7\n",
            "a.csv: column 7 of the first row repeats the heading value (only the first "
            "value column would be read); rename or remove it",
        ),
    ):
        with pytest.raises(ScenarioError) as info:
            parse_actuals_csv(content, "a.csv")
        assert str(info.value.problems[0]).startswith(message)


def test_values_land_in_the_scenario_and_replace_the_same_kind_id_and_year():
    text = "\n".join(ROWS) + "\n"
    scenario, count = apply_actuals_csv(BASE, text.encode("gb18030"), "a.csv")
    assert count == 3
    stored = [(a["kind"], a["id"], a["year"], a["value"]) for a in scenario.actuals]
    assert stored == [(k, i, y, v) for k, i, y, v, _ in EXPECTED]
    again = "kind,id,year,value,source\nline,m14-first-recognition,2024,9000,revised\n"
    updated, count = apply_actuals_csv(scenario, again.encode("utf-8"), "b.csv")
    assert count == 1
    values = {(a["kind"], a["id"], a["year"]): (a["value"], a["source"]) for a in updated.actuals}
    assert values[("line", "m14-first-recognition", 2024)] == (9000, "revised")
    assert values[("indicator", "tech_enterprises", 2024)] == (13500, "青岛市统计公报 2024")
    assert len(updated.actuals) == 3
    replaced, _ = apply_actuals_csv(scenario, again.encode("utf-8"), "b.csv", replace=True)
    assert [(a["id"], a["value"]) for a in replaced.actuals] == [("m14-first-recognition", 9000)]


def test_values_the_scenario_refuses_are_reported_by_row():
    text = (
        "kind,id,year,value,source\n"
        "line,m01-demo,2025,5,ok\n"
        "\n"
        "line,m01-demo,2031,5,late\n"
        "line,no-such-line,2025,5,x\n"
    )
    with pytest.raises(ScenarioError) as info:
        apply_actuals_csv(BASE, text.encode("utf-8"), "a.csv")
    problems = [str(p) for p in info.value.problems]
    assert problems[0].startswith("a.csv: row 4: year: must be between 2024 and 2028")
    assert problems[1].startswith("a.csv: row 5: id: ")
    assert len(problems) == 2
    # entries made by the app (no CSV row) are named by their place
    with pytest.raises(ScenarioError) as info:
        with_actuals(
            BASE,
            [{"kind": "line", "id": "m01-demo", "year": 2030, "value": 1.0, "source": "x"}],
            "table",
        )
    assert str(info.value.problems[0]).startswith("table: entry 1: year: must be between 2024")


def test_load_actuals_reads_the_file_and_leaves_it(tmp_path):
    path = tmp_path / "观测值.csv"
    content = ("\r\n".join(ROWS) + "\r\n").encode("gb18030")
    path.write_bytes(content)
    scenario = load_actuals(BASE, path)
    assert len(scenario.actuals) == 3
    assert path.read_bytes() == content
    with pytest.raises(ScenarioError) as info:
        load_actuals(BASE, tmp_path / "missing.csv")
    assert "missing.csv" in str(info.value.problems[0])


def test_the_template_lists_every_id_and_year_and_reads_back_empty():
    text = template(BASE)
    lines = text.splitlines()
    assert lines[0] == "kind,id,year,value,source"
    catalogue = BASE.catalogue
    indicators = [line for line in lines if line.startswith("indicator,")]
    assert len(indicators) == 6 * len(catalogue.indicators)
    assert indicators[0] == f"indicator,{catalogue.indicators[0].id},2023,,"
    line_rows = [line for line in lines if line.startswith("line,")]
    assert len(line_rows) == 5 * len(catalogue.lines)
    assert line_rows[0] == f"line,{catalogue.lines[0].id},2024,,"
    measures = {int(line.split(",")[1]) for line in lines if line.startswith("measure,")}
    assert measures == {line.measure for line in catalogue.lines}
    assert parse_actuals_csv(text) == []
    assert "\r" not in text


# ------------------------------------------------------------------ problems, precisely
def refused(content: bytes | str, source: str = "x.csv", scenario=None) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        if scenario is None:
            parse_actuals_csv(content, source)
        else:
            apply_actuals_csv(scenario, content, source)
    error = info.value
    assert error.source == source
    assert all(problem.path == "" for problem in error.problems)  # the file is the place
    return error


def test_every_refusal_names_the_file():
    header = "kind,id,year,value,source\n"
    messages = [
        (b"", "x.csv: the file is empty"),
        (b"\xff\xfe\x00", "x.csv: not UTF-8 or GB18030 text"),
        (b"kind,id\n", "x.csv: the first row must be kind,id,year,value,source, got kind,id"),
        (
            header + '"open,2025\n',
            "x.csv: row 2: kind: the double quote that opens this cell is "
            "never closed, so the rest of the file would be this one cell",
        ),
        (
            header + 'line,"m01"X,2025,1,s\n',
            "x.csv: row 2: id: text after the closing double "
            'quote (a double quote inside a quoted cell is written twice: "")',
        ),
        (
            header + "line,m01-demo,2025,1,5,x\n",
            "x.csv: row 2: 6 cells, but the first row has 5: "
            "the cells from column 6 on have no heading (an unquoted comma, e.g. a thousands "
            "separator or a comma in a text, splits a cell; put such a cell in double quotes)",
        ),
        (
            "kind,id,year,value,source,\nline,m01-demo,2025\n",
            "x.csv: row 2: 3 cells, but the "
            "first row has 6: missing value (column 4), source (column 5), column 6 (column 6)",
        ),
    ]
    for content, message in messages:
        error = refused(content if isinstance(content, bytes) else content.encode("utf-8"))
        assert [str(p) for p in error.problems] == [message]
    big = refused(b" " * (10 * 1024 * 1024 + 1), "big.csv")
    assert "big.csv" in str(big.problems[0]) and "too large" in str(big.problems[0])


def test_at_most_ten_thousand_rows_are_filled_in():
    rows = "line,m01-demo,2025,1,x\n" * 10_001
    error = refused("kind,id,year,value,source\n\n" + rows)
    assert [str(p) for p in error.problems] == [
        "x.csv: at most 10,000 rows can be filled in; row 10003 is one more"
    ]
    assert len(parse_actuals_csv("kind,id,year,value,source\n" + rows[:-23])) == 10_000


def test_refusals_of_the_scenario_by_row_and_column_after_its_own_actuals():
    existing = with_actuals(
        BASE,
        [
            {"kind": "line", "id": "m01-demo", "year": 2024, "value": 1.0, "source": "s"},
            {"kind": "line", "id": "m01-demo", "year": 2026, "value": 2.0, "source": "s"},
        ],
    )
    text = (
        "kind,id,year,value,source\n"
        "line,m01-demo,2025,100,a\n"
        "measure,1,2025,500,b\n"
        "indicator,platforms,2024,120,c\n"
        "indicator,platforms,2024,121,d\n"
        "line,no-such,2031,5,x\n"
    )
    error = refused(text.encode("utf-8"), "x.csv", existing)
    problems = [str(p) for p in error.problems]
    assert problems[0].startswith("x.csv: actuals: measure 1 in 2025 has both")  # no row
    assert problems[1].startswith("x.csv: row 5: duplicate: indicator platforms 2024")
    assert problems[2] == 'x.csv: row 6: id: unknown line id "no-such"'
    assert problems[3].startswith("x.csv: row 6: year: must be between 2024 and 2028")
    assert len(problems) == 4


def test_the_defaults_name_actuals_csv_and_keep_existing_values(tmp_path):
    entry = {"kind": "line", "id": "m01-demo", "year": 2025, "value": 3.0, "source": "s"}
    first = with_actuals(BASE, [dict(entry)])
    second = with_actuals(first, [dict(entry, year=2026)])
    assert [a["year"] for a in second.actuals] == [2025, 2026]
    with pytest.raises(ScenarioError) as info:
        with_actuals(BASE, [dict(entry, year=2031)])
    assert str(info.value.problems[0]).startswith("actuals.csv: entry 1: year: ")
    assert info.value.source == "actuals.csv"
    with pytest.raises(ScenarioError) as info:
        apply_actuals_csv(BASE, b"kind,id,year,value,source\nline,m01-demo,2031,1,s\n")
    assert str(info.value.problems[0]).startswith("actuals.csv: row 2: year: ")
    path = tmp_path / "a.csv"
    path.write_text("kind,id,year,value,source\nline,m01-demo,2027,9,s\n", encoding="utf-8")
    assert [a["year"] for a in load_actuals(second, path).actuals] == [2025, 2026, 2027]
    assert [a["year"] for a in load_actuals(second, path, replace=True).actuals] == [2027]


@pytest.mark.parametrize(
    "text,shown",
    [
        ('1"5', '"1\\"5"'),
        ("a\\b", '"a\\\\b"'),
        ("1\x015", '"1\\u00015"'),
        ("x" * 60, '"' + "x" * 60 + '"'),
        ("x" * 61, '"' + "x" * 57 + '..."'),
        ("y" * 58 + "zzz", '"' + "y" * 57 + '..."'),
    ],
)
def test_refused_numbers_are_quoted_as_the_scenario_checks_quote_them(text, shown):
    with pytest.raises(ValueError) as info:
        parse_number(text)
    assert f"got {shown}" in str(info.value)


def test_percent_and_quote_edges():
    assert is_number_text("5%") and is_number_text(" 5% ")
    assert not is_number_text("%5")
    assert formula_quoted("X=1") == "X=1"
    assert formula_unquoted("'X=1") == "'X=1"
    assert formula_quoted("''=1") == "'''=1" and formula_unquoted("'''=1") == "''=1"


def test_a_zero_mantissa_with_any_exponent_is_zero_and_a_quote_beyond_the_headings():
    for text in ("0e-400", "0E5", "0.000E+999", "-0e-9"):
        assert parse_number(text) == 0.0
    with pytest.raises(ScenarioError) as info:
        parse_actuals_csv(b"")
    assert str(info.value.problems[0]) == "actuals.csv: the file is empty"
    error = refused(b'kind,id,year,value,source\nline,m01-demo,2025,1,s,"open\n')
    assert str(error.problems[0]).startswith("x.csv: row 2: column 6: the double quote")


@pytest.mark.parametrize(
    ("value", "digits", "kept"),
    [
        # twelve significant digits by default, the twelfth rounded half up or down
        (1234.567890123456, 12, 1234.56789012),
        (2 / 3, 12, 0.666666666667),
        (-98765.43210987654, 12, -98765.4321099),
        (0.000123456789012345678, 12, 0.000123456789012),
        (123456789012345.0, 12, 123456789012000.0),
        (0.1, 12, 0.1),  # already short: unchanged
        (7, 12, 7.0),
        # other numbers of digits
        (0.0012345, 3, 0.00123),
        (987654.0, 3, 988000.0),
        (-0.052449, 2, -0.052),
        (1.25e-7, 1, 1e-7),
    ],
)
def test_derived_numbers_keep_their_significant_digits(value, digits, kept):
    """A derived number (a fitted trend, a migrated rate) written to a scenario file: the
    digits that a spreadsheet keeps, worked out by hand."""
    got = significant(value, digits) if digits != 12 else significant(value)
    assert type(got) is float
    assert got == kept


def test_significant_keeps_zero_and_non_finite_values():
    assert significant(0) == 0.0 and type(significant(0)) is float
    assert significant(float("inf")) == float("inf")
    assert significant(float("-inf")) == float("-inf")
    assert math.isnan(significant(float("nan")))


def test_an_xlsx_workbook_of_actuals_is_read_cell_by_cell():
    """The same file as an .xlsx workbook (a number cell, a text cell with a thousands
    separator, a text year): the values land in the scenario as from the CSV."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kind", "id", "year", "value", "source"])
    sheet.append(["indicator", "tech_enterprises", 2024, 13500, "青岛市统计公报 2024"])
    sheet.append(["line", "m14-first-recognition", "2024", "11,200.5", "财政决算"])
    buffer = io.BytesIO()
    book.save(buffer)
    scenario, count = apply_actuals_csv(BASE, buffer.getvalue(), "a.xlsx")
    assert count == 2
    stored = [(a["kind"], a["id"], a["year"], a["value"]) for a in scenario.actuals]
    assert stored == [
        ("indicator", "tech_enterprises", 2024, 13500),
        ("line", "m14-first-recognition", 2024, 11200.5),
    ]


def test_a_repeated_heading_is_refused_in_chinese_too():
    content = b"kind,id,year,value,source,value\nline,m01-demo,2024,5,x,7\n"
    with pytest.raises(ScenarioError) as info:
        parse_actuals_csv(content, "a.csv")
    (problem,) = info.value.problems
    assert problem.text("zh") == (
        "a.csv：第1行第 6 列重复了列名 value（只会读取第一个 value 列）；请改名或删除该列"
    )
