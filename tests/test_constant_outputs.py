"""An output that takes one value in every draw (the restrained scenario reaches all five
targets in no draw) has nothing to explain: no drivers, no share of variance left to
interactions, an empty tornado, and the tables and charts say so instead of listing
drivers at 0 % and "interactions 100 %". And a rare event's tornado labels show it (0.005 %,
not 0.0 %)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from simulator import load_scenario
from simulator.analysis import ALL_TARGETS, OUTLAY, Probe, sensitivity, value_for_money
from simulator.present import CHART_DPI, CHART_SIZE, make_decision_chart, render_sensitivity
from simulator.present.sensitivity_charts import probability_decimals

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def restrained():
    return load_scenario(ROOT / "scenarios" / "restrained.json")


@pytest.fixture(scope="module")
def probe(restrained):
    return Probe(restrained, draws=4096, seed=7)


@pytest.fixture(scope="module")
def sens(restrained, probe):
    return sensitivity(restrained, probe=probe, indicator_assumptions=False)


def _figure() -> Figure:
    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI)
    FigureCanvasAgg(figure)
    return figure


def test_the_restrained_scenario_reaches_all_five_targets_in_no_draw(probe):
    """The premise, from the base run's paths against the catalogue's targets directly."""
    results = probe.engine.results
    reached = np.logical_and.reduce(
        [results.indicator_paths[i.id][-1] > i.target_2028 for i in results.catalogue.indicators]
    )
    assert reached.shape == (4096,) and not reached.any()


def test_a_constant_output_has_no_drivers_and_no_interaction_share(sens):
    assert not sens.varies(ALL_TARGETS)
    assert sens.top_drivers(ALL_TARGETS) == []
    assert sens.interaction_share(ALL_TARGETS) is None
    assert sens.tornado(ALL_TARGETS) == []
    # the outlay varies: its drivers are all there (every line is a quantity)
    assert sens.varies(OUTLAY)
    assert len(sens.top_drivers(OUTLAY)) >= len(sens.catalogue.lines)
    entry = sens.to_dict()["global"]
    assert entry[ALL_TARGETS]["varies"] is False
    assert entry[ALL_TARGETS]["interaction_share"] is None
    assert entry[ALL_TARGETS]["drivers"] == []
    assert entry[OUTLAY]["varies"] is True


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_table_says_nothing_moves_it(sens, restrained, probe, language):
    text = render_sensitivity(sens, value_for_money(restrained, probe=probe), language)
    block = text.split("\n\n")[
        next(i for i, b in enumerate(text.split("\n\n")) if ("all five" in b or "五项" in b))
    ]
    if language == "en":
        assert "(no assumption moves it)" in block
        assert "the same in every draw; no source of uncertainty moves it" in block
        assert "interactions" not in block and "S1 " not in block
    else:
        assert "没有假设能使其变化" in block and "每次模拟都相同" in block
        assert "S1 " not in block


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_charts_say_nothing_moves_it(sens, language):
    tornado = make_decision_chart(f"tornado:{ALL_TARGETS}", _figure(), language)
    tornado.draw(sens)
    data = tornado.data()
    assert data["factors"] == []
    assert "0.0%" in data["note"]
    drivers = make_decision_chart(f"drivers:{ALL_TARGETS}", _figure(), language)
    drivers.draw(sens)
    data = drivers.data()
    assert data["drivers"] == [] and "0.0%" in data["note"]
    if language == "en":
        assert data["note"] == (
            "This output is 0.0% in every draw: no source of uncertainty moves it"
        )
    # an output that varies draws its bars and no note
    outlay = make_decision_chart(f"drivers:{OUTLAY}", _figure(), language)
    outlay.draw(sens)
    assert outlay.data()["note"] is None and len(outlay.data()["drivers"]) > 0


@pytest.mark.parametrize(
    ("largest", "label"),
    [
        (0.00005, "0.005%"),  # one draw of 20,000
        (0.0004, "0.04%"),
        (0.001, "0.1%"),  # from 0.1 % up: one decimal
        (0.25, "25.0%"),
        (0.0, "0.0%"),
    ],
)
def test_probability_labels_show_the_largest_with_a_significant_digit(largest, label):
    """A tornado of a rare event labels its bars 0.005 %, not 0.0 % at both ends."""
    decimals = probability_decimals([0.0, largest])
    assert f"{100 * largest:.{decimals}f}%" == label
