"""Text from files and command lines shown as text, never acted on: every character a
terminal would act on rather than show escaped (ESC as ``\\x1b``), and, within one line of a
message, the characters that would break the line too (a newline as ``\\n``). Used by the
command line's terminal output (``simulator.cli.terminal``), the app's, and a message's data
(``simulator.model.problems``). Standard library only, imported without numpy (start-up)."""

from __future__ import annotations

import re

#: What a terminal would act on rather than show: C0 controls but tab and newline, DEL, C1
#: controls (ESC [ as one byte), bidirectional overrides, and lone surrogates (a file name
#: that is not UTF-8 arrives as U+DC80…U+DCFF; JSON may spell a lone "\ud800").
_ACTED_ON = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_ACTED_ON}]")
#: ... and within a line: tab, newline and Unicode's line and paragraph separators.
_UNSAFE_IN_A_LINE = re.compile(f"[\t\n\u2028\u2029{_ACTED_ON}]")
_NAMED = {"\n": "\\n", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, lines: bool = True) -> str:
    """``text`` with every control character shown escaped: ESC as ``\\x1b``; with
    ``lines`` False also the characters that break a line (a newline as ``\\n``)."""
    return (_UNSAFE if lines else _UNSAFE_IN_A_LINE).sub(_escape, text)


def json_printable(text: str) -> str:
    """JSON text with the characters a terminal would act on written as ``\\u`` escapes
    (still the same JSON: they can only occur inside its strings)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
