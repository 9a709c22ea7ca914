"""pyproject.toml lists its packages explicitly (the shipped scenarios install as
simulator.scenarios from the top-level folder scenarios/): a package left off the list would
be missing from an installed wheel, so every folder of Python files must be on it."""

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_folder_is_a_listed_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    mapped = config["tool"]["setuptools"].get("package-dir", {})
    on_disk = set()
    for top in ("simulator", "ui"):
        for init in (ROOT / top).rglob("*.py"):
            on_disk.add(".".join(init.parent.relative_to(ROOT).parts))
    on_disk |= {name for name, folder in mapped.items() if (ROOT / folder).is_dir()}
    assert on_disk == listed, {"missing": on_disk - listed, "not on disk": listed - on_disk}


def test_the_shipped_scenarios_are_package_data():
    from simulator import shipped_scenario_path

    for name in ("baseline", "restrained", "accelerated"):
        path = shipped_scenario_path(name)
        assert path.is_file(), path
        assert resources.files("simulator.scenarios").joinpath(f"{name}.json").is_file()


def test_every_model_data_file_is_package_data():
    """Each file of simulator/model/data matches a pattern of the model's package data (the
    shipped history CSV included), so an installed wheel carries it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["simulator.model"]
    package = ROOT / "simulator" / "model"
    matched = {path for p in patterns for path in package.glob(p)}  # setuptools' glob rules
    for path in (package / "data").iterdir():
        assert path in matched, path.name
    assert resources.files("simulator.model").joinpath("data", "history-qingdao.csv").is_file()


def test_the_bundle_program_dispatches_to_the_command_line_and_the_app(tmp_path):
    """packaging/qdplan_entry.py (the program of the PyInstaller bundle): `qdplan COMMAND`
    is the command line, `qdplan gui …` the app in the same process (a frozen Python cannot
    run `python -m ui`)."""
    import os
    import subprocess
    import sys

    entry = ROOT / "packaging" / "qdplan_entry.py"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, str(entry), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )

    cli = run("validate", "baseline", "--language", "en")
    assert cli.returncode == 0 and cli.stdout.startswith("baseline: valid"), cli.stderr
    app_help = run("gui", "--help")
    assert app_help.returncode == 0 and "usage: qdplan gui" in app_help.stdout
    assert "--screenshot" in app_help.stdout
    # no argument: the app, which says in one line that there is no display
    bare = run()
    assert bare.returncode == 2 and "xvfb-run -a qdplan gui" in bare.stderr
