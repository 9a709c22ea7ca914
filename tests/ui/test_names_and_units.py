"""Names and units on screen: long names in the catalogue tree are elided to distinct texts
with the full name in a tooltip; money tables keep one unit, named in their header; the
window title and the comparison name the shipped baseline instead of "Untitled" and
"(not saved)"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from simulator import shipped_scenario_path
from simulator.present import summary_rows
from ui import i18n
from ui.widgets.catalogue_tree import CatalogueTree
from ui.widgets.elide import ELLIPSIS, distinct_elided

BASELINE = shipped_scenario_path("baseline")
WAN_PER_YI = 10_000  # 1 亿元 = 10,000 万元


# ---------------------------------------------------------------------------- elision
def test_similar_names_elided_in_the_middle_read_alike_but_not_here(qapp):
    a, b = "科技示范工程(优势产业)", "科技示范工程(新兴产业)"
    metrics = QFontMetrics(QFont())
    # a width where Qt's middle elision keeps the same start and end of both names
    width = next(
        w
        for w in range(metrics.horizontalAdvance(a), 0, -1)
        if metrics.elidedText(a, Qt.TextElideMode.ElideMiddle, w)
        == metrics.elidedText(b, Qt.TextElideMode.ElideMiddle, w)
        and ELLIPSIS in metrics.elidedText(a, Qt.TextElideMode.ElideMiddle, w)
    )
    shown = distinct_elided([a, b, "科技示范工程(海洋)"], width, metrics)
    assert shown[a] != shown[b]
    assert "优" in shown[a] and "新" in shown[b]  # where they differ is shown
    for name, text in shown.items():
        assert metrics.horizontalAdvance(text) <= width
        assert text == name or ELLIPSIS in text


def test_names_that_fit_are_shown_in_full(qapp):
    metrics = QFontMetrics(QFont())
    names = ["创新券", "研发投入奖补"]
    width = max(metrics.horizontalAdvance(n) for n in names)
    assert distinct_elided(names, width, metrics) == {n: n for n in names}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("width", [150, 200, 260, 420])
def test_the_tree_shows_every_line_by_a_distinct_text_with_a_full_tooltip(
    qtbot, small_scenario, language, width
):
    i18n.set_language(language)
    try:
        tree = CatalogueTree()
        qtbot.addWidget(tree)
        tree.set_catalogue(small_scenario.catalogue)
        tree.resize(width, 700)
        tree.show()
        qtbot.waitExposed(tree)
        lines = small_scenario.catalogue.lines
        shown = {line.id: tree.displayed_text("line", line.id) for line in lines}
        assert len(set(shown.values())) == len(lines)  # no two lines read the same
        elided = [text for text in shown.values() if ELLIPSIS in text]
        if width < 400:
            assert len(elided) >= 5  # the test is about elided names
        for line in lines:
            name = line.name_zh if language == "zh" else line.name_en
            item = tree._items[("line", line.id)]
            assert name in item.toolTip(0)
            text = shown[line.id]
            if ELLIPSIS not in text:
                assert text == name
            else:  # a real elision of this name: its start, then what tells it apart
                head, _, tail = text.partition(ELLIPSIS)
                assert name.startswith(head) and head
                assert tail.rstrip(ELLIPSIS) in name
    finally:
        i18n.set_language("en")


def test_a_narrow_tree_hides_the_money_rule_a_wide_one_shows_it(qtbot, small_scenario):
    tree = CatalogueTree()
    qtbot.addWidget(tree)
    tree.set_catalogue(small_scenario.catalogue)
    tree.show()
    tree.resize(240, 600)
    qtbot.waitUntil(lambda: tree.tree.isColumnHidden(1))
    tree.resize(480, 600)
    qtbot.waitUntil(lambda: not tree.tree.isColumnHidden(1))
    assert 0 < tree.tree.header().sectionSize(1) <= 112


# ---------------------------------------------------------------------------- units
def _money_rows(rows):
    """The summary's total-outlay rows (the block under the first header)."""
    out = []
    for row in rows[1:]:
        if not row:
            break
        out.append(row)
    return out


@pytest.fixture
def small_outlay(small_scenario):
    """Yearly outlays under 1 亿元 whose five-year total is over it (about 0.5 亿元 a
    year at 3 % of the baseline's uptake, and 3 % of its pre-plan high-tech certificates,
    whose renewals the multiplier does not scale)."""
    scenario = small_scenario.replace(("uptake_multiplier",), 0.03)
    path = ("lines", "m14-re-recognition", "cohorts_before_plan")
    cohorts = scenario.data["lines"]["m14-re-recognition"]["cohorts_before_plan"]
    small = {k: (round(v * 0.03) if k != "basis" else v) for k, v in cohorts.items()}
    return scenario.replace(path, small)


def test_the_summary_keeps_one_money_unit_when_the_total_is_larger(make_window, small_outlay):
    window = make_window(small_outlay)
    stats = window.results.outlay()
    yearly = [float(v) for v in stats["mean"][:-1]]
    assert max(yearly) < WAN_PER_YI <= float(stats["mean"][-1])  # the mixed case
    for language, unit in (("zh", "万元"), ("en", "10k yuan")):
        rows = _money_rows(summary_rows(window.results, language))
        assert len(rows) == 6
        assert {row[2] for row in rows} == {unit}
        # the 2024-2028 row in 万元 too: its mean is the raw total, not total / 10,000
        # (to the table's precision of 万元, 0.01)
        assert rows[-1][3] == pytest.approx(float(stats["mean"][-1]), abs=0.005 + 1e-9)
    table = window.summary.table
    units = {table.item(r, 2).text() for r in range(1, 7)}
    assert units == {"10k yuan"}


def test_the_summary_in_yi_when_yearly_outlays_reach_one_yi(window):
    stats = window.results.outlay()
    assert min(float(v) for v in stats["mean"][:-1]) >= WAN_PER_YI
    rows = _money_rows(summary_rows(window.results, "zh"))
    assert {row[2] for row in rows} == {"亿元"}
    assert rows[-1][3] == pytest.approx(float(stats["mean"][-1]) / WAN_PER_YI, abs=1e-3)


def test_the_line_outlay_table_names_its_one_unit_in_the_header(window):
    line_id = "m01-common-tech"  # about 3,600 万元 a year, over 1 亿元 in five years
    window.select_line(line_id)
    table = window.line_editor.outlay
    stats = window.results.outlay("line", line_id)
    assert max(float(v) for v in stats["mean"][:-1]) < WAN_PER_YI <= float(stats["mean"][-1])
    assert table.mean_header.text() == "Mean (10k yuan)"
    assert table.range_header.text() == "P5–P95 (10k yuan)"
    total = table.labels[("mean", 5)].text()
    assert float(total.replace(",", "")) == pytest.approx(float(stats["mean"][-1]), abs=0.5)
    for c in range(6):
        low, high = table.labels[("range", c)].text().split("–")
        assert float(low.replace(",", "")) == pytest.approx(float(stats["p05"][c]), abs=0.5)
        assert float(high.replace(",", "")) == pytest.approx(float(stats["p95"][c]), abs=0.5)


def test_the_line_outlay_table_in_yi_for_a_large_line(make_window, small_scenario):
    big = small_scenario.replace(("uptake_multiplier",), 6.0)
    window = make_window(big, language="zh")
    line_id = "m01-common-tech"  # 6 × about 3,600 万元 a year: over 1 亿元 every year
    window.select_line(line_id)
    stats = window.results.outlay("line", line_id)
    assert max(float(v) for v in stats["mean"][:-1]) >= WAN_PER_YI
    table = window.line_editor.outlay
    assert table.mean_header.text() == "均值(亿元)"
    assert table.range_header.text() == "P5–P95(亿元)"
    for c in range(6):
        shown = float(table.labels[("mean", c)].text().replace(",", ""))
        assert shown == pytest.approx(float(stats["mean"][c]) / WAN_PER_YI, abs=0.005)


# ---------------------------------------------------------------------------- names
def test_the_title_names_the_shipped_baseline_not_untitled(make_window, small_scenario):
    window = make_window(small_scenario, origin=BASELINE, wait=False)
    title = window.windowTitle()
    assert title.startswith("基准情景 Baseline · baseline.json (shipped with qdplan)[*]")
    assert "Untitled" not in title
    window.set_language("zh")
    title = window.windowTitle()
    assert title.startswith("基准情景 Baseline · baseline.json(qdplan 内置)[*]")
    assert "未命名" not in title


def test_the_title_of_a_scenario_without_a_file_is_its_name(make_window, small_scenario):
    renamed = small_scenario.replace(("name",), "Plan B")
    window = make_window(renamed, wait=False)
    assert window.windowTitle().startswith("Plan B[*]")
    window.document.edit(("name",), "Plan C")
    assert window.windowTitle().startswith("Plan C[*]")
    window.document.edit(("name",), "  ")
    assert window.windowTitle().startswith("Untitled[*]")


def test_new_starts_from_the_shipped_baseline_and_says_so(make_window, small_scenario, tmp_path):
    window = make_window(small_scenario, wait=False)
    assert window.new_file()
    assert window.document.origin == BASELINE
    assert "baseline.json (shipped with qdplan)" in window.windowTitle()
    assert window.save_as(tmp_path / "mine.json")
    assert window.windowTitle().startswith("mine.json[*]")


def test_the_comparison_names_the_shipped_baseline_and_shipped_files(
    make_window, small_scenario, tmp_path
):
    window = make_window(small_scenario, origin=BASELINE, wait=False)
    restrained = shipped_scenario_path("restrained")
    copy = tmp_path / "restrained-copy.json"
    copy.write_bytes(restrained.read_bytes())
    compare = window.review.open_compare([restrained, copy])
    table = compare.scenario_table
    assert table.item(0, 1).text() == "基准情景 Baseline (current scenario)"
    assert table.item(0, 2).text() == "baseline.json (shipped with qdplan)"
    assert table.item(1, 2).text() == "restrained.json (shipped with qdplan)"
    assert table.item(2, 2).text() == str(copy)  # a copy elsewhere is the planner's file
    window.document.edit(("uptake_multiplier",), 1.1)
    assert table.item(0, 1).text() == "基准情景 Baseline (current, unsaved changes included)"
    window.set_language("zh")
    assert table.item(0, 2).text() == "baseline.json(qdplan 内置)"
    assert "未保存" not in table.item(0, 2).text()
    compare.close()


def test_the_comparison_of_an_unsaved_scenario_still_says_not_saved(window):
    compare = window.review.open_compare()
    assert compare.scenario_table.item(0, 2).text() == "(not saved)"
    compare.close()


def test_the_summary_elides_similar_target_names_to_distinct_texts(window, qapp):
    table = window.summary.table
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, header.ResizeMode.Interactive)
    # the target names span columns 0-2 (the outlay block's Item, Year and Unit): 80 pixels
    # in all, narrower than on a 1280x720 screen in English
    header.resizeSection(0, 20)
    header.resizeSection(1, 30)
    header.resizeSection(2, 30)
    qapp.processEvents()
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    rows = [r for r, name in enumerate(names) if name.startswith("Technology")]
    assert len(rows) >= 3  # technology enterprises, contract turnover, brokers
    shown = [window.summary.delegate.displayed_text(table.model().index(r, 0)) for r in rows]
    assert all(ELLIPSIS in text for text in shown)
    assert len(set(shown)) == len(shown)
    for r in rows:
        assert table.item(r, 0).toolTip() == names[r]
