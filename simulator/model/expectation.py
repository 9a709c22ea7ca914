"""Analytic expected outlays per line and year (万元), without simulation.

Used to split a measure's observed outlay among its lines and as a quick central estimate.
Lines paid from an indicator are taken at the indicator's 2023 reference (scale 1).
"""

from __future__ import annotations

import numpy as np

from .award_rules import capped_moments
from .catalogue import AMOUNT_FORMS, Line
from .distributions import ShareDistribution
from .plan import cohorts_of
from .renewals import expected_renewals
from .scenario import Scenario
from .years import YEARS, uptake_years


def expected_committed(scenario: Scenario, line: Line) -> np.ndarray:
    """Expected money committed per award year, 2024–2028 (万元)."""
    a = scenario.line_assumptions(line.id)
    mult = scenario.uptake_multiplier
    out = np.zeros(len(YEARS))
    planned = uptake_years(line)
    renewals: dict[int, float] = {}
    if line.form == "re_recognition":
        # the line follows another, with a lag: every certificate renews (``renewals``)
        assert line.follows is not None and line.lag_years is not None
        first = scenario.line_assumptions(line.follows)
        renewals = expected_renewals(
            {y: first["uptake"][str(y)] * mult for y in YEARS},
            cohorts_of(a),
            a["renewal_rate"],
            line.lag_years,
        )
    for i, year in enumerate(YEARS):
        key = str(year)
        if line.form in AMOUNT_FORMS:
            out[i] = a["uptake"][key] * mult * (line.rate or 1.0)
            continue
        awards = a["uptake"][key] * mult if year in planned else renewals[year]
        assert line.cap_wan is not None  # count forms have a cap
        if line.form == "indicator_based":
            rule = a["award_rule"]
            mean = capped_moments(
                np.array([rule["rate"]]), rule["base"]["mean_wan"], rule["base"]["cv"], line.cap_wan
            )[0][0]
            out[i] = awards * float(mean)  # 万元: awards × mean award at the reference
            continue
        if line.form == "share_of_cost":
            cost = a["cost"][key]
            share = ShareDistribution.capped_cost(
                a["rate"], line.cap_wan, cost["mean_wan"], cost["cv"]
            ).moments()[0]
        else:
            share = a["award_share"][key]["mean"]
        out[i] = awards * share * line.cap_wan
    return out


def expected_paid(scenario: Scenario, line: Line) -> np.ndarray:
    """Expected money paid per year 2024–2028 (万元), after the disbursement profile."""
    committed = expected_committed(scenario, line)
    profile = scenario.line_assumptions(line.id)["disbursement"]
    paid = np.zeros(len(YEARS))
    for i in range(len(YEARS)):
        for lag, share in enumerate(profile):
            if i + lag < len(YEARS):
                paid[i + lag] += committed[i] * share
    return paid
