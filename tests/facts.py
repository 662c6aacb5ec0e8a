"""Shared helpers for the statistical tests: paired runs over many seeds, windows, paired t-tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from wijksim.compare import run_comparison
from wijksim.scenarios import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def scenario(name: str, **changes: Any) -> Scenario:
    """A shipped scenario, optionally with some top-level fields changed (e.g. weeks)."""
    sc = load_scenario(SCENARIOS / f"{name}.toml")
    return sc.model_copy(update=changes) if changes else sc


def paired_runs(scenarios: dict[str, Scenario], seeds: int, seed: int = 1000, weeks: int | None = None,
                overrides: dict[str, Any] | None = None) -> pd.DataFrame:
    """Every scenario with the same seeds (common random numbers), in parallel processes."""
    return run_comparison(list(scenarios.items()), replicates=seeds, seed=seed, weeks=weeks, workers=2,
                          overrides=overrides)


def window(runs: pd.DataFrame, name: str, col: str, lo: int, hi: int) -> np.ndarray:
    """Per-replicate mean of ``col`` over weeks lo < week <= hi, ordered by replicate."""
    sub = runs[(runs["scenario"] == name) & (runs["week"] > lo) & (runs["week"] <= hi)]
    return sub.groupby("replicate")[col].mean().sort_index().to_numpy()


def paired(runs: pd.DataFrame, a: str, b: str, col: str, lo: int, hi: int) -> tuple[float, float]:
    """Mean paired difference a − b over replicates and its two-sided paired t-test p-value."""
    x, y = window(runs, a, col, lo, hi), window(runs, b, col, lo, hi)
    d = x - y
    if np.allclose(d, 0):
        return 0.0, 1.0
    return float(d.mean()), float(stats.ttest_rel(x, y).pvalue)


def greater(runs: pd.DataFrame, a: str, b: str, col: str, lo: int, hi: int, alpha: float = 0.05) -> bool:
    """Is ``col`` in ``a`` significantly greater than in ``b`` (paired, one-sided)?"""
    diff, p = paired(runs, a, b, col, lo, hi)
    return diff > 0 and p / 2 < alpha


def ci95(runs: pd.DataFrame, a: str, b: str, col: str, lo: int, hi: int,
         rel: bool = False) -> tuple[float, float, float]:
    """Mean paired difference a − b of the window means and its 95 % t-interval; with ``rel`` divided by
    the mean of b (a relative effect whose interval is that of the paired difference)."""
    x, y = window(runs, a, col, lo, hi), window(runs, b, col, lo, hi)
    d = x - y
    m = float(d.mean())
    half = float(stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d)))
    scale = float(y.mean()) if rel else 1.0
    return m / scale, (m - half) / scale, (m + half) / scale
