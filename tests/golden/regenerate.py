"""Regenerate tests/golden/scenarios.json deliberately (after a model or scenario change):

    .venv/bin/python tests/golden/regenerate.py

Prints what moved against the file it replaces."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from simulator import load_scenario, simulate  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "scenarios.json"
DRAWS, SEED = 40_000, 2024


def figures(path: Path) -> dict:
    data = simulate(load_scenario(path), draws=DRAWS, seed=SEED).to_dict()
    total = data["outlay_wan"]["total"]
    out = {
        "draws": DRAWS,
        "seed": SEED,
        "total_2024_2028_wan": {
            s: round(total["2024-2028"][s], 1) for s in ("mean", "p05", "p50", "p95")
        },
        "total_by_year_mean_wan": {y: round(total[y]["mean"], 1) for y in map(str, data["years"])},
        "target_probability": {i: round(t["probability"], 4) for i, t in data["targets"].items()},
        "all_targets_probability": round(data["all_targets_probability"], 4),
    }
    investments = data["investments"]
    if investments["lines"]:
        out["returns_2024_2028_mean_wan"] = round(
            investments["returns_wan"]["2024-2028"]["mean"], 1
        )
        out["returns_after_2028_mean_wan"] = round(investments["returns_after_2028_mean"], 1)
        out["net_2024_2028_mean_wan"] = round(investments["net_wan"]["2024-2028"]["mean"], 1)
    rationing = data["rationing"]
    if rationing["active"]:
        out["rationing_probability_by_year"] = {
            y: round(p, 4) for y, p in rationing["probability_by_year"].items()
        }
        out["backlog_end_2028_mean_wan"] = round(rationing["backlog_end_2028_wan"]["mean"], 1)
    return out


def main() -> None:
    old = json.loads(GOLDEN.read_text(encoding="utf-8"))
    new = {p.name: figures(p) for p in sorted((ROOT / "scenarios").glob("*.json"))}
    for name, values in new.items():
        before = old.get(name, {})
        for key, value in values.items():
            if before.get(key) != value:
                print(f"{name} {key}: {before.get(key)} -> {value}")
    GOLDEN.write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
