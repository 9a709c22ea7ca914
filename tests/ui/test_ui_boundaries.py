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
