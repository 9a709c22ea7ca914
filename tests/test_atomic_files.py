"""Every file is written atomically (``simulator.model.files``), whichever writer writes it:
a full disk leaves the previous file whole and no debris; a symbolic link keeps pointing to
the file, which gets the new content; a read-only file is refused, not replaced; temporary
files of killed writers are cleaned up by the next write into their folder; and a set of
charts is replaced only once all of it is written."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from matplotlib.figure import Figure

from simulator import load_scenario, save_scenario, shipped_scenario_path, simulate
from simulator.model import TEMP_MARK, ScenarioSaveError, atomic_write, remove_stale_temps
from simulator.present import (
    Look,
    save_figure,
    write_charts,
    write_csv,
    write_figures,
    write_report,
)

BASELINE = shipped_scenario_path("baseline")
PNG = b"\x89PNG\r\n\x1a\n"

if sys.platform != "win32":
    import fcntl


@pytest.fixture(scope="module")
def results():
    return simulate(load_scenario(BASELINE), draws=2000, seed=1)


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def disk_full_midway(monkeypatch):
    """From now on os.write takes half of the first block it is given; then the disk is
    full. Returns the sizes asked for."""
    real_write = os.write
    calls = []

    def write(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)
    return calls


def figure(label: int) -> tuple[Figure, Look]:
    fig = Figure(figsize=(3, 2), dpi=50)
    axes = fig.add_subplot()
    axes.plot([0, 1, 2], [0, label, 2 * label])
    axes.set_title(f"chart {label}")
    return fig, Look("en")


# ---------------------------------------------------------------------------- writers
def scenario_writer(path, version, _results):
    save_scenario(load_scenario(BASELINE).replace(("name",), f"version {version}"), path)


def csv_writer(path, version, _results):
    write_csv([["item", "value"], ["total", version]] * 50, path)


def chart_writer(path, version, _results):
    save_figure(*figure(version), path)


def report_writer(path, version, results):
    write_report(results, path, "en" if version == 1 else "zh")


WRITERS = {
    "plan.json": scenario_writer,
    "table.csv": csv_writer,
    "chart.png": chart_writer,
    "briefing.pdf": report_writer,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_full_disk_leaves_the_previous_file_and_no_debris(name, tmp_path, monkeypatch, results):
    target = tmp_path / name
    before = b"the previous version, whole\n" * 10
    target.write_bytes(before)
    with monkeypatch.context() as patch:
        calls = disk_full_midway(patch)
        with pytest.raises(OSError) as info:
            WRITERS[name](target, 2, results)
    assert len(calls) == 2  # it failed in the middle of the file, not before it
    assert isinstance(info.value, ScenarioSaveError) and info.value.errno == errno.ENOSPC
    assert str(target) in str(info.value) and "No space left on device" in str(info.value)
    assert target.read_bytes() == before
    assert listing(tmp_path) == [name]


# ---------------------------------------------------------------------------- links
def test_saving_through_a_link_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real"
    links = tmp_path / "links"
    real.mkdir()
    links.mkdir()
    target = real / "plan.json"
    save_scenario(load_scenario(BASELINE), target)
    link = links / "plan.json"
    relative = os.path.join("..", "real", "plan.json")
    link.symlink_to(relative)
    chain = links / "latest.json"  # a link to the link
    chain.symlink_to("plan.json")

    changed = load_scenario(BASELINE).replace(("name",), "through a link")
    save_scenario(changed, chain)
    assert chain.is_symlink() and os.readlink(chain) == "plan.json"
    assert link.is_symlink() and os.readlink(link) == relative
    assert load_scenario(target).name == "through a link"
    assert listing(real) == ["plan.json"] and listing(links) == ["latest.json", "plan.json"]


def test_a_dangling_link_gets_its_file(tmp_path):
    link = tmp_path / "chart.png"
    link.symlink_to("made-later.png")
    chart_writer(link, 1, None)
    assert link.is_symlink()
    assert (tmp_path / "made-later.png").read_bytes().startswith(PNG)


# ---------------------------------------------------------------------------- read-only
@pytest.mark.parametrize("through_link", [False, True])
@pytest.mark.parametrize("name", ["plan.json", "table.csv", "chart.png"])
def test_a_read_only_file_is_refused_not_replaced(name, through_link, tmp_path, results):
    """Checked by the file's permission bits, so it holds for root too (who may write)."""
    target = tmp_path / name
    WRITERS[name](target, 1, results)
    before = target.read_bytes()
    target.chmod(0o444)
    path = target
    if through_link:
        path = tmp_path / f"link-{name}"
        path.symlink_to(name)
    with pytest.raises(ScenarioSaveError) as info:
        WRITERS[name](path, 2, results)
    message = str(info.value)
    assert str(path) in message and "read-only" in message
    assert target.read_bytes() == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert len(list(tmp_path.glob(f"*{TEMP_MARK}*"))) == 0


def test_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "plan.json").mkdir()
    with pytest.raises(ScenarioSaveError, match="folder"):
        atomic_write(tmp_path / "plan.json", b"{}")


def test_the_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "plan.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    umask = os.umask(0o022)
    os.umask(umask)
    atomic_write(tmp_path / "fresh.csv", b"x")
    assert stat.S_IMODE((tmp_path / "fresh.csv").stat().st_mode) == 0o666 & ~umask


def test_a_very_long_name_is_written(tmp_path):
    target = tmp_path / ("情景" * 40 + ".json")  # 243 bytes in UTF-8, near the limit
    atomic_write(target, b"{}")
    assert target.read_bytes() == b"{}" and listing(tmp_path) == [target.name]


# ---------------------------------------------------------------------------- debris
@pytest.mark.skipif(os.name != "posix", reason="temporary files are cleaned on POSIX only")
def test_the_next_save_removes_temporary_files_of_killed_writers_only(tmp_path):
    gone = dead_pid()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    names = {
        "stale": f".plan.json{TEMP_MARK}{gone}-0123abcd",
        "stale_other_file": f".other.csv{TEMP_MARK}{gone}-feedbeef",
        "this_process": f".plan.json{TEMP_MARK}{os.getpid()}-aaaa0000",
        "running_process": f".plan.json{TEMP_MARK}{running.pid}-bbbb0000",
        "locked": f".plan.json{TEMP_MARK}{gone}-cccc0000",
        "not_ours": ".plan.json.tmp1234",
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"partial")
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    (elsewhere / names["stale"]).write_bytes(b"partial")
    holder = os.open(tmp_path / names["locked"], os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a writer that is still writing
        atomic_write(tmp_path / "plan.json", b"new")
    finally:
        os.close(holder)
        running.kill()
        running.wait()
    left = set(listing(tmp_path))
    assert left == {"plan.json", "sub"} | {
        names[k] for k in ("this_process", "running_process", "locked", "not_ours")
    }
    assert listing(elsewhere) == [names["stale"]]  # only the folder written to is cleaned
    assert remove_stale_temps(elsewhere) == [elsewhere / names["stale"]]


# ---------------------------------------------------------------------------- sets
def first_set(folder):
    paths = write_figures({f"c{i}": figure(i) for i in range(1, 5)}, folder, ("png", "svg"))
    assert len(paths) == 8
    return snapshot(folder)


def second_set():
    return {f"c{i}": figure(10 * i) for i in range(1, 5)}


def test_a_chart_set_that_fails_midway_leaves_the_previous_set(tmp_path, monkeypatch):
    out = tmp_path / "charts"
    before = first_set(out)
    real_fsync = os.fsync
    synced = []

    def fsync(fd):
        synced.append(fd)
        if len(synced) == 5:  # the fifth file of eight: the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="No space left"):
        write_figures(second_set(), out, ("png", "svg"))
    assert snapshot(out) == before


def test_a_chart_set_with_a_read_only_member_replaces_nothing(tmp_path):
    out = tmp_path / "charts"
    before = first_set(out)
    (out / "c3.png").chmod(0o444)
    with pytest.raises(ScenarioSaveError) as info:
        write_figures(second_set(), out, ("png", "svg"))
    assert str(out / "c3.png") in str(info.value)
    assert snapshot(out) == before


def test_a_failed_rename_in_a_set_says_which_files_were_replaced(tmp_path, monkeypatch):
    """What the documentation promises when the renaming itself fails: the files renamed
    before hold the new version, the others the old, each whole; no debris."""
    out = tmp_path / "charts"
    before = first_set(out)
    real_replace = os.replace
    renamed = []

    def replace(src, dst):
        renamed.append(dst)
        if len(renamed) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ScenarioSaveError) as info:
        write_figures(second_set(), out, ("png", "svg"))
    message = str(info.value)
    assert "c1.png" in message and "c1.svg" in message and "previous version" in message
    after = snapshot(out)
    assert set(after) == set(before)  # no temporary files left
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"c1.png", "c1.svg"}
    for name, content in after.items():
        if name.endswith(".png"):
            assert content.startswith(PNG)
        else:
            assert ET.fromstring(content).tag.endswith("svg")


def test_all_charts_of_a_run_are_replaced_together(results, tmp_path, monkeypatch):
    out = tmp_path / "charts"
    write_charts(results, out, "en", formats=("png",))
    before = snapshot(out)
    assert len(before) > 5
    real_savefig = Figure.savefig
    drawn = []

    def savefig(self, *args, **kwargs):
        drawn.append(1)
        if len(drawn) == 4:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_savefig(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    with pytest.raises(OSError):
        write_charts(results, out, "zh", formats=("png",))
    assert snapshot(out) == before
