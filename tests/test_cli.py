"""The `qdplan` command: output shapes, exit codes, and no tracebacks for bad input."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import qdplan as cli
from simulator.cli import run as cli_run

ROOT = Path(__file__).resolve().parents[1]
BASELINE = str(ROOT / "scenarios" / "baseline.json")


def run(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_catalogue_json(capsys):
    code, out, _ = run(capsys, "catalogue", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["measures"]) == 28
    lines = {line["id"]: line for line in data["lines"]}
    assert lines["m01-common-tech"]["cap_wan"] == 500 and lines["m01-common-tech"]["rate"] is None
    assert lines["m24-vc-reward"]["cap_wan"] is None and lines["m24-vc-reward"]["rate"] == 0.1
    assert all(
        {"id", "measure", "cap_wan", "rate", "form", "clause"} <= set(line)
        for line in lines.values()
    )
    assert {i["id"]: i["target_2028"] for i in data["indicators"]}["rd_expenditure"] == 800
    assert all({"id", "unit", "target_2028"} <= set(i) for i in data["indicators"])


def test_catalogue_table_lists_every_measure(capsys):
    code, out, _ = run(capsys, "catalogue", "--language", "en")
    assert code == 0
    for number in range(1, 29):
        assert f"{number:>2}. " in out
    assert "(no money rule)" in out


def test_validate_good_and_bad(capsys, tmp_path):
    assert run(capsys, "validate", BASELINE)[0] == 0
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    data["lines"]["m14-first-recognition"]["uptake"]["2026"] = -3
    data["uptake_multiplier"] = "high"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad), "--language", "en")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert f"{bad}: lines.m14-first-recognition.uptake.2026: must be >= 0, got -3" in lines
    assert any("uptake_multiplier: must be a number" in line for line in lines)
    assert "Traceback" not in err


def test_run_json_shape(capsys):
    code, out, _ = run(
        capsys, "run", BASELINE, "--draws", "3000", "--seed", "5", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["years"] == [2024, 2025, 2026, 2027, 2028]
    assert data["draws"] == 3000 and data["seed"] == 5
    for year in ("2024", "2028"):
        cell = data["outlay_wan"]["total"][year]
        assert {"mean", "p05", "p50", "p95"} <= set(cell)
        assert cell["p05"] <= cell["p50"] <= cell["p95"]
        assert {"mean", "p05", "p50", "p95"} <= set(data["outlay_wan"]["by_line"]["m01-demo"][year])
        assert {"mean", "p05", "p50", "p95"} <= set(data["indicators"]["platforms"][year])
    for indicator in (
        "tech_enterprises",
        "rd_expenditure",
        "platforms",
        "contract_turnover",
        "tech_brokers",
    ):
        target = data["targets"][indicator]
        assert 0 <= target["probability"] <= 1 and target["target"] > 0


def test_run_with_other_sampler_and_csv(capsys, tmp_path):
    out_csv = tmp_path / "series.csv"
    code, out, _ = run(
        capsys,
        "run",
        BASELINE,
        "--draws",
        "2000",
        "--sampler",
        "lhs",
        "--csv",
        str(out_csv),
        "--language",
        "en",
    )
    assert code == 0 and "sampler Latin hypercube" in out
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == ["quantity", "level", "id", "name_zh", "name_en", "year"]
    assert any(r[1] == "total" and r[5] == "2024-2028" for r in rows[1:])


def test_run_writes_charts(capsys, tmp_path):
    code, _, _ = run(capsys, "run", BASELINE, "--draws", "2000", "--charts", str(tmp_path / "c"))
    assert code == 0
    names = {p.name for p in (tmp_path / "c").iterdir()}
    for stem in ("total_fan", "by_section", "indicator_platforms"):
        assert {f"{stem}.png", f"{stem}.svg", f"{stem}.pdf"} <= names


@pytest.mark.parametrize(
    "args,fragment",
    [
        (("run", "/no/such/file.json", "--language", "en"), "file not found"),
        (("run", BASELINE, "--draws", "0"), "--draws"),
        (("run", BASELINE, "--draws", "ten"), "--draws"),
        (("run", BASELINE, "--sampler", "dice"), "--sampler"),
    ],
)
def test_bad_input_exits_2_without_traceback(capsys, args, fragment):
    try:
        code = cli.main(list(args))
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and fragment in err and "Traceback" not in err


def test_unwritable_csv_is_bad_input(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "run",
        BASELINE,
        "--draws",
        "2000",
        "--csv",
        str(tmp_path / "missing" / "out.csv"),
        "--language",
        "en",
    )
    assert code == 2 and "could not save" in err and "Traceback" not in err


def test_internal_error_exits_1_without_traceback(capsys, monkeypatch):
    def broken(self, progress=None, cancelled=None):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli_run.Engine, "run", broken)
    code, _, err = run(capsys, "run", BASELINE, "--draws", "2000", "--language", "en")
    assert code == 1 and "internal error" in err and "boom" in err and "Traceback" not in err


def test_console_script_and_exit_codes_in_a_real_process(tmp_path):
    exe = Path(sys.executable).with_name("qdplan")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]
    ok = subprocess.run(command + ["validate", BASELINE], capture_output=True, text=True)
    assert ok.returncode == 0
    bad = subprocess.run(
        command + ["validate", str(tmp_path / "none.json"), "--language", "en"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "file not found" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_progress_is_shown_on_stderr_for_long_runs(capsys, monkeypatch):
    monkeypatch.setattr(cli_run, "Engine", _FastEngine)
    code, _, err = run(capsys, "run", BASELINE, "--draws", "500000", "--language", "en")
    assert code == 0 and "simulating… 100%" in err


class _FastEngine(cli_run.Engine):
    """The real engine at 2,000 draws, reporting progress as a long run would."""

    def __init__(self, scenario, draws=None, **kwargs):
        super().__init__(scenario, draws=2000, **kwargs)


def test_gui_command_starts_the_app_as_its_own_program(tmp_path):
    """`qdplan gui … --screenshot` runs `python -m ui` (the model never imports Qt)."""
    import os

    shot = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    scenario = tmp_path / "small.json"
    from simulator import load_scenario, save_scenario

    save_scenario(load_scenario(BASELINE).replace(("simulation", "draws"), 2000), scenario)
    exe = Path(sys.executable).with_name("qdplan")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]
    result = subprocess.run(
        command + ["gui", str(scenario), "--screenshot", str(shot), "--language", "en"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_a_newline_or_escape_in_a_file_name_does_not_break_the_message(capsys, tmp_path):
    """A hostile file name (a newline, a terminal escape) is said on one line, its control
    characters escaped as in Python: no second line that could pass for another message,
    no escape acting on the terminal."""
    name = tmp_path / "plan\nwrote results.json\x1b[2J.json"
    code, out, err = run(capsys, "run", str(name))
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err  # one line
    assert "plan\\nwrote results.json\\x1b[2J.json" in err
