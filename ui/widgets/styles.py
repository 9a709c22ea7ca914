"""How the app looks: group boxes for what the plan fixes and for the planner's
assumptions, notes, errors, titles, and the colours of tables."""

from __future__ import annotations

FIXED_STYLE = (
    "QGroupBox { background: #f3f5f8; border: 1px solid #c9d1dc; border-radius: 4px;"
    " margin-top: 1.4em; padding: 6px; } QGroupBox::title { subcontrol-origin: margin;"
    " left: 8px; padding: 0 4px; color: #2f4a6d; font-weight: bold; }"
)
ASSUMPTION_STYLE = (
    "QGroupBox { background: #fffaf0; border: 1px solid #e2cfa0; "
    "border-radius: 4px; margin-top: 1.4em; padding: 6px; } QGroupBox::title {"
    " subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #7a5a12;"
    " font-weight: bold; }"
)
NOTE_STYLE = "color: #555555; font-style: italic;"
ERROR_STYLE = "color: #b00020;"
TITLE_STYLE = "font-size: 15px; font-weight: bold;"
STALE_STYLE = "color: #8a5a00; font-weight: bold;"
BOLD_STYLE = "font-weight: bold;"
MUTED_STYLE = "color: #555555;"

#: Backgrounds of the target flags in tables (on track, at risk, off track).
FLAG_COLOURS = {"on_track": "#d8f0e6", "at_risk": "#fbecc8", "off_track": "#f8d9cc"}
#: Background of the header rows of the summary and totals tables.
HEADER_COLOUR = "#e8edf3"
