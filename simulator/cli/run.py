"""`qdplan catalogue`, `qdplan validate` and `qdplan run`.

qdplan catalogue [--format json|table] [--language zh|en]
qdplan validate FILE
qdplan run FILE [--draws N] [--seed S] [--sampler NAME] [--format json|table]
                [--csv FILE] [--xlsx FILE] [--charts DIR] [--language zh|en] [--actuals CSV]
                [--history CSV] [--quiet]
"""

from __future__ import annotations

import argparse
import time

from ..model import N_, SAMPLERS, Engine, ScenarioSaveError, load_catalogue, translate
from .common import (
    EXIT_OK,
    SCENARIO_HELP,
    BadInput,
    Handler,
    Progress,
    add_history_option,
    add_language_option,
    history_of,
    load,
    positive_draws,
    seed,
    with_actuals,
)
from .terminal import padded, say, say_json, say_written


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add the `catalogue`, `validate` and `run` subcommands; returns {command: handler}."""
    cat = subparsers.add_parser(
        "catalogue", help="print the plan's measures, subsidy lines and targets"
    )
    cat.add_argument(
        "--format",
        choices=("json", "table"),
        default="table",
        help="table: readable text (default); json: the whole catalogue as JSON",
    )
    add_language_option(cat, "the table")

    val = subparsers.add_parser("validate", help="check a scenario file; list every problem")
    val.add_argument("file", help=SCENARIO_HELP)
    add_language_option(val)

    run = subparsers.add_parser("run", help="simulate a scenario")
    run.add_argument("file", help=SCENARIO_HELP)
    run.add_argument(
        "--draws", type=positive_draws, help="Monte Carlo draws (default: the scenario's)"
    )
    run.add_argument("--seed", type=seed, help="random seed (default: the scenario's)")
    run.add_argument("--sampler", choices=SAMPLERS, help="pseudo, sobol or lhs")
    run.add_argument(
        "--format",
        choices=("json", "table"),
        default="table",
        help="table: the summary as text (default); json: every series and target as JSON",
    )
    run.add_argument(
        "--csv",
        metavar="FILE",
        help="also write every series to a CSV file (UTF-8 with BOM; money in 万元 to 0.01, "
        "indicators to their unit's precision)",
    )
    run.add_argument(
        "--xlsx", metavar="FILE", help="also write the results to an Excel workbook (.xlsx)"
    )
    run.add_argument("--charts", metavar="DIR", help="also write the charts (PNG, SVG, PDF)")
    add_language_option(run, "tables and charts")
    run.add_argument(
        "--actuals",
        metavar="CSV",
        help="apply observed values from a CSV (kind,id,year,value,source)",
    )
    add_history_option(run)  # the history on the indicator charts (--charts)
    run.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return {"catalogue": cmd_catalogue, "validate": cmd_validate, "run": cmd_run}


#: The words of the award forms (a catalogue line's ``form``), shown in the Chinese table;
#: the English table shows the ids, the values of an own line's ``form``.
FORM_NAMES = {
    "cap_per_award": N_("cap per award"),
    "construction_period": N_("paid over the construction period"),
    "share_of_cost": N_("share of cost, capped"),
    "share_of_investment": N_("share of investment"),
    "indicator_based": N_("award follows an indicator"),
    "first_recognition": N_("first recognition"),
    "re_recognition": N_("re-recognition"),
    "uncapped": N_("uncapped, case by case"),
    "amount_not_stated": N_("amount not stated in the plan (own figure)"),
}


def _form(form: str, language: str) -> str:
    if language == "en" or form not in FORM_NAMES:
        return form
    return translate(FORM_NAMES[form], language)


def cmd_catalogue(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    if args.format == "json":
        say_json(catalogue.to_dict())
        return EXIT_OK
    zh = args.language == "zh"
    say(
        translate("{title} ({document}) — catalogue {version}", args.language).format(
            title=catalogue.source["title_zh"] if zh else catalogue.source["title_en"],
            document=catalogue.source["document"],
            version=catalogue.version,
        )
    )
    for section in catalogue.sections:
        # a section's id is its Chinese numeral (一 … 九): the English table names its title
        say(f"\n{section.id}、{section.title_zh}" if zh else f"\n{section.title_en}")
        for measure in (m for m in catalogue.measures if m.section == section.id):
            title = measure.title_zh if zh else measure.title_en
            departments = (
                "、".join(measure.departments)
                if zh
                else "; ".join(catalogue.departments[d] for d in measure.departments)
            )
            say(f"  {measure.number:>2}. {title}  [{departments}]")
            lines = catalogue.lines_of_measure(measure.number)
            if not lines:
                say("      " + (translate("(no money rule)", args.language)))
            for line in lines:
                say(
                    f"      {line.id:<28} {padded(line.rule_text(args.language), 18)} "
                    f"{padded(_form(line.form, args.language), 20)} {line.name(args.language)}"
                )
    say("\n" + (translate("2028 targets", args.language)))
    for indicator in catalogue.indicators:
        say(
            f"  {indicator.id:<20} > {indicator.target_2028:,g} "
            f"{indicator.unit if zh else indicator.unit_en}  {indicator.name(args.language)}"
        )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    scenario = load(args.file)
    valid = translate(
        "{file}: valid (schema {schema}, catalogue {catalogue}, {n} lines)", args.language
    )
    say(
        valid.format(
            file=args.file,
            schema=scenario.data["schema_version"],
            catalogue=scenario.catalogue.version,
            n=len(scenario.catalogue.lines),
        )
    )
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    scenario = with_actuals(load(args.file), args.actuals)
    history = history_of(args) if args.history else None  # a bad file fails before the run
    draws = args.draws or scenario.draws
    progress = Progress(not args.quiet and draws >= 200_000, translate("simulating", args.language))
    started = time.perf_counter()
    engine = Engine(scenario, draws=args.draws, seed=args.seed, sampler=args.sampler)
    results = engine.run(progress=progress)
    elapsed = time.perf_counter() - started
    written: list[str] = []
    charts = 0
    try:
        if args.csv:
            from ..present import detail_rows, write_csv

            write_csv(detail_rows(results), args.csv)
            written.append(args.csv)
        if args.xlsx:
            from .workbook import write_results

            write_results(results, args.xlsx, args.language)
            written.append(args.xlsx)
        if args.charts:
            from ..present import write_charts

            charts = len(write_charts(results, args.charts, args.language, history=history))
    except (ScenarioSaveError, OSError) as exc:
        raise BadInput.because(exc) from None
    if args.format == "json":
        say_json(results.to_dict())
    else:
        from ..present import render_run_table

        say(render_run_table(results, args.language, elapsed))
    if not args.quiet:
        say_written(args.language, written, charts, args.charts)
    return EXIT_OK
