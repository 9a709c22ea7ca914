"""The `qdplan` command: the parser and the dispatch to the command groups.

    qdplan catalogue [--format json|table]
    qdplan validate FILE
    qdplan run FILE [--draws N] [--seed S] [--sampler NAME] [--format json|table]
                    [--csv FILE] [--xlsx FILE] [--charts DIR] [--language zh|en]
    qdplan gui [FILE] [--screenshot PATH] …
    qdplan actuals-template FILE [--out FILE.xlsx|FILE.csv] [--language zh|en]
    qdplan export-xlsx SCENARIO OUT.xlsx [--language zh|en]
    qdplan import-xlsx WORKBOOK [--save OUT.json]
    qdplan compare A.json B.json … [--format json|table] [--charts DIR]
    qdplan report FILE --out report.pdf [--actuals CSV] [--baseline FILE] [--language zh|en]
    qdplan sensitivity FILE …
    qdplan optimize FILE …
    qdplan calibrate SCENARIO [--history FILE] [--as-of YEAR] --save OUT.json
    qdplan backtest [--history FILE] [--from YEAR] [--to YEAR] [--format table|json] [--charts DIR]
    qdplan history [--history FILE] [--format table|json|csv] [--out FILE] [--language zh|en]

Each group module (``run``, ``review``, ``history``, ``workbook``, ``gui``, ``decision``) adds its subcommands with
``register(subparsers)`` and returns their handlers.

Exit codes: 0 done; 2 bad input (one line per problem on stderr, no traceback, in the
command's ``--language``, default zh);
1 internal error; 130 interrupted (Ctrl-C, one line on stderr). Everything shown on the
terminal goes through ``terminal.say`` (or ``Parser._print_message`` for argparse's own
messages), which escapes control characters.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import N_, Message, __version__, translate
from ..printable import printable
from . import calibration, decision, gui, history, interrupt, review, run, workbook
from .common import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    LANGUAGES,
    PARSE_LANGUAGE,
    BadInput,
    Handler,
)
from .interrupt import allow_interrupts, interrupted
from .terminal import say

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

# the order of the subcommands in `qdplan --help`
GROUPS = (run, review, history, workbook, gui, decision, calibration)

#: The end of every `--help` (the app's `qdplan gui --help` says the same).
EXIT_CODES_HELP = (
    "exit codes: 0 done; 2 bad input (each problem on one line on stderr, in the command's "
    "--language, default zh); "
    "130 interrupted (Ctrl-C); 1 internal error"
)


class Parser(argparse.ArgumentParser):
    """argparse, with its usage and error messages (which quote the command line) escaped
    like everything else qdplan shows. Its subcommands' parsers are of this class too."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(printable(message), file)


#: argparse's own words in a usage error (it looks them up with gettext's ``_``), translated
#: from qdplan's catalogue while a command line is parsed; its help and usage stay as written.
ARGPARSE_MESSAGES = frozenset(
    (
        N_("%(prog)s: error: %(message)s\n"),
        N_("argument %(argument_name)s: %(message)s"),
        N_("invalid choice: %(value)r (choose from %(choices)s)"),
        N_("the following arguments are required: %s"),
        N_("unrecognized arguments: %s"),
        N_("expected one argument"),
        N_("invalid %(type)s value: %(value)r"),
        N_("ambiguous option: %(option)s could match %(matches)s"),
        N_("one of the arguments %s is required"),
        N_("not allowed with argument %s"),
        N_("expected at least one argument"),
        N_("expected at most one argument"),
    )
)


def typed_language(argv: Sequence[str]) -> str:
    """The ``--language`` of a command line, as typed (zh without one, or with a bad one:
    argparse then says so in Chinese)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--language" and i + 1 < len(argv) else None
        if arg.startswith("--language="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return "zh"


#: options naming a file or folder the command writes
OUTPUT_OPTIONS = ("csv", "xlsx", "charts", "save", "out")


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parser.parse_args(argv)`` with its usage errors in the command's language."""
    language = typed_language(argv if argv[:1] != ["gui"] else [])
    PARSE_LANGUAGE["language"] = language
    own = argparse._  # type: ignore[attr-defined]

    def words(text: str) -> str:
        return translate(text, language) if text in ARGPARSE_MESSAGES else own(text)

    argparse._ = words  # type: ignore[attr-defined]
    try:
        return parser.parse_args(argv)
    finally:
        argparse._ = own  # type: ignore[attr-defined]
        PARSE_LANGUAGE["language"] = "zh"


def _tolerant_streams() -> None:
    """A terminal whose encoding cannot show a character (Chinese on an ASCII or Latin-1
    terminal) gets an escape instead of ending the command."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    """The `qdplan` parser and {command: handler}."""
    parser = Parser(
        prog="qdplan",
        description="Budget and target projections for Qingdao's S&T action plan 2024–2028. "
        "A scenario is a JSON file or the name of a shipped one (baseline, restrained, "
        "accelerated); `qdplan COMMAND --help` tells each command's options.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"qdplan {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", help="one of the commands below"
    )
    handlers: dict[str, Handler] = {}
    for group in GROUPS:
        handlers.update(group.register(sub))
    for command in sub.choices.values():
        command.epilog = command.epilog or EXIT_CODES_HELP
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    args = None
    interrupt.words = "interrupted"  # English until the command's language is known
    try:
        allow_interrupts()
        _tolerant_streams()
        argv = list(sys.argv[1:] if argv is None else argv)
        if argv[:1] == ["gui"]:
            # everything after `gui` belongs to the app's own parser (options included)
            argv = ["gui", "--"] + argv[1:] if len(argv) > 1 else argv
        parser, handlers = build_parser()
        args = _parse(parser, argv)
        interrupt.words = translate("interrupted", _language(args))
        for option in OUTPUT_OPTIONS:  # `--csv ""` would otherwise write nothing, silently
            if getattr(args, option, None) == "":
                raise BadInput("--{option}: the file or folder name is empty", option=option)
        if args.command == "gui" and args.args[:1] == ["--"]:
            args.args = args.args[1:]
        return handlers[args.command](args)
    except BadInput as exc:  # in the command's --language (zh, as its tables, without one)
        for line in exc.text(_language(args)).splitlines():
            say(line, err=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        # the error's own words are a programmer's (English), like an OS's
        language = _language(args)
        error = Message("qdplan: internal error: {error}", error=f"{type(exc).__name__}: {exc}")
        say(error.text(language), err=True)
        if os.environ.get("QDPLAN_DEBUG"):
            traceback.print_exc()
        else:
            say(translate("(set QDPLAN_DEBUG=1 to see the details)", language), err=True)
        return EXIT_INTERNAL


def _language(args: argparse.Namespace | None) -> str:
    """The command's ``--language`` (zh, as its tables, when it has none or is not parsed)."""
    return getattr(args, "language", None) or "zh"
