"""``calibrate``'s progress on a terminal: the line per generation printed above a rich progress bar that
counts generations (the path logs and CI never take: there stderr is not a terminal and only the lines go)."""

from __future__ import annotations

import io
import sys

import pytest


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal and keeps what was written."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:  # rich asks for it when sizing the terminal; a real one would have one
        raise io.UnsupportedOperation


def test_on_a_terminal_each_generation_is_a_line_above_a_bar_that_counts_generations(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from wijksim.calibrate_report import Progress, progress_line
    from wijksim.wijk_commands import _progress_display

    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    monkeypatch.setenv("COLUMNS", "160")
    steps = [Progress(generation=g, generations=3, epsilon=2.0 / g, simulations=40 * g, acceptance=0.5,
                      elapsed=3.0 * g, left=3.0 * (3 - g) if g < 3 else None) for g in (1, 2, 3)]
    with _progress_display(3) as show:
        for p in steps:
            show(p)
    out = term.getvalue()
    for p in steps:
        assert progress_line(p) in out  # every generation's line, as logs show it
    assert "generation 3 of 3" in out and "done" in out
    assert "3/3" in out  # the bar, completed: it counted generations, not simulations
    assert out.index(progress_line(steps[0])) < out.rindex("3/3")


def test_not_on_a_terminal_only_the_lines_go(capsys: pytest.CaptureFixture[str]) -> None:
    from wijksim.calibrate_report import Progress, progress_line
    from wijksim.wijk_commands import _progress_display

    p = Progress(generation=1, generations=2, epsilon=1.5, simulations=30, acceptance=0.4, elapsed=2.0, left=2.0)
    with _progress_display(2) as show:
        show(p)
    assert capsys.readouterr().err == progress_line(p) + "\n"
