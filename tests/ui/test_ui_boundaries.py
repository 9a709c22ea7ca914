"""ui/ holds no model logic: it edits a Scenario and shows Results, computing nothing."""
import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
MODEL_MATH = ("numpy", "scipy", "pandas")


def test_ui_does_not_do_model_math():
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in MODEL_MATH]
    assert not offenders, offenders


def test_ui_reaches_the_model_only_through_its_public_modules():
    allowed = {"simulator", "simulator.charts", "simulator.export", "simulator.scenario"}
    allowed |= {"simulator.actuals", "simulator.compare", "simulator.report"}  # issue 4
    allowed |= {"simulator.decision", "simulator.decision_charts"}  # issue 5
    used = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module \
                    and node.module.startswith("simulator"):
                used.add(node.module)
    assert used <= allowed, used - allowed
