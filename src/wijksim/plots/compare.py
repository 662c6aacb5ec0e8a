"""The comparison figure: median and band per scenario over replicates, the windows a comparison is judged
in, and its verdicts (``wijksim compare``, the UI's Compare and Workshop pages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .panels import COMPARE_PANELS, NumberText, _mark_events, number_ticks


def comparison(runs: pd.DataFrame, events: dict[str, Sequence[tuple[int, str]]] | None = None,
               columns: Sequence[tuple[str, str]] = COMPARE_PANELS, title: str = "",
               band: tuple[float, float] = (0.05, 0.95), smooth: int = 4,
               windows: Sequence[tuple[str, int, int]] = (), verdicts: Sequence[str] = (),
               fontsize: float | None = None, xlabel: str = "week",
               names: dict[str, str] | None = None, number: NumberText | None = None) -> Figure:
    """Median and 90 % band over replicates per scenario, one panel per key output; the windows the
    comparison is judged in (``(name, first, last)`` weeks inclusive, e.g. :class:`wijksim.compare.Window`)
    shaded and labelled on every panel, and the verdict lines printed under the panels.

    ``fontsize`` sets ticks, legend and labels (the UI uses 16 for a projector; default: the file
    figure's sizes); ``xlabel``, ``names`` (scenario -> legend text) and ``number`` (tick labels, see
    :func:`number_ticks`) let the UI draw it in Dutch."""
    text = _wrap(verdicts)
    strip = 0.15 * len(text) + 0.25 if text else 0.0  # inches of verdict text under the panels
    fig = Figure(figsize=(13, 7.5 + strip), layout="constrained")
    top: Any = fig
    bottom: Any = None
    if text:
        subs: Any = fig.subfigures(2, 1, height_ratios=[7.5, strip])
        top, bottom = subs[0], subs[1]
    axes = top.subplots(2, (len(columns) + 1) // 2)
    scenarios = list(dict.fromkeys(runs["scenario"]))
    colors = [f"C{i}" for i in range(len(scenarios))]
    for ax, (col, label) in zip(np.ravel(axes), columns, strict=False):
        _shade_windows(ax, windows, (int(runs["week"].min()), int(runs["week"].max())),
                       7 if fontsize is None else fontsize * 0.8)
        for sc, color in zip(scenarios, colors, strict=True):
            sub = runs[runs["scenario"] == sc]
            wide = sub.pivot_table(index="week", columns="replicate", values=col)
            wide = wide.rolling(smooth, min_periods=1, center=True).mean() if smooth > 1 else wide
            med = wide.median(axis=1)
            ax.plot(med.index, med.to_numpy(), color=color, lw=1.8, label=(names or {}).get(sc, sc))
            if wide.shape[1] > 1:
                ax.fill_between(med.index, wide.quantile(band[0], axis=1), wide.quantile(band[1], axis=1),
                                color=color, alpha=0.18, lw=0)
        for sc_events in (events or {}).values():
            _mark_events(ax, [e for e in sc_events if "starts" in e[1] or "begint" in e[1]])
            break
        ax.set_title(label, fontsize=11 if fontsize is None else fontsize + 2)
        ax.set_xlabel(xlabel, fontsize=fontsize)
        if fontsize is not None:
            ax.tick_params(labelsize=fontsize)
        ax.grid(alpha=0.3)
    if fontsize is None:
        np.ravel(axes)[0].legend(fontsize=8, loc="best")
    else:  # large type (a projector): the legend above the panels, where it covers no data
        import textwrap

        handles, names_shown = np.ravel(axes)[0].get_legend_handles_labels()
        # titles can be long ("Bonus/malus 3: crime wave with community investment"): wrapped, so that the
        # columns side by side fit the figure's width
        ncols = min(len(handles), 3)
        wrap = max(16, int(_LEGEND_CHARS * 16 / fontsize) // ncols)
        top.legend(handles, [textwrap.fill(n, wrap) for n in names_shown], loc="outside upper center",
                   ncols=ncols, fontsize=fontsize, frameon=False)
    if title:
        fig.suptitle(title, fontsize=12)
    if bottom is not None:
        bottom.text(0.005, 0.98, "\n".join(text), ha="left", va="top", fontsize=7.2, family="monospace",
                    transform=bottom.transSubfigure)
    return number_ticks(fig, number)


# --- helpers of the comparison figure ---------------------------------------------------------------
_WINDOW_COLORS = {"year_after": "#c0392b", "wave": "#7f8c8d", "end": "#2471a3"}
_CUSTOM_COLORS = ("#8e44ad", "#117a65", "#b9770e", "#a93226", "#1f618d")  # --window ones, in turn
_VERDICT_WRAP = 200  # characters per line of the verdict text under the panels
_LEGEND_CHARS = 81  # characters of scenario names per legend row at 16 pt across the 13 in figure (handles apart)


def _wrap(verdicts: Sequence[str]) -> list[str]:
    """The verdict lines wrapped to the figure's width, continuation lines indented under their own."""
    import textwrap

    return [line for v in verdicts
            for line in textwrap.wrap(v, _VERDICT_WRAP, subsequent_indent=" " * (len(v) - len(v.lstrip()) + 4))]


def _shade_windows(ax, windows: Sequence[tuple[str, int, int]], weeks: tuple[int, int], fontsize: float = 7) -> None:
    """Each judged window as a light band (weeks inclusive: from first − ½ to last + ½), its name on top.

    A name is centred over its band in the middle of the run, but right-aligned to the band's end near the
    run's end (and left-aligned near its start): a long name ("last 13 weeks (weeks 144–156)") over the
    last weeks would otherwise run past the panel's edge."""
    from matplotlib.colors import to_rgba

    lo, hi = weeks
    for i, (name, first, last) in enumerate(windows):
        color = _WINDOW_COLORS.get(name, _CUSTOM_COLORS[i % len(_CUSTOM_COLORS)])
        ax.axvspan(first - 0.5, last + 0.5, color=to_rgba(color, 0.10), lw=0, zorder=0)
        where = ((first + last) / 2 - lo) / max(hi - lo, 1)
        x, ha = (last + 0.5, "right") if where > 2 / 3 else (first - 0.5, "left") if where < 1 / 3 else (
            (first + last) / 2, "center")
        ax.annotate(name, (x, 1.0 - 0.07 * (i % 4)), xycoords=("data", "axes fraction"),
                    va="top", ha=ha, fontsize=fontsize, color=color, zorder=5)
