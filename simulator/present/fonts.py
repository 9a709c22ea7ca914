"""The CJK font of the charts: found once, from the families and files listed in fonts.txt
and the files fontconfig knows, and registered with matplotlib's font manager when its cache
does not list them yet. Without one, charts are drawn in English (``effective_language``)."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from importlib import resources
from pathlib import Path

from matplotlib import font_manager, ft2font

__all__ = [
    "chinese_font_available",
    "cjk_font_family",
    "covers_chinese",
    "fc_list_files",
    "font_config",
]


def font_config() -> tuple[list[str], list[str]]:
    """Preferred CJK family names and candidate font files, from fonts.txt."""
    text = resources.files("simulator.present").joinpath("fonts.txt").read_text(encoding="utf-8")
    families: list[str] = []
    files: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            (files if ("/" in line or "\\" in line) else families).append(line)
    return families, files


def fc_list_files() -> list[str]:
    """Font files fontconfig says cover Chinese (empty when fc-list is missing or fails)."""
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip().rstrip(":").strip() for line in out.splitlines() if line.strip()})


def covers_chinese(family: str) -> bool:
    """Whether matplotlib has a font of this family that holds Chinese glyphs."""
    for entry in font_manager.fontManager.ttflist:
        if entry.name != family:
            continue
        try:
            try:
                font = ft2font.FT2Font(entry.fname, face_index=getattr(entry, "index", 0))
            except TypeError:  # matplotlib < 3.10 reads the first face of a collection
                font = ft2font.FT2Font(entry.fname)
            if all(font.get_char_index(ord(ch)) for ch in "预算年"):
                return True
        except (OSError, RuntimeError, ValueError):
            continue
    return False


def _pick_family(preferred: list[str]) -> str | None:
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in preferred:
        if family in known and covers_chinese(family):
            return family
    return None


@lru_cache(maxsize=1)
def cjk_font_family() -> str | None:
    """The CJK font family the charts use, or None. Registers font files with matplotlib's
    font manager when its cache does not know them yet (fonts installed after the cache)."""
    preferred, files = font_config()
    family = _pick_family(preferred)
    if family is not None:
        return family
    known_files = {entry.fname for entry in font_manager.fontManager.ttflist}
    added: list[str] = []
    for path in list(dict.fromkeys(files + fc_list_files())):
        if path in known_files or not Path(path).is_file():
            continue
        before = len(font_manager.fontManager.ttflist)
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        added += [e.name for e in font_manager.fontManager.ttflist[before:]]
    family = _pick_family(preferred)
    if family is None:  # any newly registered font that covers Chinese
        family = next((name for name in dict.fromkeys(added) if covers_chinese(name)), None)
    return family


def chinese_font_available() -> bool:
    """Whether a CJK font is installed and registered with matplotlib."""
    return cjk_font_family() is not None
