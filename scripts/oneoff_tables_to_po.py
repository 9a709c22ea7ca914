"""One-off: turn the Qt-free side's word tables into gettext messages.

``python scripts/oneoff_tables_to_po.py tables FILE NAME...`` rewrites each table NAME of FILE
({"zh": {...}, "en": {...}} or {key: (zh, en)}) into one keyed by the English text marked
with N_(), and adds its (English, Chinese) pairs to build/translation-pairs.json.
``python scripts/oneoff_tables_to_po.py fill`` then writes those pairs as the msgstr of the
messages of simulator/model/locale/zh_CN/LC_MESSAGES/qdplan.po that have none (after
scripts/translations.sh update), and lists conflicts and messages still untranslated."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "build" / "translation-pairs.json"
PO = REPO / "simulator/model/locale/zh_CN/LC_MESSAGES/qdplan.po"


def load_pairs() -> dict[str, list[str]]:
    return json.loads(PAIRS.read_text(encoding="utf-8")) if PAIRS.exists() else {}


def add_pair(pairs: dict[str, list[str]], en: str, zh: str) -> None:
    known = pairs.setdefault(en, [])
    if zh not in known:
        known.append(zh)


def marked(en: Any, zh: Any, pairs: dict[str, list[str]]) -> str:
    """Source text of the English value with N_() around every string."""
    if isinstance(en, str):
        add_pair(pairs, en, zh)
        return f"N_({en!r})"
    if isinstance(en, list):
        return "[" + ", ".join(marked(e, z, pairs) for e, z in zip(en, zh)) + "]"
    if isinstance(en, dict):
        items = ", ".join(f"{k!r}: {marked(v, zh[k], pairs)}" for k, v in en.items())
        return "{" + items + "}"
    raise TypeError(type(en))


def convert_tables(path: Path, names: list[str]) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    pairs = load_pairs()
    lines = source.splitlines(keepends=True)
    edits = []
    for node in tree.body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) else None)
        )
        if not isinstance(target, ast.Name) or target.id not in names:
            continue
        value = ast.literal_eval(node.value)
        if set(value) == {"zh", "en"}:
            text = marked(value["en"], value["zh"], pairs)
        else:  # {key: (zh, en)}
            text = (
                "{"
                + ", ".join(f"{k!r}: {marked(en, zh, pairs)}" for k, (zh, en) in value.items())
                + "}"
            )
        annotation = f": {ast.unparse(node.annotation)}" if isinstance(node, ast.AnnAssign) else ""
        edits.append((node.lineno, node.end_lineno, f"{target.id}{annotation} = {text}\n"))
    for start, end, text in sorted(edits, reverse=True):
        lines[start - 1 : end] = [text]
    path.write_text("".join(lines), encoding="utf-8")
    PAIRS.parent.mkdir(exist_ok=True)
    PAIRS.write_text(json.dumps(pairs, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{path}: {len(edits)} tables")


def fill() -> None:
    from babel.messages.pofile import read_po, write_po

    pairs = load_pairs()
    with PO.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id or message.string:
            continue
        choices = pairs.get(message.id, [])
        if len(choices) > 1:
            print("conflict:", repr(message.id), choices)
        if choices:
            message.string = choices[0]
        else:
            print("untranslated:", repr(message.id))
    with PO.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False, no_location=True)


if __name__ == "__main__":
    if sys.argv[1] == "tables":
        convert_tables(Path(sys.argv[2]), sys.argv[3:])
    elif sys.argv[1] == "fill":
        fill()
    elif sys.argv[1] == "pair":  # a pair from an inline expression: pair EN ZH
        pairs = load_pairs()
        add_pair(pairs, sys.argv[2], sys.argv[3])
        PAIRS.parent.mkdir(exist_ok=True)
        PAIRS.write_text(json.dumps(pairs, ensure_ascii=False, indent=1), encoding="utf-8")
