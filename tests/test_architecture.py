"""The folders tell the architecture: simulator/ is the model and never imports Qt or ui/."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui", "pytestqt")


def test_simulator_sources_do_not_import_qt_or_ui():
    offenders = []
    for path in (ROOT / "simulator").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders, offenders


def test_importing_the_whole_model_loads_no_qt():
    code = ("import sys, simulator, simulator.cli, simulator.charts, simulator.export, "
            "simulator.compare, simulator.report, simulator.actuals, simulator.decision, "
            "simulator.decision_charts, simulator.decision_cli; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            f"{FORBIDDEN!r}]; print(bad); raise SystemExit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
