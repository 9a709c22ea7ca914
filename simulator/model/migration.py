"""Older scenario files, brought up to the current schema in memory.

A file keeps its meaning when it is migrated: every block the newer schema adds is filled in
with the value that reproduces how the older version computed, and its ``basis`` says that
it came from a migration (so a planner sees which numbers were not chosen but inherited).
The migrated scenario is saved in the current version.

Versions:

* 1 — the first release (2024–2028 lines, indicators with start, trend and noise).
* 2 — adds the blocks of the data and budget issues (history-calibrated indicators with
  persistent shocks, rationing under the appropriation, renewal cohorts, investments,
  department shares); each is listed in ``V2_ADDITIONS`` with its v1-equivalent value.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .rules_migration import migrate_rules_v1
from .validation_budget import v1_investments, v1_rationing
from .validation_indicators import migrate_indicators_v1, persistence_v1

#: Text put in the ``basis`` of a block that a migration filled in.
MIGRATED = "migrated from schema version {version}: {what}"

#: Top-level blocks schema version 2 adds, each with the function giving the value that
#: keeps a version 1 file's results as version 1 computed them.
V2_ADDITIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "persistence": persistence_v1,
    "rationing": v1_rationing,
    "investments": v1_investments,
}


def migrate_v1(raw: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document as version 2 (a new dict; the input is not changed). Only the
    shape is migrated: values are checked afterwards by the version 2 validator, so a
    problem is reported at the path the planner's file has."""
    out = copy.deepcopy(raw)
    out["schema_version"] = 2
    for key, default in V2_ADDITIONS.items():
        if key not in out:
            out[key] = default(raw)
    migrate_indicators_v1(out)
    migrate_rules_v1(raw, out)
    return out


#: One migration per older version, to the version after it.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: migrate_v1}


def migrated(raw: dict[str, Any], version: int, current: int) -> dict[str, Any]:
    """``raw`` (of schema ``version``) migrated step by step to ``current``."""
    while version < current:
        raw = MIGRATIONS[version](raw)
        version += 1
    return raw
