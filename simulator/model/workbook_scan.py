"""What an untrusted .xlsx file must pass before openpyxl parses it: it is a zip archive of at
most ``MAX_PARTS`` parts unpacking to at most ``MAX_UNPACKED_BYTES`` (a "zip bomb" is refused
by the sizes the archive declares, which also bound what is unpacked), with an
``xl/workbook.xml``, and its XML parts hold at most ``MAX_ELEMENTS`` elements in all, nested
at most ``MAX_DEPTH`` deep, with at most ``MAX_CELLS_PER_ROW`` cells in a row and
``MAX_ATTRIBUTES`` attributes on an element, and declare no entities (the "billion laughs").

The XML is scanned by expat without building a tree, in constant memory, so the memory of
openpyxl's parse afterwards is bounded by these counts whatever the file holds (openpyxl
keeps a row's elements, or a part's other elements, until they end). The workbooks qdplan
writes are far within the limits: about 60,000 elements, rows of 30 cells.
"""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from .problems import Message

__all__ = ["MAX_UNPACKED_BYTES", "archive_problem"]

MAX_PARTS = 2_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ELEMENTS = 3_000_000
MAX_DEPTH = 64
MAX_CELLS_PER_ROW = 16_384  # Excel's number of columns
MAX_ATTRIBUTES = 256  # per element (a workbook's have a dozen at most, namespaces included)
#: The most bytes the scan reads without a single XML event (a start or end tag, text, a
#: comment): one tag or attribute value that long is refused, since expat parses a token
#: split over many chunks again with each chunk (time growing with its square).
MAX_TOKEN_BYTES = 1024 * 1024
_CHUNK = 1 << 16
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class _Refused(Exception):
    def __init__(self, why: Message) -> None:
        super().__init__(str(why))
        self.why = why


def archive_problem(content: bytes) -> Message | None:
    """Why the content cannot be read as a workbook, or None when it passes the checks."""
    if not content.startswith(b"PK"):
        return Message("not an Excel workbook (.xlsx): the file is not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                return Message(
                    "has {count:,} parts; a workbook qdplan reads has at most {limit:,}",
                    count=len(parts),
                    limit=MAX_PARTS,
                )
            unpacked = sum(part.file_size for part in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                return Message(
                    "unpacks to {size:,.0f} MB; qdplan reads workbooks of at most "
                    "{limit} MB unpacked",
                    size=unpacked / 2**20,
                    limit=MAX_UNPACKED_BYTES // 2**20,
                )
            if "xl/workbook.xml" not in {part.filename for part in parts}:
                return Message("not an Excel workbook (.xlsx): it has no xl/workbook.xml")
            return _scan(archive, parts)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        return Message("not an Excel workbook (.xlsx): {reason}", reason=_reason(exc))
    except Exception as exc:  # damaged compressed data (zlib, bz2, lzma errors), encryption
        return Message("the workbook cannot be read: {reason}", reason=_reason(exc))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _scan(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> Message | None:
    state = {"elements": 0, "depth": 0, "cells": 0, "fed": 0, "event": 0}

    def seen(*_args: object) -> None:
        state["event"] = state["fed"]

    def start(name: str, attributes: dict[str, str]) -> None:
        seen()
        state["elements"] += 1
        state["depth"] += 1
        if len(attributes) > MAX_ATTRIBUTES:
            raise _Refused(
                Message("has an element with more than {limit:,} attributes", limit=MAX_ATTRIBUTES)
            )
        if state["elements"] > MAX_ELEMENTS:
            raise _Refused(Message("holds more than {limit:,} XML elements", limit=MAX_ELEMENTS))
        if state["depth"] > MAX_DEPTH:
            raise _Refused(Message("has XML nested more than {limit} deep", limit=MAX_DEPTH))
        local = name.rpartition(":")[2]
        if local == "row":
            state["cells"] = 0
        elif local == "c":
            state["cells"] += 1
            if state["cells"] > MAX_CELLS_PER_ROW:
                raise _Refused(
                    Message("has a row of more than {limit:,} cells", limit=MAX_CELLS_PER_ROW)
                )

    def end(_name: str) -> None:
        seen()
        state["depth"] -= 1

    def entity(*_args: object) -> None:
        raise _Refused(Message("declares XML entities, which a workbook never needs"))

    for part in parts:
        if not part.filename.lower().endswith(_XML_SUFFIXES):
            continue
        parser = expat.ParserCreate()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.EntityDeclHandler = entity
        parser.CharacterDataHandler = parser.CommentHandler = seen
        parser.ProcessingInstructionHandler = parser.XmlDeclHandler = seen
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        state.update(depth=0, fed=0, event=0)
        try:
            with archive.open(part) as stream:
                while chunk := stream.read(_CHUNK):
                    state["fed"] += len(chunk)
                    parser.Parse(chunk, False)
                    if state["fed"] - state["event"] > MAX_TOKEN_BYTES:
                        raise _Refused(
                            Message(
                                "has one XML tag or value of more than {limit} MB",
                                limit=MAX_TOKEN_BYTES // 2**20,
                            )
                        )
                parser.Parse(b"", True)
        except _Refused as exc:
            return Message("the part {part} {problem}", part=part.filename, problem=exc.why)
        except expat.ExpatError as exc:
            return Message(
                "the part {part} is not well-formed XML ({reason})",
                part=part.filename,
                reason=str(exc),
            )
    return None
