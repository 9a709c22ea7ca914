"""`qdplan history`: the shipped history or a planner's own file as a table, JSON or CSV; a
bad file is bad input (exit 2, each problem with its row and column on stderr)."""

from __future__ import annotations

import csv
import io
import json

from simulator.cli import qdplan as cli
from simulator.model import HISTORY_COLUMNS

HEADER = ",".join(HISTORY_COLUMNS)


def run(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_lists_every_series_and_marks_the_used_rows(capsys):
    code, out, err = run(capsys, "history", "--language", "en")
    assert code == 0 and not err
    assert "history-qingdao.csv (shipped), 72 rows" in out
    assert "Technology enterprises — tech_enterprises: no published figure found" in out
    lines = out.splitlines()
    used_2017 = [ln for ln in lines if ln.lstrip().startswith("2017  * 2039")]
    other_2017 = [ln for ln in lines if ln.lstrip().startswith("2017    2053")]
    assert len(used_2017) == 1 and len(other_2017) == 1
    code, out_zh, _ = run(capsys, "history")
    assert code == 0 and "全社会研发经费总量 — rd_expenditure (亿元)" in out_zh


def test_json_gives_the_used_values_and_every_row(capsys):
    code, out, _ = run(capsys, "history", "--format", "json")
    assert code == 0
    document = json.loads(out)
    series = {s["id"]: s for s in document["series"]}
    assert series["contract_turnover"]["used"]["2024"] == 709.58
    assert series["high_tech_enterprises"]["used"]["2017"] == 2039
    assert len(series["high_tech_enterprises"]["rows"]) > len(
        series["high_tech_enterprises"]["used"]
    )
    assert sum(len(s["rows"]) for s in document["series"]) == 72


def test_csv_round_trips_and_neutralises_formulas(tmp_path, capsys):
    own = tmp_path / "own.csv"
    own.write_text(
        HEADER + '\nrd_expenditure,2022,380.5,亿元,=HYPERLINK("x"),@p,+t,2023,,yes,-note\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "history", "--history", str(own), "--format", "csv")
    assert code == 0 and not err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(HISTORY_COLUMNS)
    assert rows[1] == [
        "rd_expenditure", "2022", "380.5", "亿元", "'=HYPERLINK(\"x\")", "'@p", "'+t", "2023",
        "", "yes", "'-note",
    ]  # fmt: skip
    # what qdplan writes reads back as the same history
    out_file = tmp_path / "out.csv"
    code, _, err = run(
        capsys,
        "history",
        "--history",
        str(own),
        "--format",
        "csv",
        "--out",
        str(out_file),
        "--language",
        "en",
    )
    assert code == 0 and "wrote 1 rows" in err
    assert out_file.read_bytes().startswith(b"\xef\xbb\xbf")
    code, again, _ = run(capsys, "history", "--history", str(out_file), "--format", "csv")
    assert again == out


def test_a_bad_history_file_is_bad_input_with_rows_and_columns(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "\nrd_expenditure,2022,1,万元,d,p,t,2023,,yes,\nnope,20x,1,家,d,p,t,2023,,yes,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "history", "--history", str(bad), "--language", "en")
    assert code == 2 and not out
    lines = err.splitlines()
    assert (
        lines[0] == "bad.csv: row 2: unit: must be '亿元' (the unit of rd_expenditure), got '万元'"
    )
    assert lines[1].startswith("bad.csv: row 3: id: unknown series 'nope'")
    assert lines[2].startswith('bad.csv: row 3: year: must be a number, got "20x"')
    assert "Traceback" not in err
    missing = str(tmp_path / "missing.csv")
    code, _, err = run(capsys, "history", "--history", missing, "--language", "en")
    assert code == 2 and "file not found" in err
    code, _, err = run(capsys, "history", "--out", str(tmp_path / "x.csv"), "--language", "en")
    assert code == 2 and "--format csv" in err


def test_run_draws_its_charts_with_the_given_history(tmp_path, capsys):
    from pathlib import Path

    baseline = str(Path(__file__).resolve().parents[1] / "scenarios" / "baseline.json")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\nnope,2022,1,家,d,p,t,2023,,yes,\n", encoding="utf-8")
    code, out, err = run(
        capsys, "run", baseline, "--draws", "200", "--history", str(bad), "--language", "en"
    )
    assert code == 2 and not out and err.startswith("bad.csv: row 2: id: unknown series")
    own = tmp_path / "own.csv"
    own.write_text(
        HEADER + "\nrd_expenditure,2019,250.5,亿元,d,市统计局,内部统计,2020,,yes,\n",
        encoding="utf-8",
    )
    charts = tmp_path / "charts"
    code, _, err = run(
        capsys, "run", baseline, "--draws", "200", "--history", str(own), "--charts", str(charts)
    )
    assert code == 0, err
    svg = (charts / "indicator_rd_expenditure.svg").read_text(encoding="utf-8")
    from simulator.present import chinese_font_available

    label = (
        "历史实际值（来源：市统计局）"
        if chinese_font_available()
        else "observed (source: 市统计局)"
    )
    assert label in svg  # the default language is zh (en without a CJK font)
