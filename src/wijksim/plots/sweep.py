"""The figures of a sweep's analysis (``wijksim analyze``): ``lines.png`` of a grid (:func:`sweep_lines`) and
``scatter.png`` of a Latin hypercube (:func:`sweep_scatter`).

They take tables and readable names and return a :class:`~matplotlib.figure.Figure`; the analysis
(:mod:`wijksim.sweep.analysis`) computes the tables, the rank correlations and the names (it may import
this package; this package imports nothing of the sweep, so no import circle). Outputs of the registry are
drawn in their shown unit (shares in %) on a y-axis no narrower than their minimum span
(:func:`~wijksim.plots.panels.y_limits`): a flat response looks flat, not like a trend.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..outputs import BY_NAME
from .panels import y_limits

#: design points per trend bin of :func:`sweep_scatter` (a factor with fewer distinct values: one per value)
TREND_BINS = 10


def _scale(col: str) -> float:
    out = BY_NAME.get(col)
    return out.scale if out is not None else 1.0


def _set_ylim(ax: Any, col: str, values: Sequence[Any]) -> None:
    """The y-axis of an output of the registry from :func:`y_limits` (its shown unit); others keep theirs."""
    if col in BY_NAME:
        low, high = y_limits([col], values)
        ax.set_ylim(low * _scale(col), high * _scale(col))


def _grid_of(n: int, width: float, height: float) -> tuple[Figure, list[Any]]:
    cols = min(n, 3)
    rows = int(np.ceil(n / cols))
    fig = Figure(figsize=(width * cols, height * rows + 0.6), layout="constrained")
    axes = list(np.ravel(fig.subplots(rows, cols, squeeze=False)))
    for ax in axes[n:]:
        ax.set_visible(False)
    return fig, axes


def sweep_lines(summary: pd.DataFrame, outputs: Sequence[str], x: str, hue: str | None,
                names: Mapping[str, str], title: str) -> Figure:
    """Each output against factor ``x`` (mean over replicates per design point), one line per level of
    ``hue``; a 95 % confidence band only where design points have 2 or more replicates (``n``), and the
    caption says which. ``summary`` is :func:`wijksim.sweep.analysis.point_summary`'s table; ``names``
    gives the readable name of every factor and output (the raw name where it has none)."""
    fig, axes = _grid_of(len(outputs), 4.2, 3.1)
    banded = bool(len(summary)) and int(summary["n"].min()) >= 2
    numeric = pd.api.types.is_numeric_dtype(summary[x]) and not pd.api.types.is_bool_dtype(summary[x])
    for ax, o in zip(axes, outputs, strict=False):
        scale = _scale(o)
        groups: Any = summary.groupby(hue, sort=True) if hue else [(None, summary)]
        drawn: list[Any] = []
        for level, sub in groups:
            sub = sub.groupby(x, sort=True)[[f"{o}_mean", f"{o}_ci_low", f"{o}_ci_high"]].mean().reset_index()
            xs = sub[x].to_numpy(dtype=float) if numeric else np.arange(len(sub))
            label = f"{names.get(hue, hue)} = {_value(level)}" if hue else None
            ax.plot(xs, sub[f"{o}_mean"] * scale, marker="o", ms=3, label=label)
            drawn.append(sub[f"{o}_mean"].to_numpy())
            if banded:
                ax.fill_between(xs, sub[f"{o}_ci_low"] * scale, sub[f"{o}_ci_high"] * scale, alpha=0.2, lw=0)
                drawn += [sub[f"{o}_ci_low"].to_numpy(), sub[f"{o}_ci_high"].to_numpy()]
            if not numeric:
                ax.set_xticks(xs, [_value(v) for v in sub[x]])
        _set_ylim(ax, o, drawn)
        ax.set_xlabel(names.get(x, x), fontsize=8)
        ax.set_title(names.get(o, o), fontsize=9)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    if hue:
        fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center",
                   ncols=min(4, summary[hue].nunique()), fontsize=8, frameon=False)
    reps = int(summary["n"].max()) if len(summary) else 0
    how = (f"mean over {reps} replicates per design point, 95 % confidence band" if banded else
           "one replicate per design point: no band (a band needs 2 or more replicates)")
    fig.suptitle(f"{title}\n{how}", fontsize=10)
    return fig


def sweep_scatter(runs: pd.DataFrame, factors: Sequence[str], outputs: Sequence[str], names: Mapping[str, str],
                  rho: Mapping[tuple[str, str], tuple[float, float]], title: str) -> Figure:
    """Every output (rows) against every factor (columns), one dot per run, with a trend line (the median
    of the output in tenths of the runs ordered by the factor, or per value of a factor with few values)
    and the rank correlation (Spearman ρ, from ``rho``: (factor, output) -> (ρ, p)) in each panel: grey
    where p ≥ 0.05. A categorical factor is drawn at its codes (sorted values)."""
    fig = Figure(figsize=(2.5 * len(factors) + 0.6, 2.1 * len(outputs) + 0.8), layout="constrained")
    axes = fig.subplots(len(outputs), len(factors), squeeze=False)
    for j, f in enumerate(factors):
        numeric = pd.api.types.is_numeric_dtype(runs[f]) and not pd.api.types.is_bool_dtype(runs[f])
        codes, values = (None, None) if numeric else pd.factorize(runs[f], sort=True)
        xs = runs[f].to_numpy(dtype=float) if codes is None else codes.astype(float)
        for i, o in enumerate(outputs):
            ax = axes[i, j]
            ys = runs[o].to_numpy(dtype=float)
            ax.scatter(xs, ys * _scale(o), s=4, alpha=0.45, color="C0", lw=0)
            tx, ty = _trend(xs, ys)
            ax.plot(tx, ty * _scale(o), color="C3", lw=1.6)
            _set_ylim(ax, o, [ys])
            r, p = rho.get((f, o), (float("nan"), float("nan")))
            strong = bool(np.isfinite(p) and p < 0.05)
            shown = f"ρ = {r:+.2f}".replace("-", "−") if np.isfinite(r) else "ρ: n/a"
            ax.text(0.03, 0.96, shown, transform=ax.transAxes, ha="left", va="top", fontsize=7.5,
                    color="black" if strong else "0.55",
                    fontweight="bold" if strong else "normal",
                    bbox={"facecolor": "white", "alpha": 0.7, "lw": 0, "pad": 1})
            if values is not None:
                ax.set_xticks(np.arange(len(values)), [_value(v) for v in values])
            if i == len(outputs) - 1:
                ax.set_xlabel(names.get(f, f), fontsize=7.5)
            if j == 0:
                ax.set_ylabel(names.get(o, o), fontsize=7.5)
            ax.tick_params(labelsize=6)
    how = (f"One dot per run ({len(runs)} runs); red line: the median per tenth of the runs along the factor; "
           "ρ: Spearman rank correlation (bold: p < 0.05).")
    fig.suptitle("\n".join([title, *textwrap.wrap(how, int(fig.get_figwidth() * 72 / 5.5))]), fontsize=10)
    return fig


def _trend(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The median of ``ys`` along ``xs``: per distinct value when there are few (at most
    :data:`TREND_BINS`), else in :data:`TREND_BINS` bins of equally many runs, at each bin's median x.
    A median, not a straight line: a response that bends (a threshold, a saturation) shows as it is."""
    ok = np.isfinite(xs) & np.isfinite(ys)
    xs, ys = xs[ok], ys[ok]
    if not xs.size:
        return np.empty(0), np.empty(0)
    values = np.unique(xs)
    if values.size <= TREND_BINS:
        return values, np.array([np.median(ys[xs == v]) for v in values])
    order = np.argsort(xs, kind="stable")
    bins = [b for b in np.array_split(order, TREND_BINS) if b.size]
    return np.array([np.median(xs[b]) for b in bins]), np.array([np.median(ys[b]) for b in bins])


def _value(v: Any) -> str:
    """A factor's value as a label: ``0.25``, ``1`` (not ``1.0``), ``True``."""
    return f"{v:g}" if isinstance(v, float | np.floating) else str(v)
