"""The comparison figure: median and band per scenario over replicates, the windows a comparison is judged
in, and its verdicts (``wijksim compare``, the UI's Compare and Workshop pages)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..outputs import BY_NAME
from ..text.numbers import number as say_number
from ..text.pages.compare import STRINGS as _WORDS
from .panels import COMPARE_PANELS, NumberText, _mark_events, number_ticks, y_limits


def comparison(runs: pd.DataFrame, events: dict[str, Sequence[tuple[int, str]]] | None = None,
               columns: Sequence[tuple[str, str]] = COMPARE_PANELS, title: str = "",
               band: tuple[float, float] = (0.05, 0.95), smooth: int = 4,
               windows: Sequence[tuple[str, int, int]] = (), verdicts: Sequence[str] = (),
               fontsize: float | None = None, xlabel: str = "week",
               names: dict[str, str] | None = None, number: NumberText | None = None,
               level: float | None = None, lang: str = "en", caption: bool = True) -> Figure:
    """Median and 90 % band over replicates per scenario, one panel per key output; the windows the
    comparison is judged in (``(name, first, last)`` weeks inclusive, e.g. :class:`wijksim.compare.Window`)
    shaded and labelled on every panel, one legend for the figure above the panels, and under them a
    caption line saying what lines and bands are (:func:`band_caption`, in ``lang``; ``level`` the
    verdicts' interval level) and the verdict lines.

    Shares are drawn in % (the unit the verdicts use, differences in percentage points), every y-axis
    with :func:`y_limits` (no narrower than its output's minimum span, so noise looks like noise).
    ``fontsize`` sets ticks, legend and labels (the UI uses 16 for a projector; default: the file
    figure's sizes); ``xlabel``, ``names`` (scenario -> legend text) and ``number`` (tick labels, see
    :func:`number_ticks`) let the UI draw it in Dutch."""
    size = 8.5 if fontsize is None else fontsize * 0.8
    text = _wrap(verdicts)
    chars = int(13 * 72 / (0.58 * size))  # characters of the caption per line across the 13 in figure
    note = textwrap.wrap(band_caption(runs, band, smooth, level, lang), chars, break_on_hyphens=False) \
        if caption else []
    strip = (0.15 * len(text) + size * 1.45 / 72 * len(note) + 0.2) if text or note else 0.0  # inches under panels
    fig = Figure(figsize=(13, 7.5 + strip), layout="constrained")
    top: Any = fig
    bottom: Any = None
    if strip:
        subs: Any = fig.subfigures(2, 1, height_ratios=[7.5, strip])
        top, bottom = subs[0], subs[1]
    axes = np.ravel(top.subplots(2, (len(columns) + 1) // 2))
    scenarios = list(dict.fromkeys(runs["scenario"]))
    for ax, (col, label) in zip(axes, columns, strict=False):
        _shade_windows(ax, windows, (int(runs["week"].min()), int(runs["week"].max())),
                       7 if fontsize is None else fontsize * 0.8)
        _panel(ax, runs, col, scenarios, names or {}, band, smooth)
        for sc_events in (events or {}).values():
            _mark_events(ax, [e for e in sc_events if "starts" in e[1] or "begint" in e[1]])
            break
        ax.set_title(_in_percent(col, label), fontsize=11 if fontsize is None else fontsize + 2)
        ax.set_xlabel(xlabel, fontsize=fontsize)
        if fontsize is not None:
            ax.tick_params(labelsize=fontsize)
        ax.grid(alpha=0.3)
    for ax in axes[len(columns):]:
        ax.set_visible(False)
    _legend(top, axes[0], 9 if fontsize is None else fontsize)
    if title:
        fig.suptitle(title, fontsize=12)
    if bottom is not None:
        bottom.text(0.005, 0.98, "\n".join(note), ha="left", va="top", fontsize=size, color="0.25",
                    transform=bottom.transSubfigure)
        bottom.text(0.005, 0.98 - (size * 1.45 / 72 * len(note) + 0.05) / strip, "\n".join(text), ha="left",
                    va="top", fontsize=7.2, family="monospace", transform=bottom.transSubfigure)
    return number_ticks(fig, number)


def band_caption(runs: pd.DataFrame, band: tuple[float, float] = (0.05, 0.95), smooth: int = 4,
                 level: float | None = None, lang: str = "en") -> str:
    """The caption line of :func:`comparison` in ``lang``: what a line is (median over how many paired
    replicates, smoothed how), what a band is (which quantiles; none with one replicate), the verdicts'
    interval level, and whether the spread holds parameter uncertainty (``posterior_*`` columns: each
    replicate drew its parameters from a calibration's posterior) or chance only. Without it a reader
    takes the band for a confidence interval, or for more than the seeds' chance."""
    def word(key: str) -> str:
        nl, en = _WORDS[key]
        return nl if lang == "nl" else en

    def pct(x: float) -> str:
        return say_number(x * 100, lang, None)

    n = int(runs["replicate"].nunique()) if len(runs) else 0
    rolled = word("caption_smooth").format(w=smooth) if smooth > 1 else ""
    if n > 1:
        line = word("caption_median").format(n=n, smooth=rolled) + word("caption_band").format(
            band=pct(band[1] - band[0]), lo=pct(band[0]), hi=pct(band[1]))
    else:
        line = word("caption_one").format(smooth=rolled)
    if level is not None:
        line += word("caption_level").format(level=pct(level))
    posterior = any(str(c).startswith("posterior_") for c in runs.columns)
    return line + word("caption_posterior" if posterior else "caption_chance")


def _panel(ax: Any, runs: pd.DataFrame, col: str, scenarios: Sequence[str], names: dict[str, str],
           band: tuple[float, float], smooth: int) -> None:
    """One output's panel: per scenario the median over replicates and, from two replicates, the band;
    a share in % ("(%)" in its title), the y-axis from :func:`y_limits` (a column outside the registry
    of outputs keeps matplotlib's)."""
    out = BY_NAME.get(col)
    scale = out.scale if out is not None else 1.0
    drawn: list[Any] = []
    for i, sc in enumerate(scenarios):
        wide = runs[runs["scenario"] == sc].pivot_table(index="week", columns="replicate", values=col)
        wide = wide.rolling(smooth, min_periods=1, center=True).mean() if smooth > 1 else wide
        med = wide.median(axis=1)
        ax.plot(med.index, med.to_numpy() * scale, color=f"C{i}", lw=1.8, label=names.get(sc, sc))
        drawn.append(med.to_numpy())
        if wide.shape[1] > 1:
            lo, hi = wide.quantile(band[0], axis=1).to_numpy(), wide.quantile(band[1], axis=1).to_numpy()
            ax.fill_between(med.index, lo * scale, hi * scale, color=f"C{i}", alpha=0.18, lw=0)
            drawn += [lo, hi]
    if out is not None:
        low, high = y_limits([col], drawn)
        ax.set_ylim(low * scale, high * scale)


def _in_percent(col: str, title: str) -> str:
    """A share's panel title with its unit, "(%)" (the same in both languages; a y label would narrow the
    panels, and the windows' names over them must still fit)."""
    out = BY_NAME.get(col)
    return f"{title} (%)" if out is not None and out.percent and "%" not in title else title


def _legend(top: Any, first: Any, fontsize: float) -> None:
    """One legend for the whole figure, above the panels where it covers no data (every panel draws the
    same scenarios in the same colours). Long scenario titles ("Bonus/malus 3: crime wave with community
    investment") are wrapped so that the columns side by side fit the figure's width."""
    handles, names_shown = first.get_legend_handles_labels()
    if not handles:
        return
    ncols = min(len(handles), 3)
    wrap = max(16, int(_LEGEND_CHARS * 16 / fontsize) // ncols)
    top.legend(handles, [textwrap.fill(n, wrap) for n in names_shown], loc="outside upper center",
               ncols=ncols, fontsize=fontsize, frameon=False)


# --- helpers of the comparison figure ---------------------------------------------------------------
_WINDOW_COLORS = {"year_after": "#c0392b", "wave": "#7f8c8d", "end": "#2471a3"}
_CUSTOM_COLORS = ("#8e44ad", "#117a65", "#b9770e", "#a93226", "#1f618d")  # --window ones, in turn
_VERDICT_WRAP = 200  # characters per line of the verdict text under the panels
_LEGEND_CHARS = 81  # characters of scenario names per legend row at 16 pt across the 13 in figure (handles apart)


def _wrap(verdicts: Sequence[str]) -> list[str]:
    """The verdict lines wrapped to the figure's width, continuation lines indented under their own."""
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
