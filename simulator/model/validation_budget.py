"""Validation of the budget blocks of schema version 2: rationing under the appropriation and
the lines that are investments (issue 10 §1 and §3).

``rationing``: {policy, priority, backlog_cap_wan, basis}

* policy: ``none`` (payments are never cut; only the chance of exceeding the appropriation
  is reported), ``proportional`` (every line's payments of a year scaled alike to fit) or
  ``priority`` (measures in the order of ``priority``, measures not listed together last);
* priority: measure numbers, highest priority first (used by ``priority`` only);
* backlog_cap_wan: the most unpaid money (万元) that may wait for the next year, or null
  for no cap; what does not fit is refused.

``investments``: {basis, lines: {line id: {holding_years: {mean, sd}, exit_probability,
recovery_multiple: {mean, sd}, basis}}}: money paid to such a line is an investment that is
sold (exits) after the holding period with the exit probability, returning the recovery
multiple times the money.
"""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue, Line
from .problems import Checker, Message, short_repr

RATIONING_POLICIES = ("none", "proportional", "priority")
RATIONING_KEYS = ("policy", "priority", "backlog_cap_wan", "basis")
INVESTMENT_KEYS = ("holding_years", "exit_probability", "recovery_multiple", "basis")
#: The longest holding period a planner may set (years), and so the last year money returns.
MAX_HOLDING_YEARS = 30.0
MAX_MULTIPLE = 100.0
MAX_BACKLOG_CAP_WAN = 1e9


def check_rationing(
    ck: Checker, value: Any, catalogue: Catalogue, appropriation: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The rationing block (required in version 2)."""
    path = "rationing"
    obj = ck.obj(value, path, RATIONING_KEYS)
    if obj is None:
        return None
    out: dict[str, Any] = {}
    if "policy" in obj:
        out["policy"] = ck.choice(obj["policy"], f"{path}.policy", RATIONING_POLICIES)
    if "priority" in obj:
        out["priority"] = _check_priority(ck, obj["priority"], f"{path}.priority", catalogue)
    if "backlog_cap_wan" in obj:
        cap = obj["backlog_cap_wan"]
        out["backlog_cap_wan"] = (
            None
            if cap is None
            else ck.number(cap, f"{path}.backlog_cap_wan", 0.0, MAX_BACKLOG_CAP_WAN)
        )
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], f"{path}.basis")
    policy = out.get("policy")
    if policy in ("proportional", "priority") and appropriation is None:
        ck.add(
            f"{path}.policy",
            Message("proportional rationing needs an appropriation (set one first)")
            if policy == "proportional"
            else Message("priority rationing needs an appropriation (set one first)"),
        )
    if policy == "priority" and out.get("priority") == []:
        ck.add(f"{path}.priority", "priority rationing needs at least one measure in order")
    return out


def _check_priority(ck: Checker, value: Any, path: str, catalogue: Catalogue) -> list[int]:
    if not isinstance(value, list):
        ck.add(path, "must be a list of measure numbers, got {got}", got=short_repr(value))
        return []
    known = {m.number for m in catalogue.measures}
    out: list[int] = []
    for i, entry in enumerate(value[: len(known) + 1]):
        number = ck.number(entry, f"{path}.{i}", integer=True)
        if number is None:
            continue
        if number not in known:
            ck.add(f"{path}.{i}", "no measure {number} in the catalogue", number=number)
        elif number in out:
            ck.add(f"{path}.{i}", "measure {number} is listed twice", number=number)
        else:
            out.append(number)
    if len(value) > len(known):
        ck.add(
            path, "must have at most {limit} entries, got {got}", limit=len(known), got=len(value)
        )
    return out


def check_investments(ck: Checker, value: Any, lines: dict[str, Line]) -> dict[str, Any] | None:
    """The investments block (required in version 2; ``lines`` may be empty)."""
    path = "investments"
    obj = ck.obj(value, path, ("basis", "lines"))
    if obj is None:
        return None
    out: dict[str, Any] = {}
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], f"{path}.basis")
    if "lines" in obj:
        entries = ck.obj(
            obj["lines"],
            f"{path}.lines",
            (),
            tuple(lines),
            unknown=Message("unknown line id (a catalogue line or an own line)"),
        )
        out["lines"] = {}
        if entries is not None:
            for line_id in lines:
                if line_id in entries:
                    out["lines"][line_id] = check_investment(
                        ck, entries[line_id], f"{path}.lines.{line_id}"
                    )
    return out


def _mean_sd(ck: Checker, value: Any, path: str, high: float) -> dict[str, float | None] | None:
    obj = ck.obj(value, path, ("mean", "sd"))
    if obj is None:
        return None
    return {
        "mean": ck.number(obj["mean"], f"{path}.mean", 0.0, high) if "mean" in obj else None,
        "sd": ck.number(obj["sd"], f"{path}.sd", 0.0, high) if "sd" in obj else None,
    }


def check_investment(ck: Checker, value: Any, path: str) -> dict[str, Any] | None:
    """One line's investment assumptions."""
    obj = ck.obj(value, path, INVESTMENT_KEYS)
    if obj is None:
        return None
    out: dict[str, Any] = {}
    if "holding_years" in obj:
        out["holding_years"] = _mean_sd(
            ck, obj["holding_years"], f"{path}.holding_years", MAX_HOLDING_YEARS
        )
        held = out["holding_years"]
        if held is not None and held.get("mean") is not None and held["mean"] < 1.0:
            ck.add(f"{path}.holding_years.mean", "must be >= 1, got {got:g}", got=held["mean"])
    if "exit_probability" in obj:
        out["exit_probability"] = ck.number(
            obj["exit_probability"], f"{path}.exit_probability", 0.0, 1.0
        )
    if "recovery_multiple" in obj:
        out["recovery_multiple"] = _mean_sd(
            ck, obj["recovery_multiple"], f"{path}.recovery_multiple", MAX_MULTIPLE
        )
    if "basis" in obj:
        out["basis"] = ck.text(obj["basis"], f"{path}.basis")
    return out


def v1_rationing(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 never cut a payment: only the chance of exceeding was reported."""
    return {
        "policy": "none",
        "priority": [],
        "backlog_cap_wan": None,
        "basis": "migrated from schema version 1: no rationing (payments are never cut; "
        "only the chance of exceeding the appropriation is reported)",
    }


def v1_investments(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 counted every payment as spending that never comes back."""
    return {
        "basis": "migrated from schema version 1: no line is an investment (money paid "
        "never returns)",
        "lines": {},
    }
