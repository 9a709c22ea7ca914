"""Validation of scenario documents (the schema, version ``SCHEMA_VERSION``).

Loading checks everything and reports *all* problems at once, each with its path, e.g.
``lines.m14-first-recognition.uptake.2026: must be >= 0, got -3``. ``validate`` turns a
decoded JSON document into the canonical form a ``Scenario`` holds.
"""

from __future__ import annotations

from typing import Any

from .catalogue import CATALOGUE_VERSION, Catalogue, Line, load_catalogue
from .departments import check_department_shares
from .line_checks import MAX_AMOUNT_WAN, check_line, check_own_line, own_line
from .migration import migrated
from .problems import Checker, Listed, Message, Problem, ScenarioError, short_repr
from .randomness import SAMPLERS
from .targets import check_count_targets
from .validation_budget import check_investments, check_rationing
from .validation_indicators import check_indicator, check_persistence
from .years import INDICATOR_YEARS, YEARS

SCHEMA_VERSION = 2
MAX_DRAWS = 10_000_000
#: The longest lists a scenario may hold, far beyond any real plan; checked before the
#: entries, so a hostile file of millions of entries costs no more than its parsing.
MAX_OWN_LINES = 1_000
MAX_ACTUALS = 10_000
DEFAULT_FLAG_THRESHOLDS = {
    "on_track": 0.7,
    "at_risk": 0.4,
    "basis": "assumption: 预警阈值由规划者设定 (thresholds set by the planner)",
}


# --------------------------------------------------------------------------- schema, v2
def _check_indicator(
    ck: Checker, value: Any, path: str, lines: dict[str, Line]
) -> dict[str, Any] | None:
    return check_indicator(ck, value, path, lines)


TOP_KEYS = (
    "schema_version",
    "catalogue_version",
    "name",
    "description",
    "simulation",
    "uptake_multiplier",
    "common_factor",
    "flag_thresholds",
    "lines",
    "own_lines",
    "indicators",
    "persistence",
    "department_shares",
    "count_targets",
    "rationing",
    "investments",
)
OPTIONAL_TOP_KEYS = ("appropriation", "actuals")
ACTUAL_KINDS = ("indicator", "line", "measure")
#: The kinds as words in a problem (translated with it).
KIND_WORDS = {
    "indicator": Message("indicator"),
    "line": Message("line"),
    "measure": Message("measure"),
}


def _check_appropriation(ck: Checker, value: Any) -> dict[str, Any] | None:
    """The yearly budget envelope (万元), or null for none."""
    if value is None:
        return None
    obj = ck.obj(value, "appropriation", ("basis", "wan"))
    if obj is None:
        return None
    out: dict[str, Any] = {}
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], "appropriation.basis")
    if "wan" in obj:
        out["wan"] = ck.per_year(
            obj["wan"],
            "appropriation.wan",
            YEARS,
            lambda v, q: ck.number(v, q, 0.0, MAX_AMOUNT_WAN),
        )
    return out


def _check_actuals(
    ck: Checker, value: Any, catalogue: Catalogue, lines: dict[str, Line], path: str = "actuals"
) -> list[dict[str, Any]]:
    """Observed values for past years: outlays of a line or a measure (万元), or an
    indicator's value (its unit), each with its source."""
    if not isinstance(value, list):
        ck.add(path, "must be a list, got {got}", got=short_repr(value))
        return []
    if too_long(ck, value, path, MAX_ACTUALS):
        return []
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, int], str] = {}
    measures_by_year: dict[tuple[int, int], list[tuple[str, Message]]] = {}
    for i, entry in enumerate(value):
        p = f"{path}.{i}"
        obj = ck.obj(entry, p, ("kind", "id", "year", "value", "source"))
        if obj is None:
            continue
        kind = ck.choice(obj["kind"], f"{p}.kind", ACTUAL_KINDS) if "kind" in obj else None
        ident = obj.get("id")
        if "id" in obj and kind is not None:
            known = {
                "indicator": catalogue.indicator_ids,
                "line": tuple(lines),
                "measure": tuple(str(m.number) for m in catalogue.measures),
            }[kind]
            if isinstance(ident, int) and not isinstance(ident, bool) and kind == "measure":
                ident = str(ident)
            if not isinstance(ident, str) or ident not in known:
                ck.add(
                    f"{p}.id",
                    "unknown {kind} id {got}",
                    kind=KIND_WORDS[kind],
                    got=short_repr(obj["id"]),
                )
                ident = None
        years = INDICATOR_YEARS if kind == "indicator" else YEARS
        year = None
        if "year" in obj:
            year = ck.number(obj["year"], f"{p}.year", integer=True)
            if year is not None and year not in years:
                ck.add(
                    f"{p}.year",
                    Message("must be between {first} and {last}, got {got:g}")
                    if kind == "indicator"
                    else Message(
                        "must be between {first} and {last} (outlays start in 2024), got {got:g}"
                    ),
                    first=years[0],
                    last=years[-1],
                    got=year,
                )
                year = None
        number = ck.number(obj["value"], f"{p}.value", 0.0, 1e12) if "value" in obj else None
        source = ck.text(obj["source"], f"{p}.source") if "source" in obj else None
        if source is not None and not source.strip():
            ck.add(f"{p}.source", "must say where the value comes from")
        if kind and ident and year is not None:
            key = (kind, ident, year)
            if key in seen:
                ck.add(
                    p,
                    "duplicate: {kind} {id} {year} is also given at {other}",
                    kind=KIND_WORDS[kind],
                    id=ident,
                    year=year,
                    other=seen[key],
                )
            seen[key] = p
            if kind == "measure" and not any(line.measure == int(ident) for line in lines.values()):
                ck.add(
                    f"{p}.id",
                    "measure {id} has no subsidy line in this scenario to "
                    "carry an outlay; attach an own budget line to it first",
                    id=ident,
                )
            if kind in ("line", "measure"):
                measure = lines[ident].measure if kind == "line" else int(ident)
                given = Message("{kind} {id} ({path})", kind=KIND_WORDS[kind], id=ident, path=p)
                measures_by_year.setdefault((measure, year), []).append((kind, given))
        out.append({"kind": kind, "id": ident, "year": year, "value": number, "source": source})
    for (measure, year), entries in measures_by_year.items():
        kinds = {kind for kind, _ in entries}
        if len(kinds) > 1:
            listed = Listed([entry for _, entry in entries], "; ")
            ck.add(
                path,
                "measure {measure} in {year} has both a measure total and line "
                "values ({entries}); give one or the other",
                measure=measure,
                year=year,
                entries=listed,
            )
    return out


def _validate_v2(raw: dict[str, Any], catalogue: Catalogue) -> tuple[dict[str, Any], list[Problem]]:
    ck = Checker()
    ck.obj(raw, "", TOP_KEYS, OPTIONAL_TOP_KEYS)
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if "catalogue_version" in raw:
        out["catalogue_version"] = raw["catalogue_version"]
    for key in ("name", "description"):
        if key in raw:
            out[key] = ck.text(raw[key], key, 200 if key == "name" else 4000)
    if "simulation" in raw:
        sim = ck.obj(raw["simulation"], "simulation", ("draws", "seed", "sampler"))
        if sim is not None:
            out["simulation"] = {
                "draws": ck.number(sim["draws"], "simulation.draws", 2, MAX_DRAWS, integer=True)
                if "draws" in sim
                else None,
                "seed": ck.number(sim["seed"], "simulation.seed", 0, 2**63 - 1, integer=True)
                if "seed" in sim
                else None,
                "sampler": ck.choice(sim["sampler"], "simulation.sampler", SAMPLERS)
                if "sampler" in sim
                else None,
            }
    if "uptake_multiplier" in raw:
        out["uptake_multiplier"] = ck.number(
            raw["uptake_multiplier"], "uptake_multiplier", 0.0, 10.0
        )
    if "common_factor" in raw:
        cf = ck.obj(raw["common_factor"], "common_factor", ("loading", "basis"))
        if cf is not None:
            out["common_factor"] = {
                "loading": ck.number(cf["loading"], "common_factor.loading", 0.0, 0.99)
                if "loading" in cf
                else None,
                "basis": ck.text(cf["basis"], "common_factor.basis") if "basis" in cf else None,
            }
    if "flag_thresholds" in raw:
        ft = ck.obj(raw["flag_thresholds"], "flag_thresholds", ("on_track", "at_risk"), ("basis",))
        if ft is not None:
            out["flag_thresholds"] = {
                k: ck.number(ft[k], f"flag_thresholds.{k}", 0.0, 1.0)
                for k in ("on_track", "at_risk")
                if k in ft
            }
            if "basis" in ft:
                out["flag_thresholds"]["basis"] = ck.text(ft["basis"], "flag_thresholds.basis")
            v = out["flag_thresholds"]
            if (
                v.get("on_track") is not None
                and v.get("at_risk") is not None
                and v["at_risk"] > v["on_track"]
            ):
                ck.add("flag_thresholds", "at_risk must not exceed on_track")
    else:
        out["flag_thresholds"] = dict(DEFAULT_FLAG_THRESHOLDS)
    own_entries: list[dict[str, Any] | None] = []
    seen: set[str] = set()
    if "own_lines" in raw:
        if not isinstance(raw["own_lines"], list):
            ck.add("own_lines", "must be a list, got {got}", got=short_repr(raw["own_lines"]))
        elif not too_long(ck, raw["own_lines"], "own_lines", MAX_OWN_LINES):
            for i, entry in enumerate(raw["own_lines"]):
                own_entries.append(check_own_line(ck, entry, f"own_lines.{i}", catalogue, seen))
    out["own_lines"] = own_entries
    lines: dict[str, Line] = {line.id: line for line in catalogue.lines}
    for entry in own_entries:
        if entry and all(entry.get(k) is not None for k in ("id", "measure", "name_zh", "name_en")):
            lines[entry["id"]] = own_line(entry, catalogue)
    out["appropriation"] = _check_appropriation(ck, raw.get("appropriation"))
    out["actuals"] = _check_actuals(ck, raw.get("actuals", []), catalogue, lines)
    if "persistence" in raw:
        out["persistence"] = check_persistence(ck, raw["persistence"])
    if "rationing" in raw:
        out["rationing"] = check_rationing(ck, raw["rationing"], catalogue, out["appropriation"])
    if "investments" in raw:
        out["investments"] = check_investments(ck, raw["investments"], lines)
    if "lines" in raw:
        obj = ck.obj(
            raw["lines"],
            "lines",
            tuple(line.id for line in catalogue.lines),
            unknown=Message(
                "unknown line id (catalogue {version} has no such "
                "line; a planner's own lines go in own_lines)",
                version=catalogue.version,
            ),
        )
        if obj is not None:
            out["lines"] = {
                line.id: check_line(ck, line, obj[line.id], f"lines.{line.id}")
                for line in catalogue.lines
                if line.id in obj
            }
    if "department_shares" in raw:
        out["department_shares"] = check_department_shares(ck, raw["department_shares"], catalogue)
    if "count_targets" in raw:
        out["count_targets"] = check_count_targets(ck, raw["count_targets"], catalogue)
    if "indicators" in raw:
        obj = ck.obj(
            raw["indicators"],
            "indicators",
            catalogue.indicator_ids,
            unknown=Message("unknown indicator id"),
        )
        if obj is not None:
            out["indicators"] = {
                i: _check_indicator(ck, obj[i], f"indicators.{i}", lines)
                for i in catalogue.indicator_ids
                if i in obj
            }
    return out, ck.problems


def too_long(ck: Checker, value: list[Any], path: str, limit: int) -> bool:
    """Report a list longer than ``limit`` (its entries are then not checked)."""
    if len(value) <= limit:
        return False
    ck.add(path, "must have at most {limit:,} entries, got {got:,}", limit=limit, got=len(value))
    return True


#: The versions this qdplan reads: older ones are migrated (``migration``) and then checked
#: as the current version.
READABLE_VERSIONS = (1, 2)


def validate(raw: Any, catalogue: Catalogue | None = None) -> tuple[dict[str, Any], Catalogue]:
    """(canonical form, catalogue) of a decoded JSON document; raise ScenarioError listing
    every problem. Without a catalogue, the one the document names is loaded."""
    if not isinstance(raw, dict):
        raise ScenarioError(
            [Problem("", "a scenario must be a JSON object, got {got}", got=short_repr(raw))]
        )
    version = raw.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ScenarioError(
            [
                Problem(
                    "schema_version", "must be a whole number, got {got}", got=short_repr(version)
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise ScenarioError(
            [
                Problem(
                    "schema_version",
                    "the file uses schema version {got}, newer than this qdplan supports "
                    "({supported}); update qdplan to open it",
                    got=short_repr(version),
                    supported=SCHEMA_VERSION,
                )
            ]
        )
    if version not in READABLE_VERSIONS:
        raise ScenarioError(
            [Problem("schema_version", "unknown schema version {got}", got=short_repr(version))]
        )
    cat_version = raw.get("catalogue_version")
    if catalogue is None:
        if not isinstance(cat_version, str):
            raise ScenarioError(
                [
                    Problem(
                        "catalogue_version",
                        "must be a text string, got {got}",
                        got=short_repr(cat_version),
                    )
                ]
            )
        try:
            catalogue = load_catalogue(cat_version)
        except KeyError:
            raise ScenarioError(
                [
                    Problem(
                        "catalogue_version",
                        "unknown catalogue version {got}; this qdplan knows {known}",
                        got=short_repr(cat_version),
                        known=repr(CATALOGUE_VERSION),
                    )
                ]
            ) from None
    elif cat_version != catalogue.version:
        raise ScenarioError(
            [
                Problem(
                    "catalogue_version",
                    "must be {expected}, got {got}",
                    expected=repr(catalogue.version),
                    got=short_repr(cat_version),
                )
            ]
        )
    data, problems = _validate_v2(migrated(raw, version, SCHEMA_VERSION), catalogue)
    if problems:
        raise ScenarioError(problems)
    data = {key: data[key] for key in TOP_KEYS + OPTIONAL_TOP_KEYS if key in data}
    return data, catalogue
