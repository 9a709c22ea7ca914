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
    import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["simulator.model"]
    for path in (ROOT / "simulator" / "model" / "data").iterdir():
        name = f"data/{path.name}"
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name
    assert resources.files("simulator.model").joinpath("data", "history-qingdao.csv").is_file()
