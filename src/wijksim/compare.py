"""Comparing scenarios with common random numbers, and the bonus/malus measure.

Replicate ``k`` of every scenario runs with seed ``seed + k``: the same wijk, the same residents and
the same random streams, so the paired difference between two scenarios is the effect of what
differs between them, not noise (MODEL.md §4). The first scenario is the reference.

End-of-run value: the mean of the last ``tail`` weeks (13 by default, a quarter), because weekly
incident counts are small integers; shares and indices barely move within a quarter.

Bonus/malus: the paired difference (scenario − reference) of end-of-run incidents, share feeling
unsafe and share withdrawn, averaged over replicates, with a 90 % t-interval of that mean.
Positive = the scenario ends less safe than the reference (malus); negative = safer (bonus).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .metrics import ALL_COLUMNS
from .runner import run_scenario
from .scenarios import Scenario, ScenarioError

BONUS_MALUS_OUTPUTS: tuple[str, ...] = ("incidents", "share_unsafe", "share_withdrawn")
TAIL_WEEKS = 13


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


def run_comparison(scenarios: Sequence[tuple[str, Scenario]], replicates: int, seed: int, weeks: int | None = None,
                   workers: int | None = None, overrides: dict[str, Any] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Run every scenario ``replicates`` times with paired seeds; one long table of weekly rows."""
    lengths = {sc.weeks for _, sc in scenarios}
    if weeks is None and len(lengths) > 1:
        raise ScenarioError("the scenarios have different lengths (" + ", ".join(
            f"{label}: {sc.weeks}" for label, sc in scenarios) + "): give --weeks to compare them at equal length")
    n_weeks = weeks if weeks is not None else lengths.pop()
    for _, sc in scenarios:
        sc.check_weeks(n_weeks)
    jobs = [(label, sc, k, seed + k, n_weeks, overrides or {}) for label, sc in scenarios for k in range(replicates)]
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
    runs["_o"] = runs["scenario"].map(order)
    return runs.sort_values(["_o", "replicate", "week"]).drop(columns="_o").reset_index(drop=True)


def end_values(runs: pd.DataFrame, tail: int = TAIL_WEEKS) -> pd.DataFrame:
    """End-of-run value of every output per (scenario, replicate): the mean of the last ``tail`` weeks."""
    last = runs.groupby(["scenario", "replicate"])["week"].transform("max")
    end = runs[runs["week"] > last - tail]
    cols = [c for c in ALL_COLUMNS if c in runs.columns and c != "week"]
    return end.groupby(["scenario", "replicate"], sort=False)[cols].mean()


def paired_difference(values: pd.DataFrame, scenario: str, reference: str, column: str,
                      level: float = 0.90) -> tuple[float, float, float]:
    """Mean paired difference (scenario − reference) over replicates with a ``level`` t-interval."""
    a = values.loc[scenario, column]
    b = values.loc[reference, column]
    d = (a - b.reindex(a.index)).dropna().to_numpy()
    if len(d) == 0:
        return (float("nan"),) * 3
    mean = float(d.mean())
    if len(d) < 2 or d.std(ddof=1) == 0:
        return mean, mean, mean
    half = float(stats.t.ppf(0.5 + level / 2, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d)))
    return mean, mean - half, mean + half


def summarize(runs: pd.DataFrame, tail: int = TAIL_WEEKS) -> pd.DataFrame:
    """Per scenario: end-of-run mean and 90 % interval of each output, and bonus/malus vs the first."""
    values = end_values(runs, tail)
    scenarios = list(dict.fromkeys(runs["scenario"]))
    reference = scenarios[0]
    rows = []
    for sc in scenarios:
        v = values.loc[sc]
        row: dict[str, Any] = {"scenario": sc, "reference": reference, "replicates": len(v),
                               "weeks": int(runs.loc[runs["scenario"] == sc, "week"].max())}
        for out in BONUS_MALUS_OUTPUTS:
            mean, lo, hi = paired_difference(values, sc, reference, out)
            row[f"bonus_malus_{out}"] = mean
            row[f"bonus_malus_{out}_lo"] = lo
            row[f"bonus_malus_{out}_hi"] = hi
        for col in v.columns:
            x = v[col].to_numpy(dtype=float)
            row[f"{col}_mean"] = float(np.nanmean(x)) if np.isfinite(x).any() else float("nan")
            row[f"{col}_lo"] = float(np.nanquantile(x, 0.05)) if np.isfinite(x).any() else float("nan")
            row[f"{col}_hi"] = float(np.nanquantile(x, 0.95)) if np.isfinite(x).any() else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def verdict(row: pd.Series) -> str:
    """One plain sentence on a scenario's bonus or malus against the reference."""
    if row["scenario"] == row["reference"]:
        return "reference"
    parts = []
    for out, name in (("incidents", "incidents/week"), ("share_unsafe", "feeling unsafe"),
                      ("share_withdrawn", "withdrawn")):
        m, lo, hi = row[f"bonus_malus_{out}"], row[f"bonus_malus_{out}_lo"], row[f"bonus_malus_{out}_hi"]
        scale, unit = (1.0, "") if out == "incidents" else (100.0, " pp")
        sure = "" if (lo > 0 or hi < 0) else " (not significant)"
        tag = "bonus" if m < 0 else "malus"
        parts.append(f"{name} {m * scale:+.2f}{unit} [{lo * scale:+.2f}, {hi * scale:+.2f}] {tag}{sure}")
    return "; ".join(parts)
