"""How a run hands its lines to the threads (a part of ``Engine``): every line's draws in
order, one more drawn ahead while one is taken in, a line that follows another drawn from
that line's awards, and side work (random numbers a run keeps and needs later) done by
the threads meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from .aggregator import SUNK, SeriesSink, summarise_outlay
from .plan import LineDraws, LinePlan
from .randomness import RandomSource
from .scenario import Scenario
from .targets import other_draws
from .threads import in_parallel, in_parallel_after

#: Lines drawn ahead of the one the run takes in (adds into its sums and indicators), beyond
#: one per thread: a run that keeps its draws holds every line anyway, so several, and a
#: thread never waits for the run to take a line in (full run, alternating in one process,
#: medians of 8: 590/714 → 547/658 ms); a run that does not keep them, one (its memory).
AHEAD_KEPT = 4


@dataclass(frozen=True)
class Side:
    """Work for a run's threads beside the lines' (``Engine._side_work``)."""

    work: Callable[[], object]


class RunStream:
    """``_stream`` and what it draws with (mixed into ``Engine``)."""

    scenario: Scenario
    draws: int
    threads: int
    keep_draws: bool
    first_block: int
    random: RandomSource
    sink: SeriesSink | None
    _line_draws: Callable[..., LineDraws]
    _note_returns: Callable[..., None]
    _indicator_own: Callable[[str], tuple[np.ndarray, np.ndarray]]
    _add_effects: Callable[..., None]
    _finish_deferred: Callable[..., LineDraws]

    def _lines_in_order(
        self,
        lines: tuple[list[LinePlan], list[LinePlan], list[LinePlan]],
        others: dict[tuple[str, float, float], np.ndarray],
        awards_only: dict[str, LineDraws],
        requests: bool = False,
    ) -> Iterator[tuple[LinePlan, LineDraws, dict[str, Any] | None]]:
        """(line, draws, summary) of every line of ``lines`` (independent, dependent,
        deferred: ``_orders``), in that order, drawn on the threads with the side work done
        meanwhile (the count targets' other units into ``others``). A line paid from an
        indicator is not yielded: its awards go into ``awards_only`` and its effects are
        added, its money comes once the indicators are known (``_finished``)."""
        independent, dependent, deferred = lines
        stream: list[LinePlan | Side] = [*independent, *self._side_work(others), *dependent]
        stream += deferred
        for plan, item in zip(stream, self._stream(stream, requests)):
            if item is None:  # side work, done
                continue
            assert isinstance(plan, LinePlan)
            draws, summary = item
            if plan.deferred:
                self._add_effects(plan.id, draws)
                awards_only[plan.id] = draws
                continue
            yield plan, draws, summary

    def _finished(
        self, deferred: list[LinePlan], awards_only: dict[str, LineDraws]
    ) -> Iterator[tuple[LinePlan, LineDraws]]:
        """(line, draws) of the lines paid from an indicator, their money from the awards
        ``_lines_in_order`` drew and the indicators' paths, two at once."""

        def finish(plan: LinePlan) -> LineDraws:
            drawn = awards_only[plan.id]
            assert drawn.awards is not None and drawn.share_sum is not None  # deferred
            return self._finish_deferred(plan, drawn.awards, drawn.share_sum)

        return zip(deferred, in_parallel(finish, deferred, self.threads))

    def _side_work(self, others: dict[tuple[str, float, float], np.ndarray] | None) -> list[Side]:
        """What a run that keeps its draws also draws on the threads while they draw the
        lines: the indicators' own random numbers and the count targets' units added
        without an award (into ``others``, the dict its results keep them in); both are
        kept with the draws. A run that does not keep its draws draws them when it needs
        them, so as not to hold them meanwhile."""
        if not self.keep_draws:
            return []
        work = [
            Side(partial(self._indicator_own, indicator))
            for indicator in self.scenario.catalogue.indicator_ids
        ]
        if others is None:
            return work
        block = self.scenario.count_targets
        for target in self.scenario.catalogue.count_targets:
            entry = block.get("targets", {}).get(target.id)
            if entry is not None:
                work.append(
                    Side(
                        partial(
                            other_draws,
                            target,
                            entry,
                            self.random,
                            self.draws,
                            first_block=self.first_block,
                            others=others,
                        )
                    )
                )
        return work

    def _stream(
        self, plans: list[LinePlan | Side], requests: bool = False
    ) -> Iterator[tuple[LineDraws, dict[str, Any] | None] | None]:
        """Each line's draws and summary (``_line_draws_summarised``; a line paid from an
        indicator: its awards only; ``requests``, a rationed run's requests: the draws
        only, summary None), drawn on the threads and yielded in order (side work: done,
        None); a line that follows another (``plans`` has it later) is drawn from that
        line's awards."""
        index = {plan.id: i for i, plan in enumerate(plans) if isinstance(plan, LinePlan)}
        followed = {
            index[p.line.follows] for p in plans if isinstance(p, LinePlan) and p.line.follows
        }

        def draw(
            plan: LinePlan | Side, earlier: Callable[[int], Any]
        ) -> tuple[LineDraws, dict[str, Any] | None] | None:
            if isinstance(plan, Side):
                plan.work()
                return None
            if plan.deferred:
                return self._line_draws(plan, finish=False), None
            first = earlier(index[plan.line.follows])[0] if plan.line.follows else None
            if requests:
                return self._line_draws(plan, first=first), None
            return self._line_draws_summarised(plan, first)

        ahead = AHEAD_KEPT if self.keep_draws else 1
        return in_parallel_after(draw, plans, self.threads, followed, ahead)

    def _line_draws_summarised(
        self, plan: LinePlan, first: LineDraws | None = None
    ) -> tuple[LineDraws, dict[str, Any] | None]:
        """A line's draws and, when the draws are not kept (large runs), their summary,
        computed in the worker thread while the line's arrays are still in cache. With the
        draws kept, summaries are made when asked for (the app shows a few of them)."""
        draws = self._line_draws(plan, first=first)
        self._note_returns(plan, draws)  # an investment line's returns, in this thread too
        if self.keep_draws:
            return draws, None
        if self.sink is not None:
            self.sink.series(("line", plan.id), draws.paid, draws.after_horizon)
            return draws, SUNK
        return draws, summarise_outlay(draws.paid, draws.after_horizon)
