"""The shipped baseline loads and runs end to end."""

from pathlib import Path

from simulator import load_scenario, simulate

ROOT = Path(__file__).resolve().parents[1]


def test_baseline_runs():
    results = simulate(load_scenario(ROOT / "scenarios" / "baseline.json"), draws=2000, seed=1)
    data = results.to_dict()
    assert data["years"] == [2024, 2025, 2026, 2027, 2028]
    assert data["outlay_wan"]["total"]["2026"]["mean"] > 0
