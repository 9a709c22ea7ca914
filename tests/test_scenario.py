"""Scenario files: strict validation with paths, atomic and byte-stable saving, fuzzing."""

import contextlib
import copy
import errno
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import (
    Scenario,
    ScenarioError,
    ScenarioSaveError,
    load_scenario,
    parse_scenario,
    save_scenario,
    scenario_from_dict,
)
from simulator.model.validation import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "scenarios").glob("*.json"))
BASELINE = ROOT / "scenarios" / "baseline.json"
BASE = json.loads(BASELINE.read_text(encoding="utf-8"))


def problems_of(data):
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    return [str(p) for p in info.value.problems]


def test_shipped_scenarios_load_and_describe_themselves():
    assert len(SHIPPED) >= 3
    names = set()
    for path in SHIPPED:
        scenario = load_scenario(path)
        assert scenario.description.strip()
        names.add(scenario.name)
    assert len(names) == len(SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenarios_are_in_canonical_form(path, tmp_path):
    out = tmp_path / "again.json"
    save_scenario(load_scenario(path), out)
    assert out.read_bytes() == path.read_bytes()


def test_save_load_save_is_byte_identical(tmp_path):
    data = copy.deepcopy(BASE)
    data["lines"]["m01-demo"]["uptake"]["2025"] = 7  # an int, as a hand edit might write
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save_scenario(scenario_from_dict(data), first)
    save_scenario(load_scenario(first), second)
    assert first.read_bytes() == second.read_bytes()
    assert load_scenario(second) == load_scenario(first)


def test_every_assumption_block_says_it_is_an_assumption():
    for path in SHIPPED:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["common_factor"]["basis"].startswith("assumption")
        assert data["flag_thresholds"]["basis"].startswith("assumption")
        for line_id, line in data["lines"].items():
            assert line["basis"].startswith("assumption"), line_id
        for own in data["own_lines"]:
            assert own["basis"].startswith("assumption")
        assert data["persistence"]["basis"].startswith("assumption")
        for indicator in data["indicators"].values():
            # calibrated from the history (naming the series), or an assumption said so
            top = indicator["basis"]
            assert "calibrated from the history" in top or "assumption" in top, top
            for block in (indicator["start"], indicator["trend"], indicator["noise"]):
                basis = block["basis"]
                assert "calibrated from history series" in basis or "assumption" in basis, basis
            for effect in indicator["effects"]:
                assert effect["basis"].startswith("assumption")
                assert effect["above"]["basis"].startswith("assumption")


# One failure mode each: (mutation, expected message fragment with its path)
def _set(path, value):
    def mutate(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _delete(path):
    def mutate(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


FAILURES = {
    "negative uptake": (
        _set(("lines", "m14-first-recognition", "uptake", "2026"), -3),
        "lines.m14-first-recognition.uptake.2026: must be >= 0, got -3",
    ),
    "NaN": (
        _set(("lines", "m01-demo", "uptake_cv", "2024"), float("nan")),
        "lines.m01-demo.uptake_cv.2024: must be a finite number, got nan",
    ),
    "infinity": (
        _set(("uptake_multiplier",), float("inf")),
        "uptake_multiplier: must be a finite number, got inf",
    ),
    "wrong type": (
        _set(("simulation", "draws"), "many"),
        'simulation.draws: must be a number, got "many"',
    ),
    "boolean is not a number": (
        _set(("common_factor", "loading"), True),
        "common_factor.loading: must be a number, got true",
    ),
    "unknown key": (
        _set(("lines", "m01-demo", "colour"), "red"),
        "lines.m01-demo.colour: unknown key",
    ),
    "unknown top-level key": (_set(("extras",), {}), "extras: unknown key"),
    "unknown line id": (
        _set(("lines", "m99-imaginary"), {}),
        "lines.m99-imaginary: unknown line id",
    ),
    "missing line": (_delete(("lines", "m25-think-tank")), "lines.m25-think-tank: missing"),
    "missing year": (
        _delete(("lines", "m03-frontier", "uptake", "2028")),
        "lines.m03-frontier.uptake.2028: missing",
    ),
    "share above 1": (
        _set(("lines", "m03-frontier", "award_share", "2025", "mean"), 1.5),
        "lines.m03-frontier.award_share.2025.mean: must be <= 1, got 1.5",
    ),
    "impossible share spread": (
        _set(("lines", "m03-frontier", "award_share", "2025", "sd"), 0.49),
        "lines.m03-frontier.award_share.2025.sd: must be <",
    ),
    "disbursement not adding to 1": (
        _set(("lines", "m01-demo", "disbursement"), [0.5, 0.4]),
        "lines.m01-demo.disbursement: fractions must add up to 1",
    ),
    "derived year given": (
        _set(("lines", "m14-re-recognition", "uptake", "2027"), 5.0),
        "lines.m14-re-recognition.uptake.2027: unknown key",
    ),
    "renewal above 1": (
        _set(("lines", "m14-re-recognition", "renewal_rate"), 1.2),
        "lines.m14-re-recognition.renewal_rate: must be <= 1, got 1.2",
    ),
    "unknown sampler": (
        _set(("simulation", "sampler"), "dice"),
        'simulation.sampler: must be one of pseudo, sobol, lhs, got "dice"',
    ),
    "fractional draws": (
        _set(("simulation", "draws"), 10.5),
        "simulation.draws: must be a whole number, got 10.5",
    ),
    "effect on unknown line": (
        _set(("indicators", "platforms", "effects", 0, "line"), "m00-x"),
        'indicators.platforms.effects.0.line: unknown line id "m00-x"',
    ),
    "effect per award on an amount line": (
        _set(("indicators", "platforms", "effects", 0, "line"), "m22-landing-fund"),
        "indicators.platforms.effects.0.per: line m22-landing-fund pays amounts",
    ),
    "own line with a bad id": (
        _set(("own_lines",), [{"id": "Mine!"}]),
        "own_lines.0.id: must look like",
    ),
    "wrong container": (_set(("lines",), []), "lines: must be an object, got []"),
}


@pytest.mark.parametrize("mode", list(FAILURES))
def test_each_failure_mode_is_reported_with_its_path(mode):
    mutate, expected = FAILURES[mode]
    data = copy.deepcopy(BASE)
    mutate(data)
    found = problems_of(data)
    assert any(p.startswith(expected) for p in found), found


def test_all_problems_are_reported_at_once():
    data = copy.deepcopy(BASE)
    for mutate, _ in FAILURES.values():
        with contextlib.suppress(KeyError, TypeError):
            mutate(data)
    data["lines"] = copy.deepcopy(BASE["lines"])
    FAILURES["negative uptake"][0](data)
    FAILURES["NaN"][0](data)
    FAILURES["unknown key"][0](data)
    found = problems_of(data)
    assert len(found) >= 6
    for mode in ("negative uptake", "NaN", "unknown key", "infinity", "unknown top-level key"):
        assert any(p.startswith(FAILURES[mode][1]) for p in found), (mode, found)


def test_newer_schema_is_refused_with_advice():
    data = copy.deepcopy(BASE)
    data["schema_version"] = SCHEMA_VERSION + 1
    (problem,) = problems_of(data)
    assert problem.startswith("schema_version:") and "newer" in problem and "update" in problem


def test_unknown_catalogue_version():
    data = copy.deepcopy(BASE)
    data["catalogue_version"] = "shanghai-2030"
    (problem,) = problems_of(data)
    assert problem.startswith("catalogue_version: unknown catalogue version")


@pytest.mark.parametrize(
    "content,fragment",
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"schema_version": 1', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_broken_files(content, fragment):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(content)
    assert fragment in str(info.value)


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "nowhere.json")
    assert "file not found" in str(info.value) and "nowhere.json" in str(info.value)


def test_replace_returns_a_new_scenario_and_keeps_the_old():
    scenario = load_scenario(BASELINE)
    changed = scenario.replace(("lines", "m01-demo", "uptake", "2026"), 9.0)
    assert changed.line_assumptions("m01-demo")["uptake"]["2026"] == 9.0
    assert scenario.line_assumptions("m01-demo")["uptake"]["2026"] == 4.0
    with pytest.raises(ScenarioError) as info:
        scenario.replace(("lines", "m01-demo", "uptake", "2026"), -1.0)
    assert str(info.value.problems[0]).startswith("lines.m01-demo.uptake.2026: must be >= 0")
    with pytest.raises(ScenarioError):
        scenario.replace(("lines", "no-such-line", "uptake"), 1.0)


@pytest.mark.parametrize(
    "path,value",
    [
        (("lines", "m01-demo", "uptake", "2026"), 9.0),
        (("lines", "m23-innovation-voucher", "cost", "2025", "cv"), 0.5),
        (("lines", "m14-re-recognition", "renewal_rate"), 0.5),
        (("lines", "m03-frontier", "award_share", "2024", "sd"), 0.49),
        (("lines", "m03-frontier", "disbursement"), [0.5, 0.6]),
        (("lines", "m03-frontier", "uptake", "2030"), 1.0),
        (("lines", "m03-frontier", "uptake", "2026"), "many"),
    ],
)
def test_replacing_inside_a_line_equals_a_full_validation(path, value):
    """The fast path of replace() (one line checked) agrees with validating the whole file."""
    scenario = load_scenario(BASELINE)
    data = scenario.data
    node = data
    for key in path[:-1]:
        node = node[key]
    existed = path[-1] in node
    node[path[-1]] = value
    try:
        expected = scenario_from_dict(data)
    except ScenarioError as exc:
        expected = [str(p) for p in exc.problems]
    try:
        got = scenario.replace(path, value)
    except ScenarioError as exc:
        got = [str(p) for p in exc.problems]
    if not existed:
        assert got == [".".join(path) + ": no such setting"]
    else:
        assert got == expected
        if isinstance(got, Scenario):
            assert got.to_json() == expected.to_json()
    assert scenario == load_scenario(BASELINE)  # the original is untouched


# --------------------------------------------------------------------------- atomic saves
def test_failed_save_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    save_scenario(load_scenario(BASELINE), target)
    before = target.read_bytes()
    changed = load_scenario(BASELINE).replace(("name",), "changed")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ScenarioSaveError) as info:
        save_scenario(changed, target)
    assert "No space left on device" in str(info.value) and str(target) in str(info.value)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_crash_before_rename_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    save_scenario(load_scenario(BASELINE), target)
    before = target.read_bytes()

    def crash(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ScenarioSaveError):
        save_scenario(load_scenario(BASELINE).replace(("name",), "x"), target)
    assert target.read_bytes() == before


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ScenarioSaveError) as info:
        save_scenario(load_scenario(BASELINE), tmp_path / "no" / "such" / "dir.json")
    assert "could not save" in str(info.value)


# --------------------------------------------------------------------------- fuzzing
def _load_or_reject(content):
    try:
        result = parse_scenario(content)
    except ScenarioError as exc:
        assert exc.problems and all(isinstance(str(p), str) for p in exc.problems)
        assert all(len(str(p)) < 400 for p in exc.problems)  # huge values are not quoted whole
        return None
    assert isinstance(result, Scenario)
    result.to_json().encode("utf-8")  # whatever loads can be saved (no lone surrogates)
    return result


#: Derandomized (the same examples on every run) and bounded, like every fuzz test here.
FUZZ = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_a_scenario_or_a_validation_error(content):
    _load_or_reject(content)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**420), max_value=10**420)  # beyond a float's range
    | st.floats(allow_nan=True)
    | st.text(st.characters(blacklist_categories=()), max_size=8),  # lone surrogates too
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(JSON)
def test_arbitrary_json_is_a_scenario_or_a_validation_error(value):
    _load_or_reject(json.dumps(value))


def _leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _leaf_paths(child, prefix + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _leaf_paths(child, prefix + (index,))
    yield prefix


ALL_PATHS = [p for p in _leaf_paths(BASE) if p]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), JSON), min_size=1, max_size=4))
def test_hand_edits_of_a_real_scenario_are_a_scenario_or_a_validation_error(edits):
    data = copy.deepcopy(BASE)
    for path, value in edits:
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    _load_or_reject(json.dumps(data))
