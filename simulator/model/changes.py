"""What changed between two scenarios: whether a change can be recomputed line by line
(``Engine.update``) or needs a full run.

Scenarios are immutable, so each one is split once into the parts line updates may change
and the rest (copying a whole scenario on every slider move would cost more than the
engine's update).
"""

from __future__ import annotations

import weakref
from typing import Any, ClassVar

from .scenario import Scenario


class _Parts:
    """A scenario split into what line updates may change and what they may not; computed
    once per Scenario object."""

    _cache: ClassVar[dict[int, tuple[weakref.ref[Scenario], _Parts]]] = {}

    def __init__(self, scenario: Scenario):
        data = scenario.data
        self.lines = data.pop("lines")
        self.own = {e["id"]: e for e in data["own_lines"]}
        for key in ("simulation", "name", "description"):
            data.pop(key, None)
        data["own_lines"] = [
            (e["id"], e["measure"], e["name_zh"], e["name_en"], e["department"])
            for e in data["own_lines"]
        ]
        self.signature = data

    @classmethod
    def of(cls, scenario: Scenario) -> _Parts:
        key = id(scenario)
        hit = cls._cache.get(key)
        if hit is not None and hit[0]() is scenario:
            return hit[1]
        parts = cls(scenario)
        if len(cls._cache) > 64:
            cls._cache = {k: v for k, v in cls._cache.items() if v[0]() is not None}
        cls._cache[key] = (weakref.ref(scenario), parts)
        return parts


def model_signature(scenario: Scenario) -> dict[str, Any]:
    """Everything but the per-line assumptions and the simulation settings: when this is
    equal, a change can be recomputed line by line."""
    return _Parts.of(scenario).signature


def changed_lines(old: Scenario, new: Scenario) -> list[str]:
    """Ids of the lines (catalogue or own) whose assumptions differ."""
    a, b = _Parts.of(old), _Parts.of(new)
    ids = [line_id for line_id in b.lines if a.lines.get(line_id) != b.lines[line_id]]
    ids += [line_id for line_id, entry in b.own.items() if a.own.get(line_id) != entry]
    return ids


__all__ = ["changed_lines", "model_signature"]
