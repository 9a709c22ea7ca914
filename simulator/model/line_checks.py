"""Validation of one subsidy line's assumptions: a catalogue line's (uptake, spread, award
size or cost, disbursement) and a planner's own budget line, with their limits. Used by the
scenario validation (``validation``) and by one-line edits (``validate_line``)."""

from __future__ import annotations

import math
import re
from typing import Any

from .catalogue import AMOUNT_FORMS, Catalogue, Clause, Line
from .problems import Checker, ScenarioError, join_path, short_repr
from .validation_rules import check_award_rule, check_cohorts, check_rate
from .years import YEARS, uptake_years

MAX_AWARDS_PER_YEAR = 1_000_000.0
MAX_AMOUNT_WAN = 1.0e8  # 1万亿元: far beyond any city budget line
OWN_LINE_ID = re.compile(r"^own-[a-z0-9][a-z0-9-]{0,62}$")


def _check_share(ck: Checker, value: Any, path: str) -> dict[str, float] | None:
    """Award size as a share of the cap: a Beta distribution given by its mean and sd."""
    obj = ck.obj(value, path, ("mean", "sd"))
    if obj is None:
        return None
    mean = (
        ck.number(obj.get("mean"), join_path(path, "mean"), 0.0, 1.0, low_open=True)
        if "mean" in obj
        else None
    )
    sd = ck.number(obj.get("sd"), join_path(path, "sd"), 0.0, 0.5) if "sd" in obj else None
    if mean is not None and sd is not None and sd > 0 and sd * sd >= mean * (1 - mean) * 0.999:
        limit = math.sqrt(mean * (1 - mean) * 0.999)
        ck.add(
            join_path(path, "sd"),
            "must be < {limit:.4g} for a share with mean {mean:g} "
            "(a share lies between 0 and 1), got {got:g}",
            limit=limit,
            mean=mean,
            got=sd,
        )
        return None
    if mean is None or sd is None:
        return None
    return {"mean": mean, "sd": sd}


def _check_cost(ck: Checker, value: Any, path: str) -> dict[str, float] | None:
    """Eligible cost per recipient (万元), lognormal with a mean and a coefficient of variation."""
    obj = ck.obj(value, path, ("mean_wan", "cv"))
    if obj is None:
        return None
    mean = (
        ck.number(
            obj.get("mean_wan"), join_path(path, "mean_wan"), 0.0, MAX_AMOUNT_WAN, low_open=True
        )
        if "mean_wan" in obj
        else None
    )
    cv = ck.number(obj.get("cv"), join_path(path, "cv"), 0.0, 10.0) if "cv" in obj else None
    if mean is None or cv is None:
        return None
    return {"mean_wan": mean, "cv": cv}


def _check_disbursement(ck: Checker, value: Any, path: str) -> list[float] | None:
    if not isinstance(value, list) or not 1 <= len(value) <= 10:
        ck.add(path, "must be a list of 1 to 10 yearly fractions, got {got}", got=short_repr(value))
        return None
    checked = [ck.number(v, f"{path}.{i}", 0.0, 1.0) for i, v in enumerate(value)]
    fractions: list[float] = [f for f in checked if f is not None]
    if len(fractions) < len(checked):
        return None
    if abs(sum(fractions) - 1.0) > 1e-6:
        ck.add(path, "fractions must add up to 1, got {got:.6g}", got=sum(fractions))
        return None
    return fractions


def line_keys(line: Line) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, optional) keys of a line's assumptions, by the line's form."""
    required = ["basis", "uptake", "uptake_cv", "disbursement"]
    if line.form == "share_of_cost":
        required += ["cost", "rate"]
    elif line.form == "indicator_based":
        required.append("award_rule")
    elif line.form not in AMOUNT_FORMS:
        required.append("award_share")
    if line.form == "re_recognition":
        required += ["renewal_rate", "cohorts_before_plan"]
    return tuple(required), ("note",)


def uptake_limit(line: Line) -> float:
    """The largest uptake a scenario may plan for a line in a year: awards, or 万元 for amount
    lines (own lines included)."""
    return MAX_AMOUNT_WAN if line.form in AMOUNT_FORMS else MAX_AWARDS_PER_YEAR


def check_line(ck: Checker, line: Line, value: Any, path: str) -> dict[str, Any] | None:
    required, optional = line_keys(line)
    obj = ck.obj(value, path, required, optional)
    if obj is None:
        return None
    out: dict[str, Any] = {}
    high = uptake_limit(line)
    years = uptake_years(line)
    for key in required + optional:
        if key not in obj:
            continue
        p = join_path(path, key)
        if key in ("basis", "note"):
            out[key] = ck.text(obj[key], p)
        elif key == "uptake":
            out[key] = ck.per_year(obj[key], p, years, lambda v, q: ck.number(v, q, 0.0, high))
        elif key == "uptake_cv":
            out[key] = ck.per_year(obj[key], p, years, lambda v, q: ck.number(v, q, 0.0, 10.0))
        elif key == "award_share":
            out[key] = ck.per_year(obj[key], p, YEARS, lambda v, q: _check_share(ck, v, q))
        elif key == "cost":
            out[key] = ck.per_year(obj[key], p, YEARS, lambda v, q: _check_cost(ck, v, q))
        elif key == "disbursement":
            out[key] = _check_disbursement(ck, obj[key], p)
        elif key == "renewal_rate":
            out[key] = ck.number(obj[key], p, 0.0, 1.0)
        elif key == "cohorts_before_plan":
            out[key] = check_cohorts(ck, line, obj[key], p)
        elif key == "rate":
            out[key] = check_rate(ck, line, obj[key], p)
        elif key == "award_rule":
            out[key] = check_award_rule(ck, line, obj[key], p)
    return out


def check_own_line(
    ck: Checker, value: Any, path: str, catalogue: Catalogue, seen: set[str]
) -> dict[str, Any] | None:
    keys = (
        "id",
        "measure",
        "name_zh",
        "name_en",
        "department",
        "basis",
        "uptake",
        "uptake_cv",
        "disbursement",
    )
    obj = ck.obj(value, path, keys, ("note",))
    if obj is None:
        return None
    out: dict[str, Any] = {}
    line_id = obj.get("id")
    if "id" in obj:
        if not isinstance(line_id, str) or not OWN_LINE_ID.fullmatch(line_id):
            ck.add(
                join_path(path, "id"),
                "must look like 'own-' followed by lower-case "
                "letters, digits and dashes, got {got}",
                got=short_repr(line_id),
            )
        elif line_id in seen or catalogue.has_line(line_id):
            ck.add(join_path(path, "id"), "duplicate line id {id}", id=repr(line_id))
        else:
            seen.add(line_id)
            out["id"] = line_id
    if "measure" in obj:
        out["measure"] = ck.number(
            obj["measure"], join_path(path, "measure"), 1, len(catalogue.measures), integer=True
        )
    for key in ("name_zh", "name_en", "basis", "note"):
        if key in obj:
            out[key] = ck.text(
                obj[key], join_path(path, key), 200 if key.startswith("name") else 4000
            )
    if "department" in obj:
        out["department"] = ck.choice(
            obj["department"], join_path(path, "department"), tuple(catalogue.departments)
        )
    if "uptake" in obj:
        out["uptake"] = ck.per_year(
            obj["uptake"],
            join_path(path, "uptake"),
            YEARS,
            lambda v, q: ck.number(v, q, 0.0, MAX_AMOUNT_WAN),
        )
    if "uptake_cv" in obj:
        out["uptake_cv"] = ck.per_year(
            obj["uptake_cv"],
            join_path(path, "uptake_cv"),
            YEARS,
            lambda v, q: ck.number(v, q, 0.0, 10.0),
        )
    if "disbursement" in obj:
        out["disbursement"] = _check_disbursement(
            ck, obj["disbursement"], join_path(path, "disbursement")
        )
    return {k: out.get(k) for k in keys + ("note",) if k in obj}


def own_line(entry: dict[str, Any], catalogue: Catalogue) -> Line:
    """The catalogue-style Line for a planner's own budget line (form: uncapped amount)."""
    return Line(
        id=entry["id"],
        measure=entry["measure"],
        name_zh=entry["name_zh"],
        name_en=entry["name_en"],
        form="uncapped",
        cap_wan=None,
        rate=None,
        uptake_unit_zh="万元",
        uptake_unit_en="10k yuan",
        clause=Clause(quote="", measure=entry["measure"]),
        own=True,
    )


def validate_line(line: Line, value: Any, path: str) -> dict[str, Any]:
    """The canonical form of one catalogue line's assumptions, checked on their own (a
    one-line edit); raises ScenarioError listing every problem."""
    checker = Checker()
    checked = check_line(checker, line, value, path)
    if checker.problems:
        raise ScenarioError(checker.problems)
    assert checked is not None  # None only with a problem reported
    return checked
