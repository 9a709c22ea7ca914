"""Input problems in the reader's language: a bad scenario, actuals CSV, history CSV,
workbook, oversized file or bounds file is reported in Chinese with no English fragment
(other than what came from the file: ids, paths, quoted values, the file's own column
headings), and in English exactly as before the messages became translatable. The English
texts below are the messages qdplan printed before (checked against the previous code);
the Chinese is checked for what it must not hold, not against a copy of the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator import cli
from simulator.analysis import BoundsError, parse_bounds
from simulator.model import (
    MAX_INPUT_BYTES,
    ScenarioError,
    apply_actuals_csv,
    load_catalogue,
    load_scenario,
    parse_history_csv,
    parse_scenario,
    read_input,
    read_scenario_workbook,
    shipped_scenario_path,
)
from tests.workbook_helpers import edit, export, keys, section_sheet

BASELINE = shipped_scenario_path("baseline")
HISTORY_HEADER = "id,year,value,unit,definition,publisher,title,date,url,used,note"

#: Names that stay as they are in Chinese: file formats, the program, and the keys and
#: words a planner types into a file (a message tells which key or word to use).
TYPED = (
    "qdplan",
    "JSON",
    "CSV",
    "UTF-8",
    "GB18030",
    "Excel",
    ".xlsx",
    "XML",
    "own_lines",
    "on_track",
    "at_risk",
    "own-",
    "wan",
    "yes",
    "n.d.",
    "http://",
    "https://",
)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|“[^”]*”")
ENGLISH_RUN = re.compile(r"[A-Za-z]{3,}")


def english_runs(text: str, data: list[str]) -> list[str]:
    """The runs of 3+ ASCII letters left in ``text`` without the values that came from the
    input (``data``: ids, paths, headings), quoted values and the typed names."""
    for item in sorted({d for d in [*data, *TYPED] if d}, key=len, reverse=True):
        text = text.replace(item, " ")
    return ENGLISH_RUN.findall(QUOTED.sub(" ", text))


def baseline_document() -> dict:
    return json.loads(Path(BASELINE).read_text(encoding="utf-8"))


def problems_of(call) -> list:
    with pytest.raises((ScenarioError, BoundsError)) as caught:
        call()
    return caught.value.problems


# --------------------------------------------------------------------------- the inputs
def bad_scenario() -> list:
    data = baseline_document()
    data["simulation"]["draws"] = "many"
    data["simulation"]["sampler"] = "dice"
    data["name"] = "x" * 201
    data["lines"]["no-such-line"] = {}
    data["lines"]["m14-first-recognition"]["uptake"]["2026"] = -3
    data["flag_thresholds"]["at_risk"] = 0.9
    data["flag_thresholds"]["on_track"] = 0.5
    data["actuals"] = [
        {"kind": "indicator", "id": "nope", "year": 2025, "value": 1, "source": "x"},
        {"kind": "line", "id": "m01-demo", "year": 2023, "value": 1, "source": "x"},
    ]
    return problems_of(lambda: parse_scenario(json.dumps(data), "bad.json"))


SCENARIO_EN = [
    'simulation.draws: must be a number, got "many"',
    'simulation.sampler: must be one of pseudo, sobol, lhs, got "dice"',
    "name: must be at most 200 characters, got 201",
    "flag_thresholds: at_risk must not exceed on_track",
    'actuals.0.id: unknown indicator id "nope"',
    "actuals.1.year: must be between 2024 and 2028 (outlays start in 2024), got 2023",
    "lines.no-such-line: unknown line id (catalogue qingdao-2024-2028 has no such line; "
    "a planner's own lines go in own_lines)",
    "lines.m14-first-recognition.uptake.2026: must be >= 0, got -3",
]

ACTUALS_CSV = (
    "kind,id,year,value,source\n"
    'line,m01-demo,2025,"1,5",x\n'
    "line,m01-demo,2026,3,x,extra\n"
    "line,m01-demo,2027\n"
    'line,m01-demo,2024,"1e400",x\n'
)
ACTUALS_EN = [
    'a.csv: row 2: value: must be a number, got "1,5": a comma is read only between groups '
    "of three digits (15,800); write decimals with a point (1.5, not 1,5)",
    "a.csv: row 3: 6 cells, but the first row has 5: the cells from column 6 on have no "
    "heading (an unquoted comma, e.g. a thousands separator or a comma in a text, splits a "
    "cell; put such a cell in double quotes)",
    "a.csv: row 4: 3 cells, but the first row has 5: missing value (column 4), source (column 5)",
    'a.csv: row 5: value: must be a number, got "1e400": too large (at most about 1.8e308)',
]

HISTORY_CSV = (
    HISTORY_HEADER + "\n"
    "rd_expenditure,2022,1,万元,d,p,t,2023,,yes,\n"
    "nope,20x,1,家,d,p,t,2023,,maybe,\n"
    "rd_expenditure,2021,1,亿元,d,p,t,2023-02-30,ftp://x,yes,\n"
)
HISTORY_EN = [
    "bad.csv: row 2: unit: must be '亿元' (the unit of rd_expenditure), got '万元'",
    "bad.csv: row 3: id: unknown series 'nope'; known: ",  # the known ids follow
    'bad.csv: row 3: year: must be a number, got "20x" (written like 15800, -3, 420.5, '
    "1.2e4 or 15,800)",
    "bad.csv: row 3: used: must be yes or no, got 'maybe'",
    "bad.csv: row 4: date: is not a date of the calendar: '2023-02-30'",
    "bad.csv: row 4: url: must be an address starting http:// or https://, got 'ftp://x'",
]


def bad_workbook_problems(language: str) -> tuple[list, str]:
    scenario = load_scenario(BASELINE)
    names = {}

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        names["sheet"] = sheet.title
        sheet.cell(first, keys(sheet)["uptake_cv"]).value = -1
        sheet.cell(first + 1, keys(sheet)["uptake_cv"]).value = "=1/0"

    content = edit(export(scenario, language), change)
    return problems_of(lambda: read_scenario_workbook(content, "book.xlsx")), names["sheet"]


# --------------------------------------------------------------------------- the checks
def check(problems, english: list[str], data: list[str]) -> None:
    texts_en = [p.text("en") for p in problems]
    assert [str(p) for p in problems] == texts_en
    for expected in english:
        assert any(t == expected or t.startswith(expected) for t in texts_en), (
            expected,
            texts_en,
        )
    for problem in problems:
        chinese = problem.text("zh")
        assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
        assert english_runs(chinese, [problem.path, *data]) == [], chinese


def test_a_bad_scenario_in_both_languages():
    problems = bad_scenario()
    assert len(problems) == len(SCENARIO_EN)
    data = ["many", "dice", "nope", "pseudo, sobol, lhs", "qingdao-2024-2028"]
    check(problems, SCENARIO_EN, data)


def test_an_actuals_csv_with_a_bad_number_and_wrong_cell_counts():
    scenario = load_scenario(BASELINE)
    problems = problems_of(lambda: apply_actuals_csv(scenario, ACTUALS_CSV.encode(), "a.csv"))
    assert [p.text("en") for p in problems] == ACTUALS_EN
    check(problems, ACTUALS_EN, ["a.csv", "value", "source"])
    # the heading of a column comes from the file; the words around it are translated
    assert problems[2].text("zh") == (
        "a.csv：第4行：有 3 个单元格，但第1行有 5 个：缺少 value（第4列）, source（第5列）"
    )


def test_a_history_csv_with_bad_rows():
    problems = problems_of(lambda: parse_history_csv(HISTORY_CSV.encode(), "bad.csv"))
    known = [s for s in problems[1].text("en").split("known: ")[1].split(", ")]
    check(problems, HISTORY_EN, ["bad.csv", *HISTORY_HEADER.split(","), *known])


def test_a_workbook_with_bad_cells():
    problems, sheet = bad_workbook_problems("zh")  # the sheet's title is data (the file's)
    texts = [p.text("en") for p in problems]
    assert len(texts) == 2
    assert texts[0].startswith(f"Sheet {sheet}, row ") and texts[0].endswith(
        "(uptake_cv): must be >= 0, got -1"
    )
    assert '(uptake_cv): a formula ("=1/0"); qdplan reads values only' in texts[1]
    for problem in problems:
        chinese = problem.text("zh")
        assert chinese.startswith(f"工作表 {sheet}, 第")
        assert english_runs(chinese, [sheet, "uptake_cv"]) == [], chinese


def test_an_oversized_file(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_INPUT_BYTES + 1))
    (problem,) = problems_of(lambda: read_input(big))
    assert problem.text("en") == (
        f"too large: {big} has 10.0 MB; qdplan reads files of at most 10 MB"
    )
    assert english_runs(problem.text("zh"), [str(big)]) == []


def test_a_bad_bounds_file():
    scenario = load_scenario(BASELINE)
    content = b'{"m01-demo": [5, 1], "nope": [1, 2], "m14-first-recognition": "x"}'
    problems = problems_of(lambda: parse_bounds(content, scenario))
    expected = [
        "m01-demo: min must not exceed max, got [5, 1]",
        "nope: unknown line id",
        'm14-first-recognition: must be [min, max], two numbers, got "x"',
    ]
    assert [p.text("en") for p in problems] == expected
    check(problems, expected, [])
    (problem,) = problems_of(lambda: parse_bounds(b"[1,", scenario))
    assert problem.text("en") == "not valid JSON: Expecting value at line 1 column 4"
    assert english_runs(problem.text("zh"), []) == []


def test_every_line_and_indicator_id_is_data_not_words():
    """The check strips ids only when given: an id left in would be found (the check can
    fail), so the tests above pass their ids on purpose."""
    catalogue = load_catalogue()
    assert english_runs(f"未知的指标编号 {catalogue.indicator_ids[0]}", []) != []
    assert english_runs('须为数值，当前为 "many"', []) == []


# --------------------------------------------------------------------------- the command line
def test_validate_prints_chinese_problems_and_exits_2(tmp_path, capsys):
    data = baseline_document()
    data["simulation"]["draws"] = "many"
    data["lines"]["m14-first-recognition"]["uptake"]["2026"] = -3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["validate", str(bad), "--language", "zh"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 2
    assert f'{bad}: simulation.draws: 须为数值，当前为 "many"' in lines
    assert f"{bad}: lines.m14-first-recognition.uptake.2026: 须 >= 0，当前为 -3" in lines
    # Chinese is the default, as for the tables; --language en gives today's English
    assert cli.main(["validate", str(bad)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == lines
    assert cli.main(["validate", str(bad), "--language", "en"]) == 2
    english = capsys.readouterr().err.strip().splitlines()
    assert f"{bad}: lines.m14-first-recognition.uptake.2026: must be >= 0, got -3" in english


@pytest.mark.parametrize(
    "args",
    [
        ["import-xlsx", "{missing}"],
        ["calibrate", "baseline", "--history", "{missing}", "--save", "{out}"],
        ["backtest", "--history", "{missing}"],
        ["history", "--history", "{missing}"],
        ["run", "baseline", "--actuals", "{missing}"],
        ["compare", "baseline", "{missing}"],
        ["optimize", "baseline", "--bounds", "{missing}"],
    ],
    ids=lambda a: a[0],
)
def test_every_command_reading_input_has_language(args, tmp_path, capsys):
    missing = str(tmp_path / "missing.file")
    filled = [a.format(missing=missing, out=tmp_path / "out.json") for a in args]
    for language, words in (("zh", "找不到文件"), ("en", "file not found")):
        assert cli.main([*filled, "--language", language]) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "args,chinese,english",
    [
        (
            ["run", "baseline", "--draws", "ten"],
            "qdplan run：错误：参数 --draws：须为整数，当前为 'ten'",
            "qdplan run: error: argument --draws: must be a whole number, got 'ten'",
        ),
        (
            ["optimize", "baseline", "--probability", "2"],
            "参数 --probability：须在 0 至 1（0% 至 100%）之间，当前为 '2'",
            "argument --probability: must be between 0 and 1 (0% and 100%), got '2'",
        ),
        (
            ["run", "baseline", "--sampler", "dice"],
            "参数 --sampler：无效选项：'dice'",
            "argument --sampler: invalid choice: 'dice'",
        ),
        (["validate"], "缺少以下必需参数：file", "the following arguments are required: file"),
    ],
)
def test_a_bad_option_is_reported_in_the_commands_language(args, chinese, english, capsys):
    for language, expected in (("zh", chinese), ("en", english)):
        with pytest.raises(SystemExit) as caught:
            cli.main([*args, "--language", language])
        err = capsys.readouterr().err
        assert caught.value.code == 2 and expected in err, err
        last = err.strip().splitlines()[-1]
        if language == "zh":  # the command, its options and arguments are names
            names = [args[0], "--draws", "--probability", "--sampler", "file"]
            assert english_runs(last, names) == [], last
    with pytest.raises(SystemExit):  # without --language: Chinese, as the tables
        cli.main(args)
    assert chinese in capsys.readouterr().err
