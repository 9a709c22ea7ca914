"""The `qdplan` command: the parser and the dispatch to the command groups.

    qdplan catalogue [--format json|table]
    qdplan validate FILE
    qdplan run FILE [--draws N] [--seed S] [--sampler NAME] [--format json|table]
                    [--csv FILE] [--charts DIR] [--language zh|en]
    qdplan gui [FILE] [--screenshot PATH] …
    qdplan actuals-template FILE
    qdplan compare A.json B.json … [--format json|table] [--charts DIR]
    qdplan report FILE --out report.pdf [--actuals CSV] [--baseline FILE] [--language zh|en]
    qdplan sensitivity FILE …
    qdplan optimize FILE …

Each group module (``run``, ``review``, ``gui``, ``decision``) adds its subcommands with
``register(subparsers)`` and returns their handlers.

Exit codes: 0 done; 2 bad input (one line per problem on stderr, no traceback);
1 internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from ..model import __version__
from . import decision, gui, review, run
from .common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, BadInput, Handler

# the order of the subcommands in `qdplan --help`
GROUPS = (run, review, gui, decision)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    """The `qdplan` parser and {command: handler}."""
    parser = argparse.ArgumentParser(
        prog="qdplan",
        description="Budget and target projections for Qingdao's S&T action plan 2024–2028.",
    )
    parser.add_argument("--version", action="version", version=f"qdplan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    handlers: dict[str, Handler] = {}
    for group in GROUPS:
        handlers.update(group.register(sub))
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["gui"]:
        # everything after `gui` belongs to the app's own parser (options included)
        argv = ["gui", "--"] + argv[1:] if len(argv) > 1 else argv
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if args.command == "gui" and args.args[:1] == ["--"]:
        args.args = args.args[1:]
    try:
        return handlers[args.command](args)
    except BadInput as exc:
        for line in str(exc).splitlines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        print(f"qdplan: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("QDPLAN_DEBUG"):
            traceback.print_exc()
        else:
            print("(set QDPLAN_DEBUG=1 to see the details)", file=sys.stderr)
        return EXIT_INTERNAL
