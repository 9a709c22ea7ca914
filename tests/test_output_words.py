"""What the command line and the report print is in one unit per table and in the reader's
language (issue 12 §3, review5 items 7–12 and 14): money tables keep one unit, chosen by
their largest value; count targets carry their unit; the OS's error words, the no-display
line, a sampler and a logical cell are words of the language asked for; years show without
thousands separators; a file is named once, and by name when written; byte offsets count
from 1; CSV keys are ASCII; the time of an analysis covers its parts."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.analysis import (
    ALL_TARGETS,
    MeasureValue,
    Probe,
    ValueForMoney,
    derive_scenario,
    optimize,
)
from simulator.cli import decision as cli_decision
from simulator.cli import qdplan as cli
from simulator.model import (
    Engine,
    ScenarioError,
    decode_json,
    load_scenario,
    os_reason,
    shipped_scenario_path,
    text_of,
)
from simulator.model.result_rows import quantity_key
from simulator.model.workbook_cells import CellProblem, cell_value
from simulator.present import (
    detail_rows,
    render_exceedance,
    render_run_table,
    render_value_for_money,
    write_report,
)
from tests.processes import without_display

ROOT = Path(__file__).resolve().parents[1]
MONEY = re.compile(r"^\s+(-?[0-9][0-9,]*(?:\.[0-9]+)?) (亿元|万元|100m yuan|10k yuan)\s")


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(shipped_scenario_path("baseline"))


@pytest.fixture(scope="module")
def results(baseline):
    return Engine(baseline, draws=400, seed=3).run()


# ------------------------------------------------------------------ one unit per money table
def _section_lines(table: str, heading: str) -> list[str]:
    lines = table.splitlines()
    start = lines.index(heading) + 1
    block = []
    for line in lines[start:]:
        if not MONEY.match(line):
            break
        block.append(line)
    return block


@pytest.mark.parametrize(
    ("language", "heading", "yi"),
    [
        ("zh", "按部分（均值，2024–2028年）", "亿元"),
        ("en", "By section (mean, 2024–2028)", "100m yuan"),
    ],
)
def test_the_sections_of_a_run_share_one_unit(results, language, heading, yi):
    means = {k: results.outlay("section", k)["mean"][-1] for k in results.series("section")}
    # the baseline: a section of 0 (七), one below 1 亿元 (九) and several above it
    assert min(means.values()) == 0 and max(means.values()) >= 10_000
    assert any(0 < m < 10_000 for m in means.values())
    block = _section_lines(render_run_table(results, language, 1.0), heading)
    assert len(block) == len(means)
    for line, mean in zip(block, means.values()):
        number, unit = MONEY.match(line).groups()
        assert unit == yi, line  # the largest section is above 1 亿元: all in 亿元
        assert abs(float(number.replace(",", "")) * 10_000 - mean) <= 50.0 + 1e-9, line


def _value_for_money(baseline, outlays):
    measures = [
        MeasureValue(number, (), outlay, 0.15 * outlay, {ALL_TARGETS: 0.001}, 0.1)
        for number, outlay in outlays.items()
    ]
    return ValueForMoney(baseline, 1000, 1, "pseudo", 0.15, measures, 0.0)


@pytest.mark.parametrize(
    ("outlays", "shown"),
    [
        # one above 1 亿元: all in 亿元 (5,377 万元 is 0.54 亿元, 0 is 0.00)
        (
            {1: 5_377.0, 5: 14_500.0, 19: 0.0},
            ["0.54 100m yuan", "1.45 100m yuan", "0.00 100m yuan"],
        ),
        # all below: all in 万元
        ({1: 5_377.0, 19: 0.0, 25: 1_495.0}, ["5,377 10k yuan", "0 10k yuan", "1,495 10k yuan"]),
    ],
)
def test_the_value_for_money_table_shares_one_unit(baseline, outlays, shown):
    text = render_value_for_money(_value_for_money(baseline, outlays), "en")
    head, _, *rows = text.splitlines()
    assert "per extra 1,000 10k yuan" in head and "million" not in head
    for number, money in zip(outlays, shown):
        (row,) = [r for r in rows if re.search(rf"^\s+\d+ {number}\. ", r)]
        assert money in row, row
    zh = render_value_for_money(_value_for_money(baseline, outlays), "zh")
    assert "每多投入1,000 万元" in zh.splitlines()[0]


def test_the_exceedance_table_shares_one_unit():
    text = render_exceedance({"2024": 9_000.0, "2025": 16_000.0}, {"2024": 0.1, "2025": 0.25}, "en")
    assert "0.90 100m yuan" in text and "1.60 100m yuan" in text and "10k" not in text


# ------------------------------------------------------------------ count targets with units
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", ["≥ 15 家 (2028)", "≥ 300 家 (2028)", "≥ 10 项 (每年)", "≥ 1,000 项 (每年)"]),
        (
            "en",
            [
                "≥ 15 laboratories (2028)",
                "≥ 300 laboratories (2028)",
                "≥ 10 items (every year)",
                "≥ 1,000 items (every year)",
            ],
        ),
    ],
)
def test_the_count_targets_of_a_run_carry_their_unit(results, language, expected):
    table = render_run_table(results, language, 1.0)
    for fragment in expected:
        assert fragment in table, fragment


def test_the_count_targets_of_the_report_carry_their_unit(results, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    out = write_report(results, tmp_path / "r.pdf", "zh")
    page = subprocess.run(
        ["pdftotext", "-layout", "-l", "1", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "全国重点实验室" not in page:
        pytest.skip("no CJK font: the report is written in English")
    for fragment in ("≥ 15家", "≥ 70家", "≥ 10项(每年)", "≥ 1,000项(每年)"):
        assert fragment in page, fragment


# ------------------------------------------------------------------ words of the language
@pytest.mark.parametrize(
    ("code", "zh"),
    [
        (errno.ENOENT, "没有那个文件或文件夹"),
        (errno.EACCES, "没有权限"),
        (errno.EROFS, "只读文件系统"),
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EISDIR, "是一个文件夹"),
        (errno.ENOTDIR, "不是文件夹"),
        (errno.EEXIST, "文件已存在"),
    ],
)
def test_the_common_os_errors_are_translated(code, zh):
    exc = OSError(code, os.strerror(code))
    reason = os_reason(exc)
    assert text_of(reason, "zh") == zh
    assert text_of(reason, "en") == os.strerror(code)  # English: the system's own words


def test_an_os_error_with_its_own_words_keeps_them():
    # words the code gave itself, and an error without a translation, stay as they are
    assert os_reason(OSError(errno.EIO, "the file system accepted no data")) == (
        "the file system accepted no data"
    )
    unusual = OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET))
    assert os_reason(unusual) == os.strerror(errno.ECONNRESET)


def test_a_missing_folder_is_told_in_the_command_language(tmp_path, capsys):
    missing = tmp_path / "missing"
    for option, target in (("--csv", missing / "x.csv"), ("--charts", missing / "charts")):
        for language, words in (
            ("zh", "没有那个文件或文件夹"),
            ("en", "No such file or directory"),
        ):
            argv = ["run", "baseline", "--draws", "100", option, str(target)]
            code = cli.main([*argv, "--language", language, "--quiet"])
            err = capsys.readouterr().err
            assert code == 2 and words in err and str(target) in err, err
            if language == "zh":
                assert not re.search(r"[A-Za-z]{3,}", err.replace(str(target), "")), err


def test_no_display_is_told_in_the_language_asked_for(tmp_path):
    pytest.importorskip("PySide6")
    env = without_display()
    lines = {}
    for language in ("zh", "en"):
        result = subprocess.run(
            [sys.executable, "-m", "ui", "--language", language],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        (lines[language],) = result.stderr.splitlines()
    assert lines["en"].startswith("qdplan gui: no display")
    words = lines["zh"]
    for name in ("xvfb-run -a qdplan gui", "qdplan gui", "WAYLAND_DISPLAY", "DISPLAY"):
        words = words.replace(name, " ")
    assert "显示" in words and not re.search(r"[A-Za-z]{2,}", words), lines["zh"]


def test_a_derived_description_names_the_sampler_in_words(baseline):
    bounds = {"m14-first-recognition": [600, 1800], "m05-provincial-lab": [4, 12]}
    result = optimize(
        baseline,
        bounds=bounds,
        default_bounds=None,
        probability=0.99,
        draws=300,
        seed=2,
        sampler="lhs",
        levels=2,
    )
    text = derive_scenario(result, result.chosen, source="baseline.json").description
    assert "抽样方法拉丁超立方" in text and "sampler Latin hypercube" in text
    assert "lhs" not in text


@pytest.mark.parametrize(("value", "shown"), [(True, "TRUE"), (False, "FALSE")])
def test_a_logical_cell_is_quoted_as_excel_shows_it(value, shown):
    class Cell:
        data_type = "b"

    cell = Cell()
    cell.value = value
    with pytest.raises(CellProblem) as caught:
        cell_value(cell, "number")
    for language in ("zh", "en"):
        text = caught.value.text(language)
        assert shown in text and str(value) not in text.replace(shown, ""), text


# ------------------------------------------------------------------ years, names, offsets
@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh", "须在 1990 至 2100 之间，当前为 1900"), ("en", "1990 and 2100, got 1900")],
)
def test_years_show_without_separators(language, expected, tmp_path, capsys):
    argv = ["calibrate", "baseline", "--as-of", "1900", "--save", str(tmp_path / "c.json")]
    with pytest.raises(SystemExit) as caught:
        cli.main([*argv, "--language", language])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert expected in err and "1,9" not in err and "2,1" not in err, err


def test_a_count_option_still_shows_separators(capsys):
    with pytest.raises(SystemExit):
        cli.main(["run", "baseline", "--draws", "12345678", "--language", "en"])
    assert "between 2 and 10,000,000, got 12,345,678" in capsys.readouterr().err


def test_the_actuals_of_the_app_name_their_file_once(tmp_path):
    pytest.importorskip("PySide6")
    csv = tmp_path / "act-comma.csv"
    csv.write_text('kind,id,year,value,source\nindicator,rd_expenditure,2024,"1,5",x\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--actuals", str(csv), "--screenshot", "s.png"]
        + ["--language", "en"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 2
    problems = [line for line in result.stderr.splitlines() if "row 2" in line]
    assert problems == [problems[0]] and problems[0].startswith("act-comma.csv: row 2: value:")
    assert problems[0].count("act-comma.csv") == 1, problems


@pytest.mark.parametrize(
    ("content", "byte"),
    [
        (b"\xff{}", 1),  # the first byte is byte 1
        (b'{"a":1}\xff', 8),
        (b"\xef\xbb\xbf{}\xff", 6),  # the byte-order mark counts
    ],
)
def test_byte_offsets_count_from_one(content, byte):
    with pytest.raises(ScenarioError) as caught:
        decode_json(content, "x.json")
    (problem,) = caught.value.problems
    assert problem.text("en") == f"not UTF-8 text (byte {byte})"
    assert problem.text("zh") == f"不是 UTF-8 文本（第{byte}字节）"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_run_names_the_files_it_wrote(language, tmp_path, capsys):
    csv, xlsx, charts = tmp_path / "o.csv", tmp_path / "o.xlsx", tmp_path / "charts"
    argv = ["run", "baseline", "--draws", "200", "--csv", str(csv), "--xlsx", str(xlsx)]
    code = cli.main([*argv, "--charts", str(charts), "--language", language])
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    n = len(list(charts.iterdir()))
    if language == "zh":
        assert err == [f"已写入 {csv}", f"已写入 {xlsx}", f"已将 {n} 个图表文件写入 {charts}"]
    else:
        assert err == [f"wrote {csv}", f"wrote {xlsx}", f"wrote {n} chart files to {charts}"]


# ------------------------------------------------------------------ CSV keys, timings
def test_csv_quantity_keys_are_ascii(results):
    rows = detail_rows(results)
    keys = {row[0] for row in rows[1:]}
    assert keys == {
        "outlay_wan",
        "indicator_enterprises",
        "indicator_yi",
        "indicator_platforms",
        "indicator_brokers",
    }
    assert quantity_key("亿元", "100m yuan") == "indicator_yi"
    assert quantity_key("名", "Brokers, registered") == "indicator_brokers_registered"


def test_the_time_of_a_goal_seek_covers_its_parts(monkeypatch, tmp_path, capsys):
    """A base run made before the search (1 s more than it took) is part of the total."""

    class SlowProbe(Probe):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            time.sleep(1.0)
            self.elapsed += 1.0

    monkeypatch.setattr(cli_decision, "Probe", SlowProbe)
    argv = ["optimize", "baseline", "--draws", "300", "--levels", "2", "--language", "en"]
    code = cli.main([*argv, "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    head = out.splitlines()[0]
    match = re.search(r"; ([0-9.]+) s \((.*)\); search:", head)
    assert match, head
    total = float(match.group(1))
    parts = [float(s) for s in re.findall(r" ([0-9.]+) s", match.group(2))]
    assert len(parts) == 4 and parts[0] >= 1.0  # base run, tables, search, check
    assert total + 0.05 * (len(parts) + 1) >= sum(parts), head
