"""The Chinese translations of every source string, one table per part of the app.

``ui.i18n`` installs the union of these tables; nothing registers strings by being imported.
A source string that two parts share has the same Chinese in both (tests/ui checks)."""

from __future__ import annotations

from . import compare, decision, main, review, workbook

#: Each part's table, in the order they are merged.
TABLES: dict[str, dict[str, str]] = {
    "main": main.ZH,
    "decision": decision.ZH,
    "review": review.ZH,
    "compare": compare.ZH,
    "workbook": workbook.ZH,
}


def chinese() -> dict[str, str]:
    """Every table in one dict: English source string -> Chinese."""
    merged: dict[str, str] = {}
    for table in TABLES.values():
        merged.update(table)
    return merged


__all__ = ["TABLES", "chinese"]
