"""Every visible string is translated; the language switch retranslates the whole window."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QTranslator

from simulator.present import chinese_font_available
from ui import i18n

UI = Path(__file__).resolve().parents[2] / "ui"


TS = UI / "translations" / "qdplan_zh_CN.ts"


def ts_messages() -> dict[str, tuple[str, str]]:
    """source -> (translation, type) of every message in the Qt Linguist source."""
    root = ElementTree.parse(TS).getroot()
    found = {}
    for context in root.iter("context"):
        assert (context.findtext("name") or "") == i18n.CONTEXT
        for message in context.iter("message"):
            translation = message.find("translation")
            found[message.findtext("source")] = (
                translation.text or "",
                translation.get("type", ""),
            )
    return found


def _literal(node):
    """The string of a literal argument (implicitly joined literals are one Constant)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def tr_strings():
    """The literal source strings passed to tr() or QT_TR_NOOP() anywhere in ui/."""
    found = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("tr", "QT_TR_NOOP")
                and node.args
                and _literal(node.args[0]) is not None
            ):
                found[node.args[0].value] = f"{path.name}:{node.lineno}"
    return found


def test_every_string_has_a_finished_chinese_translation():
    messages = ts_messages()
    missing = {s: where for s, where in tr_strings().items() if s not in messages}
    assert not missing, f"not in {TS.name} (run scripts/translations.sh update): {missing}"
    unfinished = [s for s, (text, kind) in messages.items() if not text or kind]
    assert not unfinished, f"no finished Chinese in {TS.name}: {unfinished}"


def test_lupdate_finds_every_string_the_code_translates(tmp_path):
    """lupdate (what translators run) sees the same strings as the ast scan above, in the
    context tr() uses at run time, and the catalogue holds nothing the code no longer uses."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "fresh.ts"
    shutil.copy(TS, ts)
    subprocess.run(
        [
            str(lupdate),
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            str(UI),
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    fresh = ElementTree.parse(ts).getroot()
    assert [c.findtext("name") or "" for c in fresh.iter("context")] == [i18n.CONTEXT]
    sources = {m.findtext("source") for m in fresh.iter("message")}
    assert sources == set(tr_strings())
    assert sources == set(ts_messages()), "run scripts/translations.sh update"


def test_translations_keep_their_placeholders():
    import string

    for source, (target, _kind) in ts_messages().items():
        names = {f[1] for f in string.Formatter().parse(source) if f[1]}
        assert names == {f[1] for f in string.Formatter().parse(target) if f[1]}, source


def test_the_compiled_catalogue_translates_through_a_plain_qtranslator(qapp):
    translator = i18n.load_translator("zh")
    assert type(translator) is QTranslator
    assert translator.translate(i18n.CONTEXT, "&File") == "文件(&F)"
    assert translator.translate(i18n.CONTEXT, "no such source string") == ""
    i18n.set_language("zh")
    try:
        assert i18n.tr("&File") == "文件(&F)"
        assert i18n.in_every_language("&Quit") == {"&Quit", "退出(&Q)"}
    finally:
        i18n.set_language("en")
    assert i18n.tr("&File") == "&File"


def test_labels_of_forms_and_samplers_are_translated():
    from ui.core.labels import FORM_NAMES, SAMPLER_NAMES

    messages = ts_messages()
    for text in list(FORM_NAMES.values()) + list(SAMPLER_NAMES.values()):
        assert messages[text][0]


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


def test_qt_standard_buttons_follow_the_language(qapp):
    """Qt's own words (a problem dialog's OK button, the file dialog) come from Qt's catalogue:
    Chinese with the app in Chinese, English again after switching back."""
    from PySide6.QtWidgets import QDialogButtonBox

    try:
        i18n.set_language("zh")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
        i18n.set_language("en")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "OK"
    finally:
        i18n.set_language("en")
