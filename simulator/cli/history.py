"""`qdplan history`: the published history the indicator model is fitted on.

    qdplan history [--history FILE] [--format table|json|csv] [--out FILE] [--language zh|en]

``--history FILE`` reads a planner's own history CSV (the columns of the shipped file) instead
of the shipped one; its problems are bad input (exit 2), one line each. ``--format csv``
prints the rows as CSV (cells a spreadsheet would run as a formula get a leading ``'``);
with ``--out FILE`` the CSV is written to that file (UTF-8 with a byte-order mark, for Excel).
"""

from __future__ import annotations

import argparse

from ..model import ScenarioSaveError, translate
from .common import EXIT_OK, LANGUAGES, BadInput, Handler, add_history_option, history_of
from .terminal import say, say_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add the `history` subcommand; returns {command: handler}."""
    parser = subparsers.add_parser(
        "history", help="print the published history (sources, definitions) of the indicators"
    )
    add_history_option(parser)
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table: the figures by series and year with their sources (default); json: every "
        "row with its source; csv: the history file's columns (formula-safe)",
    )
    parser.add_argument("--out", metavar="FILE", help="write the CSV to FILE (with --format csv)")
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default="zh",
        help="language of names and of problem messages (default zh)",
    )
    return {"history": cmd_history}


def cmd_history(args: argparse.Namespace) -> int:
    from ..present import (
        history_csv_rows,
        history_document,
        history_table,
        rows_to_csv_bytes,
        write_csv,
    )

    if args.out and args.format != "csv":
        raise BadInput("--out writes the CSV: use it with --format csv")
    history = history_of(args)
    if args.format == "json":
        say_json(history_document(history))
    elif args.format == "csv":
        rows = history_csv_rows(history)
        if args.out:
            try:
                write_csv(rows, args.out)
            except ScenarioSaveError as exc:
                raise BadInput.because(exc) from None
            wrote = translate("wrote {n} rows to {path}", args.language)
            say(wrote.format(n=len(rows) - 1, path=args.out), err=True)
        else:
            text = rows_to_csv_bytes(rows).decode("utf-8").removeprefix("\ufeff")
            say(text.replace("\r\n", "\n").rstrip("\n"))
    else:
        say(history_table(history, args.language))
    return EXIT_OK
