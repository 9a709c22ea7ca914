"""How many draws a run can keep in memory: the bytes a kept run holds per draw, estimated
from the scenario, against a budget (the engine keeps every draw, for the app's live one-line
updates, only while they fit)."""

from __future__ import annotations

from .rationing import RationingPolicy
from .scenario import Scenario
from .years import YEARS

#: ... and above as many as make the kept arrays larger than this (see kept_bytes_per_draw):
#: scenarios with many own lines keep fewer draws, so a kept run stays within 1.5 GB.
KEEP_BYTES = 1_350_000_000


def kept_bytes_per_draw(scenario: Scenario) -> int:
    """About the bytes a run that keeps its draws holds per draw: each line's awards,
    committed and paid money (one array when paid in the award year), the sums of lines by
    measure, section and department, and the indicators' paths and inputs."""
    catalogue = scenario.catalogue
    years = len(YEARS)
    total = 8 * years  # the common factor
    series: set[tuple[str, str]] = set()
    for line in catalogue.lines:
        assumptions = scenario.line_assumptions(line.id)
        paid_apart = len(assumptions.get("disbursement") or ()) > 1
        total += 8 * years * (2 if paid_apart else 1) + 8
        if line.counts_awards:
            total += 4 * years
        measure = catalogue.measure(line.measure)
        series |= {("measure", str(measure.number)), ("section", measure.section)}
        series |= {("department", d) for d in scenario.department_shares(line)}
        if line.form == "re_recognition":
            total += 4 * years  # the certificates up for renewal (``renewals``)
        if line.form == "indicator_based":
            total += 4 * years  # its normals, single precision (``award_rules``)
    total += (len(series) + 1) * 8 * (years + 1)
    for indicator in catalogue.indicator_ids:
        effects = len(scenario.indicator_assumptions(indicator)["effects"])
        total += 8 * (3 * years + 2 + effects)
    return total + rationing_bytes_per_draw(scenario)


def rationing_bytes_per_draw(scenario: Scenario) -> int:
    """With investments: each investment line's draws (9 bytes a year) and returns, and the
    total returns;
    with rationing: each line's funded payments beside its requests, the funded awards of
    the lines with effects per award, and the groups' factors (three arrays, five with a
    backlog cap) with the groups' sums of requests, and the requests' indicator effects and
    paths (one-line updates of a rationed run start from them)."""
    years = len(YEARS)
    investing = len(scenario.investments)
    total = (9 + 8) * years * investing + 8 * investing + 8 * years if investing else 0
    policy = RationingPolicy.of(scenario, YEARS)
    if not policy.active:
        return total
    per_award = {
        e["line"]
        for i in scenario.catalogue.indicator_ids
        for e in scenario.indicator_assumptions(i)["effects"]
        if e["per"] == "award"
    }
    # the factors and the groups' sums of requests, kept for one-line updates
    factors = (5 if policy.backlog_cap_wan is not None else 3) + 1
    # the requests' indicator effects and paths beside the funded ones
    indicators = 2 * len(scenario.catalogue.indicator_ids)
    arrays = len(scenario.catalogue.lines) + len(per_award) + factors * policy.groups + indicators
    return total + 8 * years * arrays


def keeps(scenario: Scenario, draws: int) -> bool:
    """Whether a run of this many draws can keep them within KEEP_BYTES."""
    return draws * kept_bytes_per_draw(scenario) <= KEEP_BYTES
