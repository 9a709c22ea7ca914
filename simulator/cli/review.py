"""The mid-term review on the command line: `qdplan actuals-template`, `qdplan compare` and
`qdplan report`.

    qdplan actuals-template FILE [--out FILE.xlsx|FILE.csv] [--language zh|en]
    qdplan compare A.json B.json … [--draws N] [--seed S] [--sampler NAME]
                   [--format json|table] [--charts DIR] [--language zh|en]
    qdplan report FILE --out report.pdf [--actuals CSV] [--baseline FILE] [--draws N]
                  [--seed S] [--sampler NAME] [--language zh|en]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..model import (
    SAMPLERS,
    Engine,
    ScenarioSaveError,
    compare,
    shipped_scenario_path,
    template,
    translate,
)
from .common import (
    EXIT_OK,
    LANGUAGES,
    SCENARIO_HELP,
    BadInput,
    Handler,
    add_language_option,
    load,
    positive_draws,
    seed,
    with_actuals,
)
from .terminal import say, say_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add the `actuals-template`, `compare` and `report` subcommands; returns
    {command: handler}."""
    template_parser = subparsers.add_parser(
        "actuals-template", help="print an empty actuals CSV with every id and year"
    )
    template_parser.add_argument(
        "file", help=SCENARIO_HELP + " (its own lines are included in the template)"
    )
    template_parser.add_argument(
        "--out",
        metavar="FILE",
        help="write the template to a workbook (.xlsx) or CSV file, with each item's name and "
        "unit beside its id and the scenario's observed values filled in (default: print the "
        "bare CSV)",
    )
    template_parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default="zh",
        help="language of names and units, and of problem messages (default zh)",
    )

    comp = subparsers.add_parser("compare", help="compare scenarios with common random numbers")
    comp.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="two or more scenarios (files or shipped names); the first is the reference",
    )
    comp.add_argument(
        "--draws", type=positive_draws, help="Monte Carlo draws (default: the first scenario's)"
    )
    comp.add_argument("--seed", type=seed, help="random seed (default: the first scenario's)")
    comp.add_argument(
        "--sampler", choices=SAMPLERS, help="pseudo, sobol or lhs (default: the first scenario's)"
    )
    comp.add_argument(
        "--format",
        choices=("json", "table"),
        default="table",
        help="table: readable text (default); json: every difference as JSON",
    )
    comp.add_argument(
        "--charts", metavar="DIR", help="also write the comparison charts (PNG, SVG, PDF) into DIR"
    )
    add_language_option(comp, "tables and charts")

    rep = subparsers.add_parser("report", help="write the briefing PDF")
    rep.add_argument("file", help=SCENARIO_HELP)
    rep.add_argument("--out", required=True, metavar="PDF", help="the PDF file to write")
    rep.add_argument(
        "--actuals",
        metavar="CSV",
        help="apply observed values from a CSV (kind,id,year,value,source) first",
    )
    rep.add_argument(
        "--baseline",
        metavar="FILE",
        help="scenario to list differences against (default: the shipped baseline)",
    )
    rep.add_argument(
        "--draws", type=positive_draws, help="Monte Carlo draws (default: the scenario's)"
    )
    rep.add_argument("--seed", type=seed, help="random seed (default: the scenario's)")
    rep.add_argument(
        "--sampler", choices=SAMPLERS, help="pseudo, sobol or lhs (default: the scenario's)"
    )
    rep.add_argument(
        "--language",
        choices=LANGUAGES,
        default="zh",
        help="language of the report and of problem messages (default zh)",
    )
    return {"actuals-template": cmd_actuals_template, "compare": cmd_compare, "report": cmd_report}


def cmd_actuals_template(args: argparse.Namespace) -> int:
    if args.out:
        from .workbook import write_template

        write_template(load(args.file), args.out, args.language)
        return EXIT_OK
    say(template(load(args.file)).rstrip("\n"))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from ..present import render_table, write_comparison_charts

    if len(args.files) < 2:
        raise BadInput("compare needs at least two scenario files")
    scenarios = [load(path) for path in args.files]
    comparison = compare(scenarios, draws=args.draws, seed=args.seed, sampler=args.sampler)
    if args.charts:
        try:
            write_comparison_charts(comparison, args.charts, args.language)
        except OSError as exc:
            raise BadInput.because(exc) from None
    if args.format == "json":
        say_json(comparison.to_dict())
    else:
        say(render_table(comparison, args.language))
    return EXIT_OK


def shipped_baseline_path() -> Path:
    """The shipped baseline scenario: what `qdplan report` lists differences against."""
    return shipped_scenario_path("baseline")


def cmd_report(args: argparse.Namespace) -> int:
    from ..present import write_report

    scenario = with_actuals(load(args.file), args.actuals)
    baseline_path = args.baseline or shipped_baseline_path()
    baseline = load(str(baseline_path)) if (args.baseline or baseline_path.exists()) else None
    results = Engine(scenario, draws=args.draws, seed=args.seed, sampler=args.sampler).run()
    try:
        write_report(results, args.out, args.language, baseline=baseline)
    except (ScenarioSaveError, OSError) as exc:
        raise BadInput.because(exc) from None
    say(translate("wrote {path}", args.language).format(path=args.out), err=True)
    return EXIT_OK
