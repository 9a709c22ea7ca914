"""Plant one bug of each class that slipped through before (issue 11 §6) and check that the
tests meant for that class fail on it: the spread of award sizes, the common factor, a
sampler ignoring its seed, cohort timing, "more than" and "at least" at exact ties (targets,
flags, appropriation; kept, summarised and in parts), observed starting values, real-world
CSV forms, secondary outputs (awards per line, exported rows, JSON, tables, charts) and the
screenshot watchdogs.

    .venv/bin/python benchmarks/planted_bugs.py            # every bug
    .venv/bin/python benchmarks/planted_bugs.py seed lag   # those whose name has a word

Each bug is planted in a copy of the tree (never in the repository), the tests run, the
copy is restored. Prints CAUGHT or NOT CAUGHT per bug; exit 1 if any is not caught.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLANTS = [
    (
        "award-share sd ignored",
        "simulator/model/plan.py",
        'share = ShareDistribution.beta(s["mean"], s["sd"])',
        'share = ShareDistribution.beta(s["mean"], 0.0)',
        ["tests/test_engine_exact.py::test_the_spread_of_award_sizes_sets_the_spread_of_money"],
    ),
    (
        "award-share sd ignored in the sum table",
        "simulator/model/distributions.py",
        "        z *= np.sqrt(n * self.var)",
        "        z *= np.sqrt(n * self.var * 0.8)",
        [
            "tests/test_distributions_exact.py::test_sums_of_awards_have_mean_n_mu_and_variance_n_sigma_squared"
        ],
    ),
    (
        "common factor: not rescaled",
        "simulator/model/engine.py",
        "        z *= math.sqrt(1.0 - loading * loading)\n",
        "",
        [
            "tests/test_engine_exact.py::test_the_common_factor_correlates_lines_by_the_square_of_its_loading"
        ],
    ),
    (
        "common factor not shared: each line its own",
        "simulator/model/engine.py",
        "z += loading * self._common[:, start:stop]",
        "z += loading * self.random.normals_for(plan.key + (7,), len(self.years), self.draws)[:, start:stop]",
        [
            "tests/test_engine_exact.py::test_the_common_factor_correlates_lines_by_the_square_of_its_loading"
        ],
    ),
    (
        "sobol ignores its seed",
        "simulator/model/randomness.py",
        "engine = qmc.Sobol(d=width, scramble=True, rng=self._generator(key, 0))",
        "engine = qmc.Sobol(d=width, scramble=True, rng=Generator(SFC64(SeedSequence(0, spawn_key=key))))",
        [
            "tests/test_engine_exact.py::test_every_sampler_follows_its_seed",
            "tests/test_randomness_exact.py::test_every_sampler_follows_its_seed_stream_and_block",
        ],
    ),
    (
        "lhs ignores its seed",
        "simulator/model/randomness.py",
        "engine = qmc.LatinHypercube(d=width, rng=self._generator(key, block))",
        "engine = qmc.LatinHypercube(d=width, rng=Generator(SFC64(SeedSequence(1, spawn_key=key + (block,)))))",
        [
            "tests/test_engine_exact.py::test_every_sampler_follows_its_seed",
            "tests/test_randomness_exact.py::test_every_sampler_follows_its_seed_stream_and_block",
        ],
    ),
    (
        "cohort lag off by one",
        "simulator/model/renewals.py",
        "trials = first[source, part] + awards[source, part]",
        "trials = first[source + 1, part] + awards[source, part]",
        [
            "tests/test_engine_exact.py::test_renewals_come_from_the_first_recognitions_three_years_earlier"
        ],
    ),
    (
        "renewals not renewed again",
        "simulator/model/renewals.py",
        "trials = first[source, part] + awards[source, part]",
        "trials = first[source, part] + 0 * awards[source, part]",
        [
            "tests/test_engine_exact.py::test_certificates_before_the_plan_and_renewals_are_renewed_again"
        ],
    ),
    (
        "certificates before the plan: cohort a year off",
        "simulator/model/renewals.py",
        "cohort = plan.cohorts.get(YEARS[i] - lag, 0)",
        "cohort = plan.cohorts.get(YEARS[i] - lag + 1, 0)",
        [
            "tests/test_engine_exact.py::test_certificates_before_the_plan_and_renewals_are_renewed_again"
        ],
    ),
    (
        "effects: the pre-plan level ignored",
        "simulator/model/indicator_model.py",
        "        if effect.above <= 0.0:\n            return x\n",
        "        return x\n",
        [
            "tests/test_engine_exact.py::test_indicator_effects_add_per_award_and_per_wan_paid_above_the_pre_plan_level"
        ],
    ),
    (
        "target: at least instead of more than",
        "simulator/model/results.py",
        "self.indicator_paths[indicator_id][-1] > target",
        "self.indicator_paths[indicator_id][-1] >= target",
        ["tests/test_results_exact.py::test_a_target_met_exactly_is_not_more_than_the_target"],
    ),
    (
        "target in parts: at least",
        "simulator/model/chunked.py",
        "above = path[-1] > self.catalogue",
        "above = path[-1] >= self.catalogue",
        ["tests/test_results_exact.py::test_a_target_met_exactly_is_not_more_than_the_target"],
    ),
    (
        "flag: more than instead of at least",
        "simulator/model/results.py",
        'if probability >= thresholds["on_track"]:',
        'if probability > thresholds["on_track"]:',
        ["tests/test_results_exact.py::test_flags_are_at_least_their_thresholds"],
    ),
    (
        "appropriation: at least",
        "simulator/model/aggregator.py",
        "return np.asarray(outlay > limit * (1.0 + ROUNDING) + ROUNDING)",
        "return np.asarray(outlay >= limit)",
        [
            "tests/test_results_exact.py::test_an_outlay_equal_to_the_appropriation_does_not_exceed_it"
        ],
    ),
    (
        "appropriation in parts: at least",
        "simulator/model/chunked.py",
        "above(paid[i], self.appropriation[str(year)])",
        "paid[i] >= self.appropriation[str(year)]",
        [
            "tests/test_results_exact.py::test_an_outlay_equal_to_the_appropriation_does_not_exceed_it"
        ],
    ),
    (
        "observed 2023 start ignored",
        "simulator/model/indicator_model.py",
        "path[0] = observed.get(BASE_YEAR, level)",
        "path[0] = level",
        ["tests/test_engine_exact.py::test_an_observed_2023_value_replaces_the_assumed_start"],
    ),
    (
        "GB18030 not read",
        "simulator/model/actuals.py",
        'return content.decode("gb18030")',
        'return content.decode("utf-8")',
        ["tests/test_actuals_forms.py::test_encodings_and_line_ends_of_real_files"],
    ),
    (
        "BOM kept",
        "simulator/model/actuals.py",
        'return content.decode("utf-8-sig")',
        'return content.decode("utf-8")',
        ["tests/test_actuals_forms.py::test_encodings_and_line_ends_of_real_files"],
    ),
    (
        "CR line ends not split",
        "simulator/model/actuals.py",
        '_CELL_END = re.compile(r"[,\\r\\n]")',
        '_CELL_END = re.compile(r"[,\\n]")',
        ["tests/test_actuals_forms.py::test_encodings_and_line_ends_of_real_files"],
    ),
    (
        "awards per line: max not mean",
        "simulator/model/aggregator.py",
        "self.awards_mean[plan.id] = draws.awards.mean(axis=1)",
        "self.awards_mean[plan.id] = draws.awards.max(axis=1)",
        ["tests/test_results_exact.py::test_awards_per_line_are_the_mean_awards_of_the_draws"],
    ),
    (
        "summary table: P50 for P95",
        "simulator/present/tables.py",
        'for name in ("mean", "p05", "p50", "p95")',
        'for name in ("mean", "p05", "p50", "p50")',
        ["tests/test_export_values.py"],
    ),
    (
        "fan chart: mean for median",
        "simulator/present/outlay_charts.py",
        'self._median.set_ydata(values["p50"])',
        'self._median.set_ydata(values["mean"])',
        ["tests/test_export_values.py"],
    ),
    (
        "screenshot watchdog left running",
        "ui/app.py",
        "    app.exec()\n    watchdog.stop()\n",
        "    app.exec()\n",
        [
            "tests/ui/test_screenshot_watchdog.py::test_the_main_windows_watchdog_is_stopped_when_the_screenshot_is_taken"
        ],
    ),
    (
        "comparison watchdog left running",
        "ui/windows/review/tools.py",
        "        app.exec()\n        watchdog.stop()\n",
        "        app.exec()\n",
        [
            "tests/ui/test_screenshot_watchdog.py::test_the_comparisons_watchdog_is_stopped_when_the_screenshot_is_taken"
        ],
    ),
    (
        "export rows: p50 for p75",
        "simulator/model/result_rows.py",
        "**{n: float(stats[n][i]) for n in STAT_NAMES},\n                }\n    for indicator",
        '**{n: float(stats["p50" if n == "p75" else n][i]) for n in STAT_NAMES},\n                }\n    for indicator',
        ["tests/test_results_exact.py::test_every_exported_row_is_the_summary_of_its_draws"],
    ),
    (
        "JSON after-2028 mean from the first line only",
        "simulator/model/results.py",
        '"total_after_2028_mean": self.after_horizon_mean(),',
        '"total_after_2028_mean": self.after_horizon_mean("line", self.series("line")[0]),',
        ["tests/test_results_exact.py::test_the_json_holds_the_same_figures_as_the_draws"],
    ),
]


def main() -> int:
    only = sys.argv[1:]
    missed = 0
    with tempfile.TemporaryDirectory(prefix="qdplan-planted-") as folder:
        work = Path(folder)
        ignore = shutil.ignore_patterns("__pycache__")
        for name in ("simulator", "ui", "tests", "scenarios"):
            shutil.copytree(ROOT / name, work / name, ignore=ignore)
        for name in ("conftest.py", "pyproject.toml"):
            shutil.copy2(ROOT / name, work / name)
        for name, path, old, new, tests in PLANTS:
            if only and not any(word in name for word in only):
                continue
            target = work / path
            text = target.read_text(encoding="utf-8")
            if old not in text:
                print(f"{'NOT PLANTED':<12} {name}: the code changed ({path})")
                missed += 1
                continue
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
            try:
                run = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "pytest",
                        "-x",
                        "-q",
                        "-p",
                        "no:randomly",
                        "-p",
                        "no:cacheprovider",
                        *tests,
                    ],
                    cwd=work,
                    capture_output=True,
                    check=False,
                )
            finally:
                target.write_text(text, encoding="utf-8")
            caught = run.returncode == 1
            missed += not caught
            status = "CAUGHT" if caught else f"NOT CAUGHT (pytest exit {run.returncode})"
            print(f"{status:<12} {name}: {' '.join(tests)}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
