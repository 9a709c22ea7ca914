"""One-off: move the app's Chinese from the Python dicts (ui/translations/*.py) into the
Qt Linguist source ui/translations/qdplan_zh_CN.ts (made first by scripts/translations.sh
update). Prints the dict entries lupdate did not find in the code (strings built at run time,
which need a QT_TR_NOOP marker) and the source strings with no Chinese."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ui.translations import chinese  # noqa: E402

TS = REPO / "ui/translations/qdplan_zh_CN.ts"


def main() -> None:
    table = chinese()
    tree = ET.parse(TS)
    found = set()
    untranslated = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        found.add(source)
        translation = message.find("translation")
        assert translation is not None
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        elif not translation.text:
            untranslated.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in sorted(set(table) - found):
        print("not in the code:", repr(source))
    for source in untranslated:
        print("no Chinese:", repr(source))


if __name__ == "__main__":
    main()
