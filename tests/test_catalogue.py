"""The catalogue against the plan's own text: every money figure, measure and target."""

import re
from pathlib import Path

import pytest

from simulator.model.catalogue import FORMS, load_catalogue, plan_text

CATALOGUE = load_catalogue()
TEXT = plan_text()
SHARED_COPY = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "policy"
    / "qingdao-sti-action-plan-2024-2028.zh.txt"
)

# A money figure in the plan: an amount in 万元, a percentage, or an uncapped rule.
MONEY = re.compile(r"(\d+(?:\.\d+)?)万元|(\d+)%|不设上限|一事一议")


def money_figures():
    """(position, kind, value) of every money figure in the plan's text."""
    for match in MONEY.finditer(TEXT):
        if match.group(1):
            yield match.start(), "cap", float(match.group(1))
        elif match.group(2):
            yield match.start(), "rate", float(match.group(2)) / 100
        else:
            yield match.start(), "uncapped", None


def test_shipped_text_is_the_plan():
    if not SHARED_COPY.exists():
        pytest.skip("shared policy folder not present")
    assert SHARED_COPY.read_text(encoding="utf-8") == TEXT


def test_there_are_41_money_figures_in_the_plan():
    # Counted by hand from the text (measures 1–25), then pinned: a change means the text
    # changed or the pattern broke.
    assert len(list(money_figures())) == 41


def test_every_quote_is_verbatim_and_unique():
    for entry in CATALOGUE.lines + CATALOGUE.indicators + CATALOGUE.count_targets:
        assert TEXT.count(entry.clause.quote) == 1, entry.id


def _measure_span(number):
    """Start and end of measure ``number``'s paragraph in the text."""
    start = TEXT.index(f"\n{number}.")
    following = TEXT.find(f"\n{number + 1}.", start + 1) if number < 28 else -1
    return start, following if following != -1 else TEXT.index("十、组织保障")


def test_every_money_figure_is_in_the_catalogue():
    missing = []
    for position, kind, value in money_figures():
        covering = []
        for line in CATALOGUE.lines:
            quote_at = TEXT.index(line.clause.quote)
            if quote_at <= position < quote_at + len(line.clause.quote):
                covering.append(line)
        if kind == "cap":
            ok = any(line.cap_wan == value for line in covering)
        elif kind == "rate":
            ok = any(line.rate == value for line in covering)
        else:
            ok = any(line.form == "uncapped" for line in covering)
        if not ok:
            missing.append((kind, value, TEXT[max(0, position - 20) : position + 10]))
    assert not missing, f"money figures not in the catalogue: {missing}"


def test_each_line_quote_holds_its_own_figure_and_sits_in_its_measure():
    for line in CATALOGUE.lines:
        quote = line.clause.quote
        if line.cap_wan is not None:
            assert f"{line.cap_wan:g}万元" in quote, line.id
        if line.rate is not None:
            assert f"{line.rate * 100:g}%" in quote, line.id
        if line.form == "uncapped":
            assert "一事一议" in quote or "不设上限" in quote, line.id
        start, end = _measure_span(line.measure)
        assert start <= TEXT.index(quote) < end, f"{line.id} quote is not in measure {line.measure}"


def test_all_28_measures_with_their_departments():
    assert [m.number for m in CATALOGUE.measures] == list(range(1, 29))
    for measure in CATALOGUE.measures:
        start, end = _measure_span(measure.number)
        paragraph = TEXT[start:end]
        assert paragraph.startswith(f"\n{measure.number}.{measure.title_zh}。"), measure.number
        listed = re.search(r"\(责任单位:(.*?)\)", paragraph).group(1)
        assert list(measure.departments) == re.split(r"[、,]", listed), measure.number
        assert all(d in CATALOGUE.departments for d in measure.departments)


def test_sections_follow_the_plan():
    for section in CATALOGUE.sections:
        assert f"{section.id}、{section.title_zh}" in TEXT
    for measure in CATALOGUE.measures:
        section_at = TEXT.index(f"{measure.section}、{CATALOGUE.section(measure.section).title_zh}")
        assert section_at < _measure_span(measure.number)[0]


def test_headline_targets():
    expected = {
        "tech_enterprises": (22000, "2.2万家"),
        "rd_expenditure": (800, "800亿元"),
        "platforms": (200, "200家"),
        "contract_turnover": (1200, "1200亿元"),
        "tech_brokers": (3400, "3400名"),
    }
    assert CATALOGUE.indicator_ids == tuple(expected)
    for indicator in CATALOGUE.indicators:
        target, written = expected[indicator.id]
        assert indicator.target_2028 == target
        assert written in indicator.clause.quote and "翻一番" in indicator.clause.quote


def test_lab_count_targets():
    labs = {t.id: t.at_least for t in CATALOGUE.count_targets}
    assert labs["national_key_labs"] == 15
    assert labs["provincial_key_labs"] == 70
    assert labs["municipal_key_labs"] == 300
    for target in CATALOGUE.count_targets:
        assert str(target.at_least) in target.clause.quote


def test_forms_are_known_and_consistent():
    for line in CATALOGUE.lines:
        assert line.form in FORMS
        if line.form in ("share_of_cost",):
            assert line.rate and line.cap_wan
        if line.form == "share_of_investment":
            assert line.rate and line.cap_wan is None
        if line.form == "uncapped":
            assert line.cap_wan is None and line.rate is None
        if line.form == "re_recognition":
            first = CATALOGUE.line(line.follows)
            assert first.form == "first_recognition" and line.lag_years == 3
        if line.form == "indicator_based":
            assert line.driver_indicator in CATALOGUE.indicator_ids
    assert {line.form for line in CATALOGUE.lines} == set(FORMS)


def test_measures_without_money_are_there():
    without = [m.number for m in CATALOGUE.measures if not CATALOGUE.lines_of_measure(m.number)]
    assert without == [8, 9, 13, 15, 21, 26, 27]
