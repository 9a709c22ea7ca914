"""The one way `qdplan` writes to the terminal: ``say`` (text) and ``say_json`` (JSON), with
every character a terminal would act on rather than show (escape sequences from a file's
names or values, a file name that is not UTF-8) shown escaped, e.g. ESC as ``\\x1b``
(``simulator.printable``). Standard library only, so the app can use ``printable`` for its
own messages."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from ..printable import json_printable, printable


def padded(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (East Asian wide characters
    take two), like ``f"{text:<{width}}"`` for ASCII text."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def say(text: str = "", *, err: bool = False) -> None:
    """Print a line (or lines) to stdout, or stderr with ``err``: everything a command shows
    goes through here, so text from files never drives the terminal."""
    print(printable(text), file=sys.stderr if err else sys.stdout)


def say_json(document: Any) -> None:
    """Print a JSON document; characters a terminal would act on are ``\\u`` escapes (still
    the same JSON)."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    print(json_printable(text))


def say_written(
    language: str, files: Sequence[str] = (), charts: int = 0, folder: str | None = None
) -> None:
    """On stderr, what a command wrote: each file by name, and the chart files by their
    number and folder (``wrote out.csv``; ``wrote 27 chart files to charts``)."""
    from ..model import translate  # here: printable is imported without the model

    for path in files:
        say(translate("wrote {path}", language).format(path=path), err=True)
    if charts:
        wrote = translate("wrote {n} chart files to {folder}", language)
        say(wrote.format(n=charts, folder=folder), err=True)
