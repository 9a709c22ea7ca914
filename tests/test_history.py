"""The published history: the shipped file's rows each carry a source, a unit and a
definition matching the catalogue or the series file; a planner's own history CSV is read like
every other input (each problem with its row and column, never a traceback).

The checks of the shipped file read it with the standard csv module and the JSON files
directly, independently of the loader."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.model import (
    HISTORY_COLUMNS,
    MAX_INPUT_BYTES,
    History,
    ScenarioError,
    formula_quoted,
    load_history,
    parse_history_csv,
)

DATA = Path(__file__).resolve().parents[1] / "simulator" / "model" / "data"
HEADER = ",".join(HISTORY_COLUMNS)


def shipped_rows() -> list[dict[str, str]]:
    with open(DATA / "history-qingdao.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def declared_units() -> dict[str, str]:
    """{id: unit} of the catalogue's indicators and the series file, each id once."""
    catalogue = json.loads((DATA / "catalogue-qingdao-2024-2028.json").read_text("utf-8"))
    series = json.loads((DATA / "history-series.json").read_text("utf-8"))["series"]
    units = {i["id"]: i["unit"] for i in catalogue["indicators"]}
    for item in series:
        assert item["id"] not in units, f"{item['id']} is defined twice"
        assert item["name_zh"] and item["name_en"] and item["unit"] and item["unit_en"]
        units[item["id"]] = item["unit"]
    return units


# ----------------------------------------------------------------------- the shipped file
def test_the_shipped_file_is_utf8_rfc4180_with_the_columns():
    raw = (DATA / "history-qingdao.csv").read_bytes()
    raw.decode("utf-8")  # UTF-8, no other encoding
    assert raw.startswith((HEADER + "\r\n").encode())
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF records
    rows = shipped_rows()
    assert len(rows) >= 40
    assert all(None not in row and len(row) == len(HISTORY_COLUMNS) for row in rows)


def test_every_shipped_row_has_a_source_a_unit_and_a_definition():
    date = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|n\.d\.")
    for number, row in enumerate(shipped_rows(), start=2):
        for column in ("unit", "definition", "publisher", "title", "date"):
            assert row[column].strip(), f"row {number}: {column} is empty"
        assert date.fullmatch(row["date"]), f"row {number}: date {row['date']!r}"
        if row["url"]:
            assert re.fullmatch(r"https?://\S+", row["url"]), f"row {number}: url"
        # an undated page must say what dates it in its note
        if row["date"] == "n.d.":
            assert row["note"], f"row {number}: undated without a note"


def test_shipped_ids_and_units_match_the_catalogue_and_the_series_file():
    units = declared_units()
    for number, row in enumerate(shipped_rows(), start=2):
        assert row["id"] in units, f"row {number}: unknown id {row['id']}"
        assert row["unit"] == units[row["id"]], f"row {number}: unit {row['unit']!r}"


def test_at_most_one_used_row_per_id_and_year_and_used_is_yes_or_no():
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(shipped_rows(), start=2):
        assert row["used"] in ("yes", "no"), f"row {number}"
        if row["used"] == "yes":
            key = (row["id"], row["year"])
            assert key not in seen, f"row {number}: {key} used twice"
            seen.add(key)


def test_shipped_values_and_years_are_plain_numbers_read_exactly():
    history = load_history()
    by_row = {r.row: r for r in history.rows}
    for number, row in enumerate(shipped_rows(), start=2):
        assert re.fullmatch(r"\d+(\.\d+)?", row["value"]), f"row {number}: {row['value']!r}"
        assert re.fullmatch(r"(19|20)\d\d", row["year"]), f"row {number}"
        loaded = by_row[number]
        assert loaded.value_text == row["value"]
        # the number read is the decimal written (no rounding on the way in)
        assert Decimal(repr(loaded.value)) == Decimal(row["value"])
        assert loaded.year == int(row["year"])


def test_disagreeing_sources_are_both_kept_and_one_is_used():
    """Where two rows give one id and year, exactly one says yes (checked above) and the
    other is kept with a note saying why it is not used."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in shipped_rows():
        groups.setdefault((row["id"], row["year"]), []).append(row)
    pairs = [rows for rows in groups.values() if len(rows) > 1]
    assert pairs  # the shipped file has such pairs (e.g. high-tech enterprises in 2017)
    for rows in pairs:
        assert sum(r["used"] == "yes" for r in rows) == 1
        assert all(r["note"] for r in rows if r["used"] == "no")
    values = {r["value"] for r in groups[("high_tech_enterprises", "2017")]}
    assert values == {"2039", "2053"}


def test_the_loader_gives_the_used_rows_by_year():
    history = load_history()
    assert isinstance(history, History)
    rows = shipped_rows()
    for id in {r["id"] for r in rows}:
        expected = {
            int(r["year"]): float(r["value"]) for r in rows if r["id"] == id and r["used"] == "yes"
        }
        assert history.series(id) == expected
        assert list(history.series(id)) == sorted(expected)
    assert history.series("high_tech_enterprises")[2017] == 2039
    assert history.used_row("high_tech_enterprises", 2017).publisher.startswith("szkaixx.com")
    assert history.used_row("high_tech_enterprises", 2018) is None
    assert history.info("rd_expenditure").unit == "亿元"
    assert history.info("rd_expenditure").headline
    assert not history.info("high_tech_enterprises").headline
    assert history.ids[0] in {"tech_enterprises", "rd_expenditure", "platforms"}


# ----------------------------------------------------------------------- a planner's file
GOOD = (
    "rd_expenditure,2022,380.5,亿元,全社会研发经费,市统计局,内部统计,2023-10,,yes,\r\n"
    "rd_expenditure,2022,381,亿元,全社会研发经费,市科技局,工作总结,2024,,no,rounded\r\n"
    'contract_turnover,2023,"1,234.5",亿元,技术合同成交额,市科技局,年报,n.d.,https://example.org/a,YES,\r\n'
)


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_history_csv(text if isinstance(text, bytes) else text.encode("utf-8"), "h.csv")
    return [str(p) for p in info.value.problems]


def test_a_planners_file_is_read():
    history = parse_history_csv((HEADER + "\r\n" + GOOD).encode("utf-8"), "h.csv")
    assert history.series("rd_expenditure") == {2022: 380.5}
    assert history.series("contract_turnover") == {2023: 1234.5}
    assert [r.row for r in history.rows] == [2, 3, 4]
    assert history.source == "h.csv"


def test_each_problem_is_named_with_its_row_and_column():
    text = (
        HEADER
        + "\n"
        + "\n".join(
            [
                "rd_expenditure,2022,1,5,亿元,d,p,t,2023,,yes,",  # 12 cells
                "nope,2022,1,亿元,d,p,t,2023,,yes,",
                "rd_expenditure,2022,1,万元,d,p,t,2023,,yes,",
                "rd_expenditure,2022.5,1,亿元,d,p,t,2023,,yes,",
                "rd_expenditure,2022,-3,亿元,d,p,t,2023,,yes,",
                'rd_expenditure,2021,"1,5",亿元,d,p,t,2023,,yes,',
                "rd_expenditure,2020,1,亿元,d,,t,2023-13,ftp://x,maybe,",
            ]
        )
    )
    found = problems_of(text)
    assert found == [
        "h.csv: row 2: 12 cells, but the first row has 11 (an unquoted comma, e.g. a thousands "
        "separator or a comma in a text, splits a cell; put such a cell in double quotes)",
        "h.csv: row 3: id: unknown series 'nope'; known: " + found[1].split("known: ")[1],
        "h.csv: row 4: unit: must be '亿元' (the unit of rd_expenditure), got '万元'",
        "h.csv: row 5: year: must be a whole year between 1949 and 2100",
        "h.csv: row 6: value: must be 0 or more, got -3",
        found[5],
        "h.csv: row 8: publisher: is empty; every row needs one",
        "h.csv: row 8: date: is not a date of the calendar: '2023-13'",
        "h.csv: row 8: url: must be an address starting http:// or https://, got 'ftp://x'",
        "h.csv: row 8: used: must be yes or no, got 'maybe'",
    ]
    assert found[5].startswith('h.csv: row 7: value: must be a number, got "1,5"')


def test_a_second_used_row_for_an_id_and_year_is_refused():
    text = HEADER + "\n" + GOOD + "rd_expenditure,2022,380.5,亿元,d,p,t,2023,,yes,\n"
    assert problems_of(text) == [
        "h.csv: row 5: used: rd_expenditure 2022 is already used at row 2: at most one row per "
        "id and year says yes (keep the other source with no)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "h.csv: the file is empty"),
        ("id,year,value\n", "h.csv: the first row must be " + HEADER + ", got id,year,value"),
        (
            HEADER + '\nrd_expenditure,2022,1,亿元,"d,p,t,2023,,yes,\n',
            "h.csv: row 2: definition: the double quote that opens this cell is never closed",
        ),
        (
            HEADER + '\nrd_expenditure,2022,1,亿元,"d"x,p,t,2023,,yes,\n',
            "h.csv: row 2: definition: text after the closing double quote",
        ),
    ],
)
def test_broken_files_are_refused(text, expected):
    assert problems_of(text)[0].startswith(expected)


def test_exported_text_cells_read_back_and_gb18030_is_read():
    cell = formula_quoted("=HYPERLINK(1)")
    text = HEADER + f"\r\nrd_expenditure,2022,1,亿元,{cell},p,t,2023,,yes,\r\n"
    (row,) = parse_history_csv(text.encode("gb18030"), "h.csv").rows
    assert row.definition == "=HYPERLINK(1)"


def test_a_file_above_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(ScenarioError, match="too large"):
        load_history(path)
    with pytest.raises(ScenarioError, match="file not found"):
        load_history(tmp_path / "missing.csv")


# ----------------------------------------------------------------------- fuzzing
FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=10)
CELL = st.sampled_from(
    ["rd_expenditure", "2022", "1.5", "亿元", "yes", "no", "n.d.", "", "2023-02"]
)
CELLS = st.lists(CELL | ANY_TEXT, min_size=9, max_size=12)


def history_or_problem(content: bytes) -> None:
    try:
        history = parse_history_csv(content, "h.csv")
    except ScenarioError as exc:
        assert exc.problems and all(str(p).startswith("h.csv: ") for p in exc.problems)
        return
    for id in history.ids:
        assert all(isinstance(v, float) for v in history.series(id).values())
    for row in history.rows:
        assert row.source and row.unit == history.info(row.id).unit


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_are_a_history_or_a_clean_problem(content):
    history_or_problem(content)
    history_or_problem((HEADER + "\n").encode() + content)


@FUZZ
@given(st.lists(CELLS, min_size=1, max_size=5))
def test_any_rows_are_a_history_or_a_clean_problem(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HISTORY_COLUMNS)
    writer.writerows(rows)
    history_or_problem(buffer.getvalue().encode("utf-8", "surrogatepass"))
