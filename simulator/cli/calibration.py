"""`qdplan calibrate` and `qdplan backtest`: the indicator model fitted to the history, and
scored against it.

    qdplan calibrate SCENARIO [--history FILE] [--as-of YEAR] [--persistence P] --save OUT.json
    qdplan backtest [--history FILE] [--from YEAR] [--to YEAR] [--format table|json]
                    [--charts DIR] [--language zh|en] [--all-series]
"""

from __future__ import annotations

import argparse
from functools import partial

from ..model import Message, ScenarioError, ScenarioSaveError, save_scenario, translate
from .common import (
    EXIT_OK,
    LANGUAGES,
    BadInput,
    BadValue,
    Handler,
    add_history_option,
    add_language_option,
    history_of,
    load,
    year,
)
from .terminal import say, say_json, say_written

YEAR = partial(year, low=1990, high=2100)


#: the backtest's noise persistence where a series cannot estimate it (an assumption; see
#: README "Calibration and backtest": 0.5 made the 50 % bands too wide, 0 and 0.3 did not)
BACKTEST_PERSISTENCE = 0.3


def _persistence(text: str) -> float | str:
    if text.strip() == "pooled":
        return "pooled"
    try:
        value = float(text)
    except ValueError:
        raise BadValue("must be a number, got {got}", got=repr(text)) from None
    if not -0.9 <= value <= 0.99:
        raise BadValue("must be between -0.9 and 0.99, got {got:g}", got=value)
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    calibrate = subparsers.add_parser(
        "calibrate", help="fit each indicator's start, trend and noise to the history"
    )
    calibrate.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="the scenario whose indicator assumptions are fitted (a file, or a shipped name)",
    )
    add_history_option(calibrate)
    calibrate.add_argument("--as-of", type=YEAR, metavar="YEAR", help="use data up to YEAR")
    calibrate.add_argument(
        "--persistence",
        type=_persistence,
        metavar="P",
        help="noise persistence where a series cannot estimate it, or 'pooled' (one REML "
        "estimate over every series of the history); default: each indicator's own",
    )
    calibrate.add_argument(
        "--save",
        metavar="OUT.json",
        required=True,
        help="write the calibrated scenario here (every fitted number's basis names its data)",
    )
    add_language_option(calibrate)
    backtest = subparsers.add_parser(
        "backtest", help="score the indicator model's projections against later observations"
    )
    add_history_option(backtest)
    backtest.add_argument(
        "--from", dest="first", type=YEAR, metavar="YEAR", help="first origin year (default: all)"
    )
    backtest.add_argument(
        "--to", dest="last", type=YEAR, metavar="YEAR", help="last origin year (default: all)"
    )
    backtest.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table: the scores as text (default); json: every score and origin",
    )
    backtest.add_argument("--charts", metavar="DIR", help="write fan charts per indicator")
    backtest.add_argument(
        "--language",
        choices=LANGUAGES,
        default="zh",
        help="language of names and of problem messages (default zh)",
    )
    backtest.add_argument(
        "--all-series",
        action="store_true",
        help="score every series of the history, not only the headline indicators",
    )
    backtest.add_argument(
        "--persistence",
        type=_persistence,
        default=BACKTEST_PERSISTENCE,
        metavar="P",
        help="noise persistence where a series cannot estimate it, or 'pooled' (estimated "
        f"over every series up to each origin); default {BACKTEST_PERSISTENCE}",
    )
    return {"calibrate": cmd_calibrate, "backtest": cmd_backtest}


def cmd_calibrate(args: argparse.Namespace) -> int:
    from ..model import calibrate_scenario
    from ..present import calibration_rows, plain_table

    scenario = load(args.scenario)
    history = history_of(args)
    ids = scenario.catalogue.indicator_ids
    series = {i: history.series(i) for i in ids if i in history.ids}
    sources = {i: "; ".join(history.sources(i)) for i in series}
    try:
        pooled = args.persistence == "pooled"
        result = calibrate_scenario(
            scenario,
            series,
            args.as_of,
            sources,
            None if pooled else args.persistence,
            [history.series(i) for i in history.ids] if pooled else None,
            {i: history.series(i) for i in history.ids},
        )
    except ScenarioError as exc:  # a history value beyond what a scenario holds (1e15, 1e-13)
        lines = [
            Message(
                "{file}: the scenario calibrated on this history would not be valid: {problem}",
                file=history.source,
                problem=problem.located(),
            )
            for problem in exc.problems
        ]
        raise BadInput(lines) from None
    except ValueError as exc:
        raise BadInput.because(exc, "--as-of") from None
    try:
        save_scenario(result.scenario, args.save)
    except ScenarioSaveError as exc:
        raise BadInput.because(exc) from None
    say(
        translate("calibrated on the history up to {year}; saved {path}", args.language).format(
            year=result.as_of, path=args.save
        )
    )
    say(plain_table(calibration_rows(result.fits, args.language)))
    return EXIT_OK


def cmd_backtest(args: argparse.Namespace) -> int:
    from ..analysis import backtest
    from ..model import load_catalogue
    from ..present import backtest_text, write_backtest_charts

    if args.first is not None and args.last is not None and args.first > args.last:
        raise BadInput("--from must not be after --to")
    history = history_of(args)
    ids = history.ids if args.all_series else load_catalogue().indicator_ids
    series = {i: history.series(i) for i in ids if i in history.ids}
    pool = {i: history.series(i) for i in history.ids}
    phi = None if args.persistence == "pooled" else args.persistence
    result = backtest(series, ids, args.first, args.last, phi, pooled_from=pool)
    if args.format == "json":
        say_json(result.to_dict())
    else:
        # every series of the history: those without held-out points left out
        say(backtest_text(result, args.language, scored_only=args.all_series))
    if args.charts:
        try:
            written = write_backtest_charts(result, series, args.charts, args.language)
        except OSError as exc:
            raise BadInput.because(exc, "--charts") from None
        say_written(args.language, charts=len(written), folder=args.charts)
    return EXIT_OK
