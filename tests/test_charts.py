"""Charts are tested through what they plot (artists' data and text), not through pixels."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from simulator import load_scenario, simulate
from simulator.present import (
    chart_kinds,
    charts,
    chinese_font_available,
    effective_language,
    fonts,
    make_chart,
    outlay_charts,
    style,
    write_charts,
)

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 2000


def run(name: str, seed: int = 1):
    return simulate(load_scenario(ROOT / "scenarios" / f"{name}.json"), draws=DRAWS, seed=seed)


@pytest.fixture(scope="module")
def baseline():
    return run("baseline")


@pytest.fixture(scope="module")
def restrained():
    return run("restrained")


@pytest.fixture(scope="module")
def accelerated():
    return run("accelerated")


def new_figure() -> Figure:
    figure = Figure(figsize=style.CHART_SIZE, dpi=style.CHART_DPI)
    FigureCanvasAgg(figure)
    return figure


def drawn(kind: str, results, language: str = "en"):
    chart = make_chart(kind, new_figure(), language)
    chart.draw(results)
    return chart


def artists(chart) -> list:
    ax = chart.axes
    return [ax, *ax.lines, *ax.collections, *ax.patches, *ax.texts, *chart.figure.legends]


def close(a, b, rtol=1e-9):
    np.testing.assert_allclose(
        np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=0
    )


# ---------------------------------------------------------------------------- kinds
def test_chart_kinds_cover_every_indicator(baseline):
    kinds = chart_kinds(baseline.catalogue)
    assert kinds[:3] == ["total_fan", "by_section", "by_department"]
    assert kinds[-1] == "targets"
    assert kinds[3:-1] == [f"indicator:{i.id}" for i in baseline.catalogue.indicators]
    assert charts.CHART_KINDS(baseline.catalogue) == kinds


def test_unknown_kind_and_language_are_refused():
    with pytest.raises(ValueError, match="unknown chart kind"):
        make_chart("pie", new_figure())
    with pytest.raises(ValueError, match="language"):
        make_chart("total_fan", new_figure(), language="fr")


# ---------------------------------------------------------------------------- data
def test_fan_chart_plots_the_total_outlay_in_yi(baseline):
    data = drawn("total_fan", baseline).data()
    total = baseline.outlay("total")
    assert data["years"] == list(baseline.years)
    assert data["scale"] == style.WAN_PER_YI and data["unit"] == "100m yuan"
    for name, key in (
        ("median", "p50"),
        ("mean", "mean"),
        ("p05", "p05"),
        ("p25", "p25"),
        ("p75", "p75"),
        ("p95", "p95"),
    ):
        close(data[name] * data["scale"], total[key][:5])


def test_money_unit_switches_at_ten_thousand_wan():
    assert style.money_scale(9_999.0) == (1.0, "wan")
    assert style.money_scale(10_000.0) == (style.WAN_PER_YI, "yi")


@pytest.mark.parametrize(
    "kind, level", [("by_section", "section"), ("by_department", "department")]
)
def test_stacks_sum_to_the_total_mean(baseline, kind, level):
    data = drawn(kind, baseline).data()
    assert data["series"] == baseline.series(level)
    close(data["totals"] * data["scale"], baseline.outlay("total")["mean"][:5])
    bottom = np.zeros(5)
    for key in data["series"]:
        close(data["bottoms"][key], bottom, rtol=1e-12)
        close(data["stacks"][key] * data["scale"], baseline.outlay(level, key)["mean"][:5])
        bottom = bottom + data["stacks"][key]


def test_small_series_are_grouped_into_other(baseline, monkeypatch):
    monkeypatch.setattr(outlay_charts, "MAX_STACK_SERIES", 4)
    data = drawn("by_section", baseline).data()
    assert len(data["series"]) == 4 and data["series"][-1] == "__other__"
    assert sorted(k for m in data["members"].values() for k in m) == sorted(
        baseline.series("section")
    )
    close(data["totals"] * data["scale"], baseline.outlay("total")["mean"][:5])


def test_section_labels_are_short_and_in_the_language(baseline):
    english = drawn("by_section", baseline, "en").data()["labels"]
    assert english[1].startswith("III. Build high-level")
    if chinese_font_available():
        chinese = drawn("by_section", baseline, "zh").data()["labels"]
        assert chinese[1] == "三、建设高能级创新平台"


@pytest.mark.parametrize("indicator", ["platforms", "rd_expenditure"])
def test_indicator_chart_shows_path_bands_and_target(baseline, indicator):
    data = drawn(f"indicator:{indicator}", baseline).data()
    stats = baseline.indicator(indicator)
    target = baseline.catalogue.indicator(indicator).target_2028
    assert data["years"] == [2023, *baseline.years]
    close(data["median"], stats["p50"])
    close(data["p05"], stats["p05"])
    close(data["p95"], stats["p95"])
    close(data["p25"], stats["p25"])
    close(data["p75"], stats["p75"])
    assert data["start"] == pytest.approx(stats["p50"][0])
    assert data["target"] == target
    assert data["probability"] == baseline.target_probability(indicator)
    assert style.Look("en").percent(data["probability"]) in data["annotation"]


def test_targets_chart_bars_are_the_probabilities(baseline):
    data = drawn("targets", baseline).data()
    ids = [i.id for i in baseline.catalogue.indicators]
    expected = [baseline.target_probability(i) for i in ids] + [baseline.all_targets_probability()]
    assert data["ids"] == ids + ["all"]
    close(data["probabilities"], expected, rtol=1e-12)
    assert data["flags"] == [baseline.flag(p) for p in expected]
    for colour, flag in zip(data["colours"], data["flags"]):
        assert np.allclose(colour[:3], to_rgb(style.FLAG_COLOURS[flag]))


# ---------------------------------------------------------------------------- update
@pytest.mark.parametrize(
    "kind", ["total_fan", "by_section", "by_department", "indicator:tech_brokers", "targets"]
)
def test_update_moves_the_same_artists(restrained, kind):
    """Same series (the same scenario, other draws): the artists move, none is made."""
    chart = drawn(kind, restrained)
    before_artists, before = artists(chart), chart.data()
    chart.update(run("restrained", seed=2))
    after_artists, after = artists(chart), chart.data()
    assert len(before_artists) == len(after_artists)
    assert all(a is b for a, b in zip(before_artists, after_artists))
    changed = [
        k
        for k, v in before.items()
        if isinstance(v, np.ndarray) and not np.array_equal(v, after[k])
    ]
    changed += [
        k for k, v in before.get("stacks", {}).items() if not np.array_equal(v, after["stacks"][k])
    ]
    assert changed, "update() did not move anything"


def test_update_matches_a_fresh_draw(baseline, restrained):
    for kind in chart_kinds(baseline.catalogue):
        chart = drawn(kind, baseline)
        chart.update(restrained)
        fresh = drawn(kind, restrained).data()
        for key, value in chart.data().items():
            if isinstance(value, np.ndarray):
                close(value, fresh[key])


def test_update_redraws_when_the_series_change(baseline):
    # measure 10 shared with a unit that pays nothing in the baseline: a new series
    split = load_scenario(ROOT / "scenarios" / "baseline.json").with_department_shares(
        10, {"市科技局": 0.5, "市教育局": 0.5}
    )
    shared = simulate(split, draws=DRAWS, seed=1)
    chart = drawn("by_department", baseline)
    assert "市教育局" not in chart.data()["series"]
    chart.update(shared)
    data = chart.data()
    assert data["series"] == shared.series("department") and "市教育局" in data["series"]
    close(data["totals"] * data["scale"], shared.outlay("total")["mean"][:5])


# ---------------------------------------------------------------------------- language
def test_set_language_changes_the_title(baseline):
    chart = drawn("total_fan", baseline, "en")
    assert chart.title() == "Total outlays by year"
    if chinese_font_available():
        chart.set_language("zh")
        assert chart.title() == "年度预算支出（合计）"
        assert chart.figure._suptitle.get_text().strip() == chart.title()
        chart.set_language("en")
    assert chart.title() == "Total outlays by year"
    assert chart.figure._suptitle.get_text().strip() == "Total outlays by year"
    assert chart.axes.yaxis.label.get_text() == "Outlay (100m yuan)"


def test_indicator_title_uses_the_catalogue_name(baseline):
    chart = make_chart("indicator:platforms", new_figure(), "en")
    assert chart.title().startswith("Provincial-and-above innovation platforms")


def test_effective_language_falls_back_without_a_cjk_font(baseline, monkeypatch):
    monkeypatch.setattr(style, "chinese_font_available", lambda: False)
    assert effective_language("zh") == "en"
    assert effective_language("en") == "en"
    chart = drawn("targets", baseline, "zh")
    assert chart.title() == "Probability of reaching the 2028 targets"
    assert "五" not in "".join(chart.data()["labels"])
    monkeypatch.setattr(style, "chinese_font_available", lambda: True)
    assert effective_language("zh") == "zh"
    with pytest.raises(ValueError):
        effective_language("de")


def test_font_discovery_registers_files_and_reports_none_without_any(monkeypatch):
    from matplotlib import font_manager

    without_cjk = [e for e in font_manager.fontManager.ttflist if not fonts.covers_chinese(e.name)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", without_cjk)
    monkeypatch.setattr(fonts, "fc_list_files", lambda: [])
    families, _files = fonts.font_config()
    monkeypatch.setattr(fonts, "font_config", lambda: (families, []))
    fonts.cjk_font_family.cache_clear()
    try:
        assert fonts.cjk_font_family() is None
        assert not chinese_font_available() and effective_language("zh") == "en"
    finally:
        fonts.cjk_font_family.cache_clear()


def test_drawing_leaves_global_rcparams_alone(baseline):
    from matplotlib import rcParams

    before = (list(rcParams["font.sans-serif"]), rcParams["axes.unicode_minus"])
    drawn("targets", baseline, "zh")
    assert (list(rcParams["font.sans-serif"]), rcParams["axes.unicode_minus"]) == before


def test_no_missing_glyphs_and_thousands_separators(baseline):
    languages = ["en"] + (["zh"] if chinese_font_available() else [])
    for language in languages:
        for kind in ("total_fan", "indicator:tech_enterprises", "targets", "by_section"):
            chart = drawn(kind, baseline, language)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                chart.figure.canvas.draw()
            missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
            assert not missing, (language, kind, missing[:3])
            if kind == "indicator:tech_enterprises":
                ticks = [t.get_text() for t in chart.axes.get_yticklabels()]
                assert "20,000" in ticks


# ---------------------------------------------------------------------------- files
def test_write_charts_writes_every_kind_in_every_format(baseline, tmp_path):
    out = tmp_path / "charts"
    paths = write_charts(baseline, out, language="zh")
    kinds = chart_kinds(baseline.catalogue)
    assert len(paths) == 3 * len(kinds)
    assert {p.name for p in paths} >= {
        "total_fan.png",
        "by_section.svg",
        "indicator_platforms.pdf",
        "targets.png",
    }
    for path in paths:
        assert path.parent == out and path.stat().st_size > 1000
        head = path.read_bytes()[:8]
        if path.suffix == ".png":
            assert head == b"\x89PNG\r\n\x1a\n"
        elif path.suffix == ".pdf":
            assert head.startswith(b"%PDF")
        else:
            assert ET.parse(path).getroot().tag.endswith("svg")


def test_write_charts_needs_an_existing_parent(baseline, tmp_path):
    target = tmp_path / "missing" / "charts"
    with pytest.raises(OSError) as info:
        write_charts(baseline, target, formats=("png",))
    assert str(target) in str(info.value)
    assert not target.exists()


def test_write_charts_into_a_file_path_fails_clearly(baseline, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("not a directory")
    with pytest.raises(OSError) as info:
        write_charts(baseline, target, formats=("png",))
    assert str(target) in str(info.value)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root may write into read-only directories"
)
def test_write_charts_into_a_read_only_directory(baseline, tmp_path):
    target = tmp_path / "ro"
    target.mkdir()
    target.chmod(0o500)
    try:
        with pytest.raises(PermissionError) as info:
            write_charts(baseline, target, formats=("png",))
        assert str(target) in str(info.value)
    finally:
        target.chmod(0o700)


def test_write_errors_name_the_file(baseline, tmp_path, monkeypatch):
    def refuse(self, path, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Figure, "savefig", refuse)
    with pytest.raises(PermissionError) as info:
        write_charts(baseline, tmp_path / "out", formats=("png",))
    assert str(tmp_path / "out" / "total_fan.png") in str(info.value)


def test_write_charts_refuses_unknown_formats(baseline, tmp_path):
    with pytest.raises(ValueError, match="format"):
        write_charts(baseline, tmp_path / "x", formats=("gif",))


# ---------------------------------------------------------------------------- imports
def test_charts_import_neither_qt_nor_pyplot():
    code = (
        "import sys, simulator.present; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'shiboken6', 'ui') or m == 'matplotlib.pyplot']; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_total_fan_shows_the_appropriation_and_the_net_cost(baseline, restrained):
    """The restrained scenario has an appropriation (and rationing: no draw above it) and
    investments; the baseline has investments but no appropriation."""
    chart = drawn("total_fan", baseline)
    assert "appropriation" not in chart.data() and "net_mean" in chart.data()
    chart.update(restrained)  # an appropriation now: drawn again, with its line
    data = chart.data()
    wan = restrained.scenario.appropriation
    close(data["appropriation"], np.array([wan[str(y)] for y in restrained.years]) / data["scale"])
    close(data["net_mean"], restrained.outlay("net")["mean"][:5] / data["scale"])
    assert np.all(data["p95"] <= data["appropriation"] * (1 + 1e-9))
    assert data["net_mean"][0] == data["mean"][0]  # nothing returns in its first year
    assert np.all(data["net_mean"][1:] < data["mean"][1:])
