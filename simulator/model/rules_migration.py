"""Version 1 scenarios brought to the rules of issue 10 (called by ``migration.migrate_v1``).

Where version 1's behaviour was a planner's choice it is kept: a share line's rate is the
plan's figure, every measure's outlay goes to its lead unit. Where the rule itself is
corrected the figures move, and the migrated values say how they were derived:

* re-recognition: the planned renewals of 2024–2026 become the certificates of 2021–2023
  (renewals ÷ renewal rate, × the uptake multiplier), and renewals of renewals now count;
* lines paid per award from an indicator (service points, and the R&D reward, paid from
  the R&D expenditure from this version): the award-size share becomes a per-award rule
  with a base of ``MIGRATED_BASE_WAN`` and the rate that gives the same mean award at the
  2023 reference; the R&D reward's effect per 万元 becomes an effect per award at the
  version 1 mean award;
* the lines of measures 19, 20 and 28 (amount not stated in the plan) are added unfunded.
"""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue, load_catalogue
from .departments import default_department_shares
from .numbers import significant
from .targets import default_count_targets
from .years import YEARS

MIGRATED = "migrated from schema version 1: {what}"
#: The per-award base a migrated per-award rule assumes (万元): a service point's yearly
#: registered turnover, an enterprise's yearly R&D increment (assumption).
MIGRATED_BASE_WAN = {"m10-contract-service-point": 10_000.0, "m23-rd-reward": 5_000.0}


def migrate_rules_v1(raw: dict[str, Any], out: dict[str, Any]) -> None:
    """Fill in, in ``out`` (the document being migrated), what issue 10 adds."""
    catalogue = _catalogue(raw)
    lines = out.get("lines")
    if isinstance(lines, dict) and catalogue is not None:
        multiplier = raw.get("uptake_multiplier", 1.0)
        multiplier = multiplier if isinstance(multiplier, (int, float)) else 1.0
        mean_awards: dict[str, float] = {}
        for line in catalogue.lines:
            entry = lines.get(line.id)
            if not isinstance(entry, dict):
                if line.form == "amount_not_stated" and line.id not in lines:
                    lines[line.id] = _unfunded()
                continue
            if line.form == "re_recognition":
                _cohorts(entry, line.lag_years or 0, float(multiplier))
            elif line.form == "share_of_cost" and "rate" not in entry:
                entry["rate"] = line.rate
            elif line.form == "indicator_based" and "award_share" in entry:
                assert line.cap_wan is not None  # indicator_based lines have a cap
                mean_awards[line.id] = _award_rule(entry, line.id, line.cap_wan)
        _effects_per_award(out, mean_awards)
    out.setdefault("department_shares", _migrated_departments())
    out.setdefault("count_targets", _migrated_targets())


def _catalogue(raw: dict[str, Any]) -> Catalogue | None:
    try:
        return load_catalogue(raw.get("catalogue_version"))
    except (KeyError, TypeError):
        return None


def _unfunded() -> dict[str, Any]:
    years = [str(y) for y in YEARS]
    return {
        "basis": MIGRATED.format(
            what="not funded (计划未列明金额: the plan states no amount; a planner's own figure)"
        ),
        "uptake": dict.fromkeys(years, 0.0),
        "uptake_cv": dict.fromkeys(years, 0.0),
        "disbursement": [1.0],
    }


def _cohorts(entry: dict[str, Any], lag: int, multiplier: float) -> None:
    """Version 1 planned the renewals of 2024 … 2024 + lag − 1; version 2 the certificates
    of the years before: renewals ÷ rate (the same mean renewals)."""
    if "cohorts_before_plan" in entry:
        return
    uptake = entry.get("uptake") if isinstance(entry.get("uptake"), dict) else {}
    rate = entry.get("renewal_rate")
    cohorts: dict[str, Any] = {}
    for year in YEARS[:lag]:
        planned = uptake.get(str(year)) if isinstance(uptake, dict) else None
        if not isinstance(planned, (int, float)) or not isinstance(rate, (int, float)):
            continue
        cohorts[str(year - lag)] = round(planned * multiplier / rate) if rate > 0 else 0
    cohorts["basis"] = MIGRATED.format(
        what="certificates issued in each year before the plan = the version 1 planned "
        "renewals three years later ÷ the renewal rate (× the uptake multiplier)"
    )
    entry["cohorts_before_plan"] = cohorts
    entry["uptake"] = {}
    entry["uptake_cv"] = {}


def _award_rule(entry: dict[str, Any], line_id: str, cap: float) -> float:
    """Replace a version 1 award-size share by the per-award rule with the same mean award
    at the 2023 reference; returns that mean award (万元)."""
    shares = [s for s in entry.pop("award_share").values() if isinstance(s, dict)]
    means = [float(s["mean"]) for s in shares if isinstance(s.get("mean"), (int, float))]
    sds = [float(s["sd"]) for s in shares if isinstance(s.get("sd"), (int, float))]
    mean = sum(means) / len(means) if means else 0.5
    sd = sum(sds) / len(sds) if sds else 0.0
    base = MIGRATED_BASE_WAN.get(line_id, 10_000.0)
    entry["award_rule"] = {
        "base": {"mean_wan": base, "cv": round(sd / mean, 6) if mean > 0 else 0.0},
        "rate": round(mean * cap / base, 9),
        "basis": MIGRATED.format(
            what=f"each award = min({cap:g}, rate × base × scale); base {base:g} 万元 per "
            "award (assumption), rate and spread from the version 1 award-size share "
            f"(mean {mean:g} of the cap, averaged over the years)"
        ),
    }
    return mean * cap


def _effects_per_award(out: dict[str, Any], mean_awards: dict[str, float]) -> None:
    """Effects per 万元 of a line now paid from an indicator would loop: per award instead,
    at the version 1 mean award."""
    indicators = out.get("indicators")
    if not isinstance(indicators, dict):
        return
    for indicator in indicators.values():
        effects = indicator.get("effects") if isinstance(indicator, dict) else None
        for effect in effects if isinstance(effects, list) else []:
            if not isinstance(effect, dict) or effect.get("per") != "wan":
                continue
            award = mean_awards.get(effect.get("line"))  # type: ignore[arg-type]
            if award is None:
                continue
            effect["per"] = "award"
            for key in ("mean", "sd"):
                if isinstance(effect.get(key), (int, float)):
                    effect[key] = significant(effect[key] * award)
            effect["basis"] = (
                f"{effect.get('basis') or ''} ["
                + MIGRATED.format(what=f"per 万元 × the version 1 mean award, {award:g} 万元")
                + "]"
            ).strip()


def _migrated_departments() -> dict[str, Any]:
    block = default_department_shares()
    block["basis"] = MIGRATED.format(what=block["basis"])
    return block


def _migrated_targets() -> dict[str, Any]:
    block = default_count_targets()
    block["basis"] = MIGRATED.format(what=block["basis"])
    return block
