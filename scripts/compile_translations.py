"""Compile the translation catalogues: the app's .ts to .qm, the gettext .po to .mo.

Used by scripts/translations.sh compile (into the checkout) and by setup.py (into the wheel's
build folder). ``compile_all(source_root, target_root)`` writes each compiled file at the same
relative path under target_root."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TS_FOLDER = Path("ui/translations")
LOCALE_FOLDER = Path("simulator/model/locale")


def lrelease() -> str:
    """The pyside6-lrelease program of this Python's environment (PySide6 ships it)."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if found is None:
        raise SystemExit("compile_translations: pyside6-lrelease not found (install PySide6)")
    return found


def compile_ts(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
    if not qm.is_file():
        raise SystemExit(f"compile_translations: lrelease made no {qm}")


def compile_po(po: Path, mo: Path) -> None:
    """With Babel (the build and test environments have it), else with GNU msgfmt (the app's
    own set-up, ``scripts/setup.sh app``, has no Babel). msgfmt without ``--check``: its
    check takes a literal "50% range" for a Python format ("% r") that the translation
    lacks; the catalogue is checked by the tests, with Babel."""
    mo.parent.mkdir(parents=True, exist_ok=True)
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            raise SystemExit(
                "compile_translations: neither Babel nor msgfmt is installed"
            ) from None
        subprocess.run([msgfmt, "-o", str(mo), str(po)], check=True)
        return
    with po.open("rb") as f:
        catalog = read_po(f, abort_invalid=True)
    with mo.open("wb") as f:
        write_mo(f, catalog)


def compile_all(source_root: Path, target_root: Path) -> list[Path]:
    """Compile every catalogue under source_root; return the files written."""
    written = []
    for ts in sorted((source_root / TS_FOLDER).glob("*.ts")):
        qm = target_root / TS_FOLDER / ts.with_suffix(".qm").name
        compile_ts(ts, qm)
        written.append(qm)
    for po in sorted((source_root / LOCALE_FOLDER).glob("*/LC_MESSAGES/*.po")):
        mo = target_root / po.relative_to(source_root).with_suffix(".mo")
        compile_po(po, mo)
        written.append(mo)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    for path in compile_all(root, root):
        print(f"compiled {path.relative_to(root)}")
