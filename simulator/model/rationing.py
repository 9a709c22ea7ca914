"""Rationing under the appropriation: when the payments falling due in a year exceed the
year's appropriation, what is paid, what waits and what is refused (issue 10 §1).

Every line belongs to a *group*: ``proportional`` puts all lines in one group; ``priority``
gives each listed measure its own group, in the listed order, and puts the lines of every
measure not listed together in a last group. In each draw and year t, with the cash
A = appropriation(t) and the backlog room R = backlog_cap_wan (unbounded without a cap),
the groups are served in order; group g has

* B: its backlog, the payments that fell due earlier and were not paid (waiting), and
* N: its new payments, those falling due in t (each line's payments as the run draws them:
  awards of t and the instalments of earlier awards by the disbursement profile).

Waiting commitments are paid first, then the new ones: pb = min(B, A), A −= pb;
pn = min(N, A), A −= pn. Of what remains unpaid (B − pb, then N − pn), the group keeps
waiting as much as the backlog room R allows, the older first (R −= each), and the rest is
*refused*: it is never paid. The group's backlog for t + 1 is what is kept waiting. So a
higher-priority group is never cut while a lower one is paid, and the payments of every
year sum to at most the appropriation.

Within a group every line is treated alike: the group's fractions
a_b = pb / B (waiting paid), a_n = pn / N (new paid), c_b and c_n (unpaid waiting and new
kept waiting) apply to each of its lines, so a line's funded payments follow from its own
requested payments by the same recursion: paid(t) = a_n·new(t) + a_b·b(t−1),
b(t) = c_n·(1 − a_n)·new(t) + c_b·(1 − a_b)·b(t−1).

Funded awards are counted by the same recursion with a line's awards of year t as its new
requests: in year t the share a_n of the year's awards and the share a_b of the awards still
waiting count as funded (a fraction is an expected count); awards refused by the backlog cap
are never funded. With nothing cut, funded awards equal the awards drawn, exactly.

The backlog at the end of 2028 is money committed in 2024–2028 and paid after 2028; it is
added to a line's money paid after 2028. Observed outlays (actuals) are facts: they are paid
as observed before any group, from the year's appropriation (the groups share what remains),
and nothing of their line waits after an observed year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .scenario import Scenario

POLICIES = ("none", "proportional", "priority")


@dataclass(frozen=True)
class RationingPolicy:
    """A scenario's rationing, as the engine applies it."""

    policy: str
    priority: tuple[int, ...]
    backlog_cap_wan: float | None
    appropriation: tuple[float, ...] | None  # 万元 per year

    @classmethod
    def of(cls, scenario: Scenario, years: tuple[int, ...]) -> RationingPolicy:
        r = scenario.rationing
        a = scenario.appropriation
        return cls(
            policy=r["policy"],
            priority=tuple(r["priority"]),
            backlog_cap_wan=r["backlog_cap_wan"],
            appropriation=None if a is None else tuple(a[str(y)] for y in years),
        )

    @property
    def active(self) -> bool:
        return self.policy != "none" and self.appropriation is not None

    @property
    def groups(self) -> int:
        return 1 if self.policy == "proportional" else len(self.priority) + 1

    def group(self, measure: int) -> int:
        """The group (0 = served first) of a measure's lines."""
        if self.policy == "proportional":
            return 0
        if measure in self.priority:
            return self.priority.index(measure)
        return len(self.priority)


@dataclass
class GroupFactors:
    """The result of rationing a draw set: per group, year and draw, the shares of waiting
    (paid_old) and new (paid_new) payments paid, and of unpaid waiting and new payments kept
    waiting (None without a backlog cap: all kept); per year and draw whether anything was
    left unpaid; the money waiting at the end of each year, and refused in each year."""

    paid_new: np.ndarray  # (groups, years, draws)
    paid_old: np.ndarray
    kept_new: np.ndarray | None
    kept_old: np.ndarray | None
    rationed: np.ndarray  # (years, draws), bool
    backlog: np.ndarray  # (years, draws)
    refused: np.ndarray  # (years, draws)
    _clear: dict[int, list[bool]] = field(default_factory=dict)

    def clear(self, group: int) -> list[bool]:
        """Per year, whether the group was paid in full in every draw."""
        if group not in self._clear:
            self._clear[group] = [
                bool(
                    np.all(self.paid_new[group, t] == 1.0)
                    and np.all(self.paid_old[group, t] == 1.0)
                )
                for t in range(self.paid_new.shape[1])
            ]
        return self._clear[group]


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """part / whole, 1 where whole is 0 (nothing due: nothing cut)."""
    out = np.ones_like(whole)
    np.divide(part, whole, out=out, where=whole > 0)
    return out


def ration_groups(
    need: np.ndarray, appropriation: tuple[float, ...], cap: float | None
) -> GroupFactors:
    """Ration the groups' new payments ``need`` (groups, years, draws), served in group
    order, under the yearly ``appropriation`` and the backlog ``cap`` (see the module).
    ``need`` is overwritten (it becomes ``paid_new``: no second array of its size)."""
    groups, years, draws = need.shape
    paid_new = need
    paid_old = np.empty_like(need)
    kept_new = None if cap is None else np.empty_like(need)
    kept_old = None if cap is None else np.empty_like(need)
    rationed = np.zeros((years, draws), dtype=bool)
    refused = np.zeros((years, draws))
    waiting = np.zeros((years, draws))
    backlog = np.zeros((groups, draws))
    for t in range(years):
        cash = np.full(draws, float(appropriation[t]))
        room = None if cap is None else np.full(draws, float(cap))
        for g in range(groups):
            old, new = backlog[g], need[g, t]
            pb = np.minimum(old, cash)
            cash -= pb
            pn = np.minimum(new, cash)
            cash -= pn
            unpaid_old = old - pb
            unpaid_new = new - pn
            paid_old[g, t] = _share(pb, old)
            paid_new[g, t] = _share(pn, new)  # overwrites ``new`` (a view of ``need``)
            rationed[t] |= (unpaid_old > 0) | (unpaid_new > 0)
            if room is None:
                backlog[g] = unpaid_old + unpaid_new
                continue
            assert kept_new is not None and kept_old is not None  # with a cap
            keep_old = np.minimum(unpaid_old, room)
            room -= keep_old
            keep_new = np.minimum(unpaid_new, room)
            room -= keep_new
            kept_old[g, t] = _share(keep_old, unpaid_old)
            kept_new[g, t] = _share(keep_new, unpaid_new)
            refused[t] += (unpaid_old - keep_old) + (unpaid_new - keep_new)
            backlog[g] = keep_old + keep_new
        backlog.sum(axis=0, out=waiting[t])
    return GroupFactors(
        paid_new=paid_new,
        paid_old=paid_old,
        kept_new=kept_new,
        kept_old=kept_old,
        rationed=rationed,
        backlog=waiting,
        refused=refused,
    )


def fund(
    new: np.ndarray, factors: GroupFactors, group: int, observed: tuple[int, ...] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """(funded per year, still waiting after the last year) of one line's requests ``new``
    (years, draws): money falling due, or awards made, by year. Years in which nothing of
    the group was cut in any draw are copied; with nothing cut in any year, ``new`` itself
    is returned (no copy). ``observed``: year indices whose payments are observed facts,
    paid as they are (and nothing of the line waits after them)."""
    years, draws = new.shape
    clear = [c or t in observed for t, c in enumerate(factors.clear(group))]
    if all(clear):
        return new, np.zeros(draws)
    funded = np.empty(new.shape)
    waiting = np.zeros(draws)
    unpaid = np.empty(draws)
    a_n, a_b = factors.paid_new[group], factors.paid_old[group]
    for t in range(years):
        row = new[t]
        if t in observed:  # a fact: paid as observed
            funded[t] = row
            waiting[...] = 0.0
            continue
        if clear[t]:  # all paid: the new and the waiting money; nothing waits after
            np.add(row, waiting, out=funded[t])
            waiting[...] = 0.0
            continue
        np.multiply(row, a_n[t], out=funded[t])
        np.subtract(row, funded[t], out=unpaid)
        if t:
            paid_old = a_b[t] * waiting
            funded[t] += paid_old
            waiting -= paid_old
        if factors.kept_new is not None and factors.kept_old is not None:
            unpaid *= factors.kept_new[group, t]
            waiting *= factors.kept_old[group, t]
        waiting += unpaid
    return funded, waiting
