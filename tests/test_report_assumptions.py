"""The briefing report's assumptions page: every assumption that differs from the baseline is
a labelled row with readable values, never a Python dict or a field name of the file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from simulator import load_scenario, simulate
from simulator.model import add_own_line, own_line_entry
from simulator.present import write_report
from simulator.present.assumption_rows import FIELD_LABELS, difference_rows

ROOT = Path(__file__).resolve().parents[1]

#: Keys of a scenario file that must not reach a reader (a label stands for each; keys that
#: are plain English words, such as "appropriation", are left out).
RAW_KEYS = (
    "uptake_cv",
    "award_share",
    "mean_wan",
    "renewal_rate",
    "uptake_multiplier",
    "common_factor",
    "flag_thresholds",
    "on_track",
    "at_risk",
    "start_2023",
    "noise_sd",
    "cohorts_before_plan",
    "award_rule",
    "department_shares",
    "count_targets",
    "per_award",
    "other_per_year",
    "own_lines",
    "name_zh",
    "name_en",
    "disbursement",
)


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(ROOT / "scenarios" / "baseline.json")


@pytest.fixture(scope="module")
def varied(baseline):
    """The baseline with one edit of each kind of assumption (23 edits)."""
    d = baseline.data
    d["uptake_multiplier"] = 1.1
    d["common_factor"]["loading"] = 0.5
    d["flag_thresholds"]["on_track"] = 0.8
    d["lines"]["m01-demo"]["uptake"]["2026"] = 7.5
    d["lines"]["m01-demo"]["disbursement"] = [0.4, 0.6]
    d["lines"]["m14-re-recognition"]["renewal_rate"] = 0.8
    d["lines"]["m16-intl-activity"]["cost"]["2025"]["mean_wan"] = 33.0
    d["appropriation"] = {
        "basis": "assumption: test",
        "wan": {str(y): 150000.0 for y in range(2024, 2029)},
    }
    platforms = d["indicators"]["platforms"]
    platforms["start"]["sd"] = 4.0
    platforms["trend"]["mean"] = 0.07
    platforms["noise"]["sd"] = 0.03
    platforms["noise"]["persistence"] = 0.55
    platforms["effects"][0]["mean"] = 1.2
    platforms["effects"][0]["above"]["value"] += 1.0
    platforms["effects"].append(
        {
            "line": "m01-demo",
            "per": "award",
            "mean": 0.1,
            "sd": 0.05,
            "above": {"value": 0.0, "basis": "assumption: t"},
            "basis": "assumption: t",
        }
    )
    d["persistence"]["uptake"] = 0.65
    d["lines"]["m14-re-recognition"]["cohorts_before_plan"]["2022"] = 2700
    d["lines"]["m16-intl-activity"]["rate"] = 0.4
    d["lines"]["m10-contract-service-point"]["award_rule"]["rate"] = 0.003
    d["lines"]["m10-contract-service-point"]["award_rule"]["base"]["mean_wan"] = 12000.0
    units = baseline.catalogue.measure(10).departments
    d["department_shares"]["measures"]["10"] = {units[0]: 0.7, units[1]: 0.3}
    d["count_targets"]["targets"]["municipal_key_labs"]["other_per_year"]["mean"] = 25.0
    scenario = baseline.with_data(d)
    entry = own_line_entry(
        scenario,
        9,
        {"department": "市科技局", "amount": 500, "name_zh": "人才公寓", "name_en": "Talent flats"},
    )
    return add_own_line(scenario, entry)


def _check_readable(rows):
    for row in rows:
        assert len(row) == 5 and all(isinstance(cell, str) for cell in row), row
        for cell in row:
            assert not re.search(r"[{}\[\]]|': |\": ", cell), cell  # no dict or list repr
            for key in RAW_KEYS:
                assert not re.search(rf"\b{key}\b", cell), (key, cell)
            assert not re.search(r"\bm\d\d-[a-z]", cell), cell  # names, not line ids


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_difference_is_a_labelled_readable_row(baseline, varied, language):
    rows = difference_rows(baseline, varied, language)
    assert len(rows) == 23  # one per edit
    _check_readable(rows)
    _check_readable(difference_rows(varied, baseline, language))  # and the other way round
    labels = {row[0] for row in rows}
    assert all(label for label in labels)


def test_the_rows_say_what_changed_by_hand(baseline, varied):
    rows = {(r[0], r[1], r[2]): (r[3], r[4]) for r in difference_rows(baseline, varied, "en")}
    demo = baseline.catalogue.line("m01-demo").name("en")
    old_uptake = f"{baseline.line_assumptions('m01-demo')['uptake']['2026']:g}"
    assert rows[("Uptake (projects a year)", "2026", demo)] == (old_uptake, "7.5")
    old_profile = " / ".join(
        f"{100 * v:g}%" for v in baseline.line_assumptions("m01-demo")["disbursement"]
    )
    assert rows[("Disbursement (share paid each year after the award)", "", demo)] == (
        old_profile,
        "40% / 60%",
    )
    assert rows[("Uptake multiplier (all lines)", "", "")] == ("1", "1.1")
    assert rows[("Yearly appropriation (10k yuan)", "", "")] == ("—", "150,000")
    platforms = baseline.catalogue.indicator("platforms").name("en")
    # the baseline's noise sd 0.0188679… (v1's 0.02 / 1.06), shown to 4 decimals
    assert rows[("Yearly noise (sd)", "", platforms)] == ("0.0189", "0.03")
    re_recognition = baseline.catalogue.line("m14-re-recognition").name("en")
    assert rows[("Certificates issued before the plan", "2022", re_recognition)] == (
        "2,640",
        "2,700",
    )
    intl = baseline.catalogue.line("m16-intl-activity").name("en")
    assert rows[("Rate paid (at most the plan's)", "", intl)] == ("0.5", "0.4")
    names = baseline.catalogue.departments
    first, second = (names[u] for u in baseline.catalogue.measure(10).departments[:2])
    (shares,) = [r for k, r in rows.items() if k[0].startswith("Share of a measure's outlay")]
    assert shares == ("—", f"{first} 70%; {second} 30%")
    added = rows[("Effect of a line (added)", "", platforms)]
    assert added == ("—", f"{demo}: 0.1 ± 0.05 per award")
    own = rows[("Own budget line (added)", "", "Talent flats")]
    assert own[0] == "—" and own[1].startswith("500 10k yuan a year")
    assert "Municipal Science and Technology Bureau" in own[1]
    zh = {(r[0], r[2]): r[4] for r in difference_rows(baseline, varied, "zh")}
    assert zh[("自定预算项目（新增）", "人才公寓")].startswith("500 万元/年")


def test_an_own_line_edited_in_place_is_matched_by_id(baseline, varied):
    data = varied.data
    data["own_lines"][0]["uptake"]["2027"] = 800.0
    edited = varied.with_data(data)
    rows = difference_rows(varied, edited, "en")
    assert rows == [["Uptake (10k yuan a year)", "2027", "Talent flats", "500", "800"]]


def test_every_label_has_both_languages():
    from simulator.model import translate

    for en in FIELD_LABELS.values():
        zh = translate(en, "zh")
        assert zh != en and re.search(r"[\u4e00-\u9fff]", zh)
        assert not re.search(r"[\u4e00-\u9fff]", en)


def test_the_report_prints_the_rows(baseline, varied, tmp_path):
    results = simulate(varied, draws=2000, seed=1)
    out = write_report(results, tmp_path / "r.pdf", "en", baseline=baseline)
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: the PDF's text is not checked")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = text[text.index("Assumptions that differ") :]
    assert "Talent flats" in page and "Uptake multiplier (all lines)" in page
    assert "{" not in page and "own_lines" not in page and "uptake_cv" not in page
