"""Numbers and words: window means, paired differences with t-intervals, the summary table, and the
verdicts with their lines for the terminal and figures. How each output is named and scaled in a verdict,
and its smallest difference worth a verdict (its margin), are the registry's (:mod:`wijksim.outputs`).

The rule (:func:`judge`): *bonus* / *malus* only when the interval excludes zero **and** the estimate
exceeds the margin; *negligible* when the whole interval lies within ± the margin; otherwise *no clear
difference*. With common random numbers the intervals are narrow, so without a margin a change too
small to matter (``habit`` + 0.0003) was called a bonus; a table also says how many judgements it made
(:func:`tally_line`), since at 95 % about one in twenty intervals excludes zero by chance alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..metrics import ALL_COLUMNS, YOUTH_COLUMNS
from ..outputs import output
from .windows import TAIL_WEEKS, WINDOW_ORDER, CompareError, Window

#: the outputs a verdict judges: for each of them lower is better (the registry says so, a test checks),
#: so a positive difference is a malus
BONUS_MALUS_OUTPUTS: tuple[str, ...] = ("incidents", "share_unsafe", "share_withdrawn")
#: the verdict words, in the order a line and a tally name them
BONUS, MALUS, NEGLIGIBLE, UNCLEAR = "bonus", "malus", "negligible", "no clear difference"
WORDS: tuple[str, ...] = (MALUS, BONUS, NEGLIGIBLE, UNCLEAR)
DEFAULT_LEVEL = 0.95
LEVEL_RANGE = (0.5, 0.999)


# --- numbers -------------------------------------------------------------------------------------
def window_values(runs: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Every output's mean over the window's weeks, per (scenario, replicate)."""
    sub = runs[(runs["week"] >= window.first) & (runs["week"] <= window.last)]
    cols = [c for c in ALL_COLUMNS + YOUTH_COLUMNS if c in runs.columns and c != "week"]  # youth: if simulated
    return sub.groupby(["scenario", "replicate"], sort=False)[cols].mean()


def end_values(runs: pd.DataFrame, tail: int = TAIL_WEEKS) -> pd.DataFrame:
    """End-of-run value of every output per (scenario, replicate): the mean of the last ``tail`` weeks."""
    last = runs.groupby(["scenario", "replicate"])["week"].transform("max")
    end = runs[runs["week"] > last - tail]
    cols = [c for c in ALL_COLUMNS + YOUTH_COLUMNS if c in runs.columns and c != "week"]  # youth: if simulated
    return end.groupby(["scenario", "replicate"], sort=False)[cols].mean()


def paired_diffs(values: pd.DataFrame, scenario: str, reference: str, column: str) -> np.ndarray:
    """Per replicate present in both (and finite in both): scenario − reference."""
    a = values.loc[scenario, column]
    b = values.loc[reference, column]
    return (a - b.reindex(a.index)).dropna().to_numpy(dtype=float)


def interval(d: np.ndarray, level: float = DEFAULT_LEVEL) -> tuple[float, float, float]:
    """Mean of paired differences and its two-sided ``level`` t-interval.

    With fewer than two pairs there is no interval (NaN bounds: never a verdict); when every pair
    differs by the same amount (e.g. identical scenarios) the interval is that single value."""
    if len(d) == 0:
        return (float("nan"),) * 3
    mean = float(d.mean())
    if len(d) < 2:
        return mean, float("nan"), float("nan")
    sd = float(d.std(ddof=1))
    if sd == 0:
        return mean, mean, mean
    half = float(stats.t.ppf(0.5 + level / 2, len(d) - 1) * sd / np.sqrt(len(d)))
    return mean, mean - half, mean + half


def paired_difference(values: pd.DataFrame, scenario: str, reference: str, column: str,
                      level: float = DEFAULT_LEVEL) -> tuple[float, float, float]:
    """Mean paired difference (scenario − reference) over replicates with a ``level`` t-interval."""
    return interval(paired_diffs(values, scenario, reference, column), level)


def check_level(level: float) -> float:
    """The interval level as a fraction (0.95); refuse what is not a usable confidence level."""
    lo, hi = LEVEL_RANGE
    if not (isinstance(level, int | float) and lo <= level <= hi):
        raise CompareError(f"--level {level} is invalid: allowed {lo} to {hi} (e.g. 0.95 for a 95 % interval)")
    return float(level)


def _stats(x: np.ndarray) -> tuple[float, float, float]:
    if not np.isfinite(x).any():
        return (float("nan"),) * 3
    return float(np.nanmean(x)), float(np.nanquantile(x, 0.05)), float(np.nanquantile(x, 0.95))


def summarize(runs: pd.DataFrame, windows: Sequence[Window] | None = None,
              contrasts: Sequence[tuple[str, str]] | None = None, level: float = DEFAULT_LEVEL) -> pd.DataFrame:
    """One row per contrast and window: where (``window``, ``week_from``, ``week_to``), the bonus/malus
    ``bonus_malus_<output>`` with its ``_lo``/``_hi`` interval at ``level`` over ``pairs`` paired
    replicates and its ``margin_<output>`` (the registry's margin in the output's units, a relative one
    taken of the reference arm's window mean), both scenarios' window means of those outputs
    (``<output>_mean`` for the scenario, ``reference_<output>_mean``), and the scenario's mean and 5–95 %
    replicate range of every output.

    Without ``windows`` only ``end`` (the last 13 weeks); without ``contrasts`` every scenario
    against the first. Rows come contrast by contrast, windows in the order given."""
    check_level(level)
    names = list(dict.fromkeys(runs["scenario"]))
    n_weeks = int(runs["week"].max())
    if windows is None:
        windows = [Window("end", max(1, n_weeks - TAIL_WEEKS + 1), n_weeks)]
    if contrasts is None:
        contrasts = [(n, names[0]) for n in names]
    for sc, ref in contrasts:
        for n in (sc, ref):
            if n not in names:
                raise CompareError(f"contrast {sc}:{ref}: no runs of {n!r} (have: {', '.join(names)})")
    weeks_of = runs.groupby("scenario")["week"].max()
    reps_of = runs.groupby("scenario")["replicate"].nunique()
    rows = []
    values = {w.name: window_values(runs, w) for w in windows}
    for sc, ref in contrasts:
        for w in windows:
            v = values[w.name]
            if sc not in v.index.get_level_values(0) or ref not in v.index.get_level_values(0):
                raise CompareError(f"window {w.label()}: no recorded weeks in the runs (1 to {n_weeks})")
            row: dict[str, Any] = {"scenario": sc, "reference": ref, "window": w.name, "week_from": w.first,
                                   "week_to": w.last, "level": level}
            pairs = 0
            for out in BONUS_MALUS_OUTPUTS:
                d = paired_diffs(v, sc, ref, out)
                pairs = max(pairs, len(d))
                mean, lo, hi = interval(d, level)
                row[f"bonus_malus_{out}"] = mean
                row[f"bonus_malus_{out}_lo"] = lo
                row[f"bonus_malus_{out}_hi"] = hi
                ref_mean = _stats(v.loc[ref, out].to_numpy(dtype=float))[0]
                row[f"margin_{out}"] = output(out).margin.absolute(ref_mean)
            row["pairs"] = pairs
            row["replicates"] = int(reps_of[sc])
            row["weeks"] = int(weeks_of[sc])
            for out in BONUS_MALUS_OUTPUTS:
                row[f"reference_{out}_mean"] = _stats(v.loc[ref, out].to_numpy(dtype=float))[0]
            mine = v.loc[sc]
            for col in mine.columns:
                row[f"{col}_mean"], row[f"{col}_lo"], row[f"{col}_hi"] = _stats(mine[col].to_numpy(dtype=float))
            rows.append(row)
    return pd.DataFrame(rows)


# --- verdicts ------------------------------------------------------------------------------------
def judge(mean: float, lo: float, hi: float, margin: float) -> str:
    """The verdict on one paired difference (positive = less safe) with its interval and ``margin``:

    - "malus" / "bonus": the interval lies wholly above / below zero **and** ``|mean|`` exceeds the margin;
    - "negligible": the whole interval lies within ± the margin (bounds included);
    - "no clear difference": anything else, and always without an interval (NaN bounds).

    The first two exclude each other (the mean lies inside its interval). A margin of zero (a relative
    margin of a reference whose mean is zero) is the plain interval rule."""
    if any(np.isnan(x) for x in (mean, lo, hi, margin)):
        return UNCLEAR
    if lo > 0 and mean > margin:
        return MALUS
    if hi < 0 and mean < -margin:
        return BONUS
    if -margin <= lo and hi <= margin:
        return NEGLIGIBLE
    return UNCLEAR


def row_margin(row: pd.Series | dict[str, Any], out: str) -> float:
    """A summary row's margin of ``out`` in stored units: its ``margin_<out>`` column, or (a row from before
    margins were recorded) the registry's margin of the row's ``reference_<out>_mean``."""
    if f"margin_{out}" in row:
        return float(row[f"margin_{out}"])
    m = output(out).margin
    return m.absolute(float(row[f"reference_{out}_mean"])) if m.relative else m.value


def row_word(row: pd.Series | dict[str, Any], out: str) -> str:
    """The verdict word of ``out`` in a summary row (:func:`judge` with the row's margin)."""
    m, lo, hi = (float(row[f"bonus_malus_{out}{s}"]) for s in ("", "_lo", "_hi"))
    return judge(m, lo, hi, row_margin(row, out))


def _number(out: str, m: float, lo: float, hi: float) -> str:
    o = output(out)
    name, scale, unit = o.verdict, o.scale, " pp" if o.percent else ""
    if np.isnan(m):
        return f"{name} n/a"
    ci = "no interval" if np.isnan(lo) else f"[{lo * scale:+.2f}, {hi * scale:+.2f}]"
    return f"{name} {m * scale:+.2f}{unit} {ci}"


def verdict(row: pd.Series | dict[str, Any]) -> str:
    """One window's verdict on a contrast in plain words: ``malus in withdrawn +1.62 pp [+1.10, +2.14];
    negligible in feeling unsafe +0.30 pp [-0.20, +0.80], ...``. Bonus or malus is said only for an
    output whose interval excludes zero and whose difference exceeds its margin (:func:`judge`)."""
    if row["scenario"] == row["reference"]:
        return "reference"
    groups: dict[str, list[str]] = {w: [] for w in WORDS}
    for out in BONUS_MALUS_OUTPUTS:
        m, lo, hi = (float(row[f"bonus_malus_{out}{s}"]) for s in ("", "_lo", "_hi"))
        groups[row_word(row, out)].append(_number(out, m, lo, hi))
    return "; ".join(f"{word} in {', '.join(items)}" for word, items in groups.items() if items)


def window_word(row: pd.Series | dict[str, Any]) -> str:
    """The window's one-word verdict: malus, bonus, "malus and bonus", "negligible" (every output) or
    "no clear difference"."""
    words = {row_word(row, o) for o in BONUS_MALUS_OUTPUTS}
    clear = [w for w in (MALUS, BONUS) if w in words]
    if clear:
        return " and ".join(clear)
    return NEGLIGIBLE if words == {NEGLIGIBLE} else UNCLEAR


def tally(summary: pd.DataFrame) -> dict[str, int]:
    """How many judgements a table makes (every output of every contrast row in every window; a scenario
    against itself is no judgement), by word in :data:`WORDS` order."""
    counts = dict.fromkeys(WORDS, 0)
    for _, row in summary.iterrows():
        if row["scenario"] != row["reference"]:
            for out in BONUS_MALUS_OUTPUTS:
                counts[row_word(row, out)] += 1
    return counts


def tally_line(summary: pd.DataFrame) -> str:
    """``24 judgements: 3 bonus, 1 malus, 12 negligible, 8 no clear difference``: the more judgements,
    the more intervals exclude zero by chance (about one in twenty at 95 %)."""
    counts = tally(summary)
    n = sum(counts.values())
    parts = ", ".join(f"{counts[w]} {w}" for w in (BONUS, MALUS, NEGLIGIBLE, UNCLEAR))
    return f"{n} judgement{'' if n == 1 else 's'}: {parts}"


def margin_text(out: str) -> str:
    """An output's margin as a verdict line names it: ``1 pp``, ``2 % of the reference's mean``."""
    o = output(out)
    m = o.margin
    if m.relative:
        return f"{m.value * 100:g} % of the reference's mean"
    return f"{m.value * o.scale:g}{' pp' if o.percent else ''}"


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    rank = {n: i for i, n in enumerate(WINDOW_ORDER)}
    return rows.assign(_r=[rank.get(w, len(rank)) for w in rows["window"]]).sort_values("_r", kind="stable")


def level_text(level: float) -> str:
    return f"{level * 100:g} %"


def _contrast_parts(summary: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Per contrast (not the first against itself): its heading and one ``window: verdict`` text per
    window, ``year_after`` first."""
    out = []
    for (sc, ref), rows in summary.groupby(["scenario", "reference"], sort=False):
        if sc == ref:
            continue
        parts = []
        for _, row in _ordered(rows).iterrows():
            where = Window(str(row["window"]), int(row["week_from"]), int(row["week_to"])).label()
            parts.append(f"{where}: {verdict(row)}")
        first = rows.iloc[0]
        head = f"{sc} vs {ref} ({int(first['pairs'])} paired replicates, {level_text(float(first['level']))} intervals)"
        out.append((head, parts))
    return out


def verdict_lines(summary: pd.DataFrame) -> list[str]:
    """One line per contrast (the first scenario against itself is left out), ``year_after`` first:
    ``B vs A (24 paired replicates, 95 % intervals): year_after (weeks 42-93): malus in ... | wave ...``."""
    return [f"{head}: " + " | ".join(parts) for head, parts in _contrast_parts(summary)]


def verdict_blocks(summary: pd.DataFrame) -> list[str]:
    """The same verdicts for a figure: each contrast's heading, then one indented line per window."""
    return [line for head, parts in _contrast_parts(summary) for line in (head + ":", *(f"  {p}" for p in parts))]


def reference_line(summary: pd.DataFrame) -> str | None:
    """The first scenario's own window means, as context for the contrasts against it."""
    own = summary[summary["scenario"] == summary["reference"]]
    if own.empty:
        return None
    rows = _ordered(own[own["scenario"] == own["scenario"].iloc[0]])
    parts = []
    for _, row in rows.iterrows():
        w = Window(str(row["window"]), int(row["week_from"]), int(row["week_to"])).label()
        vals = ", ".join(f"{output(o).verdict} {row[f'{o}_mean'] * output(o).scale:.2f}"
                         f"{' %' if output(o).percent else ''}" for o in BONUS_MALUS_OUTPUTS)
        parts.append(f"{w}: {vals}")
    return f"{rows['scenario'].iloc[0]} (reference, mean of {int(rows['replicates'].iloc[0])} replicates): " \
           + " | ".join(parts)


def explanation(level: float) -> str:
    """What the numbers in a verdict line are (printed once above the lines)."""
    margins = "; ".join(f"{output(o).verdict} {margin_text(o)}" for o in BONUS_MALUS_OUTPUTS)
    return (f"Bonus/malus = paired difference (scenario minus reference) of the window mean, averaged over "
            f"paired replicates, with its {level_text(level)} t-interval; + is less safe (malus), - safer "
            "(bonus), named only when the interval excludes zero and the difference exceeds the output's margin "
            f"({margins}); negligible when the whole interval lies within +/- the margin; otherwise no clear "
            "difference.")
