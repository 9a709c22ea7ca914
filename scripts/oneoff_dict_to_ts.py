"""One-off (for merges): move Chinese from the old Python-dict translation tables into the Qt
Linguist source ui/translations/qdplan_zh_CN.ts.

    git show BRANCH:ui/translations/main.py > /tmp/main.py     # a branch's old tables
    scripts/translations.sh update                            # lupdate: new strings, unfinished
    .venv/bin/python scripts/oneoff_dict_to_ts.py /tmp/main.py [more.py ...]
    scripts/translations.sh update                            # lupdate rewrites the file tidily

Fills every message that has no finished translation from the tables' ``ZH`` dicts; prints
the table entries lupdate did not find in the code (strings built at run time: mark them with
QT_TR_NOOP, or tr() inside an f-string: move it out) and the messages still without Chinese."""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "ui/translations/qdplan_zh_CN.ts"


def table(path: Path) -> dict[str, str]:
    """The ZH dict of a table module, read without importing it."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) else None)
        )
        if isinstance(target, ast.Name) and target.id == "ZH" and node.value is not None:
            return dict(ast.literal_eval(node.value))
    raise SystemExit(f"{path}: no ZH table")


def main(paths: list[str]) -> None:
    chinese: dict[str, str] = {}
    for path in paths:
        chinese.update(table(Path(path)))
    tree = ET.parse(TS)
    found, untranslated = set(), []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        found.add(source)
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") != "unfinished" and translation.text:
            continue
        if source in chinese:
            translation.text = chinese[source]
            translation.attrib.pop("type", None)
        else:
            untranslated.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in sorted(set(chinese) - found):
        print("not in the code:", repr(source))
    for source in untranslated:
        print("no Chinese:", repr(source))


if __name__ == "__main__":
    main(sys.argv[1:])
