"""What an adversarial review of the input paths found still slipping through (issue 11 §3,
issue 12 §2), one test per class, each failing on the code before its fix:

* a named pipe (FIFO) that no program writes to, given as any input file, made the command
  wait for ever;
* a long ``catalogue_version`` reached the file system as a file name (exit 1, "File name too
  long");
* numbers that are not zero but nearly (1e-160, 5e-324) in spreads and effects broke the
  model's arithmetic (exit 1) — now refused with their path like every other bad number;
* a small but accepted spread of a year's award count (``uptake_cv`` 1e-9) gave no awards at
  all, with exit 0;
* a workbook with one enormous XML tag (millions of attributes) took expat half a minute and
  half a GB before it was refused.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from simulator.cli import qdplan as cli
from simulator.model import load_scenario, workbook_scan
from simulator.model.distributions import CountTable, count_distribution
from simulator.model.numbers import significant
from simulator.model.workbook_scan import archive_problem

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"
BASE = json.loads(BASELINE.read_text(encoding="utf-8"))


def run_cli(capsys, *args):
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def changed(tmp_path: Path, path: tuple, value) -> Path:
    data = json.loads(json.dumps(BASE))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    out = tmp_path / "changed.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


# ------------------------------------------------------------------ a pipe nobody writes to
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{f}"],
        ["run", "baseline", "--actuals", "{f}", "--draws", "20", "--quiet"],
        ["history", "--history", "{f}"],
        ["import-xlsx", "{f}"],
    ],
)
def test_a_pipe_without_a_writer_is_an_empty_file_not_a_hang(tmp_path, args):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    argv = [a.replace("{f}", str(fifo)) for a in args] + ["--language", "en"]
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert "pipe" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_with_a_writer_is_still_read(tmp_path):
    """Process substitution (`qdplan validate <(cat file)`) keeps working."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", "validate", str(fifo), "--language", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    with open(fifo, "wb") as writer:  # waits for the reader to open its end
        writer.write(BASELINE.read_bytes())
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert "valid" in out


# ------------------------------------------------------------------ catalogue version
@pytest.mark.parametrize(
    "version", ["x" * 5000, "../" * 40 + "etc/passwd", "qingdao/../qingdao-2024-2028", "a\x00b"]
)
def test_an_odd_catalogue_version_is_unknown_not_a_file_name(tmp_path, capsys, version):
    path = changed(tmp_path, ("catalogue_version",), version)
    code, _, err = run_cli(capsys, "validate", path, "--language", "en")
    assert code == 2, err
    assert "catalogue_version: unknown catalogue version" in err
    assert "internal error" not in err


# ------------------------------------------------------------------ nearly zero
NEARLY_ZERO = [5e-324, 1e-300, 1e-160, 1e-100, 1e-13, -1e-160]
SPREADS = [
    ("lines", "m01-common-tech", "uptake_cv", "2024"),
    ("lines", "m01-common-tech", "award_share", "2026", "sd"),
    ("indicators", "tech_enterprises", "effects", 0, "mean"),
    ("indicators", "rd_expenditure", "effects", 1, "mean"),
]


@pytest.mark.parametrize("value", NEARLY_ZERO)
@pytest.mark.parametrize("where", SPREADS)
def test_a_number_nearly_zero_is_refused_with_its_path(tmp_path, capsys, where, value):
    path = changed(tmp_path, where, value)
    code, _, err = run_cli(capsys, "run", path, "--draws", "20", "--quiet", "--language", "en")
    assert code == 2, err
    dotted = ".".join(str(k) for k in where)
    line = next(line for line in err.splitlines() if dotted in line)
    assert "at least 1e-12" in line or (value < 0 and "must be >= 0" in line)
    assert "internal error" not in err


@pytest.mark.parametrize("where", SPREADS)
def test_the_smallest_accepted_number_runs(tmp_path, capsys, where):
    """1e-12 itself is accepted (the limit is not > but >=), and runs."""
    path = changed(tmp_path, where, 1e-12)
    code, _, err = run_cli(capsys, "run", path, "--draws", "20", "--quiet", "--format", "json")
    assert code == 0, err


def test_derived_numbers_nearer_zero_than_the_limit_are_zero():
    """A fitted trend of a flat series (rounding noise) is written as 0, so a calibrated
    scenario is never refused for it; larger numbers keep 12 significant digits."""
    assert significant(3.2e-17) == 0.0
    assert significant(-9.99e-13) == 0.0
    assert significant(1e-12) == 1e-12
    assert significant(1.23456789012345e-5) == pytest.approx(1.23456789012e-5, rel=1e-15)


# ------------------------------------------------------------------ a tiny count spread
@pytest.mark.parametrize("cv", [1e-6, 1e-9, 1e-12])
def test_a_tiny_spread_of_the_award_count_is_poisson_not_zero(cv):
    """Poisson(λ) with λ ~ Gamma(mean 12, cv) has mean 12 and variance 12 + 144 cv² (≈ 12);
    before, the negative binomial's p rounded to 1 and every year had no awards."""
    dist = count_distribution(12.0, cv)
    assert dist.mean() == pytest.approx(12.0, rel=1e-9)
    assert dist.var() == pytest.approx(12.0 + 144 * cv * cv, rel=1e-6)
    table = CountTable(12.0, cv)
    z = np.random.default_rng(7).standard_normal(200_000)
    drawn = table.sample(z)
    # the sample mean of 200,000 Poisson(12) draws: sd 12 / sqrt(200,000) ≈ 0.0078
    assert abs(drawn.mean() - 12.0) < 0.05


def test_a_tiny_uptake_spread_runs_like_none(tmp_path):
    """The whole run: a line's outlay with uptake_cv 1e-9 equals the one with 0 (Poisson)."""
    from simulator.model import Engine

    def outlay(cv: float) -> float:
        path = changed(tmp_path, ("lines", "m01-common-tech", "uptake_cv", "2024"), cv)
        results = Engine(load_scenario(path), draws=4000, seed=3).run()
        return float(results.outlay("line", "m01-common-tech")["mean"][0])

    assert outlay(1e-9) == pytest.approx(outlay(0.0), rel=1e-3)
    assert outlay(1e-9) > 0


# ------------------------------------------------------------------ workbooks
def workbook_with(change) -> bytes:
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", change('<workbook x="1"><sheets/></workbook>'))
    return source.getvalue()


def test_a_tag_of_a_million_attributes_is_refused_quickly():
    attributes = " ".join(f'a{i}="1"' for i in range(300_000))
    content = workbook_with(lambda xml: xml.replace('x="1"', attributes))
    problem = archive_problem(content)
    assert problem is not None
    assert "xl/workbook.xml" in problem.text("en")
    assert "more than 1 MB" in problem.text("en")


def test_an_element_with_too_many_attributes_is_refused():
    attributes = " ".join(f'a{i}="1"' for i in range(workbook_scan.MAX_ATTRIBUTES + 1))
    assert len(attributes) < 1024 * 1024
    problem = archive_problem(workbook_with(lambda xml: xml.replace('x="1"', attributes)))
    assert problem is not None and "attributes" in problem.text("en")
    few = " ".join(f'a{i}="1"' for i in range(workbook_scan.MAX_ATTRIBUTES))
    assert archive_problem(workbook_with(lambda xml: xml.replace('x="1"', few))) is None


def test_long_text_in_a_workbook_is_not_one_token():
    """Text, however long, comes to the scan in pieces: only tags and values are bounded."""
    text = "<t>" + "A" * (3 * 1024 * 1024) + "</t>"
    content = workbook_with(lambda xml: xml.replace("<sheets/>", text + "<sheets/>"))
    assert archive_problem(content) is None


# ------------------------------------------------------------------ calibrate on a history
@pytest.mark.parametrize("value", ["1e15", "1e-13"])
def test_a_history_whose_fit_no_scenario_holds_is_bad_input(tmp_path, capsys, value):
    """A planner's history of figures beyond a scenario's range (a start above 1e9, or
    nearly zero) makes a calibrated scenario the checks refuse: exit 2 naming the history
    file and the field, not an internal error."""
    import csv

    shipped = ROOT / "simulator" / "model" / "data" / "history-qingdao.csv"
    rows = list(csv.reader(io.StringIO(shipped.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        row[2] = value
    history = tmp_path / "mine.csv"
    with history.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    save = tmp_path / "fitted.json"
    code, _, err = run_cli(
        capsys, "calibrate", "baseline", "--history", history, "--save", save, "--language", "en"
    )
    assert code == 2, err
    assert "internal error" not in err and not save.exists()
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("mine.csv: ") for line in lines)
    assert any("indicators.rd_expenditure.start.value" in line for line in lines)


# ------------------------------------------------------------------ a key written twice
def test_a_key_written_twice_in_a_scenario_is_refused_with_its_place(tmp_path, capsys):
    """JSON keeps the last of two equal keys without a word: a year's uptake written twice
    (12, then 1200) was read as 1200. Now each repeated key is a problem at its object."""
    text = BASELINE.read_text(encoding="utf-8")
    assert '"2024": 12.0,' in text
    text = text.replace('"2024": 12.0,', '"2024": 12.0, "2024": 1200.0,', 1)
    text = text.replace(
        '"uptake_multiplier": 1.0,', '"uptake_multiplier": 1.0, "uptake_multiplier": 2,'
    )
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "validate", path, "--language", "en")
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert 'twice.json: the key "uptake_multiplier" appears more than once' in lines[0]
    assert 'lines.m01-common-tech.uptake: the key "2024" appears more than once' in lines[1]


def test_a_line_written_twice_in_a_bounds_file_is_refused(tmp_path, capsys):
    bounds = tmp_path / "bounds.json"
    bounds.write_text('{"m01-common-tech": [5, 20], "m01-common-tech": [1, 2]}', encoding="utf-8")
    code, _, err = run_cli(
        capsys,
        "optimize",
        "baseline",
        "--bounds",
        bounds,
        "--draws",
        "20",
        "--levels",
        "2",
        "--quiet",
        "--language",
        "en",
    )
    assert code == 2, err
    assert 'the key "m01-common-tech" appears more than once' in err


def test_equal_keys_in_different_objects_are_fine():
    from simulator.model import decode_json

    assert decode_json('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}') == {
        "a": {"x": 1},
        "b": {"x": 2},
        "c": [{"x": 3}, {"x": 4}],
    }


# ------------------------------------------------------------------ text with dollar signs
def test_a_name_with_dollar_signs_is_drawn_as_written(tmp_path, capsys):
    """matplotlib reads text between two $ as a formula: a scenario or own line named
    ``$\\frac{$`` failed every chart and the report (exit 1). Now such text is plain."""
    from simulator.model import add_own_line, own_line_entry, save_scenario

    base = load_scenario(BASELINE)
    entry = own_line_entry(
        base, 19, {"name_zh": "x", "name_en": "x", "department": "市科技局", "amount": 500}
    )
    entry.update(name_zh="$x_{$ 项目", name_en="$\\frac{$ line")
    scenario = add_own_line(base, entry).replace(("name",), "$\\frac{$ and $5")
    path = tmp_path / "dollars.json"
    save_scenario(scenario, path)
    for language in ("zh", "en"):
        charts = tmp_path / f"charts-{language}"
        code, _, err = run_cli(
            capsys,
            "run",
            path,
            "--draws",
            "30",
            "--quiet",
            "--charts",
            charts,
            "--language",
            language,
        )
        assert code == 0, err
        assert any(charts.glob("*.png"))
    code, _, err = run_cli(
        capsys, "report", path, "--draws", "30", "--out", tmp_path / "r.pdf", "--language", "en"
    )
    assert code == 0, err
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    code, _, err = run_cli(
        capsys,
        "compare",
        "baseline",
        path,
        "--draws",
        "30",
        "--charts",
        tmp_path / "cmp",
        "--language",
        "en",
    )
    assert code == 0, err


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "baseline", "--csv", ""],
        ["run", "baseline", "--xlsx", ""],
        ["run", "baseline", "--charts", ""],
        ["calibrate", "baseline", "--save", ""],
        ["history", "--format", "csv", "--out", ""],
    ],
)
def test_an_empty_output_name_is_bad_input_not_silently_ignored(argv, capsys):
    assert cli.main([*argv, "--language", "en"]) == 2
    err = capsys.readouterr().err
    assert "the file or folder name is empty" in err and "--" + argv[-2].lstrip("-") in err
