"""The `qdplan` command.

    qdplan catalogue [--format json|table]
    qdplan validate FILE
    qdplan run FILE [--draws N] [--seed S] [--sampler NAME] [--format json|table]
                    [--csv FILE] [--charts DIR] [--language zh|en]
    qdplan gui [FILE] [--screenshot PATH] …
    qdplan actuals-template FILE
    qdplan compare A.json B.json … [--format json|table] [--charts DIR]
    qdplan report FILE --out report.pdf [--actuals CSV] [--baseline FILE] [--language zh|en]

Exit codes: 0 done; 2 bad input (one line per problem on stderr, no traceback);
1 internal error.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from typing import Sequence

from ..model.version import __version__
from ..model.catalogue import load_catalogue
from ..model.engine import Engine
from ..model.randomness import SAMPLERS
from ..model.scenario import MAX_DRAWS, ScenarioError, ScenarioSaveError, load_scenario

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Input the user can fix; each line of the message is one problem."""


def _positive_draws(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 2 <= value <= MAX_DRAWS:
        raise argparse.ArgumentTypeError(f"must be between 2 and {MAX_DRAWS:,}, got {value:,}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"must be between 0 and 2^63-1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qdplan",
        description="Budget and target projections for Qingdao's S&T action plan 2024–2028.")
    parser.add_argument("--version", action="version", version=f"qdplan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cat = sub.add_parser("catalogue", help="print the plan's measures, subsidy lines and targets")
    cat.add_argument("--format", choices=("json", "table"), default="table")
    cat.add_argument("--language", choices=("zh", "en"), default="zh")

    val = sub.add_parser("validate", help="check a scenario file; list every problem")
    val.add_argument("file")

    run = sub.add_parser("run", help="simulate a scenario")
    run.add_argument("file")
    run.add_argument("--draws", type=_positive_draws, help="Monte Carlo draws (default: the "
                                                           "scenario's)")
    run.add_argument("--seed", type=_seed, help="random seed (default: the scenario's)")
    run.add_argument("--sampler", choices=SAMPLERS, help="pseudo, sobol or lhs")
    run.add_argument("--format", choices=("json", "table"), default="table")
    run.add_argument("--csv", metavar="FILE", help="also write every series to a CSV file")
    run.add_argument("--charts", metavar="DIR", help="also write the charts (PNG, SVG, PDF)")
    run.add_argument("--language", choices=("zh", "en"), default="zh",
                     help="language of tables and charts")
    run.add_argument("--actuals", metavar="CSV", help="apply observed values from a CSV "
                                                       "(kind,id,year,value,source)")
    run.add_argument("--quiet", action="store_true", help="no progress on stderr")

    template = sub.add_parser("actuals-template",
                              help="print an empty actuals CSV with every id and year")
    template.add_argument("file", help="the scenario (its own lines are included)")

    comp = sub.add_parser("compare", help="compare scenarios with common random numbers")
    comp.add_argument("files", nargs="+", metavar="FILE", help="two or more scenarios; the "
                                                               "first is the reference")
    comp.add_argument("--draws", type=_positive_draws)
    comp.add_argument("--seed", type=_seed)
    comp.add_argument("--sampler", choices=SAMPLERS)
    comp.add_argument("--format", choices=("json", "table"), default="table")
    comp.add_argument("--charts", metavar="DIR")
    comp.add_argument("--language", choices=("zh", "en"), default="zh")

    rep = sub.add_parser("report", help="write the briefing PDF")
    rep.add_argument("file")
    rep.add_argument("--out", required=True, metavar="PDF")
    rep.add_argument("--actuals", metavar="CSV")
    rep.add_argument("--baseline", metavar="FILE", help="scenario to list differences against "
                                                        "(default: the shipped baseline)")
    rep.add_argument("--draws", type=_positive_draws)
    rep.add_argument("--seed", type=_seed)
    rep.add_argument("--sampler", choices=SAMPLERS)
    rep.add_argument("--language", choices=("zh", "en"), default="zh")

    gui = sub.add_parser("gui", help="open the desktop app", add_help=False)
    gui.add_argument("args", nargs=argparse.REMAINDER)

    from .decision import register as register_decision
    COMMANDS.update(register_decision(sub))
    return parser


# ---------------------------------------------------------------------------- commands
def cmd_catalogue(args) -> int:
    catalogue = load_catalogue()
    if args.format == "json":
        print(json.dumps(catalogue.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    zh = args.language == "zh"
    print(f"{catalogue.source['title_zh'] if zh else catalogue.source['title_en']} "
          f"({catalogue.source['document']}) — catalogue {catalogue.version}")
    for section in catalogue.sections:
        print(f"\n{section.id}、{section.title_zh if zh else section.title_en}")
        for measure in (m for m in catalogue.measures if m.section == section.id):
            title = measure.title_zh if zh else measure.title_en
            departments = "、".join(measure.departments) if zh else "; ".join(
                catalogue.departments[d] for d in measure.departments)
            print(f"  {measure.number:>2}. {title}  [{departments}]")
            lines = catalogue.lines_of_measure(measure.number)
            if not lines:
                print("      " + ("(无资金规定)" if zh else "(no money rule)"))
            for line in lines:
                print(f"      {line.id:<28} {line.rule_text(args.language):<18} "
                      f"{line.form:<20} {line.name(args.language)}")
    print("\n" + ("2028年目标" if zh else "2028 targets"))
    for indicator in catalogue.indicators:
        print(f"  {indicator.id:<20} > {indicator.target_2028:,g} "
              f"{indicator.unit if zh else indicator.unit_en}  {indicator.name(args.language)}")
    return EXIT_OK


def _load(path: str):
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        raise BadInput("\n".join(f"{path}: {p}" if p.path else f"{path}: {p.message}"
                                 for p in exc.problems)) from None


def cmd_validate(args) -> int:
    scenario = _load(args.file)
    print(f"{args.file}: valid (schema {scenario.data['schema_version']}, "
          f"catalogue {scenario.catalogue.version}, {len(scenario.catalogue.lines)} lines)")
    return EXIT_OK


class Progress:
    """Progress on stderr for long runs: a bar on a terminal, else a line every 25%."""

    def __init__(self, enabled: bool, label: str = "simulating"):
        self.enabled, self.label = enabled, label
        self.tty = sys.stderr.isatty()
        self.last = -1

    def __call__(self, fraction: float) -> None:
        if not self.enabled:
            return
        percent = int(fraction * 100)
        if self.tty:
            if percent != self.last:
                sys.stderr.write(f"\r{self.label}… {percent:3d}%")
                if percent >= 100:
                    sys.stderr.write("\n")
                sys.stderr.flush()
        elif percent // 25 != self.last // 25:
            sys.stderr.write(f"{self.label}… {percent}%\n")
        self.last = percent


def _with_actuals(scenario, path: str | None):
    if not path:
        return scenario
    from ..model.actuals import load_actuals
    try:
        return load_actuals(scenario, path)
    except ScenarioError as exc:
        raise BadInput("\n".join(str(p) for p in exc.problems)) from None


def cmd_actuals_template(args) -> int:
    from ..model.actuals import template
    sys.stdout.write(template(_load(args.file)))
    return EXIT_OK


def cmd_compare(args) -> int:
    from ..model.comparison import compare
    from ..present.comparison import render_table, write_comparison_charts
    if len(args.files) < 2:
        raise BadInput("compare needs at least two scenario files")
    scenarios = [_load(path) for path in args.files]
    comparison = compare(scenarios, draws=args.draws, seed=args.seed, sampler=args.sampler)
    if args.charts:
        try:
            write_comparison_charts(comparison, args.charts, args.language)
        except OSError as exc:
            raise BadInput(str(exc)) from None
    if args.format == "json":
        print(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_table(comparison, args.language))
    return EXIT_OK


def shipped_baseline_path():
    from ..model.shipped import shipped_scenario_path
    return shipped_scenario_path("baseline")


def cmd_report(args) -> int:
    from ..present.report import write_report
    scenario = _with_actuals(_load(args.file), args.actuals)
    baseline_path = args.baseline or shipped_baseline_path()
    baseline = _load(str(baseline_path)) if (args.baseline or shipped_baseline_path().exists()) \
        else None
    results = Engine(scenario, draws=args.draws, seed=args.seed, sampler=args.sampler).run()
    try:
        write_report(results, args.out, args.language, baseline=baseline)
    except (ScenarioSaveError, OSError) as exc:
        raise BadInput(str(exc)) from None
    print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_run(args) -> int:
    scenario = _with_actuals(_load(args.file), args.actuals)
    draws = args.draws or scenario.draws
    progress = Progress(enabled=not args.quiet and draws >= 200_000)
    started = time.perf_counter()
    engine = Engine(scenario, draws=args.draws, seed=args.seed, sampler=args.sampler)
    results = engine.run(progress=progress)
    elapsed = time.perf_counter() - started
    written: list[str] = []
    try:
        if args.csv:
            from ..present.tables import detail_rows, write_csv
            write_csv(detail_rows(results), args.csv)
            written.append(args.csv)
        if args.charts:
            from ..present.charts import write_charts
            written.extend(str(p) for p in write_charts(results, args.charts, args.language))
    except (ScenarioSaveError, OSError) as exc:
        raise BadInput(str(exc)) from None
    if args.format == "json":
        print(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_table(results, args.language, elapsed))
    if written and not args.quiet:
        print(f"wrote {len(written)} file(s)", file=sys.stderr)
    return EXIT_OK


def render_table(results, language: str, elapsed: float) -> str:
    """The terminal summary: totals per year, by section, and the targets."""
    from ..present.tables import format_money, money_unit, in_unit
    zh = language == "zh"
    out = []
    out.append(f"{results.scenario.name} — {results.draws:,} draws, seed {results.seed}, "
               f"sampler {results.sampler}, {elapsed:.2f} s")
    stats = results.outlay()
    unit = money_unit(stats["mean"])
    labels = [str(y) for y in results.years] + ["2024-2028"]
    out.append("")
    out.append(("预算支出合计" if zh else "Total outlay") + f" ({unit if zh else unit})")
    out.append(f"  {'':10}{'mean':>10}{'P5':>10}{'P25':>10}{'P50':>10}{'P75':>10}{'P95':>10}")
    for i, label in enumerate(labels):
        cells = "".join(f"{in_unit(stats[n][i], unit):>10,.2f}"
                        for n in ("mean", "p05", "p25", "p50", "p75", "p95"))
        out.append(f"  {label:10}{cells}")
    out.append("")
    out.append("按部分 (均值, 2024–2028)" if zh else "By section (mean, 2024–2028)")
    for key in results.series("section"):
        section = results.catalogue.section(key)
        name = f"{section.id}、{section.title_zh}" if zh else f"{section.id}. {section.title_en}"
        out.append(f"  {format_money(results.outlay('section', key)['mean'][-1]):>14}  {name}")
    after = results.after_horizon_mean()
    if after > 0:
        out.append(("  2028年后仍需支付 " if zh else "  still to pay after 2028: ")
                   + format_money(after))
    out.append("")
    out.append("2028年目标达成概率" if zh else "Probability of reaching the 2028 targets")
    for indicator in results.catalogue.indicators:
        p = results.target_probability(indicator.id)
        median = results.indicator(indicator.id)["p50"][-1]
        unit_i = indicator.unit if zh else indicator.unit_en
        out.append(f"  {p:6.1%}  {results.flag(p):<9}  > {indicator.target_2028:,g} {unit_i}"
                   f"  (median {median:,.0f})  {indicator.name(language)}")
    p_all = results.all_targets_probability()
    out.append(f"  {p_all:6.1%}  {results.flag(p_all):<9}  "
               + ("五项目标全部达成" if zh else "all five targets"))
    return "\n".join(out)


def cmd_gui(args) -> int:
    """Start the desktop app as its own program (`python -m ui`): the model never imports
    the Qt side, the app imports the model."""
    import importlib.util
    import subprocess
    if importlib.util.find_spec("ui") is None:
        raise BadInput("the desktop app (package 'ui') is not installed")
    return subprocess.call([sys.executable, "-m", "ui", *args.args])


COMMANDS = {"catalogue": cmd_catalogue, "validate": cmd_validate, "run": cmd_run,
            "gui": cmd_gui, "actuals-template": cmd_actuals_template, "compare": cmd_compare,
            "report": cmd_report}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["gui"]:
        # everything after `gui` belongs to the app's own parser (options included)
        argv = ["gui", "--"] + argv[1:] if len(argv) > 1 else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "gui" and args.args[:1] == ["--"]:
        args.args = args.args[1:]
    try:
        return COMMANDS[args.command](args)
    except BadInput as exc:
        for line in str(exc).splitlines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 — the last line of defence: no tracebacks
        print(f"qdplan: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("QDPLAN_DEBUG"):
            traceback.print_exc()
        else:
            print("(set QDPLAN_DEBUG=1 to see the details)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
