"""Hostile scenario workbooks (issue 12 §2): files that are not workbooks, zip and XML bombs,
huge sheets, too large files, and any edit or damage at all: a scenario or exit code 2 with
one line per problem, never an internal error, and nothing saved on error."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_helpers import edit, export, keys, problems_of, rich_scenario, section_sheet, shipped

from simulator.cli import qdplan as cli
from simulator.model import load_scenario


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"kind,id\n", "not a zip archive"),
        (b"PK\x03\x04 not really", "not an Excel workbook"),
    ],
)
def test_files_that_are_not_workbooks(content, message):
    assert message in problems_of(content)[0]


def test_zip_without_a_workbook_and_zip_bombs():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "no xl/workbook.xml" in problems_of(buffer.getvalue())[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/big.xml", b"\0" * (101 * 2**20))  # 101 MB of zeros: ~100 kB
    assert len(buffer.getvalue()) < 2**20
    assert "unpacks to 101 MB" in problems_of(buffer.getvalue())[0]


def with_part(name: str, xml: bytes) -> bytes:
    """The baseline's workbook with one XML part replaced."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(export(shipped())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, xml if info.filename == name else source.read(info))
    return buffer.getvalue()


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    + SHEET
    + b'<sheetData><row><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (LAUGHS, "declares XML entities"),
        (SHEET + b"<a>" * 100 + b"</a>" * 100 + b"</worksheet>", "nested more than 64 deep"),
        (
            SHEET + b"<sheetData><row>" + b"<c/>" * 20_000 + b"</row></sheetData></worksheet>",
            "a row of more than 16,384 cells",
        ),
        (SHEET + b"<x/>" * 3_000_001 + b"</worksheet>", "more than 3,000,000 XML elements"),
        (SHEET + b"<sheetData>", "is not well-formed XML"),
    ],
)
def test_xml_bombs_are_refused_before_parsing(xml, message):
    (problem,) = problems_of(with_part("xl/worksheets/sheet1.xml", xml))
    assert problem.startswith("the part xl/worksheets/sheet1.xml ") and message in problem


def test_huge_sheets_are_refused_without_reading_them_all():
    scenario = shipped()

    def change(book):
        book["实际值"].cell(1_000_000, 1).value = "far away"

    (problem,) = problems_of(edit(export(scenario), change))
    assert "sheet 实际值 has more than 25,000 rows" in problem


def test_too_large_files_are_refused_unread(tmp_path, capsys):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (10 * 2**20 + 1))
    out = str(tmp_path / "out.json")
    assert cli.main(["import-xlsx", str(big), "--save", out, "--language", "en"]) == 2
    assert "too large" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_nothing_is_saved_on_error(tmp_path, capsys):
    scenario = shipped()
    target = tmp_path / "keep.json"
    target.write_text("old", encoding="utf-8")

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        sheet.cell(first, keys(sheet)["uptake_cv"]).value = -1

    path = tmp_path / "bad.xlsx"
    path.write_bytes(edit(export(scenario), change))
    assert cli.main(["import-xlsx", str(path), "--save", str(target), "--language", "en"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}: Sheet 二、") and "(uptake_cv)" in err[0]
    assert target.read_text(encoding="utf-8") == "old"


# ------------------------------------------------------------------------------ hostile
CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["=1/0", "=SUM(A:A)", "#N/A", "1,5", "2025", "own-x", "award", "x" * 5000]),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
)
BASE: dict[str, Any] = {}


def base_workbook() -> bytes:
    if "content" not in BASE:
        BASE["content"] = export(rich_scenario())
    return BASE["content"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 13), st.integers(1, 30), st.integers(1, 30), CELL_VALUES),
        min_size=1,
        max_size=6,
    ),
    drop=st.sets(st.integers(0, 13), max_size=2),
)
def test_any_edited_workbook_gives_a_scenario_or_exit_2(tmp_path_factory, edits, drop):
    def change(book):
        titles = book.sheetnames
        for index, row, column, value in edits:
            sheet = book[titles[index]]
            sheet.protection.sheet = False
            sheet.cell(row, column).value = value
        for index in drop:
            del book[titles[index]]

    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzz.xlsx"
    try:
        path.write_bytes(edit(base_workbook(), change))
    except (ValueError, TypeError):
        return  # openpyxl refuses to write such a cell: nothing for qdplan to read
    out = folder / "out.json"
    assert cli.main(["import-xlsx", str(path), "--save", str(out)]) in (0, 2)
    if out.exists():
        load_scenario(out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_bytes_give_a_scenario_or_exit_2(tmp_path_factory, flips):
    content = bytearray(base_workbook())
    for position, byte in flips:
        content[position % len(content)] = byte
    path = tmp_path_factory.mktemp("bytes") / "damaged.xlsx"
    path.write_bytes(bytes(content))
    assert cli.main(["import-xlsx", str(path)]) in (0, 2)
