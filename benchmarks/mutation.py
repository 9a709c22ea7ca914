"""Mutation testing of the model (simulator/model) with mutmut: prints the score (mutants
killed / mutants made, per module and overall) and the mutants that survived.

    .venv/bin/pip install -e '.[test,mutation]'
    .venv/bin/python benchmarks/mutation.py                  # every group, fresh
    .venv/bin/python benchmarks/mutation.py --group stats    # one group
    .venv/bin/python benchmarks/mutation.py --report         # the figures of the last run
    .venv/bin/python benchmarks/mutation.py --tests-from REV # with the tests of a revision
    .venv/bin/python benchmarks/mutation.py --retest         # survivors again, current tests
    .venv/bin/python benchmarks/mutation.py --report --show  # ... with each survivor's diff

The model is mutated in groups of modules, each tested by the test files that test those
modules (``GROUPS``): mutmut runs, for each mutant, the tests of that selection that call
the mutated function, so a group's tests must be quick (a mutant of the engine is tested
by a few seconds of tests, not by the whole suite). Each group runs in its own copy of the
tree under ``--work`` (default /tmp/qdplan-mutation/GROUP), never in the repository:

* mutmut copies ``simulator/`` into ``mutants/`` and puts that first on ``sys.path``. The
  package ``simulator.scenarios`` is the top-level folder ``scenarios/`` (pyproject's
  package-dir); in the copy the folder is also placed at ``simulator/scenarios`` so that it
  resolves there as in an installed wheel, whatever the editable install maps;
* mutmut forks every mutant's test run from a process that has already run the tests, so
  the model's table caches (count and award-sum tables, cached by parameters; the award
  moment tables of ``award_rules``) would hand a
  mutant of a table's construction the tables the unmutated code built. The copy's
  ``conftest.py`` empties those caches at the start of every test session.

``--retest`` copies the current tests into the groups' copies and runs the survivors of the
last run again (killed mutants stay killed: tests are only ever added). It finds tests added
to the selected files; a group whose selection in ``GROUPS`` changed needs a fresh run (mutmut
drops every verdict of a copy whose test selection changed). Status: killed
(a test failed; a timeout also counts, the mutant made a test hang), survived (every test
passed), no tests (no test of the group calls the function).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).parent / "mutmut"

#: Group name: (modules of simulator/model mutated, the tests that select them (pytest args)).
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "stats": (("stats.py",), ("tests/test_stats.py", "tests/test_stats_exact.py")),
    "numbers-actuals": (
        ("numbers.py", "actuals.py"),
        (
            "tests/test_actuals_reading.py",
            "tests/test_actuals_forms.py",
            "tests/test_midterm.py::test_template_lists_every_id_and_reads_back_empty",
            "tests/test_midterm.py::test_csv_rows_become_actuals_and_empty_values_are_skipped",
            "tests/test_midterm.py::test_bad_actuals_are_reported_with_their_row",
            "tests/test_midterm.py::test_conflicting_and_duplicate_actuals",
            "tests/test_midterm.py::test_not_a_csv_and_missing_file",
            "tests/test_export_safety.py::test_the_neutralisation_rule",
            "tests/test_export_safety.py::test_no_csv_or_tsv_cell_can_start_a_formula",
        ),
    ),
    "sampling": (
        ("distributions.py", "randomness.py"),
        (
            "tests/test_distributions_exact.py",
            "tests/test_randomness_exact.py",
            "tests/test_bounded_memory.py::test_a_thinned_count_table_is_within_its_resolution_of_the_exact_one",
            "tests/test_bounded_memory.py::test_exact_tables_are_unchanged_below_the_limit",
            "tests/test_bounded_memory.py::test_table_caches_stay_within_their_budget",
            "tests/test_engine.py::test_same_seed_same_results_other_seed_other_results",
        ),
    ),
    "results": (
        ("results.py", "aggregator.py"),
        (
            "tests/test_results_exact.py",
            "tests/test_export_values.py",
            "tests/test_departments_targets.py",
            "tests/test_budget_output.py",
            "tests/test_engine_exact.py::test_summaries_do_not_depend_on_keeping_the_draws",
            "tests/test_engine_exact.py::test_a_one_line_update_equals_a_fresh_run",
            "tests/test_midterm.py::test_flags_follow_the_thresholds",
            "tests/test_midterm.py::test_summary_rows_carry_the_appropriation_exceedance",
        ),
    ),
    "rules": (
        ("renewals.py",),
        (
            "tests/test_rules.py",
            "tests/test_engine_exact.py::test_renewals_come_from_the_first_recognitions_three_years_earlier",
            "tests/test_engine_exact.py::test_certificates_before_the_plan_and_renewals_are_renewed_again",
            "tests/test_engine_exact.py::test_expected_outlays_count_renewals_of_renewals_and_capped_awards",
            "tests/test_engine_exact.py::test_a_year_without_certificates_before_the_plan_renews_none",
            "tests/test_engine_exact.py::test_renewals_after_an_update_equal_a_fresh_run",
        ),
    ),
    "award-rules": (
        ("award_rules.py",),
        (
            "tests/test_award_rules_exact.py",
            "tests/test_rules.py",
            "tests/test_rules_migration.py",
            "tests/test_engine_exact.py::test_service_points_are_paid_from_last_years_turnover_up_to_their_cap",
            "tests/test_engine_exact.py::test_service_point_awards_spread_between_points_are_capped_one_by_one",
            "tests/test_engine_exact.py::test_expected_outlays_count_renewals_of_renewals_and_capped_awards",
        ),
    ),
    "budget": (
        ("rationing.py", "investments.py"),
        (
            "tests/test_rationing.py",
            "tests/test_investments.py",
            "tests/test_investments_exact.py",
            "tests/test_rationing_exact.py",
            "tests/test_results_exact.py::test_a_one_line_update_gives_every_figure_of_a_fresh_run",
            "tests/test_results_exact.py::test_kept_summarised_and_drawn_in_parts_give_the_same_figures",
            "tests/test_results_exact.py::test_the_net_cost_is_the_gross_outlay_less_the_money_returned",
        ),
    ),
    "engine": (
        ("engine.py", "plan.py", "observed.py", "years.py"),
        (
            "tests/test_engine_exact.py",
            "tests/test_engine.py::test_same_seed_same_results_other_seed_other_results",
            "tests/test_engine.py::test_indicator_based_line_follows_last_years_turnover",
            "tests/test_engine.py::test_partial_year_updates_equal_a_full_rerun",
            "tests/test_engine.py::test_update_of_a_line_that_drives_turnover_refreshes_the_service_points",
            "tests/test_midterm.py::test_conditioned_projection_equals_the_observed_value_in_every_draw",
            "tests/test_midterm.py::test_one_line_update_with_measure_actuals_equals_a_full_rerun",
            "tests/test_midterm.py::test_flags_follow_the_thresholds",
            "tests/test_midterm.py::test_summary_rows_carry_the_appropriation_exceedance",
        ),
    ),
    "validation": (
        ("validation.py", "line_checks.py"),
        ("tests/test_scenario.py",),
    ),
    "binomials": (
        ("binomials.py", "btrs.py"),
        (
            "tests/test_binomials_exact.py",
            "tests/test_btrs.py",
            "tests/test_rules.py::test_renewals_equal_a_brute_force_loop_over_draws",
            "tests/test_investments_exact.py::test_projects_exit_one_by_one_and_one_fund_all_or_nothing",
        ),
    ),
    "calibration": (
        ("calibration.py", "predictive.py", "persistence.py"),
        (
            "tests/test_calibration.py",
            "tests/test_calibration_exact.py",
            "tests/test_predictive.py",
            "tests/test_calibration_cli.py",
            "tests/test_persistence_exact.py",
        ),
    ),
}

#: mutmut's exit codes of a mutant's test run (mutmut.stats.status_by_exit_code).
KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout"}
KILLED |= {255: "timeout", -9: "killed (crash)", -11: "killed (crash)"}
NOT_KILLED = {0: "survived", 5: "no tests", 33: "no tests", None: "not checked"}

CACHE_RESET = '''

def pytest_sessionstart(session):
    """Mutation runs: every test session builds its own count and award-sum tables, and its
    own thread pools: a pool kept from the parent has no threads in the forked child, and
    work handed to it would wait for ever (counted as a timeout, i.e. killed)."""
    from simulator.model import award_rules, distributions, threads

    distributions._COUNT_TABLES.clear()
    distributions._SUM_TABLES.clear()
    award_rules._moment_table.cache_clear()
    threads._pools.clear()


def pytest_runtest_setup(item):
    """... and every test its award moment tables (20 ms), binomial tables and Student-t
    scale tables: mutmut records which tests call a function, and a table cached by an
    earlier test would hide the call."""
    from simulator.model import award_rules, binomials, predictive

    award_rules._moment_table.cache_clear()
    binomials.small_table.cache_clear()
    binomials.shared_table.cache_clear()
    predictive._scale_table.cache_clear()
'''


def _config(modules: tuple[str, ...], tests: tuple[str, ...]) -> str:
    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(json.dumps(item) for item in items) + "]"

    return (
        "[tool.mutmut]\n"
        'source_paths = ["simulator"]\n'
        f"only_mutate = {toml_list([f'simulator/model/{m}' for m in modules])}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(list(tests))}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:randomly"]\n'
        'also_copy = ["conftest.py", "scenarios"]\n'
    )


def _copy_tests(work: Path, group: str, revision: str | None = None) -> None:
    """The tests of the working tree, or of a git revision (a score before tests were
    added): files of the group's selection that the revision lacks are left empty, so that
    the selection, and so mutmut's record of which tests call what, stays the same."""
    source = ROOT / "tests"
    if revision is not None:
        source = work / "tests-at-revision"
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "tests"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        source = source / "tests"
        for selected in GROUPS[group][1]:
            path = source.parent / selected.split("::")[0]
            if not path.exists():
                path.write_text('"""Not in this revision."""\n', encoding="utf-8")
    for where in (work / "tests", work / "mutants" / "tests"):
        if where.parent.exists():
            shutil.rmtree(where, ignore_errors=True)
            shutil.copytree(source, where, ignore=shutil.ignore_patterns("__pycache__"))
    conftest = (ROOT / "conftest.py").read_text(encoding="utf-8") + CACHE_RESET
    for where in (work, work / "mutants"):
        if where.exists():
            (where / "conftest.py").write_text(conftest, encoding="utf-8")


def prepare(group: str, work: Path, revision: str | None = None) -> None:
    """A fresh copy of the tree for one group, with its mutmut configuration."""
    modules, tests = GROUPS[group]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "simulator", work / "simulator", ignore=ignore)
    # simulator.scenarios is the top-level scenarios/ (pyproject's package-dir): in the copy
    # it sits where the package is, so mutants/simulator/scenarios resolves first.
    shutil.copytree(ROOT / "scenarios", work / "simulator" / "scenarios", ignore=ignore)
    shutil.copytree(ROOT / "scenarios", work / "scenarios", ignore=ignore)
    _copy_tests(work, group, revision)
    (work / "pyproject.toml").write_text(_config(modules, tests), encoding="utf-8")


def run_mutmut(work: Path, children: int, names: list[str] | None = None) -> float:
    started = time.perf_counter()
    with open(work / "mutmut.log", "a", encoding="utf-8") as log:
        subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(children), *(names or [])],
            cwd=work,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return time.perf_counter() - started


def outcomes(group: str, work: Path) -> dict[str, dict[str, str]]:
    """Module → mutant → status, from mutmut's files in the group's copy."""
    out: dict[str, dict[str, str]] = {}
    for module in GROUPS[group][0]:
        meta = work / "mutants" / "simulator" / "model" / f"{module}.meta"
        codes = (
            json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            if meta.exists()
            else {}
        )
        out[module] = {
            name: KILLED.get(code) or NOT_KILLED.get(code) or f"exit {code}"
            for name, code in codes.items()
        }
    return out


def killed(status: str) -> bool:
    return status.startswith(("killed", "timeout"))


def report(groups: list[str], root: Path, show: bool) -> None:
    total_killed = total = 0
    survivors: list[tuple[str, str, str]] = []
    print(f"{'module':<20}{'killed':>8}{'mutants':>9}{'score':>8}")
    for group in groups:
        for module, statuses in outcomes(group, root / group).items():
            k = sum(killed(s) for s in statuses.values())
            n = len(statuses)
            total_killed += k
            total += n
            score = f"{k / n:.1%}" if n else "-"
            print(f"{module:<20}{k:>8}{n:>9}{score:>8}")
            survivors += [(group, name, s) for name, s in statuses.items() if not killed(s)]
    if total:
        print(f"{'all':<20}{total_killed:>8}{total:>9}{total_killed / total:>8.1%}")
    print(f"\nnot killed ({len(survivors)}):")
    for group, name, status in survivors:
        print(f"  {name}: {status}")
        if show:
            diff = subprocess.run(
                [str(MUTMUT), "show", name],
                cwd=root / group,
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            print("    " + "\n    ".join(diff.strip().splitlines()[2:]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", action="append", choices=list(GROUPS), help="default: all")
    parser.add_argument("--work", type=Path, default=Path("/tmp/qdplan-mutation"))
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--report", action="store_true", help="only print the last figures")
    parser.add_argument("--retest", action="store_true", help="survivors again, current tests")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument(
        "--tests-from", metavar="REV", help="a fresh run with the tests of this git revision"
    )
    args = parser.parse_args()
    groups = args.group or list(GROUPS)
    if not MUTMUT.exists():
        print(f"mutmut not found next to {sys.executable}: pip install -e '.[mutation]'")
        return 2
    if not args.report:
        for group in groups:
            work = args.work / group
            if args.retest:
                _copy_tests(work, group)
                names = [
                    name
                    for statuses in outcomes(group, work).values()
                    for name, status in statuses.items()
                    if not killed(status)
                ]
                if not names:
                    continue
                seconds = run_mutmut(work, args.children, names)
            else:
                prepare(group, work, args.tests_from)
                seconds = run_mutmut(work, args.children)
            print(f"{group}: {seconds / 60:.1f} min (log: {work / 'mutmut.log'})", flush=True)
    report(groups, args.work, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
