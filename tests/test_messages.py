"""The gettext catalogue of the command line, charts and report: every message the code
uses is in it, with a Chinese translation that keeps the message's placeholders."""

from __future__ import annotations

import ast
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from simulator.model import N_, translate, translated

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "simulator" / "model" / "locale"
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/qdplan.po"))


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _names(text: str) -> set[str]:
    return {f[1] for f in string.Formatter().parse(text) if f[1]}


def test_there_is_a_chinese_catalogue():
    assert [p.parent.parent.name for p in PO_FILES] == ["zh_CN"]


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_every_message_has_a_finished_translation_with_its_placeholders(po):
    catalog = _catalog(po)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 100
    missing = [m.id for m in messages if not m.string or m.fuzzy]
    assert not missing, f"{po.relative_to(ROOT)}: no translation for {missing}"
    changed = [m.id for m in messages if _names(m.id) != _names(m.string)]
    assert not changed, f"placeholders differ: {changed}"


SCRIPT = (ROOT / "scripts" / "translations.sh").read_text(encoding="utf-8")
#: The keywords and inputs of scripts/translations.sh's pybabel extract.
KEYWORDS = re.findall(r"-k (\S+)", SCRIPT)
SOURCES = ["simulator", "ui/core/recovery.py"]

#: The calls that take a problem's template (simulator.model.problems), and the index of
#: the template among their positional arguments.
TEMPLATE_CALLS = {
    "Message": 0,
    "Problem": 1,
    "add": 1,
    "InputError": 0,
    "NumberError": 0,
    "CellProblem": 0,
    "BadInput": 0,
    "BadValue": 0,
    "ScenarioSaveError": 0,
}


def test_the_script_extracts_every_kind_of_message():
    assert "translate:1" in KEYWORDS and "N_" in KEYWORDS
    for name, index in TEMPLATE_CALLS.items():
        assert f"{name}:{index + 1}" in KEYWORDS or (index == 0 and name in KEYWORDS), name
    for source in SOURCES:
        assert f" {source}" in SCRIPT


def _sources() -> list[Path]:
    files: list[Path] = []
    for source in SOURCES:
        path = ROOT / source
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _templates() -> list[tuple[str, ast.expr]]:
    """(where, template argument) of every call that takes a problem's template."""
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in TEMPLATE_CALLS:
                index = TEMPLATE_CALLS[_name(node)]
                if len(node.args) > index:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((where, node.args[index]))
    return found


def _built(node: ast.expr) -> bool:
    """Whether an expression builds a text (so no catalogue can hold it): an f-string, a
    concatenation or formatting of texts, str(), or a choice between two literals (which
    the extractor would join into one nonsense message)."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return any(isinstance(n, (ast.Constant, ast.JoinedStr)) for n in ast.walk(node))
    if isinstance(node, ast.IfExp):
        return (
            any(
                isinstance(n, ast.Constant) and isinstance(n.value, str)
                for n in (node.body, node.orelse)
            )
            or _built(node.body)
            or _built(node.orelse)
        )
    if isinstance(node, ast.Call):
        return _name(node) in ("str", "format", "join", "repr")
    return False


def test_every_problem_template_is_a_literal():
    """Templates are filled after translation: a template built at run time (an f-string,
    str(exc), "a" + b) would never be found in the catalogue, and "a" if c else "b" would be
    extracted as one message "ab"."""
    built = [where for where, node in _templates() if _built(node)]
    assert built == [], f"templates built at run time: {built}"


def test_every_problem_template_has_a_chinese_translation():
    literals = {
        node.value
        for _, node in _templates()
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value
    }
    assert len(literals) > 150
    for po in PO_FILES:
        translated_ = {m.id: m.string for m in _catalog(po) if m.id and m.string and not m.fuzzy}
        missing = sorted(literals - set(translated_))
        assert missing == [], f"{po.relative_to(ROOT)}: no translation for {missing}"
        for literal in literals:
            assert _names(translated_[literal]) == _names(literal), literal
            words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^{}]*\}", " ", literal))
            if words:  # a template of words (not only placeholders) is translated into words
                assert re.search(r"[\u4e00-\u9fff]", translated_[literal]), literal


def test_the_catalogue_holds_exactly_the_messages_of_the_code(tmp_path):
    """pybabel extract, with the keywords and sources of scripts/translations.sh update,
    finds the same messages as the .po holds: none is missing, none is left over."""
    pybabel = Path(sys.executable).parent / "pybabel"
    if not pybabel.exists():
        pytest.skip("pybabel is not installed")
    pot = tmp_path / "fresh.pot"
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "--no-location",
            *keywords,
            "-o",
            str(pot),
            *(str(ROOT / source) for source in SOURCES),
        ],
        check=True,
        capture_output=True,
    )
    fresh = {m.id for m in _catalog(pot) if m.id}
    for po in PO_FILES:
        held = {m.id for m in _catalog(po) if m.id}
        assert fresh - held == set(), "run scripts/translations.sh update"
        assert held - fresh == set(), "run scripts/translations.sh update"


def test_translate_reads_the_compiled_catalogue():
    assert translate("on track", "zh") == "有望达成"
    assert translate("on track", "en") == "on track"
    assert translate("a text no catalogue holds", "zh") == "a text no catalogue holds"
    assert N_("on track") == "on track"
    assert translated({"a": [N_("on track"), "at risk"]}, "zh") == {"a": ["有望达成", "存在风险"]}


def test_the_compiled_catalogue_is_not_committed():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo", "*.qm"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == ""


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_the_app_set_up_compiles_the_catalogue_without_babel(po, tmp_path, monkeypatch):
    """``scripts/setup.sh app`` installs no Babel: the catalogue is then compiled with GNU
    msgfmt, which must accept it (its ``--check`` took "50% range" for a Python format and
    stopped the README's first command) and give the same translations as Babel's."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt is not installed")
    import gettext

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import compile_translations
    finally:
        sys.path.pop(0)
    with_babel = tmp_path / "babel.mo"
    compile_translations.compile_po(po, with_babel)
    for name in ("babel", "babel.messages", "babel.messages.mofile", "babel.messages.pofile"):
        monkeypatch.setitem(sys.modules, name, None)  # as if Babel were not installed
    without = tmp_path / "msgfmt.mo"
    compile_translations.compile_po(po, without)
    a = gettext.GNUTranslations(with_babel.open("rb"))
    b = gettext.GNUTranslations(without.open("rb"))
    messages = [m.id for m in _catalog(po) if m.id and isinstance(m.id, str)]
    assert any("%" in m for m in messages)  # the case msgfmt --check refused
    assert len(messages) > 100
    for message in messages:
        assert b.gettext(message) == a.gettext(message)
    assert b.gettext("on track") == "有望达成"
