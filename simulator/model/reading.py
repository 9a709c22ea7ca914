"""Reading the files a planner is given (scenario, actuals CSV, goal-seek bounds): every one
is untrusted. A file above ``MAX_INPUT_BYTES`` is refused before it is read into memory or
parsed, and JSON that cannot be decoded (bytes that are not UTF-8, nesting too deep for the
parser, numbers with thousands of digits) is a problem of the whole file, never an internal
error. A key written twice in one object (which ``json`` would quietly read as the last) is
a problem at that object's path. A named pipe with no writer reads as empty (never waits)."""

from __future__ import annotations

import codecs
import json
import os
import stat
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from .messages import N_
from .problems import (
    MAX_PROBLEMS,
    Message,
    Problem,
    ScenarioError,
    join_path,
    os_reason,
    short_key,
    short_repr,
)

#: Input files larger than this are refused (scenario, actuals CSV, bounds): the shipped
#: scenarios are about 25 kB, so this leaves room for any real plan and keeps the memory of
#: parsing a hostile file (a big file of ``{}``) to a few hundred MB.
MAX_INPUT_BYTES = 10 * 1024 * 1024
MAX_INPUT_TEXT = f"{MAX_INPUT_BYTES // (1024 * 1024)} MB"


def too_large(name: str | None, size: int | None) -> Message:
    """The problem of a file of ``size`` bytes (None: unknown, but above the limit)."""
    return Message(
        "too large: {name} has {size}; qdplan reads files of at most {limit} MB",
        name=name or Message("the file"),
        size=Message("more") if size is None else Message("{size:,.1f} MB", size=size / 2**20),
        limit=MAX_INPUT_BYTES // (1024 * 1024),
    )


def read_input(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an input file; ScenarioError (naming the file) when it is missing, a
    folder, unreadable, or larger than ``MAX_INPUT_BYTES`` (checked before reading, and
    reading stops there for files whose size is not known in advance, such as pipes)."""
    path = Path(path)
    source = str(path)
    try:
        with _opened(path) as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
                raise ScenarioError([Problem("", too_large(source, info.st_size))], source)
            content = file.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [Problem("", "file not found: {path}", path=str(path))], source
        ) from None
    except IsADirectoryError:
        raise ScenarioError(
            [Problem("", "is a folder, not a file: {path}", path=str(path))], source
        ) from None
    except OSError as exc:
        raise ScenarioError(
            [
                Problem(
                    "",
                    "cannot read {path}: {reason}",
                    path=str(path),
                    reason=os_reason(exc),
                )
            ],
            source,
        ) from None
    if len(content) > MAX_INPUT_BYTES:
        raise ScenarioError([Problem("", too_large(source, None))], source)
    return content


def _opened(path: Path) -> BinaryIO:
    """``path`` opened for reading without waiting: a named pipe (FIFO) that no program
    writes to would block ``open()`` for ever; opened without blocking, it reads as empty
    (its writer, if one comes, is read as usual)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a pipe's writer is then waited for, as with open()
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


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
        raw = content
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # counted from 1 in the file (a byte-order mark, which the decoder skips, counts)
            bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
            raise ScenarioError(
                [Problem("", "not UTF-8 text (byte {byte})", byte=bom + exc.start + 1)], source
            ) from None
    message: Message
    try:
        marked: list[_Repeated] = []
        document = json.loads(content, object_pairs_hook=partial(_object, marked))
    except json.JSONDecodeError as exc:
        message = Message(
            "{reason} at line {line} column {column}",
            reason=JSON_REASONS.get(exc.msg, exc.msg),
            line=exc.lineno,
            column=exc.colno,
        )
    except RecursionError:
        message = Message("nested too deeply (lists or objects inside each other)")
    except ValueError as exc:  # an integer beyond Python's limit on digits
        message = (
            Message("a number has too many digits")
            if "digits" in str(exc)
            else Message("{reason}", reason=str(exc)[:200])
        )
    else:
        if not marked:
            return document
        repeated = _repeated_keys(document)
        raise ScenarioError(
            [
                Problem(
                    path,
                    "the key {key} appears more than once in this object (which one is meant?)",
                    key=short_repr(key),
                )
                for path, key in repeated
            ],
            source,
        )
    raise ScenarioError([Problem("", "not valid JSON: {problem}", problem=message)], source)


class _Repeated(dict[str, Any]):
    """A decoded object in which a key appeared more than once (``json`` keeps the last)."""

    keys_repeated: list[str]


def _object(marked: list[_Repeated], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the document; a key written twice marks it (``_repeated_keys``), and it
    is added to ``marked``."""
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    seen: set[str] = set()
    repeated = _Repeated(value)
    repeated.keys_repeated = []
    for key, _ in pairs:
        if key in seen:
            repeated.keys_repeated.append(key)
        seen.add(key)
    marked.append(repeated)
    return repeated


def _repeated_keys(document: Any) -> list[tuple[str, str]]:
    """(path, key) of every key written twice in an object of the document, in order (the
    tree is walked without recursion: its depth is whatever the parser accepted)."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", document)]
    while stack and len(found) < MAX_PROBLEMS:
        path, value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _Repeated):
                found.extend((path, key) for key in dict.fromkeys(value.keys_repeated))
            items = list(value.items())
        elif isinstance(value, list):
            items = [(str(i), v) for i, v in enumerate(value)]
        else:
            continue
        stack.extend(
            (join_path(path, short_key(str(k))), v)
            for k, v in reversed(items)
            if isinstance(v, (dict, list))
        )
    return found


#: The reasons the json module gives for a document it cannot decode, as words translated
#: with the problem (json.decoder and its C scanner; any other reason is shown as it is).
JSON_REASONS = {
    reason: Message(reason)
    for reason in (
        N_("Expecting value"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Extra data"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    )
}
