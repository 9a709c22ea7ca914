"""qdplan installed from its wheel, outside the source tree: the wheel holds every file of
every package (the shipped scenarios and all data files included), and, installed into a new
virtual environment and run from an empty folder with nothing of the checkout on the path,
`qdplan run`, `qdplan validate` and `qdplan gui --screenshot` work on the shipped baseline.

The build (PEP 517, isolated: setuptools comes from the package index) and the install
(numpy, scipy, matplotlib and PySide6 from the index or pip's cache, without compiling to
bytecode) take 20–40 s on the 2-core machine; the runs about 15 s. Deselect with
``-m "not wheel"``."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from simulator import load_catalogue

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.wheel,
    pytest.mark.skipif(sys.platform == "win32", reason="the venv layout below is POSIX"),
]

#: Folders of the checkout the build never needs (and that may be large or stale).
SKIP = {
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "tests",
    "benchmarks",
    "docs",
    "out",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".import_linter_cache",
}


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in SKIP or n.endswith((".egg-info", ".pyc"))}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout (so no stale build/ folder of the
    checkout can slip into it)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_ignore)
    out = work / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (built,) = out.glob("qdplan-*.whl")
    return built


def _package_folders() -> dict[str, Path]:
    """{package: folder} of every package pyproject.toml lists."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    mapped = setuptools.get("package-dir", {})
    return {
        name: ROOT / mapped.get(name, name.replace(".", "/")) for name in setuptools["packages"]
    }


def test_the_wheel_holds_every_file_of_every_package(wheel):
    """All files of a package folder, whatever their type (JSON, text, CSV history data,
    compiled translations), and of the data folders below it, are in the wheel."""
    folders = _package_folders()
    package_dirs = {folder.resolve() for folder in folders.values()}
    expected = set()
    for name, folder in folders.items():
        for path in folder.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            # files of a sub-package belong to that package
            owner = next(p for p in [path.parent, *path.parents] if p.resolve() in package_dirs)
            if owner.resolve() != folder.resolve():
                continue
            relative = path.relative_to(folder).as_posix()
            expected.add(f"{name.replace('.', '/')}/{relative}")
    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    assert expected - inside == set()
    for data in (
        "simulator/scenarios/baseline.json",
        "simulator/scenarios/restrained.json",
        "simulator/scenarios/accelerated.json",
        "simulator/model/data/catalogue-qingdao-2024-2028.json",
        "simulator/model/data/plan.zh.txt",
        # compiled by the build (setup.py), never committed
        "ui/translations/qdplan_zh_CN.qm",
        "simulator/model/locale/zh_CN/LC_MESSAGES/qdplan.mo",
    ):
        assert data in inside


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_installed_wheel_runs_from_any_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-compile",
            "--disable-pip-version-check",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        env=install_env,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    here = tmp_path / "elsewhere"
    home = tmp_path / "home"
    here.mkdir()
    home.mkdir()
    # Nothing of the checkout or of the test's own environment: only the new venv.
    env = {
        "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TMPDIR": str(tmp_path),
    }

    def qdplan(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["qdplan", *args],
            capture_output=True,
            text=True,
            cwd=here,
            env={**env, **extra},
            timeout=300,
        )

    where = subprocess.run(
        [
            "python",
            "-c",
            "import simulator, ui; from simulator import shipped_scenario_path as s; "
            "print(simulator.__file__); print(ui.__file__); print(s())",
        ],
        capture_output=True,
        text=True,
        cwd=here,
        env=env,
        check=True,
    ).stdout.splitlines()
    for path in where:
        assert Path(path).resolve().is_relative_to(venv.resolve()), where
        assert not Path(path).resolve().is_relative_to(ROOT), where

    run = qdplan(
        "run", "baseline", "--draws", "2000", "--seed", "1", "--format", "json", "--csv", "s.csv"
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["draws"] == 2000 and data["years"] == [2024, 2025, 2026, 2027, 2028]
    assert data["outlay_wan"]["total"]["2026"]["p50"] > 0
    assert set(data["targets"]) >= {"rd_expenditure", "tech_enterprises"}
    assert (here / "s.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    # the compiled gettext catalogue is found in the installed package
    table = qdplan("run", "baseline", "--draws", "2000", "--seed", "1", "--language", "zh")
    assert table.returncode == 0, table.stderr
    assert "预算支出合计" in table.stdout
    assert any(flag in table.stdout for flag in ("有望达成", "存在风险", "偏离目标"))

    valid = qdplan("validate", "baseline", "--language", "en")
    assert valid.returncode == 0, valid.stderr
    assert (
        valid.stdout.startswith("baseline: valid")
        and f"{len(load_catalogue().lines)} lines" in valid.stdout
    )
    broken = here / "broken.json"
    broken.write_text("{", encoding="utf-8")
    bad = qdplan("validate", "broken.json")
    assert bad.returncode == 2 and "broken.json" in bad.stderr and "Traceback" not in bad.stderr

    shot = qdplan("gui", "--screenshot", "x.png", "--language", "en", QT_QPA_PLATFORM="offscreen")
    assert shot.returncode == 0, shot.stderr
    # and the app's compiled Qt catalogue (a missing .qm stops the app with a message)
    shot_zh = qdplan(
        "gui", "--screenshot", "zh.png", "--language", "zh", QT_QPA_PLATFORM="offscreen"
    )
    assert shot_zh.returncode == 0, shot_zh.stderr
    width, height = _png_size(here / "x.png")
    assert width >= 800 and height >= 500

    headless = qdplan("gui")
    assert headless.returncode == 2
    assert len(headless.stderr.splitlines()) == 1 and "xvfb-run -a qdplan gui" in headless.stderr
