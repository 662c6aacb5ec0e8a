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
less safe (malus), negative = safer (bonus). The verdict says *bonus* or *malus* only for an outcome
whose interval excludes zero; otherwise "no clear difference" (:func:`verdict`).

The CLI (``wijksim compare``), the UI's compare page and the workshop use these same functions.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from .metrics import ALL_COLUMNS
from .runner import run_scenario
from .scenarios import Scenario, ScenarioError

BONUS_MALUS_OUTPUTS: tuple[str, ...] = ("incidents", "share_unsafe", "share_withdrawn")
#: how each bonus/malus output is named and scaled in verdicts: (name, factor, unit)
OUTPUT_TEXT: dict[str, tuple[str, float, str]] = {
    "incidents": ("incidents/week", 1.0, ""),
    "share_unsafe": ("feeling unsafe", 100.0, " pp"),
    "share_withdrawn": ("withdrawn", 100.0, " pp"),
}
TAIL_WEEKS = 13  # the ``end`` window: a quarter
YEAR_WEEKS = 52  # the ``year_after`` window
DEFAULT_LEVEL = 0.95
LEVEL_RANGE = (0.5, 0.999)
WAVE_TYPE = "crime_wave"  # the intervention type whose weeks define ``wave`` and ``year_after``
POSTERIOR_STREAM = 0x9057  # the key of the posterior-draw generator beside a run's seed (its own stream)
#: the order windows are reported in: the year after the wave is the headline (where a malus lives)
WINDOW_ORDER: tuple[str, ...] = ("year_after", "wave", "end")


class CompareError(ValueError):
    """A bad window, pair or level: one clear line for the user (the CLI exits with code 2)."""


class Window(NamedTuple):
    """A named span of recorded weeks, ``first`` to ``last`` inclusive (week 1 = first after burn-in).

    A plain tuple ``(name, first, last)``, so figures and the UI can take it without importing this module."""

    name: str
    first: int
    last: int

    @property
    def weeks(self) -> int:
        return self.last - self.first + 1

    def label(self) -> str:
        """``year_after (weeks 42-93)``: plain ASCII, so it prints on any terminal."""
        return f"{self.name} (weeks {self.first}-{self.last})"


# --- runs ----------------------------------------------------------------------------------------
def _start_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (a single-threaded caller, e.g. a plain script: no ``__main__`` guard
    needed); forkserver from a multi-threaded caller such as the UI server, where fork can deadlock."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")


def _one(args: tuple[str, Scenario, int, int, int, dict[str, Any]]) -> pd.DataFrame:
    label, sc, rep, seed, weeks, overrides = args
    ts = run_scenario(sc, seed=seed, weeks=weeks, overrides=overrides)
    ts.insert(0, "seed", seed)
    ts.insert(0, "replicate", rep)
    ts.insert(0, "scenario", label)
    return ts


def run_length(scenarios: Sequence[tuple[str, Scenario]], weeks: int | None = None) -> int:
    """The common run length: ``weeks`` if given, else the scenarios' own (which must then agree).

    Known before any run, so windows can be checked against it before anything is computed."""
    lengths = {sc.weeks for _, sc in scenarios}
    if weeks is None and len(lengths) > 1:
        raise ScenarioError("the scenarios have different lengths (" + ", ".join(
            f"{label}: {sc.weeks}" for label, sc in scenarios) + "): give --weeks to compare them at equal length")
    n_weeks = weeks if weeks is not None else lengths.pop()
    for _, sc in scenarios:
        sc.check_weeks(n_weeks)
    return n_weeks


def run_comparison(scenarios: Sequence[tuple[str, Scenario]], replicates: int, seed: int, weeks: int | None = None,
                   workers: int | None = None, overrides: dict[str, Any] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   posterior: pd.DataFrame | None = None) -> pd.DataFrame:
    """Run every scenario ``replicates`` times with paired seeds; one long table of weekly rows.

    With ``posterior`` (a calibration's ``posterior.parquet``: a column per parameter and ``weight``),
    replicate ``k`` also draws one parameter set from it — the same draw for every scenario of that
    replicate, so the pairs stay paired — and the intervals then carry what the calibration left
    uncertain as well as chance. The draws are columns ``posterior_<parameter>`` of the result."""
    n_weeks = run_length(scenarios, weeks)
    draws = posterior_draws(posterior, replicates, seed) if posterior is not None else [{}] * replicates
    jobs = [(label, sc, k, seed + k, n_weeks, {**(overrides or {}), **draws[k]})
            for label, sc in scenarios for k in range(replicates)]
    results: list[pd.DataFrame] = []
    if workers == 1 or len(jobs) == 1:
        for i, job in enumerate(jobs):
            results.append(_one(job))
            if progress:
                progress(i + 1, len(jobs))
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_start_context()) as pool:
            futures = [pool.submit(_one, job) for job in jobs]
            for i, fut in enumerate(as_completed(futures)):
                results.append(fut.result())
                if progress:
                    progress(i + 1, len(jobs))
    order = {label: i for i, (label, _) in enumerate(scenarios)}
    runs = pd.concat(results, ignore_index=True)
    for name in draws[0]:
        runs[f"posterior_{name}"] = runs["replicate"].map({k: d[name] for k, d in enumerate(draws)})
    runs["_o"] = runs["scenario"].map(order)
    return runs.sort_values(["_o", "replicate", "week"]).drop(columns="_o").reset_index(drop=True)


def read_posterior(path: str | Path) -> pd.DataFrame:
    """A calibration's ``posterior.parquet``, checked: a ``weight`` column and registry parameters whose
    values the registry accepts (raises :class:`CompareError` with one line)."""
    from .posterior_file import load_posterior

    return load_posterior(path, CompareError)


def posterior_draws(posterior: pd.DataFrame, replicates: int, seed: int) -> list[dict[str, Any]]:
    """One parameter set per replicate, drawn by weight; replicate ``k``'s draw depends only on
    ``seed + k`` (the replicate's own seed), so adding replicates keeps the earlier ones."""
    records = posterior.to_dict("records")
    return [draw_for_seed(records, seed + k) for k in range(replicates)]


def draw_for_seed(records: Sequence[dict[str, Any]], seed: int) -> dict[str, Any]:
    """The posterior particle (a dict with ``weight``) that a run with ``seed`` uses, chosen by weight from
    a generator of its own keyed by the seed: every run with that seed draws the same set, whatever else
    is computed (a comparison's scenarios, a sweep's design points under common random numbers)."""
    from .params import PARAMS

    w = np.array([float(r["weight"]) for r in records])
    cum = np.cumsum(w / w.sum())
    u = np.random.default_rng(np.random.SeedSequence([seed, POSTERIOR_STREAM])).random()
    row = records[min(int(np.searchsorted(cum, u, side="right")), len(cum) - 1)]
    return {n: (round(float(v)) if PARAMS[n].kind == "int" else float(v)) for n, v in row.items() if n != "weight"}


# --- windows -------------------------------------------------------------------------------------
def wave_weeks(scenario: Scenario, weeks: int) -> list[tuple[int, int]]:
    """The recorded weeks in which each of the scenario's crime waves is in force, clipped to the run.

    Follows the timeline's rule (:mod:`wijksim.interventions`): ``start = s`` is in force from week
    ``max(s, 1)`` (0 and none both mean the first week), and with ``weeks = d`` through week
    ``max(s, 1) + d − 1``; without ``weeks`` to the end of the run."""
    spans = []
    for iv in scenario.interventions:
        if iv.type != WAVE_TYPE:
            continue
        first = max(int(iv.start or 0), 1)
        last = weeks if iv.weeks is None else first + int(iv.weeks) - 1
        if first <= weeks:
            spans.append((first, min(last, weeks)))
    return spans


def _scenario_list(scenarios: Iterable[Scenario | tuple[str, Scenario]]) -> list[Scenario]:
    return [s[1] if isinstance(s, tuple) else s for s in scenarios]


def custom_window(first: int, last: int, weeks: int, text: str | None = None) -> Window:
    """``weeks_FIRST_LAST``, checked against the run (``text`` is how the user wrote it, for the message)."""
    shown = text if text is not None else f"{first}:{last}"
    allowed = f"allowed START:END, whole weeks with 1 <= START <= END <= {weeks} (the run's last week)"
    if first > last:
        raise CompareError(f"--window {shown} is invalid: the start ({first}) is after the end ({last}); {allowed}")
    if first < 1 or last > weeks:
        raise CompareError(f"--window {shown} is invalid: outside the run; {allowed}")
    return Window(f"weeks_{first}_{last}", first, last)


_WINDOW_TEXT = re.compile(r"^\s*(-?\d+)\s*:\s*(-?\d+)\s*$")


def parse_window(text: str, weeks: int) -> Window:
    """``"START:END"`` (the CLI's ``--window``) as a checked :class:`Window`."""
    m = _WINDOW_TEXT.match(text)
    if not m:
        raise CompareError(f"--window {text!r} is invalid: expected START:END, two whole week numbers with "
                           f"1 <= START <= END <= {weeks} (the run's last week), e.g. 42:93")
    return custom_window(int(m.group(1)), int(m.group(2)), weeks, text)


def windows_for(scenarios: Iterable[Scenario | tuple[str, Scenario]], weeks: int,
                extra: Sequence[str | tuple[int, int] | Window] = ()) -> list[Window]:
    """The windows a comparison is judged in, in reporting order: ``year_after``, ``wave``, ``end``,
    then the ``extra`` ones (``"START:END"`` text, ``(start, end)`` or a :class:`Window`) as given.

    ``wave`` and ``year_after`` come from the weeks of every compared scenario's ``crime_wave``
    interventions (their type, not the scenario's name); ``year_after`` is left out when the wave
    lasts to the end of the run. Repeated custom windows are kept once."""
    if weeks < 1:
        raise CompareError(f"a comparison needs at least one week (got {weeks})")
    spans = [s for sc in _scenario_list(scenarios) for s in wave_weeks(sc, weeks)]
    found: list[Window] = []
    if spans:
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        if last < weeks:
            found.append(Window("year_after", last + 1, min(last + YEAR_WEEKS, weeks)))
        found.append(Window("wave", first, last))
    found.append(Window("end", max(1, weeks - TAIL_WEEKS + 1), weeks))
    for e in extra:
        if isinstance(e, Window):
            w = custom_window(e.first, e.last, weeks)
        elif isinstance(e, str):
            w = parse_window(e, weeks)
        else:
            w = custom_window(int(e[0]), int(e[1]), weeks)
        if w.name not in {f.name for f in found}:
            found.append(w)
    return found


# --- contrasts -----------------------------------------------------------------------------------
def _split_pair(text: str, names: Sequence[str]) -> tuple[str, str]:
    """``"B:A"`` into (B, A); names may themselves hold ``:``, so every split is tried."""
    known = ", ".join(names)
    cuts = [i for i, ch in enumerate(text) if ch == ":"]
    if not cuts:
        raise CompareError(f"--pair {text!r} is invalid: expected SCENARIO:REFERENCE (names as printed: {known})")
    for i in cuts:
        b, a = text[:i].strip(), text[i + 1:].strip()
        if b in names and a in names:
            return b, a
    b, a = text[:cuts[0]].strip(), text[cuts[0] + 1:].strip()
    unknown = [n for n in (b, a) if n not in names] or [text]
    raise CompareError(f"--pair {text}: unknown scenario {unknown[0]!r}; allowed names (as printed): {known}")


def contrasts(names: Sequence[str], pairs: Sequence[str | tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """The contrasts ``(scenario, reference)`` to judge: every scenario against the first (the first
    against itself carries its own means), then each pair asked for (``"B:A"`` or ``(B, A)``: B − A).

    A pair of a scenario with itself, or with a name not compared, is refused (:class:`CompareError`);
    a pair that repeats a default contrast is kept once."""
    names = list(names)
    if not names:
        raise CompareError("a comparison needs at least one scenario")
    out = [(n, names[0]) for n in names]
    for p in pairs:
        if isinstance(p, str):
            b, a = _split_pair(p, names)
            shown = p
        else:
            b, a = p
            shown = f"{b}:{a}"
            for n in (b, a):
                if n not in names:
                    raise CompareError(f"--pair {shown}: unknown scenario {n!r}; allowed names (as printed): "
                                       + ", ".join(names))
        if a == b:
            raise CompareError(f"--pair {shown} is invalid: a scenario against itself has no difference; "
                               "give two different scenarios, SCENARIO:REFERENCE")
        if (b, a) not in out:
            out.append((b, a))
    return out


# --- numbers -------------------------------------------------------------------------------------
def window_values(runs: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Every output's mean over the window's weeks, per (scenario, replicate)."""
    sub = runs[(runs["week"] >= window.first) & (runs["week"] <= window.last)]
    cols = [c for c in ALL_COLUMNS if c in runs.columns and c != "week"]
    return sub.groupby(["scenario", "replicate"], sort=False)[cols].mean()


def end_values(runs: pd.DataFrame, tail: int = TAIL_WEEKS) -> pd.DataFrame:
    """End-of-run value of every output per (scenario, replicate): the mean of the last ``tail`` weeks."""
    last = runs.groupby(["scenario", "replicate"])["week"].transform("max")
    end = runs[runs["week"] > last - tail]
    cols = [c for c in ALL_COLUMNS if c in runs.columns and c != "week"]
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
    replicates, both scenarios' window means of those outputs (``<output>_mean`` for the scenario,
    ``reference_<output>_mean``), and the scenario's mean and 5–95 % replicate range of every output.

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
def judge(mean: float, lo: float, hi: float) -> str:
    """"malus" / "bonus" when the interval lies wholly above / below zero, else "no clear difference"."""
    if lo > 0:
        return "malus"
    if hi < 0:
        return "bonus"
    return "no clear difference"


def _number(out: str, m: float, lo: float, hi: float) -> str:
    name, scale, unit = OUTPUT_TEXT[out]
    if np.isnan(m):
        return f"{name} n/a"
    ci = "no interval" if np.isnan(lo) else f"[{lo * scale:+.2f}, {hi * scale:+.2f}]"
    return f"{name} {m * scale:+.2f}{unit} {ci}"


def verdict(row: pd.Series | dict[str, Any]) -> str:
    """One window's verdict on a contrast in plain words: ``malus in withdrawn +1.62 pp [+1.10, +2.14];
    no clear difference in feeling unsafe +0.30 pp [-0.20, +0.80], ...``. Bonus or malus is said
    only for an output whose interval excludes zero."""
    if row["scenario"] == row["reference"]:
        return "reference"
    groups: dict[str, list[str]] = {"malus": [], "bonus": [], "no clear difference": []}
    for out in BONUS_MALUS_OUTPUTS:
        m, lo, hi = (float(row[f"bonus_malus_{out}{s}"]) for s in ("", "_lo", "_hi"))
        groups[judge(m, lo, hi)].append(_number(out, m, lo, hi))
    return "; ".join(f"{word} in {', '.join(items)}" for word, items in groups.items() if items)


def window_word(row: pd.Series | dict[str, Any]) -> str:
    """The window's one-word verdict: malus, bonus, "malus and bonus" or "no clear difference"."""
    words = {judge(*(float(row[f"bonus_malus_{o}{s}"]) for s in ("", "_lo", "_hi"))) for o in BONUS_MALUS_OUTPUTS}
    clear = [w for w in ("malus", "bonus") if w in words]
    return " and ".join(clear) if clear else "no clear difference"


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
        vals = ", ".join(f"{OUTPUT_TEXT[o][0]} {row[f'{o}_mean'] * (1 if o == 'incidents' else 100):.2f}"
                         f"{'' if o == 'incidents' else ' %'}" for o in BONUS_MALUS_OUTPUTS)
        parts.append(f"{w}: {vals}")
    return f"{rows['scenario'].iloc[0]} (reference, mean of {int(rows['replicates'].iloc[0])} replicates): " \
           + " | ".join(parts)


def explanation(level: float) -> str:
    """What the numbers in a verdict line are (printed once above the lines)."""
    return (f"Bonus/malus = paired difference (scenario minus reference) of the window mean, averaged over "
            f"paired replicates, with its {level_text(level)} t-interval; + is less safe (malus), - safer "
            "(bonus), named only when the interval excludes zero.")
