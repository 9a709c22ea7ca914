"""The scenario workbook's settings sheet as data: one row per scenario-wide value (column A
its key, D its value), with its label, unit and number format (the sheets of a scenario's
parts: ``workbook_fields``). A new scenario-wide value is added here, once."""

from __future__ import annotations

from .messages import N_
from .workbook_layout import AMOUNT, INTEGER, PERCENT, RATIO, TEXT, WHOLE, Setting
from .years import YEARS

__all__ = ["NULLABLE", "SETTINGS"]

_DISPLAY_YEARS = tuple(str(y) for y in YEARS)

#: The settings sheet: one row per scenario-wide value.
SETTINGS = (
    Setting(("schema_version",), N_("Schema version"), kind=INTEGER, locked=True),
    Setting(("catalogue_version",), N_("Catalogue version"), kind=TEXT, locked=True),
    Setting(("name",), N_("Scenario name"), kind=TEXT),
    Setting(("description",), N_("Description"), kind=TEXT),
    Setting(("simulation", "draws"), N_("Draws"), N_("draws"), number_format="#,##0", kind=INTEGER),
    Setting(("simulation", "seed"), N_("Seed"), kind=INTEGER, number_format=WHOLE),
    Setting(
        ("simulation", "sampler"), N_("Sampler"), kind=TEXT, choices=("pseudo", "sobol", "lhs")
    ),
    Setting(("uptake_multiplier",), N_("Uptake multiplier"), N_("×"), number_format=RATIO),
    Setting(
        ("common_factor", "loading"), N_("Common factor loading"), N_("0–0.99"), number_format=RATIO
    ),
    Setting(("common_factor", "basis"), N_("Common factor basis"), kind=TEXT),
    Setting(
        ("persistence", "uptake"),
        N_("Uptake shocks, year-to-year persistence"),
        N_("0–0.99"),
        number_format=RATIO,
    ),
    Setting(
        ("persistence", "common"),
        N_("Common factor, year-to-year persistence"),
        N_("0–0.99"),
        number_format=RATIO,
    ),
    Setting(("persistence", "basis"), N_("Persistence basis"), kind=TEXT),
    Setting(
        ("rationing", "policy"),
        N_("Rationing policy"),
        kind=TEXT,
        choices=("none", "proportional", "priority"),
    ),
    Setting(
        ("rationing", "priority"),
        N_("Priority (measure numbers, first served first)"),
        N_("e.g. 14, 10, 1"),
        kind=TEXT,
        optional=True,
    ),
    Setting(
        ("rationing", "backlog_cap_wan"),
        N_("Backlog cap (blank: none)"),
        N_("10k yuan"),
        optional=True,
        number_format=AMOUNT,
    ),
    Setting(("rationing", "basis"), N_("Rationing basis"), kind=TEXT),
    Setting(("investments", "basis"), N_("Investments basis"), kind=TEXT),
    Setting(
        ("department_shares", "basis"), N_("Department shares basis"), kind=TEXT, optional=True
    ),
    Setting(("count_targets", "basis"), N_("Count targets basis"), kind=TEXT, optional=True),
    Setting(
        ("flag_thresholds", "on_track"),
        N_("On track from"),
        N_("probability"),
        number_format=PERCENT,
    ),
    Setting(
        ("flag_thresholds", "at_risk"), N_("At risk from"), N_("probability"), number_format=PERCENT
    ),
    Setting(("flag_thresholds", "basis"), N_("Thresholds basis"), kind=TEXT, optional=True),
    Setting(("appropriation", "basis"), N_("Appropriation basis"), kind=TEXT, optional=True),
    *(
        Setting(
            ("appropriation", "wan", year),
            N_("Appropriation {year}"),
            N_("10k yuan"),
            optional=True,
            number_format=AMOUNT,
            label_year=year,
        )
        for year in _DISPLAY_YEARS
    ),
)

#: Top-level parts that are null (not given) when every cell of theirs is blank.
NULLABLE = ("appropriation",)
