"""ui/ holds no model logic and keeps its layers: it edits a Scenario through model functions
and shows Results, computing nothing; it reaches the model only through the package roots;
its modules import in one direction (no cycles); its translations are registered by
``ui.i18n``, not by importing windows."""
import ast
import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
MODEL_MATH = ("numpy", "scipy", "pandas")
#: The only simulator modules the app may import (other engineers rearrange the rest).
SIMULATOR_ROOTS = ("simulator", "simulator.model", "simulator.analysis", "simulator.present")
#: Layers from the bottom: a module imports only from its own layer or the ones below.
LAYERS = ("ui.translations", "ui.i18n", "ui.core", "ui.widgets", "ui.windows", "ui.app",
          "ui.__main__")


def _modules():
    for path in sorted(UI.rglob("*.py")):
        parts = path.relative_to(UI.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(name: str, path: Path, tree) -> list[str]:
    """Absolute names of the modules imported (``from a import b`` counts as a.b too, since
    b may be a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.append(module)
            out += [f"{module}.{a.name}" for a in node.names]
    return out


def _layer(module: str) -> int | None:
    for i, prefix in enumerate(LAYERS):
        if module == prefix or module.startswith(prefix + "."):
            return i
    return None


def test_ui_does_not_do_model_math():
    offenders = []
    for name, path, tree in _modules():
        offenders += [f"{name}: {m}" for m in _imports(name, path, tree)
                      if m.split(".")[0] in MODEL_MATH]
    assert not offenders, offenders


def test_ui_imports_simulator_only_from_its_package_roots():
    offenders = []
    for name, _path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            offenders += [f"{name}: {m}" for m in modules
                          if m.split(".")[0] == "simulator" and m not in SIMULATOR_ROOTS]
    assert not offenders, offenders


def test_ui_layers_import_downward_only():
    known = {name for name, _path, _tree in _modules()}
    offenders = []
    for name, path, tree in _modules():
        own = _layer(name)
        for module in _imports(name, path, tree):
            layer = _layer(module)
            if module in known and module != name and layer is not None and layer > own:
                offenders.append(f"{name} -> {module}")
    assert not offenders, offenders


def test_ui_modules_import_no_cycles():
    graph = {}
    for name, path, tree in _modules():
        graph[name] = {m for m in _imports(name, path, tree) if m.split(".")[0] == "ui"}
    graph = {name: {m for m in deps if m in graph and m != name} for name, deps in graph.items()}
    # a package imports its own modules through __init__; a cycle through it is still one
    done, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in done:
            return
        stack.append(node)
        for dep in sorted(graph[node]):
            if not dep.startswith(node + "."):  # a package importing its own submodule
                visit(dep)
        stack.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)
    assert not cycles, cycles


def test_translations_are_registered_without_importing_windows():
    code = ("import sys\n"
            "from ui import i18n\n"
            "from ui.translations import TABLES\n"
            "assert all(set(t) <= set(i18n.ZH) for t in TABLES.values())\n"
            "bad = [m for m in sys.modules if m.startswith(('ui.windows', 'ui.widgets'))]\n"
            "print(bad); raise SystemExit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=UI.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_string_shared_by_two_parts_has_one_chinese():
    from ui.translations import TABLES
    seen: dict[str, tuple[str, str]] = {}
    conflicts = []
    for part, table in TABLES.items():
        for source, chinese in table.items():
            if source in seen and seen[source][1] != chinese:
                conflicts.append((source, seen[source][0], part))
            seen.setdefault(source, (part, chinese))
    assert not conflicts, conflicts
