"""Reading the files a planner is given (scenario, actuals CSV, goal-seek bounds): every one
is untrusted. A file above ``MAX_INPUT_BYTES`` is refused before it is read into memory or
parsed, and JSON that cannot be decoded (bytes that are not UTF-8, nesting too deep for the
parser, numbers with thousands of digits) is a problem of the whole file, never an internal
error."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from .problems import Problem, ScenarioError

#: Input files larger than this are refused (scenario, actuals CSV, bounds): the shipped
#: scenarios are about 25 kB, so this leaves room for any real plan and keeps the memory of
#: parsing a hostile file (a big file of ``{}``) to a few hundred MB.
MAX_INPUT_BYTES = 10 * 1024 * 1024
MAX_INPUT_TEXT = f"{MAX_INPUT_BYTES // (1024 * 1024)} MB"


def too_large(name: str | None, size: int | None) -> str:
    """The problem of a file of ``size`` bytes (None: unknown, but above the limit)."""
    got = "more" if size is None else f"{size / (1024 * 1024):,.1f} MB"
    return (
        f"too large: {name or 'the file'} has {got}; qdplan reads files of at most {MAX_INPUT_TEXT}"
    )


def read_input(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an input file; ScenarioError (naming the file) when it is missing, a
    folder, unreadable, or larger than ``MAX_INPUT_BYTES`` (checked before reading, and
    reading stops there for files whose size is not known in advance, such as pipes)."""
    path = Path(path)
    source = str(path)
    try:
        with path.open("rb") as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
                raise ScenarioError([Problem("", too_large(source, info.st_size))], source)
            content = file.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError([Problem("", f"file not found: {path}")], source) from None
    except IsADirectoryError:
        raise ScenarioError([Problem("", f"is a folder, not a file: {path}")], source) from None
    except OSError as exc:
        raise ScenarioError(
            [Problem("", f"cannot read {path}: {exc.strerror or exc}")], source
        ) from None
    if len(content) > MAX_INPUT_BYTES:
        raise ScenarioError([Problem("", too_large(source, None))], source)
    return content


def check_size(content: bytes | str, source: str | None = None) -> None:
    """Refuse content above the size limit (files read by the caller itself)."""
    if len(content) > MAX_INPUT_BYTES:
        size = len(content) if isinstance(content, bytes) else None
        raise ScenarioError([Problem("", too_large(source, size))], source)


def decode_json(content: bytes | str, source: str | None = None) -> Any:
    """The decoded JSON document of a file's bytes (UTF-8, with or without a BOM) or text;
    ScenarioError with one problem of the whole file when it cannot be decoded."""
    check_size(content, source)
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ScenarioError(
                [Problem("", f"not UTF-8 text (byte {exc.start})")], source
            ) from None
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        message = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    except RecursionError:
        message = "nested too deeply (lists or objects inside each other)"
    except ValueError as exc:  # an integer beyond Python's limit on digits
        message = "a number has too many digits" if "digits" in str(exc) else str(exc)[:200]
    raise ScenarioError([Problem("", f"not valid JSON: {message}")], source)
