"""What the engine draws from and what it produces, as plain data: a line's plan (its
count and award-sum tables, amounts and disbursement, prepared from the scenario), a chunk of
its random inputs, an indicator effect, and a line's draws; and how committed money is paid
out over the years.

The engine fills these in; the results aggregate them. Neither module needs the other's
classes to read them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .catalogue import AMOUNT_FORMS, Line
from .distributions import (
    CountTable,
    ShareDistribution,
    ShareSumTable,
    count_table,
    share_sum_table,
    u_cells,
    z_cells,
)
from .randomness import stream_key
from .scenario import Scenario
from .years import YEARS, uptake_years

#: Year indices of a group of years drawn together: a slice (a view) or a list.
YearIndex = slice | list[int]


@dataclass(frozen=True)
class AwardRule:
    """A line paid per award from an indicator (see ``award_rules``): each award is
    min(cap, rate × base × scale), base lognormal (mean_wan, cv) per award, scale the
    driving indicator's level (or increment) relative to its 2023 reference, per draw."""

    rate: float
    mean_wan: float
    cv: float
    driver: str  # "level" or "increment"


@dataclass
class LinePlan:
    """What the engine needs to know about one line, prepared from the scenario."""

    line: Line
    key: tuple[int, ...]
    department: str
    counts: list[CountTable | None]  # per year: None for derived or amount years
    sums: list[ShareSumTable | None]  # per year: a table (count forms), None (amount forms)
    amount_mean: np.ndarray  # per year, 万元 (amount forms)
    amount_sigma: np.ndarray  # per year, lognormal sigma (amount forms)
    disbursement: np.ndarray
    renewal: float = 0.0
    derived_years: tuple[int, ...] = ()  # year indices derived from first recognitions
    cohorts: dict[int, int] = field(default_factory=dict)  # re-recognition: before the plan
    award_rule: AwardRule | None = None  # lines paid per award from an indicator
    departments: dict[str, float] = field(default_factory=dict)  # outlay shares (sum 1)

    @property
    def id(self) -> str:
        return self.line.id

    @property
    def max_count(self) -> int:
        """The most awards the line's count tables can give in a year."""
        return max((table.top for table in self.counts if table is not None), default=0)

    @property
    def deferred(self) -> bool:
        """Paid from an indicator's value, so computed after the indicators."""
        return self.line.form == "indicator_based"


class LineInputs:
    """A chunk of one line's random inputs: copula normals z and uniforms u (years × draws),
    and, when cached, their cells in the count and award-sum tables."""

    def __init__(self, z: np.ndarray, u: np.ndarray):
        self.z, self.u = z, u
        self._z_cells: npt.NDArray[np.int32] | None = None
        self._u_cells: tuple[npt.NDArray[np.int32], np.ndarray] | None = None

    def cache(self) -> None:
        self._z_cells = z_cells(self.z)
        self._u_cells = u_cells(self.u)

    def z_cells(self, years: YearIndex) -> npt.NDArray[np.int32] | None:
        return None if self._z_cells is None else self._z_cells[years]

    def u_cells(self, years: YearIndex) -> tuple[npt.NDArray[np.int32], np.ndarray] | None:
        if self._u_cells is None:
            return None
        return self._u_cells[0][years], self._u_cells[1][years]


@dataclass
class EffectPlan:
    indicator: str
    line: str
    per: str
    mean: float
    sd: float
    key: tuple[int, ...]
    #: the line's pre-plan level of the effect's input (awards or 万元 a year)
    above: float = 0.0


def _lognormal_sigma(cv: float) -> float:
    return math.sqrt(math.log1p(cv * cv))


def plan_line(scenario: Scenario, line: Line) -> LinePlan:
    """Prepare one line's tables from the scenario (cached by parameters)."""
    a = scenario.line_assumptions(line.id)
    catalogue = scenario.catalogue
    years = YEARS
    mult = scenario.uptake_multiplier
    measure = catalogue.measure(line.measure)
    department = a.get("department") or measure.lead_department
    departments = scenario.department_shares(line)
    counts: list[CountTable | None] = [None] * len(years)
    sums: list[ShareSumTable | None] = [None] * len(years)
    amount_mean = np.zeros(len(years))
    amount_sigma = np.zeros(len(years))
    planned = uptake_years(line, years)
    derived = tuple(i for i, y in enumerate(years) if y not in planned)
    for i, year in enumerate(years):
        key = str(year)
        if line.form in AMOUNT_FORMS:
            amount_mean[i] = a["uptake"][key] * mult * (line.rate if line.rate else 1.0)
            amount_sigma[i] = _lognormal_sigma(a["uptake_cv"][key])
            continue
        if year in planned:
            counts[i] = count_table(a["uptake"][key] * mult, a["uptake_cv"][key])
        if line.form == "indicator_based":
            continue  # paid per award from the indicator (award_rule): no sum table
        if line.form == "share_of_cost":
            cost = a["cost"][key]
            assert line.cap_wan is not None  # share_of_cost has a cap
            share = ShareDistribution.capped_cost(
                a["rate"], line.cap_wan, cost["mean_wan"], cost["cv"]
            )
        else:
            s = a["award_share"][key]
            share = ShareDistribution.beta(s["mean"], s["sd"])
        sums[i] = share_sum_table(share.kind, share.params)
    return LinePlan(
        line=line,
        key=stream_key("line", line.id),
        department=department,
        counts=counts,
        sums=sums,
        amount_mean=amount_mean,
        amount_sigma=amount_sigma,
        disbursement=np.asarray(a["disbursement"]),
        renewal=a.get("renewal_rate", 0.0),
        derived_years=derived,
        cohorts=cohorts_of(a),
        award_rule=award_rule_of(line, a),
        departments=departments,
    )


def cohorts_of(assumptions: dict[str, Any]) -> dict[int, int]:
    """{year: certificates issued} before the plan of a re-recognition line ({} otherwise)."""
    cohorts = assumptions.get("cohorts_before_plan") or {}
    return {int(k): int(v) for k, v in cohorts.items() if k != "basis" and v is not None}


def award_rule_of(line: Line, assumptions: dict[str, Any]) -> AwardRule | None:
    """The per-award rule of a line paid from an indicator (None for other lines)."""
    rule = assumptions.get("award_rule")
    if line.form != "indicator_based" or not rule:
        return None
    return AwardRule(
        rate=rule["rate"],
        mean_wan=rule["base"]["mean_wan"],
        cv=rule["base"]["cv"],
        driver=line.driver_measure or "level",
    )


@dataclass
class LineDraws:
    """One line's draws, each (years, draws): awards made, money committed (万元, by award
    year), money paid (万元, by payment year); and money committed but paid after 2028."""

    awards: np.ndarray | None
    committed: np.ndarray
    paid: np.ndarray
    after_horizon: np.ndarray
    share_sum: np.ndarray | None = None  # indicator-based lines: their normals (money)
    renewals: RenewalState | None = None  # re-recognition lines: what each year drew from
    plan: LinePlan | None = None  # indicator-based lines: the plan they were drawn with
    #: indicator-based lines: the driver's 2023 reference and trend their money used
    factor_of: tuple[float, float] | None = None


@dataclass
class RenewalState:
    """What a re-recognition line's years were drawn from: the trials (certificates up for
    renewal, years × draws) and the renewal rate, so an update can reuse the years whose
    trials did not change (the same stream gives the same renewals)."""

    trials: np.ndarray | None  # None in a run that keeps no draws (nothing to reuse)
    rate: float
    sums: list[ShareSumTable | None]  # the award-size tables each year was drawn with
    awards: np.ndarray  # the renewals drawn (years × draws)
    #: the certificates before the plan each early year renewed (one number for all draws)
    cohorts: dict[int, int] = field(default_factory=dict)


def disburse(committed: np.ndarray, profile: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spread money committed per year over the following years: (paid within the horizon,
    paid after it). ``committed`` is (years, draws)."""
    n_years = committed.shape[0]
    if profile.size == 1:  # all paid in the award year: the same array, no copy
        return committed, np.zeros(committed.shape[1])
    paid = committed * profile[0]
    after = np.zeros(committed.shape[1])
    for lag in range(1, profile.size):
        if profile[lag] == 0:
            continue
        if lag < n_years:
            paid[lag:] += committed[:-lag] * profile[lag]
        # awards of the last `lag` years pay this slice after the horizon
        after += committed[max(0, n_years - lag) :].sum(axis=0) * profile[lag]
    return paid, after


def year_indices(years: YearIndex) -> list[int]:
    return list(range(years.start, years.stop)) if isinstance(years, slice) else list(years)


def year_groups(
    plan: LinePlan,
) -> list[tuple[YearIndex, CountTable | None, ShareSumTable | None]]:
    """Group year indices whose count and sum tables are the same objects (the tables
    are cached by parameters, so equal assumptions give the same table)."""
    groups: dict[tuple[int, int], tuple[list[int], CountTable | None, ShareSumTable | None]] = {}
    for i in range(len(plan.sums)):
        counts = None if i in plan.derived_years else plan.counts[i]
        sums = plan.sums[i]  # None: paid per award from an indicator
        groups.setdefault((id(counts), id(sums)), ([], counts, sums))[0].append(i)
    out: list[tuple[YearIndex, CountTable | None, ShareSumTable | None]] = []
    for years, counts, sums in groups.values():
        # consecutive years as a slice: a view, not a copy
        index: YearIndex = years
        if years == list(range(years[0], years[-1] + 1)):
            index = slice(years[0], years[-1] + 1)
        out.append((index, counts, sums))
    return out


def same_year(old: LinePlan, new: LinePlan, i: int) -> bool:
    """Whether a line draws year ``i`` exactly as before: the same (cached) tables, amounts
    and not derived from another line. Paid money still follows the disbursement profile."""
    if i in new.derived_years or i in old.derived_years:
        return False
    return (
        old.counts[i] is new.counts[i]
        and old.sums[i] is new.sums[i]
        and old.amount_mean[i] == new.amount_mean[i]
        and old.amount_sigma[i] == new.amount_sigma[i]
    )


def unkept(years: YearIndex, kept: set[int]) -> YearIndex:
    """A group's years without those kept from earlier draws (a slice where possible)."""
    remaining = [i for i in year_indices(years) if i not in kept]
    if not remaining:
        return []
    if remaining == list(range(remaining[0], remaining[-1] + 1)):
        return slice(remaining[0], remaining[-1] + 1)
    return remaining
