"""Speed and memory of the simulation core, measured in one process (memory in children).

    .venv/bin/python benchmarks/core.py [--draws 100000] [--repeat 3] [--big 1000000]
                                        [--huge 10000000]

Prints, for the baseline scenario:
  * the full ``simulate`` time (run and every summary the JSON holds), and the CPU time the
    run takes on all its threads (the floor's is its time: one thread);
  * the floor: the time numpy takes to draw two standard normals for every (draw, line,
    year) cell, and the ratio of the two (target ≤ 1.5); the floor is numpy's default
    generator (PCG64), as since the first round; the same with the engine's generator
    (SFC64, quicker) is printed beside it, and the ratios against it;
  * the same with rationing on (the baseline with an appropriation of 160,000 万元 a year,
    proportional rationing; target ≤ 2 × the floor);
  * the time to recompute after one line's uptake changes (target ≤ 20 ms), and with the
    summaries the app shows on a slider move (total, sections, indicators, targets); then
    for every line (median of three changes; the worst line is named), without and with
    rationing;
  * peak memory (resident set) of a full run at --draws and at --big draws, and at --big
    draws with rationing on (target ≤ 1.5 GB);
  * peak memory and time of a full run at --huge draws (the validator's highest, drawn in
    parts; 0 skips it: it takes minutes).
Times are the best of --repeat rounds; the floor and the runs alternate within each round
(each floor is the best of two in a row), and the ratios are also given as the median of the
rounds' own ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator import Engine, load_scenario  # noqa: E402
from simulator.model import PART_DRAWS  # noqa: E402
from simulator.model.years import YEARS  # noqa: E402

BASELINE = ROOT / "scenarios" / "baseline.json"


def best_of(repeat, function):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def timed(function, cpu):
    """The wall time of one call; its CPU time (every thread of the process) appended to
    ``cpu``."""
    started, used = time.perf_counter(), time.process_time()
    function()
    cpu.append(time.process_time() - used)
    return time.perf_counter() - started


def full_run(scenario, draws, summaries=True):
    results = Engine(scenario, draws=draws, seed=1).run()
    if summaries:
        results.to_dict()  # every summary the JSON output holds
    return results


def rationed(scenario):
    """The scenario with an appropriation of 160,000 万元 a year, rationed proportionally."""
    data = scenario.data
    data["appropriation"] = {"basis": "benchmark", "wan": {str(y): 160_000.0 for y in YEARS}}
    data["rationing"]["policy"] = "proportional"
    return scenario.with_data(data)


def every_line(engine, scenario, prepared=False):
    """Median of three one-line updates of each line (uptake of 2026 up 10 %, 20 %, back;
    a re-recognition line: its renewal rate). ``prepared``: each line is first made ready
    as the app does when a planner selects it (``Engine.prepare``, not timed)."""
    times = {}
    for line in scenario.catalogue.lines:
        if prepared:
            engine.prepare(line.id)
        year = "2026"
        assumptions = scenario.line_assumptions(line.id)
        # a line without an uptake of its own (re-recognition: its renewal rate)
        path: tuple[str, ...] = ("lines", line.id, "uptake", year)
        if year in assumptions["uptake"]:
            base = assumptions["uptake"][year]
        else:
            path, base = ("lines", line.id, "renewal_rate"), assumptions["renewal_rate"]
        own = []
        for factor in (1.1, 1.2, 1.0):
            value = min(base * factor, 1.0) if path[-1] == "renewal_rate" else base * factor
            changed = engine.scenario.replace(path, value)
            started = time.perf_counter()
            engine.update(changed, line.id)
            own.append(time.perf_counter() - started)
        times[line.id] = float(np.median(own))
    return times


def floor(draws, n_lines, n_years, bit_generator=np.random.PCG64):
    generator = np.random.Generator(bit_generator(1))
    generator.standard_normal((2, n_lines, n_years, draws))


def memory_child(draws: int, with_rationing: bool = False) -> None:
    """Run in a child process: one full run (with every summary of the JSON output), then
    print the peak resident set in MB and the run's time in seconds."""
    scenario = load_scenario(BASELINE)
    if with_rationing:
        scenario = rationed(scenario)
    started = time.perf_counter()
    full_run(scenario, draws)
    elapsed = time.perf_counter() - started
    print(json.dumps({"peak_mb": peak_kb() / 1024, "seconds": elapsed}))


def peak_kb() -> float:
    """This process's peak resident set (kB): VmHWM, which starts afresh at exec (the
    rusage maximum does not: a child forked from a large benchmark process would report
    the parent's peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def child_run(draws: int, with_rationing: bool = False) -> dict[str, float]:
    """{'peak_mb', 'seconds'} of a full run in a child process."""
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(draws)]
        + (["--rationed"] if with_rationing else []),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_memory_mb(draws: int, with_rationing: bool = False) -> float:
    return child_run(draws, with_rationing)["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--huge", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-child", type=int)
    parser.add_argument("--rationed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.rationed)
        return

    scenario = load_scenario(BASELINE)
    with_rationing = rationed(scenario)
    n_lines = len(scenario.catalogue.lines)
    draws = args.draws
    full_run(scenario, 20_000)  # warm caches (tables are cached by parameters)
    full_run(with_rationing, 20_000)
    # Interleave the three measurements so that a machine that speeds up or slows down
    # during the benchmark affects them alike; report the best of each and the median of
    # the ratios of each round.
    rounds, sfc, cpu_run, cpu_rationed = [], [], [], []
    for _ in range(args.repeat):
        # each floor twice, the best taken: the first allocation of its 328 MB after a run
        # often takes twice as long (the memory a run freed is paged in again; measured
        # 422-759 ms within minutes), which is the machine, not the generator; the engine's
        # generator's floor likewise, next to it
        t_floor = best_of(2, lambda: floor(draws, n_lines, len(YEARS)))
        sfc.append(best_of(2, lambda: floor(draws, n_lines, len(YEARS), np.random.SFC64)))
        rounds.append(
            (
                t_floor,
                timed(lambda: full_run(scenario, draws, summaries=False), cpu_run),
                best_of(1, lambda: full_run(scenario, draws)),
                timed(lambda: full_run(with_rationing, draws, summaries=False), cpu_rationed),
            )
        )
    t_floor, t_run, t_full, t_rationed = (min(r[i] for r in rounds) for i in range(4))
    t_sfc = min(sfc)
    ratio_run = float(np.median([r[1] / r[0] for r in rounds]))
    ratio_full = float(np.median([r[2] / r[0] for r in rounds]))
    ratio_rationed = float(np.median([r[3] / r[0] for r in rounds]))
    print(
        f"baseline: {n_lines} lines × {len(YEARS)} years × {draws:,} draws "
        f"= {n_lines * len(YEARS) * draws:,} cells"
    )
    print(f"floor (2 standard normals per cell):            {t_floor * 1000:8.1f} ms")
    print(
        f"  the same with the engine's generator (SFC64):   {t_sfc * 1000:8.1f} ms  "
        f"(simulate {t_run / t_sfc:.2f} ×, rationing on {t_rationed / t_sfc:.2f} × of it)"
    )
    print(
        f"simulate (draws and every total; lazy summaries): {t_run * 1000:6.1f} ms  "
        f"ratio {t_run / t_floor:.2f} (median of rounds {ratio_run:.2f})   (target ≤ 1.5)"
    )
    print(
        f"  its CPU (all threads; the floor uses one):    {min(cpu_run) * 1000:8.1f} ms  "
        f"(rationing on: {min(cpu_rationed) * 1000:.1f} ms; least of the rounds)"
    )
    print(
        f"simulate + every summary of the JSON output:    {t_full * 1000:8.1f} ms  "
        f"ratio {t_full / t_floor:.2f} (median of rounds {ratio_full:.2f})"
    )
    print(
        f"simulate with rationing on (proportional):      {t_rationed * 1000:8.1f} ms  "
        f"ratio {t_rationed / t_floor:.2f} (median of rounds {ratio_rationed:.2f})   "
        "(target ≤ 2)"
    )

    engine = Engine(scenario, draws=draws, seed=1)
    engine.run()
    line_id = "m01-common-tech"
    values = [12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0]
    recompute, with_view = [], []
    for value in values:
        changed = engine.scenario.replace(("lines", line_id, "uptake", "2026"), value)
        started = time.perf_counter()
        results = engine.update(changed, line_id)
        middle = time.perf_counter()
        results.outlay()
        for section in results.series("section"):
            results.outlay("section", section)
        results.outlay("line", line_id)
        for indicator in scenario.catalogue.indicator_ids:
            results.indicator(indicator)
            results.target_probability(indicator)
        results.all_targets_probability()
        done = time.perf_counter()
        recompute.append(middle - started)
        with_view.append(done - started)
    print(
        f"one-line recompute ({line_id}, {len(values)} changes): median "
        f"{np.median(recompute) * 1000:6.1f} ms, max {max(recompute) * 1000:6.1f} ms "
        f"(target ≤ 20 ms)"
    )
    print(
        f"  … plus the summaries a slider move shows: median "
        f"{np.median(with_view) * 1000:6.1f} ms, max {max(with_view) * 1000:6.1f} ms"
    )
    line_id = "m14-first-recognition"  # drives re-recognitions and two indicators
    heavy = []
    for value in (1300.0, 1400.0, 1500.0, 1600.0, 1700.0, 1800.0, 1900.0, 2000.0):
        changed = engine.scenario.replace(("lines", line_id, "uptake", "2025"), value)
        started = time.perf_counter()
        engine.update(changed, line_id)
        heavy.append(time.perf_counter() - started)
    print(
        f"one-line recompute ({line_id}: re-recognitions and indicators follow): median "
        f"{np.median(heavy) * 1000:6.1f} ms, max {max(heavy) * 1000:6.1f} ms (target ≤ 20 ms)"
    )
    for prepared in (False, True):
        engine = Engine(scenario, draws=draws, seed=1)
        engine.run()
        times = every_line(engine, scenario, prepared)
        worst = max(times, key=times.__getitem__)
        over = sorted((t, k) for k, t in times.items() if t > 0.020)
        how = "line selected first (as in the app)" if prepared else "first move cold"
        print(
            f"one-line recompute, every line (median of 3; {how}): worst {worst} "
            f"{times[worst] * 1000:6.1f} ms; median over lines "
            f"{np.median(list(times.values())) * 1000:5.1f} ms; "
            f"{len(over)} line(s) above 20 ms"
            + (": " + ", ".join(f"{k} {t * 1000:.0f}" for t, k in reversed(over)) if over else "")
        )
    engine = Engine(with_rationing, draws=draws, seed=1)
    engine.run()
    rationed_times = every_line(engine, with_rationing, prepared=True)
    worst = max(rationed_times, key=rationed_times.__getitem__)
    print(
        f"one-line recompute with rationing on (rationed again; lines whose factors moved "
        f"funded again; line selected first): median "
        f"{np.median(list(rationed_times.values())) * 1000:5.1f} ms, worst {worst} "
        f"{rationed_times[worst] * 1000:6.1f} ms"
    )
    print(f"peak memory, full run at {draws:>9,} draws: {peak_memory_mb(draws):8.0f} MB")
    print(
        f"peak memory, full run at {args.big:>9,} draws: {peak_memory_mb(args.big):8.0f} MB"
        f"   (target ≤ 1,536 MB)"
    )
    print(
        f"peak memory, full run at {args.big:>9,} draws, rationing on: "
        f"{peak_memory_mb(args.big, True):8.0f} MB   (target ≤ 1,536 MB)"
    )
    if args.huge:
        huge = child_run(args.huge)
        print(
            f"peak memory, full run at {args.huge:>9,} draws: {huge['peak_mb']:8.0f} MB"
            f"   (target ≤ 1,536 MB; drawn in parts of {PART_DRAWS:,}, "
            f"{huge['seconds']:.0f} s)"
        )


if __name__ == "__main__":
    main()
