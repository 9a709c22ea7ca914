"""Numbers typed by people: the one parser behind the actuals CSV reader and the app's
actuals editor, so that a value reads the same in both."""

from __future__ import annotations

from typing import Any


def parse_number(text: str) -> Any:
    """A typed or CSV cell as a number where it is one: an int for whole numbers written
    without a decimal point, else a float; thousands separators (``,``) are ignored. Anything
    else comes back unchanged, for the scenario validator to judge."""
    cleaned = text.strip().replace(",", "")
    try:
        return int(cleaned)
    except ValueError:
        try:
            return float(cleaned)
        except ValueError:
            return text


__all__ = ["parse_number"]
