"""Excel workbooks on the command line: `qdplan export-xlsx` and `qdplan import-xlsx`; the
writers behind `qdplan run --xlsx` and `qdplan actuals-template --out` are here too.

    qdplan export-xlsx SCENARIO OUT.xlsx [--language zh|en]
    qdplan import-xlsx WORKBOOK [--save OUT.json]

A workbook with problems lists every one (sheet, row, column) on stderr and exits with 2;
nothing is written then.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..model import (
    Results,
    Scenario,
    ScenarioError,
    ScenarioSaveError,
    read_input,
    read_scenario_workbook,
    save_scenario,
    translate,
)
from .common import EXIT_OK, LANGUAGES, BadInput, Handler, add_language_option, load
from .terminal import say


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add the `export-xlsx` and `import-xlsx` subcommands; returns {command: handler}."""
    export = subparsers.add_parser(
        "export-xlsx",
        help="write a scenario's assumptions to an Excel workbook to edit",
        description="Write a scenario's assumptions to an Excel workbook (.xlsx): one sheet "
        "per section of the plan (a row per line and year), own lines, indicators and their "
        "effects, settings and actuals. Import it back with import-xlsx.",
    )
    export.add_argument("scenario", help="the scenario file (.json)")
    export.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    export.add_argument(
        "--language",
        choices=LANGUAGES,
        default="zh",
        help="language of the headers and sheet names (either imports back), and of problem "
        "messages (default zh)",
    )
    imp = subparsers.add_parser(
        "import-xlsx",
        help="read a scenario back from an (edited) Excel workbook",
        description="Read a scenario from a workbook written by export-xlsx, checked as "
        "strictly as a scenario file: every problem is listed with its sheet, row and column "
        "(exit code 2), and nothing is saved while there is one.",
    )
    imp.add_argument("workbook", help="the workbook (.xlsx)")
    imp.add_argument(
        "--save", metavar="OUT.json", help="save the scenario to this file (else only check)"
    )
    add_language_option(imp)
    return {"export-xlsx": cmd_export, "import-xlsx": cmd_import}


def _wrote(path: str | Path, language: str) -> None:
    say(translate("wrote {path}", language).format(path=path), err=True)


def cmd_export(args: argparse.Namespace) -> int:
    from ..present import write_scenario_workbook

    scenario = load(args.scenario)
    try:
        write_scenario_workbook(scenario, args.out, args.language)
    except (ScenarioSaveError, OSError) as exc:
        raise BadInput.because(exc) from None
    _wrote(args.out, args.language)
    return EXIT_OK


def load_workbook_scenario(path: str) -> Scenario:
    """The scenario in a workbook; its problems become ``BadInput``, one line each."""
    try:
        return read_scenario_workbook(read_input(path), Path(path).name)
    except ScenarioError as exc:
        raise BadInput.of(exc.problems, path) from None


def cmd_import(args: argparse.Namespace) -> int:
    scenario = load_workbook_scenario(args.workbook)
    if args.save:
        try:
            save_scenario(scenario, args.save)
        except ScenarioSaveError as exc:
            raise BadInput.because(exc) from None
        _wrote(args.save, args.language)
    else:
        valid = translate(
            "{file}: valid (scenario {name}, {n} lines); use --save OUT.json to save it",
            args.language,
        )
        say(
            valid.format(
                file=args.workbook, name=repr(scenario.name), n=len(scenario.catalogue.lines)
            )
        )
    return EXIT_OK


def write_results(results: Results, path: str, language: str) -> None:
    """`qdplan run --xlsx`: the results workbook (OSError on failure)."""
    from ..present import write_results_workbook

    write_results_workbook(results, path, language)


def write_template(scenario: Scenario, path: str, language: str) -> None:
    """`qdplan actuals-template --out`: the template as .xlsx or CSV, with names and units."""
    from ..present import write_actuals_template

    try:
        write_actuals_template(scenario, path, language)
    except (ScenarioSaveError, OSError) as exc:
        raise BadInput.because(exc) from None
    _wrote(path, language)
