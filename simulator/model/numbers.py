"""Numbers typed by people, and text that spreadsheets would run as a formula.

``parse_number`` is the one parser behind the actuals CSV reader and the app's actuals
editor, so that a value reads the same in both. It reads only forms that cannot be misread
and refuses the rest with the reason (``NumberError``):

* an optional sign, ASCII digits, an optional decimal point with decimals and an optional
  exponent: ``15800``, ``-3``, ``420.5``, ``.5``, ``1.2e4``. The point is always the decimal
  point, so ``15.800`` is 15.8;
* commas only as thousands separators between groups of exactly three digits, the first
  group 1–999: ``15,800``, ``1,234,567.5`` (in a CSV file such a cell is in double quotes);
* spaces around the number are ignored; full-width forms (``１５，８００``, typed with a
  Chinese input method) are read as their half-width twins.

Refused: a decimal comma (``1,5``, ``0,500``) and any other comma (``15,80``, ``1,5000``);
spaces, underscores or apostrophes inside (``15 800``, ``15_800``); digits of other scripts;
currency and percent signs; ``nan`` and ``inf``; numbers beyond a float's range (``1e400``) or
too small to be told from zero (``1e-400``). Whole numbers written without a point or an
exponent are ints, the rest floats.

``formula_quoted`` is the one rule for text written to CSV and tab-separated files (OWASP's
"CSV injection"): text that a spreadsheet would run as a formula gets a leading ``'``.
``formula_unquoted`` undoes it when such a file is read back.
"""

from __future__ import annotations

import math
import re

from .problems import SMALLEST_NUMBER, InputError

__all__ = [
    "FORMULA_CHARACTERS",
    "NumberError",
    "formula_quoted",
    "formula_unquoted",
    "is_number_text",
    "parse_number",
    "significant",
    "starts_formula",
]

#: Significant digits kept of a number the model derives for a scenario file (a fitted
#: trend, a migrated growth rate): far more than any estimate holds, and few enough that a
#: spreadsheet (which keeps 15, and openpyxl writes 16) returns the same number.
DERIVED_DIGITS = 12


def significant(value: float, digits: int = DERIVED_DIGITS) -> float:
    """``value`` to ``digits`` significant digits (a derived number, never a published one);
    0 when it is nearer to zero than a scenario's numbers may be (``SMALLEST_NUMBER``: a
    fitted trend of a flat series is rounding noise, not a number to refuse)."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    if abs(value) < SMALLEST_NUMBER:
        return 0.0
    return float(f"{value:.{digits}g}")


class NumberError(InputError):
    """A text that is not a number in an accepted form; the message says why (it follows
    the scenario checks' wording: ``must be a number, got "1,5": …``)."""


_PLAIN = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_GROUPED = r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?"
_NUMBER = re.compile(rf"[+-]?(?:{_GROUPED}|{_PLAIN})")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
# full-width forms of ASCII (U+FF01–U+FF5E) and the ideographic space
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _quoted(text: str) -> str:
    """The text as the scenario checks quote it: in double quotes, JSON-escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"' if len(escaped) <= 60 else f'"{escaped[:57]}..."'


def parse_number(text: str) -> int | float:
    """A typed or CSV cell as a number: an int for a whole number written without a point or
    an exponent, else a float. Raises NumberError for anything not in an accepted form (see
    the module's docstring)."""
    cleaned = text.translate(_FULL_WIDTH).strip()
    got = _quoted(text.strip())
    if not _NUMBER.fullmatch(cleaned):
        if _NOT_FINITE.fullmatch(cleaned):
            raise NumberError("must be a finite number, got {got}", got=got)
        if "," in cleaned:
            raise NumberError(
                "must be a number, got {got}: a comma is read only between groups of three "
                "digits (15,800); write decimals with a point (1.5, not 1,5)",
                got=got,
            )
        raise NumberError(
            "must be a number, got {got} (written like 15800, -3, 420.5, 1.2e4 or 15,800)",
            got=got,
        )
    digits = cleaned.replace(",", "")
    value = float(digits)
    if math.isinf(value):
        raise NumberError("must be a number, got {got}: too large (at most about 1.8e308)", got=got)
    if value == 0.0 and re.search(r"[1-9]", re.split(r"[eE]", digits)[0]):
        raise NumberError("must be a number, got {got}: too small to be told from zero", got=got)
    if _WHOLE.fullmatch(digits):  # at most 309 digits after any leading zeros: value is finite
        sign = -1 if digits.startswith("-") else 1
        return sign * int(digits.lstrip("+-").lstrip("0") or "0")
    return value


def is_number_text(text: str) -> bool:
    """True when the text is a number in an accepted form of ``parse_number`` (ASCII only),
    optionally followed by ``%``: a spreadsheet reads it as that number, never a formula."""
    core = text.strip()
    core = core[:-1] if core.endswith("%") else core
    return _NUMBER.fullmatch(core) is not None


#: What a spreadsheet (Excel, WPS, LibreOffice) starts a formula with (OWASP's list), and
#: their full-width forms.
FORMULA_CHARACTERS = frozenset("=+-@\t\r\n＝＋－＠")


def starts_formula(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula: it begins with one of
    ``FORMULA_CHARACTERS`` (after any leading spaces) and is not a plain number."""
    if not text:
        return False
    first = text.lstrip()[:1]
    if text[0] not in FORMULA_CHARACTERS and first not in FORMULA_CHARACTERS:
        return False
    return not is_number_text(text)


def formula_quoted(text: str) -> str:
    """The text made safe for a spreadsheet cell: a leading ``'`` when it could start a
    formula. Text already quoted this way gets one more quote, so that ``formula_unquoted``
    gives back exactly what was written."""
    return "'" + text if starts_formula(text.lstrip("'")) else text


def formula_unquoted(text: str) -> str:
    """The inverse of ``formula_quoted``: a cell read back from a file written by qdplan."""
    if text.startswith("'") and starts_formula(text.lstrip("'")):
        return text[1:]
    return text
