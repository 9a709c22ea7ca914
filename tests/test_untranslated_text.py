"""No untranslated fragment in what the command line, the charts and the report show: in
Chinese no English word except proper names and symbols (tests/language_check.py), in
English no Chinese character outside names from the catalogue and scenario data."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from simulator import load_scenario, simulate
from simulator.model import shipped_scenario_path
from simulator.present import (
    chart_kinds,
    chinese_font_available,
    make_chart,
    render_run_table,
    summary_rows,
    write_report,
)
from tests.language_check import catalogue_data, untranslated

LANGUAGES = ("zh", "en")


@pytest.fixture(scope="module")
def results():
    scenario = load_scenario(shipped_scenario_path("baseline"))
    wan = {str(y): 160_000.0 for y in range(2024, 2029)}
    scenario = scenario.replace(("appropriation",), {"basis": "assumption: test", "wan": wan})
    return simulate(scenario, draws=2000, seed=5)


def _data(results, language):
    return catalogue_data(results.catalogue, language, results.scenario)


def _check(texts, language, results):
    found = untranslated(texts, language, _data(results, language))
    assert not found, f"untranslated in {language}: {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_run_table(results, language):
    text = render_run_table(results, language, 1.25)
    _check(text.splitlines(), language, results)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_table(results, language):
    cells = [str(cell) for row in summary_rows(results, language) for cell in row]
    _check(cells, language, results)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_of_a_run(results, language):
    if language == "zh" and not chinese_font_available():
        pytest.skip("no CJK font: charts are drawn in English")
    texts = []
    for kind in chart_kinds(results.catalogue):
        figure = Figure(figsize=(10, 6))
        make_chart(kind, figure, language).draw(results)
        texts += [t.get_text() for t in figure.findobj(Text) if t.get_text().strip()]
    assert len(texts) > 50
    _check(texts, language, results)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_briefing_report(results, language, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    if language == "zh" and not chinese_font_available():
        pytest.skip("no CJK font: the report is written in English")
    baseline = load_scenario(shipped_scenario_path("baseline"))
    out = write_report(results, tmp_path / "r.pdf", language, baseline=baseline)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the scenario's description (a planner's text, here in both languages) is wrapped over
    # several lines: those lines are data
    description = " ".join(results.scenario.description.split())
    lines = [line for line in text.splitlines() if " ".join(line.split()) not in description]
    _check(lines, language, results)
