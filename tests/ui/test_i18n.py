"""Every visible string is translated; the language switch retranslates the whole window."""

from __future__ import annotations

import ast
from pathlib import Path

from simulator.present import chinese_font_available
from ui import i18n

UI = Path(__file__).resolve().parents[2] / "ui"


def tr_strings():
    """The literal source strings passed to tr() anywhere in ui/."""
    found = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found[node.args[0].value] = f"{path.name}:{node.lineno}"
    return found


def test_every_string_has_a_chinese_translation():
    missing = {s: where for s, where in tr_strings().items() if s not in i18n.ZH}
    assert not missing, f"untranslated: {missing}"


def test_translations_keep_their_placeholders():
    import string

    for source, target in i18n.ZH.items():
        names = {f[1] for f in string.Formatter().parse(source) if f[1]}
        assert names == {f[1] for f in string.Formatter().parse(target) if f[1]}, source


def test_labels_of_forms_and_samplers_are_translated():
    from ui.core.labels import FORM_NAMES, SAMPLER_NAMES

    for text in list(FORM_NAMES.values()) + list(SAMPLER_NAMES.values()):
        assert text in i18n.ZH


def figure_texts(figure):
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text)]


def test_language_switch_changes_menus_tree_and_charts(window):
    canvas = window.charts.current_canvas()
    assert window.file_menu.title() == "&File"
    assert canvas.chart.title() == "Total outlays by year"
    window.set_language("zh")
    assert window.file_menu.title() == "文件(&F)"
    assert window.undo_action.text() == "撤销(&U)"
    assert window.editor_tabs.tabText(0) == "支持政策"
    assert window.charts.tabText(0) == "支出总额"
    assert window.summary.table.item(0, 0).text() == "项目"
    top = window.tree.tree.topLevelItem(0)
    assert top.text(0).startswith("二、")
    assert (
        window.line_editor.page.findChild(type(window.tree_title), "detailTitle").text()
        == "行业共性技术攻关项目"
    )
    if chinese_font_available():
        assert canvas.chart.title() == "年度预算支出（合计）"
        assert any("年度预算支出（合计）" in text for text in figure_texts(canvas.figure))
    assert window.settings.value("language") == "zh"
    window.set_language("en")
    assert window.file_menu.title() == "&File"
    assert canvas.chart.title() == "Total outlays by year"
    assert any("Total outlays by year" in text for text in figure_texts(canvas.figure))
    assert window.tree.tree.topLevelItem(0).text(0).startswith("Lead industrial")


def test_undo_labels_follow_the_language(window):
    window.set_language("zh")
    window.select_line("m01-common-tech")
    window.document.edit(("lines", "m01-common-tech", "uptake", "2026"), 15.0)
    assert window.document.undo_stack.undoText() == "2026年 行业共性技术攻关项目 申报数 12 → 15"
    assert window.undo_action.text().startswith("撤销 2026年")


def test_hidden_charts_follow_the_language_when_shown(window):
    window.set_language("zh")
    window.charts.select_tab(4)  # targets, not drawn before the switch
    canvas = window.charts.current_canvas()
    assert canvas.kind == "targets"
    expected = (
        "2028年目标达成概率"
        if chinese_font_available()
        else "Probability of reaching the 2028 targets"
    )
    assert canvas.chart.title() == expected
    assert any(expected in text for text in figure_texts(canvas.figure))
    assert window.charts.tabText(4) == "目标"
