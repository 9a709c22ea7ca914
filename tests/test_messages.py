"""The gettext catalogue of the command line, charts and report: every message the code
uses is in it, with a Chinese translation that keeps the message's placeholders."""

from __future__ import annotations

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


def test_the_catalogue_holds_exactly_the_messages_of_the_code(tmp_path):
    """pybabel extract (what scripts/translations.sh update runs) finds the same messages
    as the .po holds: none is missing, none is left over."""
    pybabel = Path(sys.executable).parent / "pybabel"
    if not pybabel.exists():
        pytest.skip("pybabel is not installed")
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "--no-location",
            "-k",
            "translate:1",
            "-k",
            "N_",
            "-o",
            str(pot),
            str(ROOT / "simulator"),
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
