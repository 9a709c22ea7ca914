"""The folders tell the architecture. import-linter (run by .ci/run, contracts in
pyproject.toml) checks the static imports; this test checks what actually gets loaded:
importing every module of simulator/ loads no Qt and nothing from ui/."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui", "pytestqt")


def test_importing_every_simulator_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, simulator\n"
        "names = [m.name for m in pkgutil.walk_packages(simulator.__path__, 'simulator.')\n"
        "         if not m.name.endswith('__main__')]\n"
        "for name in names: importlib.import_module(name)\n"
        "assert len(names) > 20, names\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(bad); raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
