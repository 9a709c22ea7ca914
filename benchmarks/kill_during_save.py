"""Kill a writer at random moments, over and over, and check that what it writes is whole.

    .venv/bin/python benchmarks/kill_during_save.py [--runs 200] [--what all] [--seed 1]

For each run a child process (forked from this one, so no start-up time) saves in a loop
without pause, and is killed with SIGKILL after a random delay: up to three times as long as
its first save took (at least 300 ms), counted from that first save. Then the target is
checked:

* ``scenario``: ``save_scenario`` of the three shipped scenarios in turn to one file; the
  file must be byte for byte one of the three.
* ``charts``: ``write_figures`` of two sets of charts in turn (4 charts × PNG and SVG) into a
  folder; each file must be byte for byte its version in one of the sets. A kill between
  the renames of a set may leave a mix of the two sets, each file whole (as documented in
  ``simulator/model/files.py``): such runs are counted, not failed.
* ``autosave``: a window's recovery file (``ui.core.recovery.RecoveryFile.write``, what the
  window's autosave calls) with the three scenarios in turn; the file must read back as one
  of them, and since the killed process's lock is free, the next start must offer it.

Debris: the temporary files a kill leaves are counted; the next save into the folder must
remove them (checked when the next child has saved once, and for the last run by a save
from this process). The exit status is 1 if any file was damaged, a version unknown, a
recovery file not offered, or debris left after the next save.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matplotlib.figure import Figure  # noqa: E402

from simulator import load_scenario, save_scenario, shipped_scenario_path  # noqa: E402
from simulator.model import TEMP_MARK, atomic_write  # noqa: E402
from simulator.present import Look, write_figures  # noqa: E402

SCENARIOS = [
    load_scenario(shipped_scenario_path(n)) for n in ("baseline", "restrained", "accelerated")
]
MIN_DELAY_S = 0.3


# ---------------------------------------------------------------------------- children
def _child(pipe: int, loop) -> None:
    """In the forked child: save once, say so, then save forever (one byte per save)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        step = loop()
        step(0)
        os.write(pipe, b"r")
        i = 1
        while True:
            step(i)
            os.write(pipe, b"s")
            i += 1
    finally:
        os._exit(3)  # only if saving failed: the parent sees no "r" or too few saves


def run_child(loop, rng: random.Random) -> tuple[int, int]:
    """Fork a saving child and kill it a random time after its first save; returns its pid
    and the number of saves it completed after the first."""
    read_end, write_end = os.pipe()
    forked = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        _child(write_end, loop)
    os.close(write_end)
    try:
        ready = os.read(read_end, 1)
        if ready != b"r":
            raise RuntimeError("the child could not save at all")
        first_save = time.perf_counter() - forked
        time.sleep(rng.uniform(0.0, max(MIN_DELAY_S, 3 * first_save)))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        saves = 0
        while chunk := os.read(read_end, 65536):
            saves += chunk.count(b"s")
    finally:
        os.close(read_end)
    return pid, saves


def debris(folder: Path, pid: int | None = None) -> list[Path]:
    mark = TEMP_MARK if pid is None else f"{TEMP_MARK}{pid}-"
    return [p for p in folder.iterdir() if mark in p.name]


# ---------------------------------------------------------------------------- the three
def scenario_case(folder: Path):
    target = folder / "plan.json"
    versions = {s.to_json().encode("utf-8"): i for i, s in enumerate(SCENARIOS)}

    def loop():
        return lambda i: save_scenario(SCENARIOS[i % 3], target)

    def check(_pid: int) -> dict:
        content = target.read_bytes()
        version = versions.get(content)
        return {"damaged": version is None, "version": version}

    return loop, check


def _figure_set(scale: int):
    sets = {}
    for k in range(1, 5):
        figure = Figure(figsize=(4, 3), dpi=60)
        axes = figure.add_subplot()
        axes.plot(range(10), [scale * k * x for x in range(10)])
        axes.set_title(f"chart {k} × {scale}")
        sets[f"chart{k}"] = (figure, Look("en"))
    return sets


def charts_case(folder: Path):
    target = folder / "charts"
    sets = [_figure_set(1), _figure_set(7)]
    reference = []
    for i, figures in enumerate(sets):  # each version's bytes, made twice: deterministic?
        ref = folder / f"reference-{i}"
        write_figures(figures, ref, ("png", "svg"))
        first = {p.name: p.read_bytes() for p in ref.iterdir()}
        write_figures(figures, ref, ("png", "svg"))
        again = {p.name: p.read_bytes() for p in ref.iterdir()}
        if first != again:
            raise RuntimeError("chart files are not reproducible: cannot compare versions")
        reference.append(first)
    write_figures(sets[0], target, ("png", "svg"))

    def loop():
        return lambda i: write_figures(sets[i % 2], target, ("png", "svg"))

    def check(_pid: int) -> dict:
        found = {p.name: p.read_bytes() for p in target.iterdir() if TEMP_MARK not in p.name}
        versions = set()
        damaged = set(found) != set(reference[0])
        for name, content in found.items():
            match = [i for i, ref in enumerate(reference) if ref.get(name) == content]
            if not match:
                damaged = True
            versions.update(match[:1])
        return {
            "damaged": damaged,
            "version": min(versions) if len(versions) == 1 else None,
            "mixed": len(versions) > 1,
        }

    return loop, check, target


def autosave_case(folder: Path):
    from ui.core import recovery  # PySide6's QtCore only; no window

    store = folder / "recovery"

    def loop():
        own = recovery.RecoveryFile(store)
        return lambda i: own.write(SCENARIOS[i % 3], None)

    def check(pid: int) -> dict:
        orphans = recovery.orphans(store)
        mine = [o for o in orphans if o.path.name.startswith(f"{pid}-")]
        others = [o for o in orphans if o not in mine]
        for orphan in others:
            orphan.release()
        if len(mine) != 1:
            return {"damaged": False, "version": None, "not_offered": True}
        orphan = mine[0]
        try:
            scenario, _source, _saved_at = orphan.read()
        except Exception:  # any failure to read is damage
            orphan.release()
            return {"damaged": True, "version": None}
        version = next((i for i, s in enumerate(SCENARIOS) if s == scenario), None)
        orphan.discard()
        return {"damaged": version is None, "version": version}

    return loop, check, store


# ---------------------------------------------------------------------------- driver
def exercise(name: str, runs: int, rng: random.Random, folder: Path) -> dict:
    folder.mkdir()
    if name == "scenario":
        loop, check = scenario_case(folder)
        where = folder
    elif name == "charts":
        loop, check, where = charts_case(folder)
    else:
        loop, check, where = autosave_case(folder)
        where.mkdir()
    totals = {
        "runs": runs,
        "damaged": 0,
        "unknown_or_not_offered": 0,
        "mixed_sets": 0,
        "versions": {},
        "runs_leaving_debris": 0,
        "debris_files": 0,
        "debris_after_next_save": 0,
        "saves_before_kill": 0,
    }
    previous = None
    started = time.perf_counter()
    for _ in range(runs):
        pid, saves = run_child(loop, rng)
        totals["saves_before_kill"] += saves + 1
        if previous is not None:  # the new child's saves cleaned the old child's debris
            totals["debris_after_next_save"] += len(debris(where, previous))
        outcome = check(pid)
        totals["damaged"] += bool(outcome.get("damaged"))
        totals["unknown_or_not_offered"] += bool(outcome.get("not_offered"))
        totals["mixed_sets"] += bool(outcome.get("mixed"))
        version = outcome.get("version")
        if version is not None:
            totals["versions"][version] = totals["versions"].get(version, 0) + 1
        left = debris(where, pid)
        totals["runs_leaving_debris"] += bool(left)
        totals["debris_files"] += len(left)
        previous = pid
    atomic_write(where / "last-save.txt", b"cleans the folder\n")  # the next save after the last
    if previous is not None:
        totals["debris_after_next_save"] += len(debris(where, previous))
    totals["seconds"] = round(time.perf_counter() - started, 1)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--what", choices=("scenario", "charts", "autosave", "all"), default="all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--dir", help="where to write (default: the system's temporary folder)")
    args = parser.parse_args(argv)
    if not hasattr(os, "fork"):
        print("needs os.fork and SIGKILL (POSIX)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    names = ("scenario", "charts", "autosave") if args.what == "all" else (args.what,)
    results = {}
    with tempfile.TemporaryDirectory(prefix="qdplan-kill-", dir=args.dir) as tmp:
        for name in names:
            results[name] = exercise(name, args.runs, rng, Path(tmp) / name)
    failed = any(
        r["damaged"] or r["unknown_or_not_offered"] or r["debris_after_next_save"]
        for r in results.values()
    )
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        for name, r in results.items():
            versions = ", ".join(f"v{k}: {v}" for k, v in sorted(r["versions"].items()))
            print(
                f"{name:9s} {r['runs']} kills ({r['seconds']} s, {r['saves_before_kill']} saves "
                f"in all); damaged {r['damaged']}; unknown/not offered "
                f"{r['unknown_or_not_offered']}; mixed sets {r['mixed_sets']}; found {versions}; "
                f"kills leaving a temporary file {r['runs_leaving_debris']} "
                f"({r['debris_files']} files), left after the next save "
                f"{r['debris_after_next_save']}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
