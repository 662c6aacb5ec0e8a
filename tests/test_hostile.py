"""The hostile corpus (:mod:`hostile`, >= 300 cases), in-process: every case ends as its table says —
refused with exactly one line naming the file (and the field or option), or accepted — never a traceback,
never a hang. ``test_whole_corpus`` prints the summary (tried / refused / accepted / failing).

How a case runs: scenario files through ``wijksim check``, maps through ``wijksim layout``, options through
the CLI (typer's ``CliRunner``); experiments, targets, posteriors and ``--set`` values through the function
the command calls. A FIFO is opened for writing (and closed: end of file) after :data:`FIFO_PATIENCE`
seconds, so a reader that waits for it ends; a case that needed that counts as a hang. Anything else is
stopped after :data:`TIME_LIMIT` seconds (SIGALRM in the main thread).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import ACCEPTED, REFUSED, Case
from hostile.runner import CASES, FILE_NAMES, TIME_LIMIT, run_case


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert outcome.status in case.expect.split(" or "), (
        f"{case.id}: expected {case.expect}, got {outcome.status}: {outcome.detail}"
    )
    if case.expect == REFUSED:
        assert outcome.seconds < 10, f"refused only after {outcome.seconds:.1f} s"


@pytest.mark.slow  # the per-case tests run the same cases in the fast suite
def test_whole_corpus(tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    """Every case once, and the summary; the corpus covers every kind of input with >= 300 cases."""
    results = [(c, run_case(c, tmp_path_factory.mktemp("h"))) for c in CASES]
    failing = [(c, o) for c, o in results if o.status not in c.expect.split(" or ")]
    with capsys.disabled():
        print(
            f"\nhostile corpus: {len(results)} tried, {sum(o.status == REFUSED for _, o in results)} refused, "
            f"{sum(o.status == ACCEPTED for _, o in results)} accepted, {len(failing)} failing"
        )
        for c, o in failing:
            print(f"  FAILING {c.id}: expected {c.expect}, got {o.status}: {o.detail}")
    assert len(CASES) >= 300 and len({c.id for c in CASES}) == len(CASES)
    assert {c.kind for c in CASES} == {*FILE_NAMES, "set", "cli"}
    assert all(o.seconds < TIME_LIMIT + 5 for _, o in results)
