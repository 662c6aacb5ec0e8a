"""Comparing scenarios with common random numbers, and the bonus/malus measure, judged in windows.

Replicate ``k`` of every scenario runs with seed ``seed + k``: the same wijk, the same residents and
the same random streams, so the paired difference between two scenarios is the effect of what
differs between them, not noise (docs/ODD.md, design concepts: stochasticity).

Where the effect lives matters: a crime wave's malus is largest in the year after the wave and fades
later, so one end-of-run number can hide it. Outcomes are therefore judged in named **windows** of
weeks, inclusive at both ends (:func:`windows_for`):

- ``end``: the last 13 weeks (a quarter: weekly incident counts are small integers), always;
- ``wave``: from the first week any compared scenario's ``crime_wave`` is in force to the last week
  any is, and ``year_after``: the 52 weeks after that, clipped to the run — only when a compared
  scenario has a crime wave (found from intervention *types* and weeks, never from names);
- ``weeks_START_END``: any window the user asks for.

A **contrast** ``(scenario, reference)`` is one question "what does ``scenario`` change against
``reference``?" (:func:`contrasts`): by default every scenario against the first (the first against
itself too: its row carries its own means, differences zero by construction), plus any pair asked for.

Bonus/malus of a contrast in a window: per replicate, the mean over the window's weeks of incidents,
share feeling unsafe and share withdrawn; the paired difference (scenario − reference) averaged over
replicates, with a t-interval of that mean at ``level`` (95 % by default). Positive = the scenario is
less safe (malus), negative = safer (bonus). Each outcome has a margin, the smallest difference worth a
verdict (the registry's :attr:`wijksim.outputs.Output.margin`: 1 percentage point of a share, 2 % of the
reference's mean of a count). The verdict says *bonus* or *malus* only for an outcome whose interval
excludes zero and whose difference exceeds the margin; *negligible* when the whole interval lies within
± the margin; otherwise "no clear difference" (:func:`judge`, :func:`verdict`); a table says how many
judgements it made (:func:`tally_line`).

The CLI (``wijksim compare``), the UI's compare page and the workshop use these same functions.

The package, by concept: :mod:`.windows` (which weeks and which pairs are judged), :mod:`.runs` (paired
runs, posterior draws), :mod:`.pool` (the process pool; Ctrl-C in it) and :mod:`.verdicts` (window
means, intervals, the summary table, verdicts and their lines). Callers import from ``wijksim.compare``.
"""

from .runs import POSTERIOR_STREAM, draw_for_seed, posterior_draws, read_posterior, run_comparison, run_length
from .verdicts import (
    BONUS,
    BONUS_MALUS_OUTPUTS,
    DEFAULT_LEVEL,
    LEVEL_RANGE,
    MALUS,
    NEGLIGIBLE,
    UNCLEAR,
    WORDS,
    check_level,
    end_values,
    explanation,
    interval,
    judge,
    level_text,
    margin_text,
    paired_difference,
    paired_diffs,
    reference_line,
    row_margin,
    row_word,
    summarize,
    tally,
    tally_line,
    verdict,
    verdict_blocks,
    verdict_lines,
    window_values,
    window_word,
)
from .windows import (
    TAIL_WEEKS,
    WAVE_TYPE,
    WINDOW_ORDER,
    YEAR_WEEKS,
    CompareError,
    Window,
    contrasts,
    custom_window,
    parse_window,
    wave_weeks,
    windows_for,
)

__all__ = [
    "BONUS", "BONUS_MALUS_OUTPUTS", "DEFAULT_LEVEL", "LEVEL_RANGE", "MALUS", "NEGLIGIBLE", "POSTERIOR_STREAM",
    "TAIL_WEEKS", "UNCLEAR", "WAVE_TYPE", "WINDOW_ORDER", "WORDS", "YEAR_WEEKS", "CompareError", "Window",
    "check_level", "contrasts", "custom_window", "draw_for_seed", "end_values", "explanation", "interval", "judge",
    "level_text", "margin_text", "paired_difference", "paired_diffs", "parse_window", "posterior_draws",
    "read_posterior", "reference_line", "row_margin", "row_word", "run_comparison", "run_length", "summarize",
    "tally", "tally_line", "verdict", "verdict_blocks", "verdict_lines", "wave_weeks", "window_values",
    "window_word", "windows_for",
]
