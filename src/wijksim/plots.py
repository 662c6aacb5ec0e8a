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
               band: tuple[float, float] = (0.05, 0.95), smooth: int = 4,
               windows: Sequence[tuple[str, int, int]] = (), verdicts: Sequence[str] = ()) -> Figure:
    """Median and 90 % band over replicates per scenario, one panel per key output; the windows the
    comparison is judged in (``(name, first, last)`` weeks inclusive, e.g. :class:`wijksim.compare.Window`)
    shaded and labelled on every panel, and the verdict lines printed under the panels."""
    text = _wrap(verdicts)
    strip = 0.15 * len(text) + 0.25 if text else 0.0  # inches of verdict text under the panels
    fig = Figure(figsize=(13, 7.5 + strip), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[7.5, strip]) if text else (fig, None)
    axes = top.subplots(2, (len(columns) + 1) // 2)
    scenarios = list(dict.fromkeys(runs["scenario"]))
    colors = [f"C{i}" for i in range(len(scenarios))]
    for ax, (col, label) in zip(np.ravel(axes), columns, strict=False):
        _shade_windows(ax, windows)
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
    if bottom is not None:
        bottom.text(0.005, 0.98, "\n".join(text), ha="left", va="top", fontsize=7.2, family="monospace",
                    transform=bottom.transSubfigure)
    return fig


# --- helpers of the comparison figure ---------------------------------------------------------------
_WINDOW_COLORS = {"year_after": "#c0392b", "wave": "#7f8c8d", "end": "#2471a3"}
_CUSTOM_COLORS = ("#8e44ad", "#117a65", "#b9770e", "#a93226", "#1f618d")  # --window ones, in turn
_VERDICT_WRAP = 200  # characters per line of the verdict text under the panels


def _wrap(verdicts: Sequence[str]) -> list[str]:
    """The verdict lines wrapped to the figure's width, continuation lines indented under their own."""
    import textwrap

    return [line for v in verdicts
            for line in textwrap.wrap(v, _VERDICT_WRAP, subsequent_indent=" " * (len(v) - len(v.lstrip()) + 4))]


def _shade_windows(ax, windows: Sequence[tuple[str, int, int]]) -> None:
    """Each judged window as a light band (weeks inclusive: from first − ½ to last + ½), its name on top."""
    from matplotlib.colors import to_rgba

    for i, (name, first, last) in enumerate(windows):
        color = _WINDOW_COLORS.get(name, _CUSTOM_COLORS[i % len(_CUSTOM_COLORS)])
        ax.axvspan(first - 0.5, last + 0.5, color=to_rgba(color, 0.10), lw=0, zorder=0)
        ax.annotate(name, ((first + last) / 2, 1.0 - 0.07 * (i % 4)), xycoords=("data", "axes fraction"),
                    va="top", ha="center", fontsize=7, color=color, zorder=5)

