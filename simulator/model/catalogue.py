"""The plan as data: measures, subsidy lines, headline indicators and count targets.

The catalogue is a JSON file shipped in ``simulator/model/data``; every entry carries the clause of
the plan it comes from (``clause.quote`` is a verbatim substring of ``data/plan.zh.txt``).
Nothing in the code hard-codes a cap, a rate or a target: it is all read from here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .messages import translate

CATALOGUE_VERSION = "qingdao-2024-2028"

#: The money forms the plan uses (see DOMAIN.md). Each subsidy line has exactly one.
FORMS = (
    "cap_per_award",
    "construction_period",
    "share_of_cost",
    "share_of_investment",
    "indicator_based",
    "first_recognition",
    "re_recognition",
    "uncapped",
    "amount_not_stated",
)
#: Forms whose uptake counts awards, each award a share of the cap.
COUNT_FORMS = (
    "cap_per_award",
    "construction_period",
    "share_of_cost",
    "indicator_based",
    "first_recognition",
    "re_recognition",
)
#: Forms whose uptake is an amount in 万元 (the base a rate applies to, or the outlay itself).
AMOUNT_FORMS = ("share_of_investment", "uncapped", "amount_not_stated")


@dataclass(frozen=True)
class Clause:
    """Where an entry comes from: the measure (or part) and a verbatim quote of the plan."""

    quote: str
    measure: int | None = None
    part: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title_zh: str
    title_en: str

    def heading(self, language: str) -> str:
        """'二、加快引领…' in Chinese, '2. Lead industrial…' in English: the plan numbers its
        sections with Chinese numerals (the id), which English text writes as digits."""
        if language == "zh":
            return f"{self.id}、{self.title_zh}"
        numeral = "零一二三四五六七八九十".find(self.id)
        return f"{numeral}. {self.title_en}" if numeral > 0 else self.title_en


@dataclass(frozen=True)
class Measure:
    number: int
    section: str
    title_zh: str
    title_en: str
    departments: tuple[str, ...]
    #: the units as the plan groups them (groups separated by "," in 责任单位, units within
    #: a group by "、"); their concatenation is ``departments``
    department_groups: tuple[tuple[str, ...], ...] = ()

    @property
    def lead_department(self) -> str:
        """The first department the plan lists; outlays are attributed to it (an assumption:
        the plan does not say who pays, Chinese documents list the lead unit first)."""
        return self.departments[0]


@dataclass(frozen=True)
class Line:
    """One money rule of one measure (one tier, one instrument)."""

    id: str
    measure: int
    name_zh: str
    name_en: str
    form: str
    cap_wan: float | None
    rate: float | None
    uptake_unit_zh: str
    uptake_unit_en: str
    clause: Clause
    tier: str | None = None
    instrument: str | None = None
    follows: str | None = None
    lag_years: int | None = None
    lag_source: str | None = None
    driver_indicator: str | None = None
    driver_lag_years: int | None = None
    cap_per: str | None = None
    paid_over: str | None = None
    driver_measure: str | None = None  # indicator_based: "level" or "increment" of the driver
    rule_zh: str | None = None  # the money rule in the plan's words, where a form says less
    rule_en: str | None = None
    own: bool = False  # a planner's own budget line (from a scenario), not from the plan

    @property
    def counts_awards(self) -> bool:
        return self.form in COUNT_FORMS

    def name(self, language: str = "zh") -> str:
        return self.name_zh if language == "zh" else self.name_en

    def rule_text(self, language: str = "zh") -> str:
        """The money rule in a few words, e.g. '≤500万元/项' or '50%, ≤20万元'."""
        zh = language == "zh"
        worded = self.rule_zh if zh else self.rule_en
        if worded:
            return worded
        if self.form == "amount_not_stated":
            return translate("amount not stated in the plan", language)
        if self.form == "uncapped":
            return translate("uncapped (case by case)", language)
        if self.form == "share_of_investment":
            return f"{self.rate:.0%}" + (translate(", no cap", language))
        cap = translate("≤{cap} 10k yuan", language).format(cap=f"{self.cap_wan:g}")
        if self.form == "share_of_cost":
            return f"{self.rate:.0%}, {cap}"
        return cap


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    unit_en: str
    target_2028: float
    clause: Clause

    def name(self, language: str = "zh") -> str:
        return self.name_zh if language == "zh" else self.name_en


@dataclass(frozen=True)
class CountTarget:
    id: str
    name_zh: str
    name_en: str
    at_least: int
    clause: Clause
    year: int | None = None
    per_year: bool = False
    #: lines whose awards add to the count (none: only the planner's own yearly figure)
    lines: tuple[str, ...] = ()
    #: the published history series of the count (``history``), where there is one
    history_series: str | None = None


@dataclass(frozen=True)
class Catalogue:
    version: str
    revision: int
    source: dict[str, Any]
    years: tuple[int, ...]
    forms: dict[str, str]
    sections: tuple[Section, ...]
    departments: dict[str, str]  # Chinese name -> English name
    measures: tuple[Measure, ...]
    lines: tuple[Line, ...]
    indicators: tuple[Indicator, ...]
    count_targets: tuple[CountTarget, ...]
    _line_index: dict[str, Line] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._line_index.update({line.id: line for line in self.lines})

    def line(self, line_id: str) -> Line:
        return self._line_index[line_id]

    def has_line(self, line_id: str) -> bool:
        return line_id in self._line_index

    def measure(self, number: int) -> Measure:
        return self.measures[number - 1]

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators)

    def lines_of_measure(self, number: int) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.measure == number)

    def with_lines(self, extra: tuple[Line, ...]) -> Catalogue:
        """A copy with the planner's own lines appended (the shipped catalogue is untouched)."""
        return Catalogue(
            self.version,
            self.revision,
            self.source,
            self.years,
            self.forms,
            self.sections,
            self.departments,
            self.measures,
            self.lines + extra,
            self.indicators,
            self.count_targets,
        )

    def to_dict(self) -> dict[str, Any]:
        """The catalogue as `qdplan catalogue --format json` prints it."""

        def clause(c: Clause) -> dict[str, Any]:
            out: dict[str, Any] = {"quote": c.quote}
            if c.measure is not None:
                out["measure"] = c.measure
            if c.part is not None:
                out["part"] = c.part
            return out

        return {
            "catalogue_version": self.version,
            "catalogue_revision": self.revision,
            "source": self.source,
            "years": list(self.years),
            "sections": [s.__dict__ for s in self.sections],
            "measures": [
                {
                    "number": m.number,
                    "section": m.section,
                    "title_zh": m.title_zh,
                    "title_en": m.title_en,
                    "departments": list(m.departments),
                    "departments_en": [self.departments[d] for d in m.departments],
                    "department_groups": [list(g) for g in m.department_groups],
                    "has_money_rule": bool(self.lines_of_measure(m.number)),
                }
                for m in self.measures
            ],
            "lines": [
                {
                    "id": ln.id,
                    "measure": ln.measure,
                    "section": self.measure(ln.measure).section,
                    "name_zh": ln.name_zh,
                    "name_en": ln.name_en,
                    "form": ln.form,
                    "cap_wan": ln.cap_wan,
                    "rate": ln.rate,
                    "tier": ln.tier,
                    "instrument": ln.instrument,
                    "cap_per": ln.cap_per,
                    "follows": ln.follows,
                    "lag_years": ln.lag_years,
                    "lag_source": ln.lag_source,
                    "driver_indicator": ln.driver_indicator,
                    "driver_lag_years": ln.driver_lag_years,
                    "driver_measure": ln.driver_measure,
                    "rule_zh": ln.rule_text("zh"),
                    "rule_en": ln.rule_text("en"),
                    "uptake_unit_zh": ln.uptake_unit_zh,
                    "uptake_unit_en": ln.uptake_unit_en,
                    "clause": clause(ln.clause),
                }
                for ln in self.lines
                if not ln.own
            ],
            "indicators": [
                {
                    "id": i.id,
                    "name_zh": i.name_zh,
                    "name_en": i.name_en,
                    "unit": i.unit,
                    "unit_en": i.unit_en,
                    "target_2028": i.target_2028,
                    "clause": clause(i.clause),
                }
                for i in self.indicators
            ],
            "count_targets": [
                {
                    "id": t.id,
                    "name_zh": t.name_zh,
                    "name_en": t.name_en,
                    "at_least": t.at_least,
                    "year": t.year,
                    "per_year": t.per_year,
                    "lines": list(t.lines),
                    "history_series": t.history_series,
                    "clause": clause(t.clause),
                }
                for t in self.count_targets
            ],
        }


def plan_text() -> str:
    """The plan's official Chinese text (青政字〔2024〕20号), shipped with the product."""
    return (
        resources.files("simulator.model")
        .joinpath("data", "plan.zh.txt")
        .read_text(encoding="utf-8")
    )


def _clause(raw: dict[str, Any]) -> Clause:
    return Clause(quote=raw["quote"], measure=raw.get("measure"), part=raw.get("part"))


#: What a catalogue version can be (the name of a shipped catalogue file's middle part).
_VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@cache
def load_catalogue(version: str = CATALOGUE_VERSION) -> Catalogue:
    """Load a shipped catalogue by version. Raises KeyError for an unknown version (any text
    from a scenario file: only a plain name of at most 100 letters, digits, ``.``, ``_`` and
    ``-`` is looked up, so a long or odd version never reaches the file system)."""
    if not isinstance(version, str) or not _VERSION_NAME.fullmatch(version):
        raise KeyError(f"unknown catalogue version {version!r}")
    name = f"catalogue-{version}.json"
    path = resources.files("simulator.model").joinpath("data", name)
    try:
        found = path.is_file()
    except (OSError, ValueError):
        found = False
    if not found:
        raise KeyError(f"unknown catalogue version {version!r}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    lines = []
    for item in raw["lines"]:
        item = dict(item)
        item["clause"] = _clause(item["clause"])
        if item["form"] not in FORMS:
            raise ValueError(f"catalogue line {item['id']}: unknown form {item['form']!r}")
        lines.append(Line(**item))
    return Catalogue(
        version=raw["catalogue_version"],
        revision=raw["catalogue_revision"],
        source=raw["source"],
        years=tuple(raw["years"]),
        forms=raw["forms"],
        sections=tuple(Section(**s) for s in raw["sections"]),
        departments={d["name_zh"]: d["name_en"] for d in raw["departments"]},
        measures=tuple(
            Measure(
                number=m["number"],
                section=m["section"],
                title_zh=m["title_zh"],
                title_en=m["title_en"],
                departments=tuple(m["departments"]),
                department_groups=tuple(tuple(g) for g in m.get("department_groups", ())),
            )
            for m in raw["measures"]
        ),
        lines=tuple(lines),
        indicators=tuple(
            Indicator(**{**i, "clause": _clause(i["clause"])}) for i in raw["indicators"]
        ),
        count_targets=tuple(
            CountTarget(**{**t, "clause": _clause(t["clause"]), "lines": tuple(t.get("lines", ()))})
            for t in raw["count_targets"]
        ),
    )
