"""`qdplan sensitivity` and `qdplan optimize`: the decision analyses on the command line.

    qdplan sensitivity FILE [--draws N] [--seed S] [--sampler NAME] [--swing R] [--lines-only]
                            [--top N] [--format json|table] [--charts DIR] [--language zh|en]
                            [--quiet]
    qdplan optimize FILE [--bounds FILE] [--only-listed] [--probability P] [--target ID]
                         [--tolerance T] [--levels K] [--draws N] [--seed S] [--sampler NAME]
                         [--save FILE] [--point N] [--format json|table] [--charts DIR]
                         [--language zh|en] [--quiet]

``register(subparsers)`` adds both to the ``qdplan`` parser and returns their handlers. A
handler returns 0, or raises ``simulator.cli.common.BadInput`` (exit code 2) for input the user
can fix, one problem per line.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from ..analysis import (
    ALL_TARGETS,
    DEFAULT_BOUNDS,
    DEFAULT_DRAWS,
    DEFAULT_LEVELS,
    DEFAULT_TOLERANCE,
    BoundsError,
    Probe,
    apply_point,
    derive_scenario,
    load_bounds,
    optimize,
    sensitivity,
    value_for_money,
)
from ..model import (
    N_,
    SAMPLERS,
    Message,
    ScenarioSaveError,
    __version__,
    os_reason,
    save_scenario,
    translate,
)
from .common import (
    EXIT_OK,
    MAX_LEVELS,
    SCENARIO_HELP,
    BadInput,
    Handler,
    Progress,
    add_language_option,
    count,
    fraction_open,
    levels,
    load,
    positive_draws,
    probability,
    seed,
)
from .terminal import say, say_json, say_written


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add the `sensitivity` and `optimize` subcommands; returns {command: handler}."""

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", help=SCENARIO_HELP)
        parser.add_argument(
            "--draws",
            type=positive_draws,
            default=DEFAULT_DRAWS,
            help=f"Monte Carlo draws (default {DEFAULT_DRAWS:,}; at most 250,000)",
        )
        parser.add_argument("--seed", type=seed, help="random seed (default: the scenario's)")
        parser.add_argument("--sampler", choices=SAMPLERS, help="pseudo, sobol or lhs")
        parser.add_argument(
            "--format",
            choices=("json", "table"),
            default="table",
            help="table: readable text (default); json: every figure as JSON",
        )
        parser.add_argument(
            "--charts", metavar="DIR", help="also write the charts (PNG, SVG, PDF) into DIR"
        )
        add_language_option(parser, "tables and charts")
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sens = subparsers.add_parser(
        "sensitivity",
        help="what drives the outlay and the targets; value for money",
        description="Tornado (one assumption at a time, low to high), global drivers over the "
        "draws (first-order Sobol index, rank correlation, variance share) and "
        "value for money per measure.",
    )
    common(sens)
    sens.add_argument(
        "--swing",
        type=fraction_open,
        metavar="R",
        help="swing every assumption ±R (e.g. 0.2); default: the 10th–90th "
        "percentile of each assumption's stated uncertainty",
    )
    sens.add_argument(
        "--lines-only",
        action="store_true",
        help="leave out indicator assumptions (trend, start, effects): they "
        "need a full run each, about 30 s in all at 20,000 draws",
    )
    sens.add_argument(
        "--top",
        type=count,
        help="assumptions listed per output (default: 10 in the table, all in JSON)",
    )

    opt = subparsers.add_parser(
        "optimize",
        help="cheapest uptake levels that reach the targets; the frontier",
        description="Goal seek over one uptake multiplier per line, within bounds: the "
        "highest probability of reaching the targets, or the cheapest levels "
        "reaching --probability, keeping P(yearly outlay > appropriation) <= "
        "--tolerance; and the frontier of expected cost against probability.",
    )
    common(opt)
    opt.add_argument(
        "--bounds",
        metavar="FILE",
        help="JSON {line id: [min, max]} awards per year (万元 per year for "
        "amount lines). Lines linked to a target by the indicator model "
        "and not listed get 0.5×–1.5× of the scenario's own uptake",
    )
    opt.add_argument(
        "--only-listed",
        action="store_true",
        help="only the lines in --bounds move; all others stay as they are",
    )
    opt.add_argument(
        "--probability",
        type=probability,
        metavar="P",
        help="find the cheapest levels reaching this probability (0.3 or 30%%)",
    )
    opt.add_argument(
        "--target",
        default=ALL_TARGETS,
        help="'all' (default: all five targets together) or one indicator id",
    )
    opt.add_argument(
        "--tolerance",
        type=probability,
        default=DEFAULT_TOLERANCE,
        help="largest allowed P(outlay > appropriation) in any year (default "
        "0.1); used when the scenario has an appropriation",
    )
    opt.add_argument(
        "--levels",
        type=levels,
        default=DEFAULT_LEVELS,
        help=f"multiplier levels tried per line (default 9, at most {MAX_LEVELS:,})",
    )
    opt.add_argument(
        "--save",
        metavar="FILE",
        help="write the scenario with the goal point (or --point N) applied",
    )
    opt.add_argument(
        "--point",
        type=count,
        metavar="N",
        help="with --save: apply frontier point N (1 = cheapest) instead",
    )
    return {"sensitivity": cmd_sensitivity, "optimize": cmd_optimize}


# ---------------------------------------------------------------------------------- sensitivity
def cmd_sensitivity(args: argparse.Namespace) -> int:
    scenario = load(args.file)
    progress = Progress(not args.quiet, translate("sensitivity", args.language))
    started = time.perf_counter()  # the time shown is of it all, the base run included
    try:
        probe = Probe(
            scenario, args.draws, args.seed, args.sampler, progress=lambda f: progress(0.05 * f)
        )
        sens = sensitivity(
            scenario,
            probe=probe,
            swing=args.swing,
            indicator_assumptions=not args.lines_only,
            progress=lambda f: progress(0.05 + 0.85 * f),
        )
        vfm = value_for_money(scenario, probe=probe, progress=lambda f: progress(0.9 + 0.1 * f))
    except ValueError as exc:
        raise BadInput.because(exc) from None
    seconds = time.perf_counter() - started
    written = []
    if args.charts:
        from ..present import write_decision_charts

        try:
            written = write_decision_charts(
                args.charts,
                sensitivity=sens,
                value_for_money=vfm,
                exceedance=probe.results if scenario.appropriation is not None else None,
                language=args.language,
            )
        except OSError as exc:
            raise BadInput.because(exc) from None
    if args.format == "json":
        say_json(
            {
                "qdplan_version": __version__,
                "sensitivity": sens.to_dict(args.top or None),
                "value_for_money": vfm.to_dict(),
                "appropriation_wan": scenario.appropriation,
                "appropriation_exceedance": probe.base.exceedance,
            }
        )
    else:
        from ..present import render_sensitivity

        say(render_sensitivity(sens, vfm, args.language, args.top or 10, seconds))
    if not args.quiet:
        say_written(args.language, charts=len(written), folder=args.charts)
    return EXIT_OK


# ---------------------------------------------------------------------------------- optimize
#: The warning when a probability goal is out of reach, by what is done with the closest
#: point instead (saved with --save, charted with --charts).
CLOSEST_WARNINGS = {
    (True, True): N_(
        "warning: {reason}; saving and charting the closest point instead (frontier point {n})"
    ),
    (True, False): N_("warning: {reason}; saving the closest point instead (frontier point {n})"),
    (False, True): N_("warning: {reason}; charting the closest point instead (frontier point {n})"),
    (False, False): N_("warning: {reason}; the closest point (frontier point {n})"),
}


def cmd_optimize(args: argparse.Namespace) -> int:
    scenario = load(args.file)
    bounds = None
    if args.bounds:
        try:
            bounds = load_bounds(args.bounds, scenario)
        except BoundsError as exc:
            raise BadInput.of(exc.problems, args.bounds) from None
        except OSError as exc:
            raise BadInput(
                "{file}: cannot read: {reason}", file=args.bounds, reason=os_reason(exc)
            ) from None
    if args.only_listed and not bounds:
        raise BadInput("--only-listed needs --bounds with at least one line")
    if args.point is not None and not args.save:
        raise BadInput("--point N needs --save FILE (it picks the point to save)")
    if args.target != ALL_TARGETS and args.target not in scenario.catalogue.indicator_ids:
        raise BadInput(
            "--target: unknown target {target}; use 'all' or one of {known}",
            target=repr(args.target),
            known=", ".join(scenario.catalogue.indicator_ids),
        )
    if args.levels < 2:
        raise BadInput("--levels: must be at least 2, got {got}", got=args.levels)
    progress = Progress(not args.quiet, translate("optimize", args.language))
    started = time.perf_counter()  # the time shown is of it all, the base run included
    try:
        probe = Probe(
            scenario, args.draws, args.seed, args.sampler, progress=lambda f: progress(0.1 * f)
        )
        result = optimize(
            scenario,
            bounds=bounds,
            default_bounds=None if args.only_listed else DEFAULT_BOUNDS,
            probability=args.probability,
            target=args.target,
            tolerance=args.tolerance,
            levels=args.levels,
            probe=probe,
            progress=lambda f: progress(0.1 + 0.9 * f),
        )
    except ValueError as exc:
        raise BadInput.because(exc) from None
    seconds = time.perf_counter() - started
    chosen = result.chosen  # the goal point, or the closest when the goal is out of reach
    if args.point is not None:
        if not 1 <= args.point <= len(result.frontier):
            raise BadInput(
                "--point: the frontier has points 1 to {last}, got {got}",
                last=len(result.frontier),
                got=args.point,
            )
        chosen = result.frontier[args.point - 1]
    elif not result.goal_reached and chosen is not None:
        warning = Message(
            CLOSEST_WARNINGS[bool(args.save), bool(args.charts)],
            reason=result.message,
            n=result.chosen_index,
        )
        say(warning.text(args.language), err=True)
    saved = None
    if args.save:
        if chosen is None:
            raise BadInput(
                "{reason}; nothing to save (choose a frontier point with --point N)",
                reason=result.message,
            )
        try:
            save_scenario(derive_scenario(result, chosen, source=Path(args.file).name), args.save)
        except ScenarioSaveError as exc:
            raise BadInput.because(exc) from None
        saved = args.save
    written = []
    if args.charts:
        from ..present import write_decision_charts

        compare = None
        if scenario.appropriation is not None:
            compare = [(translate("Scenario", args.language), probe.results)]
            if chosen is not None:
                variant = apply_point(scenario, chosen)
                compare.append(
                    (
                        translate("Goal point", args.language),
                        probe.apply(variant, list(chosen.uptake)),
                    )
                )
                probe.restore()
        try:
            written = write_decision_charts(
                args.charts, optimisation=result, exceedance=compare, language=args.language
            )
        except OSError as exc:
            raise BadInput.because(exc) from None
    if args.format == "json":
        document: dict[str, Any] = {"qdplan_version": __version__, **result.to_dict()}
        document["saved"] = saved
        say_json(document)
    else:
        from ..present import render_optimisation

        say(render_optimisation(result, args.language, chosen, seconds))
        if saved:
            say(translate("saved: ", args.language) + saved)
    if not args.quiet:
        say_written(args.language, charts=len(written), folder=args.charts)
    return EXIT_OK
