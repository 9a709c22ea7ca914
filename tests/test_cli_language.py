"""Every `qdplan` command speaks the language it is asked for (issue 12 §3): with
``--language zh`` (the default) nothing it prints on stdout or stderr holds an English word,
with ``--language en`` nothing holds a Chinese character, except what is data, not words:

* ids a planner types or reads in files: catalogue line, indicator and history series ids,
  the catalogue version; the paths and names of the files this test gives; option names
  (``--save OUT.json``); the program's name (qdplan) and its debugging variable;
* names from the catalogue, the scenarios and the published history (shown in the language
  the data has them in: a scenario named "基准情景 Baseline", a source's publisher and the
  note on how its figure was read);
* proper names and accepted abbreviations (``ALLOWED_ZH``).

Machine-readable output (``--format json``, the bare actuals and history CSV) is a file
format, not text, and is not checked. Each command runs in-process on the shipped baseline
with few draws."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli import qdplan as cli
from simulator.cli import run as cli_run
from simulator.model import load_catalogue, load_history, load_scenario, shipped_scenario_path
from tests.language_check import PLAN_NUMBER, catalogue_data

#: In Chinese output, the English words that are names, not words to translate:
#: qdplan (the program), Sobol (a mathematician: the "Sobol index" has no Chinese name but
#: 索博尔, which planners' statistics texts do not use), CRPS (the continuous ranked
#: probability score: the backtest's score, shown as this abbreviation in Chinese
#: statistical writing, like RMSE) and QDPLAN_DEBUG (an environment variable's name).
ALLOWED_ZH = ("QDPLAN_DEBUG", "qdplan", "Sobol", "CRPS")
#: Option names and their placeholders quoted in a message; the repository's file on the
#: history's definitions, named by the history table.
OPTIONS = ("--save OUT.json", "docs/history.md")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
SHIPPED = ("baseline", "restrained", "accelerated")


def _data(language: str) -> list[str]:
    """Ids and names from data: shown as they are, in either language."""
    catalogue = load_catalogue()
    history = load_history()
    data = [line.id for line in catalogue.lines] + list(catalogue.indicator_ids)
    data += list(history.ids) + [history.source.split(" (")[0], catalogue.version]
    for name in SHIPPED:
        scenario = load_scenario(shipped_scenario_path(name))
        data += catalogue_data(catalogue, language, scenario)
    for row in history.rows:  # a source as published (its title, publisher, note, address)
        data += [row.publisher, row.title, row.url, row.note, row.date, row.value_text]
    for series in history.series_info.values():
        data.append(series.name(language))
    if language == "en":
        data.append(PLAN_NUMBER)
    return data


def _fragments(text: str, language: str, paths: list[str]) -> list[str]:
    """The fragments of ``text`` in the wrong language (names, ids and paths removed)."""
    shown = list(paths) + _data(language) + list(OPTIONS)
    if language == "zh":
        shown += ALLOWED_ZH
    for item in sorted({s for s in shown if s}, key=len, reverse=True):
        text = text.replace(item, " ")
    return (ENGLISH if language == "zh" else CHINESE).findall(text)


# Each case: the commands run one after the other ({tmp}: the test's folder). The first
# runs the ones whose output is only a file (so that the file exists for the next).
#: a goal seek whose probability no point reaches (the closest point is saved, with a warning)
GOAL_OUT_OF_REACH = [
    "optimize",
    "baseline",
    "--draws",
    "1000",
    "--levels",
    "2",
    "--probability",
    "99%",
]

CASES = {
    "catalogue": [["catalogue"]],
    "validate": [["validate", "baseline"]],
    "validate-bad": [["validate", "{tmp}/missing.json"]],
    "run": [
        [
            "run",
            "baseline",
            "--draws",
            "1000",
            "--csv",
            "{tmp}/out.csv",
            "--xlsx",
            "{tmp}/out.xlsx",
            "--charts",
            "{tmp}/charts",
        ]
    ],
    "calibrate": [["calibrate", "baseline", "--save", "{tmp}/calibrated.json"]],
    "backtest": [["backtest", "--charts", "{tmp}/backtest"]],
    "history": [["history"], ["history", "--format", "csv", "--out", "{tmp}/history.csv"]],
    "compare": [["compare", "baseline", "restrained", "accelerated", "--draws", "1000"]],
    "actuals-template": [
        ["actuals-template", "baseline", "--out", "{tmp}/actuals.xlsx"],
        ["actuals-template", "baseline", "--out", "{tmp}/actuals.csv"],
    ],
    "report": [["report", "baseline", "--out", "{tmp}/report.pdf", "--draws", "1000"]],
    "sensitivity": [
        [
            "sensitivity",
            "baseline",
            "--draws",
            "1000",
            "--lines-only",
            "--top",
            "3",
            "--charts",
            "{tmp}/sensitivity",
        ]
    ],
    "optimize": [["optimize", "baseline", "--draws", "1000", "--levels", "2"]],
    "optimize-out-of-reach": [
        [*GOAL_OUT_OF_REACH, "--save", "{tmp}/goal.json", "--charts", "{tmp}/goal"]
    ],
    "workbooks": [
        ["export-xlsx", "baseline", "{tmp}/scenario.xlsx"],
        ["import-xlsx", "{tmp}/scenario.xlsx"],
        ["import-xlsx", "{tmp}/scenario.xlsx", "--save", "{tmp}/imported.json"],
    ],
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_every_command_speaks_its_language(case, language, tmp_path, capsys):
    paths = []  # the files and folders of the command lines, and the scenarios they name
    shown = []
    for command in CASES[case]:
        argv = [arg.replace("{tmp}", str(tmp_path)) for arg in command]
        paths += [arg for arg, typed in zip(argv, command) if "{tmp}" in typed or typed in SHIPPED]
        code = cli.main([*argv, "--language", language])
        out, err = capsys.readouterr()
        assert code == (2 if case.endswith("-bad") else 0), err
        assert "Traceback" not in err
        shown.append(out + err)
    text = "\n".join(shown)
    assert text.strip()
    bad = _fragments(text, language, paths)
    assert not bad, f"{case} in {language}: {sorted(set(bad))}\n{text[:3000]}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_internal_error_and_an_interrupt_are_in_the_command_language(
    language, capsys, monkeypatch
):
    def broken(*_args, **_kwargs):
        raise RuntimeError("<detail>")

    monkeypatch.setattr(cli_run.Engine, "run", broken)
    code = cli.main(["run", "baseline", "--draws", "100", "--language", language])
    _, err = capsys.readouterr()
    assert code == 1 and "RuntimeError: <detail>" in err
    # the error's own words (its type and text) are the program's, as they are
    words = err.replace("RuntimeError: <detail>", " ")
    assert not _fragments(words, language, []), err

    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_run.Engine, "run", interrupt)
    code = cli.main(["run", "baseline", "--draws", "100", "--language", language])
    out, err = capsys.readouterr()
    assert code == 130 and out == ""
    assert err == ("已中断\n" if language == "zh" else "interrupted\n")


def test_progress_and_the_goal_seek_warning_are_chinese_by_default(tmp_path, capsys):
    """No --language: Chinese, as the tables (progress lines show on stderr without
    --quiet; the goal is out of reach, so the warning names the closest point)."""
    code = cli.main([*GOAL_OUT_OF_REACH, "--save", str(tmp_path / "goal.json")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "目标求解… 100%" in err
    warnings = [line for line in err.splitlines() if line.startswith("警告：")]
    assert len(warnings) == 1 and "改为保存最接近目标的方案（前沿第" in warnings[0]
    assert "上下限范围内没有任何水平组合能达到 99.0%" in warnings[0]
    assert "结果：上下限范围内没有任何水平组合能达到 99.0%" in out
    assert not _fragments(out + err, "zh", [str(tmp_path / "goal.json")])
    assert Path(tmp_path / "goal.json").is_file()
