"""Recalibrate the shipped scenarios' indicator blocks from the shipped history, and set the
lines' pre-plan levels; then regenerate tests/golden/scenarios.json if asked.

    .venv/bin/python scripts/calibrate_shipped.py [--golden]

* start, trend and noise: ``calibrate_scenario`` on the shipped history up to 2023, noise
  persistence 0.3 where the data are too few to estimate it (a marked assumption);
* ``effects[].above``: the pre-plan level of each effect's input. No published yearly award
  counts per line exist in the history, so the level is an assumption, the same in every
  scenario (it is a fact about the past, not a plan choice): the baseline's mean 2024 awards
  (or 万元 committed in 2024), i.e. the plan continues the pre-plan support at its 2024 level
  and only what lies above it adds to a trend that already contains pre-plan support.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from simulator import Engine, load_scenario, save_scenario, simulate
from simulator.model import calibrate_scenario, shipped_history

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("baseline", "accelerated", "restrained")
#: noise persistence where a series cannot estimate it (an assumption: the backtest's 50 %
#: bands were too wide with 0.5, about right with 0 and 0.3)
PERSISTENCE = 0.3
ABOVE_BASIS = (
    "assumption: 计划前年度水平无公开数据, 取基准情景2024年平均水平 (no published yearly "
    "figure for this line before the plan: the plan is taken to continue pre-plan support at "
    "the baseline's mean 2024 level, which the trend fitted on pre-plan years already contains; "
    "only {what} above it add)"
)


def pre_plan_levels() -> dict[tuple[str, str, str], float]:
    baseline = load_scenario(ROOT / "scenarios" / "baseline.json")
    engine = Engine(baseline, draws=40_000, seed=2024)
    engine.run()
    levels = {}
    for indicator in baseline.catalogue.indicator_ids:
        for e in baseline.indicator_assumptions(indicator)["effects"]:
            draws = engine.lines[e["line"]]
            if e["per"] == "award":
                assert draws.awards is not None
                value = float(round(draws.awards[0].mean(), 1))
            else:
                value = float(f"{draws.committed[0].mean():.3g}")
            levels[(indicator, e["line"], e["per"])] = value
    return levels


def main() -> None:
    history = shipped_history()
    ids = load_scenario(ROOT / "scenarios" / "baseline.json").catalogue.indicator_ids
    series = {i: history.series(i) for i in ids if i in history.ids}
    sources = {i: "; ".join(history.sources(i)) for i in series}
    levels = pre_plan_levels()
    for name in NAMES:
        path = ROOT / "scenarios" / f"{name}.json"
        scenario = load_scenario(path)
        data = scenario.data
        for indicator, block in data["indicators"].items():
            for e in block["effects"]:
                what = "awards" if e["per"] == "award" else "万元 committed"
                e["above"] = {
                    "value": levels[(indicator, e["line"], e["per"])],
                    "basis": ABOVE_BASIS.format(what=what),
                }
        data["persistence"]["basis"] = (
            "assumption: 申报量冲击逐年相关系数0.5 (uptake shocks of each line and the common "
            "factor persist from year to year with correlation 0.5; no data to estimate it)"
        )
        result = calibrate_scenario(
            scenario.with_data(data),
            series,
            2023,
            sources,
            persistence=PERSISTENCE,
            noise_pool={i: history.series(i) for i in history.ids},
        )
        save_scenario(result.scenario, path)
        print(
            name, {i: (f.start_year, f.trend_mean) if f else None for i, f in result.fits.items()}
        )
    if "--golden" in sys.argv:
        golden_path = ROOT / "tests" / "golden" / "scenarios.json"
        golden = json.loads(golden_path.read_text(encoding="utf-8"))
        for file_name, g in golden.items():
            data = simulate(
                load_scenario(ROOT / "scenarios" / file_name), draws=g["draws"], seed=g["seed"]
            ).to_dict()
            total = data["outlay_wan"]["total"]
            g["total_2024_2028_wan"] = {
                k: round(total["2024-2028"][k], 1) for k in g["total_2024_2028_wan"]
            }
            g["total_by_year_mean_wan"] = {
                y: round(total[y]["mean"], 1) for y in g["total_by_year_mean_wan"]
            }
            g["target_probability"] = {
                i: round(data["targets"][i]["probability"], 4) for i in g["target_probability"]
            }
            g["all_targets_probability"] = round(data["all_targets_probability"], 4)
        golden_path.write_text(
            json.dumps(golden, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
