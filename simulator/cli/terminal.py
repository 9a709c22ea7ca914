"""The one way `qdplan` writes to the terminal: ``say`` (text) and ``say_json`` (JSON), with
every character a terminal would act on rather than show (escape sequences from a file's
names or values, a file name that is not UTF-8) shown escaped, e.g. ESC as ``\\x1b``.
Standard library only, so the app can use ``printable`` for its own messages."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

#: What a terminal would act on rather than show: C0 controls but tab and newline, DEL, C1
#: controls (ESC [ as one byte), bidirectional overrides, and lone surrogates (a file name
#: that is not UTF-8 arrives as U+DC80…U+DCFF; JSON may spell a lone "\ud800").
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown escaped: ESC as ``\\x1b``."""
    return _UNSAFE.sub(_escape, text)


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
    print(_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


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
