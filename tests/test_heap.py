"""The engine's heap settings (``simulator.model.heap``): freed arrays stay in the process
for the next ones instead of being paged in afresh."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from simulator.model.heap import keep_freed_memory

# Two rounds of 50 arrays of 4.0–4.4 MB (210 MB, the size of a run's line arrays at 100,000
# draws), each array written in full and all freed at the end of a round; the page faults
# of the second round are printed. Without the settings glibc gives the freed memory back
# and the second round faults every page again (about 51,000 of 4 KB; the first round's
# arrays teach glibc to take such arrays from the heap, whose free top is then trimmed).
PROGRAM = textwrap.dedent(
    """
    import resource, sys
    import numpy as np
    if sys.argv[1] == "keep":
        from simulator.model.heap import keep_freed_memory
        assert keep_freed_memory()
    def round_():
        arrays = [np.ones(500_000 + 1_000 * i) for i in range(50)]
        del arrays
    round_()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    round_()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    """
)
PAGES = sum(8 * (500_000 + 1_000 * i) for i in range(50)) // 4096


def _second_round_faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc settings")
def test_freed_arrays_are_not_paged_in_again():
    assert keep_freed_memory() is True
    assert keep_freed_memory() is True  # idempotent
    # the control: by glibc's defaults most pages are faulted in again (the test can fail)
    assert _second_round_faults("default") > PAGES // 2
    # with the settings the second round reuses the first round's memory
    assert _second_round_faults("keep") < PAGES // 50
