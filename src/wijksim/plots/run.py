"""The charts of one run: :func:`overview` (a static figure: ``wijksim run``'s ``overview.png``, the UI's
download) and :class:`LiveOverview` (the same panels, blitted for the explorer's play loop)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .panels import PANELS, NumberText, Panel, _mark_events, _smooth, number_ticks, y_limits


def overview(ts: pd.DataFrame, events: Sequence[tuple[int, str]] = (), title: str = "",
             labels: Mapping[str, str] | None = None, figsize: tuple[float, float] = (13, 8.5),
             number: NumberText | None = None) -> Figure:
    """The :data:`PANELS` of one run as a static figure, with every intervention start and end marked.

    Each panel's y-axis is :func:`y_limits` of what it draws (never narrower than its outputs' minimum
    span: one run's noise looks like noise), shares in % (:attr:`Panel.scale`). ``labels`` replaces the
    English texts by key (see :func:`label_keys`); missing keys stay English; ``number`` writes the tick
    labels (:func:`number_ticks`: the UI's decimal comma in Dutch).
    """
    lab = labels or {}
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(2, 4)
    week = ts["week"]
    for ax, panel in zip(axes.ravel(), PANELS, strict=True):
        drawn = {s.column: _smooth(ts[s.column], panel.smooth) for s in panel.series if s.column in ts}
        for s in panel.series:
            if s.column in drawn:
                ax.plot(week, drawn[s.column] * panel.scale, label=lab.get(s.key, s.label), color=s.color, lw=1.4)
        low, high = y_limits(panel.columns, drawn.values())
        ax.set_ylim(low * panel.scale, high * panel.scale)
        _mark_events(ax, events)
        ax.set_title(lab.get(panel.key, panel.title), fontsize=10)
        ax.set_xlabel(lab.get("week", "week"))
        ax.set_ylabel(lab.get(f"{panel.key}.y", panel.ylabel), fontsize=8)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
        if len(panel.series) > 1:
            ax.legend(fontsize=7, loc="best")
    if title:
        fig.suptitle(title, fontsize=12)
    return number_ticks(fig, number)


class LiveOverview:
    """The :data:`PANELS` for the explorer's play loop: axes drawn once, only the lines per frame (blitting).

    A full draw of eight panels costs about 500 ms; restoring the saved background and drawing a dozen
    lines about 15 ms. The background is redrawn only when the run grows past the x range or a series
    past its y range (ranges double), i.e. a few times per run. :meth:`render` returns RGB pixels; the
    caller encodes them (the UI as JPEG). ``labels`` and ``number`` as for :func:`overview`.
    """

    def __init__(self, labels: Mapping[str, str] | None = None, weeks: int = 156, width: float = 10.5,
                 height: float = 4.8, fontsize: float = 8.0, number: NumberText | None = None,
                 panels: Sequence[Panel] = PANELS) -> None:
        lab = labels or {}
        rows = (len(panels) + 3) // 4  # four panels a row (the youth panels: one row, :data:`YOUTH_PANELS`)
        self.fig = Figure(figsize=(width, height), dpi=90)
        self.canvas = FigureCanvasAgg(self.fig)
        axes = self.fig.subplots(rows, 4, squeeze=False)
        bottom = 0.1 if rows > 1 else 0.2
        self.fig.subplots_adjust(left=0.05, right=0.99, top=0.93 if rows > 1 else 0.86, bottom=bottom, wspace=0.28,
                                 hspace=0.38)
        self.axes = list(axes.ravel())
        self.lines: list[tuple[Any, str, int]] = []
        self.scales = [panel.scale for panel in panels]  # shares in %, as in the static figure
        self.event_lines: list[Any] = []
        self.x_max = max(10, int(weeks))
        self.y_max: dict[int, float] = {}
        for i, (ax, panel) in enumerate(zip(self.axes, panels, strict=True)):
            ax.set_title(lab.get(panel.key, panel.title), fontsize=fontsize + 1)
            ax.tick_params(labelsize=fontsize)
            ax.grid(alpha=0.25)
            for s in panel.series:
                (line,) = ax.plot([], [], color=s.color, lw=1.4, label=lab.get(s.key, s.label), animated=True)
                self.lines.append((line, s.column, i))
            if len(panel.series) > 1:
                ax.legend(fontsize=fontsize - 1, loc=panel.legend, frameon=False)
            low, high = panel.y_range or (0.0, 1.0)
            self.y_max[i] = high * panel.scale
            ax.set_ylim(low * panel.scale, high * panel.scale)
            ax.set_xlim(0, self.x_max)
        for ax in self.axes[-4:]:
            ax.set_xlabel(lab.get("week", "week"), fontsize=fontsize)
        number_ticks(self.fig, number)
        self.background: Any = None

    def _redraw_background(self) -> None:
        for i, ax in enumerate(self.axes):
            ax.set_xlim(0, self.x_max)
            ax.set_ylim(ax.get_ylim()[0], self.y_max[i])
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)

    def update(self, ts: pd.DataFrame, events: Sequence[tuple[int, str]]) -> None:
        """Set the lines' data, grow ranges if needed, add markers for new events."""
        weeks = ts["week"].to_numpy() if len(ts) else np.empty(0)
        stale = self.background is None
        if len(weeks) and weeks[-1] > self.x_max:
            self.x_max = int(self.x_max * 2)
            stale = True
        for line, col, i in self.lines:
            y = ts[col].to_numpy(dtype=float) * self.scales[i] if len(ts) else np.empty(0)
            line.set_data(weeks, y)
            if len(y) and np.isfinite(y).any():
                top = float(np.nanmax(y))
                while top > self.y_max[i]:
                    self.y_max[i] *= 2
                    stale = True
        for week, text in events[len(self.event_lines) // len(self.axes):]:
            # red for a crime wave, grey for an end or removal, green otherwise (in either language)
            ending = text.endswith(("ends", "removed", "eindigt", "verwijderd"))
            color = "#c0392b" if "crim" in text and not ending else ("#7f8c8d" if ending else "#27ae60")
            for ax in self.axes:
                self.event_lines.append(ax.axvline(week, color=color, lw=1.0, ls="--", animated=True))
        if stale:
            self._redraw_background()

    def render(self, ts: pd.DataFrame, events: Sequence[tuple[int, str]]) -> np.ndarray:
        """The current charts as an RGB array (height, width, 3) of uint8."""
        self.update(ts, events)
        self.canvas.restore_region(self.background)
        for artist in self.event_lines:
            artist.axes.draw_artist(artist)
        for line, _, i in self.lines:
            self.axes[i].draw_artist(line)
        rgba = np.asarray(self.canvas.buffer_rgba())
        return np.ascontiguousarray(rgba[..., :3])


