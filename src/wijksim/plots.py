"""Figures, as free functions of tables (Covasim style); intervention starts drawn as vertical lines.

Uses matplotlib's Agg backend through the object API, so it works headless and in worker processes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

PANELS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Feeling unsafe", ("share_unsafe", "fear_mean"), "share / mean fear"),
    ("Withdraw or engage", ("share_withdrawn", "share_passive", "share_active"), "share of households"),
    ("Incidents per week", ("incidents_nuisance", "incidents_street", "incidents_burglary"), "count"),
    ("Reporting", ("reporting_rate",), "share of incidents reported"),
    ("Cohesion (0–10)", ("cohesion",), "index"),
    ("Collective efficacy", ("collective_efficacy",), "index"),
    ("Trust in partners", ("trust_police", "trust_municipality", "trust_housing"), "mean trust"),
    ("Disorder and cooperation", ("disorder_mean", "damage_mean", "cooperation"), "0–1"),
)

COMPARE_PANELS: tuple[tuple[str, str], ...] = (
    ("incidents", "Incidents per week"),
    ("share_unsafe", "Share feeling unsafe"),
    ("share_withdrawn", "Share withdrawn"),
    ("share_active", "Share active"),
    ("cohesion", "Cohesion (0–10)"),
    ("reporting_rate", "Reporting rate"),
)


def _smooth(s: pd.Series, window: int) -> pd.Series:
    return s.rolling(window, min_periods=1, center=True).mean() if window > 1 else s


def _mark_events(ax, events: Sequence[tuple[int, str]]) -> None:
    for week, text in events:
        ax.axvline(week, color="0.4", lw=0.8, ls="--", zorder=0)
        if "starts" in text or ":" in text:
            ax.annotate(text, (week, 1.0), xycoords=("data", "axes fraction"), rotation=90, va="top", ha="right",
                        fontsize=6.5, color="0.35")


def overview(ts: pd.DataFrame, events: Sequence[tuple[int, str]] = (), title: str = "") -> Figure:
    """Eight panels of one run: fear, states, incidents, reporting, cohesion, efficacy, trust, disorder."""
    fig = Figure(figsize=(13, 8.5), layout="constrained")
    axes = fig.subplots(2, 4)
    week = ts["week"]
    for ax, (name, cols, ylabel) in zip(axes.ravel(), PANELS, strict=True):
        for c in cols:
            if c in ts:
                smooth = 4 if c.startswith("incidents") or c == "reporting_rate" else 1
                ax.plot(week, _smooth(ts[c], smooth), label=c.replace("_", " "), lw=1.4)
        _mark_events(ax, events)
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("week")
        ax.set_ylabel(ylabel, fontsize=8)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
        if len(cols) > 1:
            ax.legend(fontsize=7, loc="best")
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


def comparison(runs: pd.DataFrame, events: dict[str, Sequence[tuple[int, str]]] | None = None,
               columns: Sequence[tuple[str, str]] = COMPARE_PANELS, title: str = "",
               band: tuple[float, float] = (0.05, 0.95), smooth: int = 4) -> Figure:
    """Median and 90 % band over replicates per scenario, one panel per key output."""
    fig = Figure(figsize=(13, 7.5), layout="constrained")
    axes = fig.subplots(2, (len(columns) + 1) // 2)
    scenarios = list(dict.fromkeys(runs["scenario"]))
    colors = [f"C{i}" for i in range(len(scenarios))]
    for ax, (col, label) in zip(np.ravel(axes), columns, strict=False):
        for sc, color in zip(scenarios, colors, strict=True):
            sub = runs[runs["scenario"] == sc]
            wide = sub.pivot_table(index="week", columns="replicate", values=col)
            wide = wide.rolling(smooth, min_periods=1, center=True).mean() if smooth > 1 else wide
            med = wide.median(axis=1)
            ax.plot(med.index, med.to_numpy(), color=color, lw=1.8, label=sc)
            if wide.shape[1] > 1:
                ax.fill_between(med.index, wide.quantile(band[0], axis=1), wide.quantile(band[1], axis=1),
                                color=color, alpha=0.18, lw=0)
        for sc_events in (events or {}).values():
            _mark_events(ax, [e for e in sc_events if "starts" in e[1]])
            break
        ax.set_title(label, fontsize=11)
        ax.set_xlabel("week")
        ax.grid(alpha=0.3)
    np.ravel(axes)[0].legend(fontsize=8, loc="best")
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


def posterior_marginals(post: pd.DataFrame, priors: dict[str, tuple[float, float]], title: str = "") -> Figure:
    """Weighted histogram of each fitted parameter over its prior range (flat = the data say little)."""
    names = list(priors)
    fig = Figure(figsize=(4.2 * min(len(names), 3), 3.4 * ((len(names) + 2) // 3)), layout="constrained")
    axes = np.ravel(fig.subplots((len(names) + 2) // 3, min(len(names), 3), squeeze=False))
    w = post["weight"].to_numpy(dtype=float)
    for ax, name in zip(axes, names, strict=False):
        lo, hi = priors[name]
        ax.hist(post[name], bins=20, range=(lo, hi), weights=w / w.sum(), color="C0", alpha=0.8)
        ax.axhline(1 / 20, color="0.4", ls="--", lw=1, label="prior")
        ax.set_xlim(lo, hi)
        ax.set_title(name, fontsize=10)
        ax.set_ylabel("posterior weight per bin", fontsize=8)
        ax.legend(fontsize=7)
    for ax in axes[len(names):]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


def posterior_pairs(post: pd.DataFrame, priors: dict[str, tuple[float, float]], title: str = "") -> Figure:
    """Every pair of fitted parameters as a weighted scatter: ridges show what trades off against what."""
    names = list(priors)
    n = len(names)
    fig = Figure(figsize=(2.8 * n + 1, 2.8 * n + 0.5), layout="constrained")
    axes = fig.subplots(n, n, squeeze=False)
    w = post["weight"].to_numpy(dtype=float)
    size = 6 + 60 * w / w.max()
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            ax = axes[i, j]
            if i == j:
                ax.hist(post[a], bins=20, range=priors[a], weights=w, color="C0", alpha=0.8)
            else:
                ax.scatter(post[b], post[a], s=size, alpha=0.5, color="C0", lw=0)
                ax.set_xlim(*priors[b])
                ax.set_ylim(*priors[a])
            if i == n - 1:
                ax.set_xlabel(b, fontsize=8)
            if j == 0:
                ax.set_ylabel(a, fontsize=8)
            ax.tick_params(labelsize=7)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig
