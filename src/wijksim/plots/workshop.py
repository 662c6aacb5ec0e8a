"""The workshop's figure: the trainers' guide's bonus/malus figure, drawn for a projector.

The guide (``docs/guide-trainers.md``) tells the trainer to walk through "the malus (red vs grey) and the
bonus (green vs red)", so the workshop draws the runs in those colours — grey without a wave, red with the
wave and no investment, green with the investment (the same run with the mechanism off: the same colour,
dashed). It marks where the wave and the investment start *and* end, and names those marks and the judged
window in a legend above the panels: no label sits on the data, so none can overprint another (two starts
in weeks 26 and 27 used to print into one black blob). Shares are drawn and labelled in % as the
bonus/malus table writes them.

Sizes are in pixels of the page, not points: the figure is drawn at ``width_px`` wide at :data:`DPI`
and the page shows it at that width, so a font of :data:`FONT_PX` is that many pixels on a 1280x720
projector — readable from the back of a room.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ..outputs import BY_NAME
from .panels import NumberText, number_ticks, y_limits

#: the figure is drawn at this resolution and shown 1:1 (a page pixel is a figure pixel)
DPI = 100
#: the smallest text of the figure, in page pixels (the brief of a room: 18 px from the back)
FONT_PX = 18.0
#: the guide's four panels, in its order
WORKSHOP_PANELS: tuple[str, ...] = ("share_withdrawn", "share_active", "incidents", "share_unsafe")
#: the guide's colours: the reference grey, the wave red, the investment green (matplotlib's C3 / C2)
GREY, RED, GREEN = "#595959", "#d62728", "#2ca02c"
WAVE_SHADE = "#d62728"
WINDOW_SHADE = "#f0b400"


@dataclass(frozen=True)
class Marks:
    """What the figure marks, in the page's language: the wave and the investment as ``(label, first,
    last)`` weeks inclusive (None: not in these runs) and the judged window likewise."""

    wave: tuple[str, int, int] | None = None
    investment: tuple[str, int, int] | None = None
    window: tuple[str, int, int] | None = None


def pt(px: float) -> float:
    """A size in page pixels as matplotlib's points at :data:`DPI`."""
    return px * 72.0 / DPI


def workshop_figure(runs: pd.DataFrame, styles: Mapping[str, tuple[str, str]], titles: Mapping[str, str],
                    marks: Marks = Marks(), names: Mapping[str, str] | None = None, width_px: int = 1240,
                    number: NumberText | None = None, smooth: int = 4,
                    panels: Sequence[str] = WORKSHOP_PANELS, xlabel: str = "week") -> Figure:
    """Median and 10–90 % band per run over replicates, one panel per output of ``panels`` (titles from
    ``titles``, in the page's language), ``styles`` giving each run its ``(colour, line style)``
    (:func:`run_style`). Four panels side by side from 1000 px wide, else two by two."""
    ncols = len(panels) if width_px >= 1000 else 2
    nrows = -(-len(panels) // ncols)
    scenarios = list(dict.fromkeys(runs["scenario"]))
    entries = [(names or {}).get(sc, sc) for sc in scenarios] + [m[0] for m in (marks.wave, marks.investment,
                                                                                  marks.window) if m is not None]
    legend_cols, legend_rows = legend_layout(entries, width_px)
    height_px = 70 + legend_rows * 34 + nrows * (330 if ncols > 2 else 225)
    fig = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, layout="constrained")
    axes = list(fig.subplots(nrows, ncols, sharex=True, squeeze=False).ravel())
    font = pt(FONT_PX)
    for ax, col in zip(axes, panels, strict=False):
        _marks(ax, marks)
        drawn: list[Any] = []
        scale = 100.0 if _percent(col) else 1.0
        for sc in scenarios:
            color, ls = styles.get(sc, (GREY, "-"))
            drawn += _median_band(ax, runs, sc, col, color, ls, scale, smooth)
        if col in BY_NAME:  # never narrower than the output's minimum span (noise looks like noise)
            low, high = y_limits([col], drawn)
            ax.set_ylim(low * scale, high * scale)
        ax.set_title(textwrap.fill(titles.get(col, col), max(12, int(width_px / ncols / (0.55 * FONT_PX * 1.1)))),
                     fontsize=font * 1.1)
        ax.tick_params(labelsize=font)
        ax.grid(alpha=0.3)
        ax.locator_params(axis="x", nbins=4)
        ax.locator_params(axis="y", nbins=5)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    for ax in axes[(nrows - 1) * ncols:]:
        ax.set_xlabel(xlabel, fontsize=font)
    _legend(fig, axes[0], marks, names or {}, font, legend_cols)
    number_ticks(fig, number)
    for ax, col in zip(axes, panels, strict=False):
        if _percent(col):
            ax.yaxis.set_major_formatter(_percent_formatter(number))
    return fig


def run_style(key: str, wave: str, investment: str, ablated: Sequence[str] = ()) -> tuple[str, str]:
    """A run's ``(colour, line style)`` as the guide names them: ``wave`` red, ``investment`` green, any
    other run (the reference without a wave) grey; a run in ``ablated`` (the mechanism off) dashed, in the
    colour of the file it ablates (its key ends with it: ``wave_no_investment:community_split=false``)."""
    base = key.split(":", 1)[0]
    color = RED if base == wave else GREEN if base == investment else GREY
    return color, "--" if key in ablated else "-"


def _percent(col: str) -> bool:
    out = BY_NAME.get(col)
    return bool(out is not None and out.percent)


def _percent_formatter(number: NumberText | None) -> FuncFormatter:
    """Tick labels of a share's panel: "24 %" as the table writes a share (decimal comma in Dutch)."""
    def fmt(x: float, _pos: int) -> str:
        digits = 0 if abs(x - round(x)) < 1e-9 else 1
        text = number(x, digits) if number is not None else f"{x:.{digits}f}"
        return f"{text} %"
    return FuncFormatter(fmt)


def _median_band(ax: Any, runs: pd.DataFrame, sc: str, col: str, color: str, ls: str, scale: float,
                 smooth: int) -> list[Any]:
    """One run's median and, from two replicates, its 10–90 % band; returns what was drawn (stored units)."""
    wide = runs[runs["scenario"] == sc].pivot_table(index="week", columns="replicate", values=col)
    if smooth > 1:
        wide = wide.rolling(smooth, min_periods=1, center=True).mean()
    med = wide.median(axis=1)
    ax.plot(med.index, med.to_numpy() * scale, color=color, ls=ls, lw=2.6, label=sc, zorder=3)
    drawn = [med.to_numpy()]
    if wide.shape[1] > 1:
        lo, hi = wide.quantile(0.1, axis=1).to_numpy(), wide.quantile(0.9, axis=1).to_numpy()
        ax.fill_between(med.index, lo * scale, hi * scale, color=color, alpha=0.15, lw=0, zorder=2)
        drawn += [lo, hi]
    return drawn


def _marks(ax: Any, marks: Marks) -> None:
    """The window (a light band), the wave (a red band with solid edges at its first and last week) and the
    investment (green dotted lines at its first and last week); weeks inclusive, edges at ±½ week."""
    if marks.window is not None:
        _, first, last = marks.window
        ax.axvspan(first - 0.5, last + 0.5, color=WINDOW_SHADE, alpha=0.14, lw=0, zorder=0)
    if marks.wave is not None:
        _, first, last = marks.wave
        ax.axvspan(first - 0.5, last + 0.5, color=WAVE_SHADE, alpha=0.12, lw=0, zorder=1)
        for x in (first - 0.5, last + 0.5):
            ax.axvline(x, color=RED, lw=1.4, ls="-", alpha=0.7, zorder=1)
    if marks.investment is not None:
        _, first, last = marks.investment
        for x in (first - 0.5, last + 0.5):
            ax.axvline(x, color=GREEN, lw=2.2, ls=":", zorder=1)


def legend_layout(labels: Sequence[str], width_px: int) -> tuple[int, int]:
    """Columns and rows of the legend so that its longest label fits a column across ``width_px`` at
    :data:`FONT_PX` (a character ~0.6 of the font's size, a handle and its gap ~4 characters)."""
    widest = max((len(t) for t in labels), default=1) + 5
    fit = max(1, int(width_px / (0.6 * FONT_PX * widest)))
    cols = max(1, min(fit, -(-len(labels) // 2) if len(labels) > 1 else 1))
    return cols, -(-len(labels) // cols)


def _legend(fig: Figure, first: Any, marks: Marks, names: Mapping[str, str], font: float, ncols: int) -> None:
    """One legend above the panels: the runs, then what the marks are (named here, never on the data)."""
    handles, keys = first.get_legend_handles_labels()
    labels = [names.get(k, k) for k in keys]
    if marks.wave is not None:
        handles.append(Patch(facecolor=WAVE_SHADE, alpha=0.35, edgecolor=RED))
        labels.append(marks.wave[0])
    if marks.investment is not None:
        handles.append(Line2D([], [], color=GREEN, lw=2.2, ls=":"))
        labels.append(marks.investment[0])
    if marks.window is not None:
        handles.append(Patch(facecolor=WINDOW_SHADE, alpha=0.35, lw=0))
        labels.append(marks.window[0])
    fig.legend(handles, labels, loc="outside upper center", ncols=ncols, fontsize=font, frameon=False,
               handlelength=2.2, columnspacing=1.2)
