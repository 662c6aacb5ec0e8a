"""Every chart wijksim draws, as free functions of tables: the CLI, the browser UI and the docs script
all draw through here, so a panel, colour or label is defined once.

* :data:`PANELS` — the eight time-series panels of one run. :func:`overview` draws them as a static
  figure (``wijksim run`` writes it as ``overview.png``; the UI offers it as a download), and
  :class:`LiveOverview` draws the same panels for the explorer's play loop, blitted so that a frame
  costs milliseconds. The UI passes ``labels`` (panel and series keys -> text) to draw them in Dutch.
* :func:`comparison` — median and band per scenario over replicates (``wijksim compare``, the UI's
  comparison and workshop pages).
* :func:`bifurcation` — share withdrawn along the crime rate (slow ramp up and down, two histories) and how
  much of a crisis stays (``wijksim edge``; ``scripts/make_bifurcation.py`` writes ``docs/img/bifurcation.png``).
* ``guide_*`` — the figures of the user guides (``scripts/make_docs.py`` writes ``docs/img/guide-*.png``).

Only matplotlib's object API is used (``Figure``, never ``pyplot``), so nothing depends on a global
backend: it works headless, in worker processes and in the UI server's threads. Intervention starts
are drawn as vertical lines. The map and network pictures of the UI are not charts but pixel rasters
(``wijksim.ui.rasters``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

#: how a figure writes a tick's number: (value, decimals) -> text, e.g. the UI's
#: :func:`wijksim.ui.i18n.tick_number` (a decimal comma in Dutch); None: matplotlib's own (English)
NumberText = Callable[[float, int], str]


@dataclass(frozen=True)
class Series:
    """One line of a panel: the timeseries column, its label key and English label, its colour."""

    column: str
    key: str
    label: str
    color: str


@dataclass(frozen=True)
class Panel:
    """One panel: a label key (for translations), English title and y label, y range, smoothing, lines.

    ``y_range`` None means the range follows the data (the live charts start at 0–1 and double);
    ``smooth`` is a centred rolling mean in weeks, applied in the static figure only (the live chart
    shows raw weeks, so its newest point never moves). ``legend`` places the live chart's legend, which
    is drawn before its lines exist (the static figure places its own, "best").
    """

    key: str
    title: str
    ylabel: str
    series: tuple[Series, ...]
    y_range: tuple[float, float] | None = (0.0, 1.0)
    smooth: int = 1
    legend: str = "upper left"


#: the eight panels of one run, in reading order (two rows of four)
PANELS: tuple[Panel, ...] = (
    Panel("panel_unsafe", "Feeling unsafe", "share / mean fear", (
        Series("share_unsafe", "share_unsafe", "feels unsafe", "#7f1d1d"),
        Series("fear_mean", "fear_mean", "mean fear", "#c0392b"),
    )),
    Panel("panel_states", "Withdraw or engage", "share of households", (
        Series("share_withdrawn", "withdrawn", "withdrawn", "#555555"),
        Series("share_passive", "passive", "passive", "#4a82c8"),
        Series("share_active", "active", "active", "#e67e22"),
    ), legend="center left"),
    Panel("panel_incidents", "Incidents per week", "count", (
        Series("incidents_nuisance", "incidents_nuisance", "nuisance", "#b07cc6"),
        Series("incidents_street", "incidents_street", "street crime", "#6c3483"),
        Series("incidents_burglary", "incidents_burglary", "burglary", "#2c1a3a"),
    ), y_range=None, smooth=4),
    Panel("panel_reporting", "Reporting", "share of incidents reported", (
        Series("reporting_rate", "reporting_rate", "reporting rate", "#1f618d"),
    ), smooth=4),
    Panel("panel_cohesion", "Cohesion (0–10)", "index", (
        Series("cohesion", "cohesion", "cohesion", "#2471a3"),
    ), y_range=(0.0, 10.0)),
    Panel("panel_efficacy", "Collective efficacy", "index", (
        Series("collective_efficacy", "collective_efficacy", "collective efficacy", "#117a65"),
    )),
    Panel("panel_trust", "Trust in partners", "mean trust", (
        Series("trust_police", "trust_police", "police", "#1a5276"),
        Series("trust_municipality", "trust_municipality", "municipality", "#b9770e"),
        Series("trust_housing", "trust_housing", "housing corporation", "#196f3d"),
    ), legend="lower left"),
    Panel("panel_disorder", "Disorder and cooperation", "0–1", (
        Series("disorder_mean", "disorder_mean", "mean disorder", "#922b21"),
        Series("damage_mean", "damage_mean", "mean damage", "#d35400"),
        Series("cooperation", "cooperation", "cooperation", "#7f8c8d"),
    )),
)

COMPARE_PANELS: tuple[tuple[str, str], ...] = (
    ("incidents", "Incidents per week"),
    ("share_unsafe", "Share feeling unsafe"),
    ("share_withdrawn", "Share withdrawn"),
    ("share_active", "Share active"),
    ("cohesion", "Cohesion (0–10)"),
    ("reporting_rate", "Reporting rate"),
)


def label_keys() -> list[str]:
    """Every key a ``labels`` mapping may translate: panel titles, their y labels (``KEY.y``), series, week."""
    keys = ["week"]
    for p in PANELS:
        keys += [p.key, f"{p.key}.y", *(s.key for s in p.series)]
    return list(dict.fromkeys(keys))


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    """A figure as PNG bytes (for downloads and pages; files are written with ``fig.savefig``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


class NumberFormatter(ScalarFormatter):
    """Tick labels written by ``number`` instead of ``"%1.2f"``: the same ticks and decimals matplotlib's
    :class:`~matplotlib.ticker.ScalarFormatter` chooses (it picks the digits from the ticks' spacing), the
    text from the caller's formatter (e.g. a decimal comma). Set per axis, so figures drawn at the same
    time in different languages (the UI server's tabs) do not share it, unlike ``locale`` or rcParams."""

    def __init__(self, number: NumberText) -> None:
        super().__init__(useOffset=False)  # no "+1e3" offset text beside the axis: it would not be translated
        self.number = number

    def __call__(self, x: float, pos: int | None = None) -> str:
        text = super().__call__(x, pos)  # "0.25", "−0.5" or "$\mathdefault{0.25}$": matplotlib's digits
        found = _TICK_NUMBER.search(text)
        if found is None:
            return text
        value = float(found.group(0).replace("−", "-"))
        return text[:found.start()] + self.number(value, len(found.group(1) or "")) + text[found.end():]


#: the number in a tick label of :class:`~matplotlib.ticker.ScalarFormatter` (its decimals as group 1)
_TICK_NUMBER = re.compile(r"[-−]?\d+(?:\.(\d+))?")


def number_ticks(fig: Figure, number: NumberText | None) -> Figure:
    """Write every plain numeric axis of ``fig`` (subfigures and colourbars too) with ``number``; axes with
    their own labels (fixed, log, dates) keep them. ``None`` leaves matplotlib's formatting (the CLI's)."""
    if number is not None:
        for ax in fig.findobj(Axes):
            for axis in (ax.xaxis, ax.yaxis):
                if type(axis.get_major_formatter()) is ScalarFormatter:
                    axis.set_major_formatter(NumberFormatter(number))
    return fig


def _smooth(s: pd.Series, window: int) -> pd.Series:
    return s.rolling(window, min_periods=1, center=True).mean() if window > 1 else s


def _mark_events(ax: Any, events: Sequence[tuple[int, str]]) -> None:
    for week, text in events:
        ax.axvline(week, color="0.4", lw=0.8, ls="--", zorder=0)
        if "starts" in text or "begint" in text or ":" in text:
            ax.annotate(text, (week, 1.0), xycoords=("data", "axes fraction"), rotation=90, va="top", ha="right",
                        fontsize=6.5, color="0.35")


def overview(ts: pd.DataFrame, events: Sequence[tuple[int, str]] = (), title: str = "",
             labels: Mapping[str, str] | None = None, figsize: tuple[float, float] = (13, 8.5),
             number: NumberText | None = None) -> Figure:
    """The :data:`PANELS` of one run as a static figure, with every intervention start and end marked.

    ``labels`` replaces the English texts by key (see :func:`label_keys`); missing keys stay English;
    ``number`` writes the tick labels (:func:`number_ticks`: the UI's decimal comma in Dutch).
    """
    lab = labels or {}
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(2, 4)
    week = ts["week"]
    for ax, panel in zip(axes.ravel(), PANELS, strict=True):
        for s in panel.series:
            if s.column in ts:
                ax.plot(week, _smooth(ts[s.column], panel.smooth), label=lab.get(s.key, s.label), color=s.color,
                        lw=1.4)
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
                 height: float = 4.8, fontsize: float = 8.0, number: NumberText | None = None) -> None:
        lab = labels or {}
        self.fig = Figure(figsize=(width, height), dpi=90)
        self.canvas = FigureCanvasAgg(self.fig)
        axes = self.fig.subplots(2, 4)
        self.fig.subplots_adjust(left=0.05, right=0.99, top=0.93, bottom=0.1, wspace=0.28, hspace=0.38)
        self.axes = list(axes.ravel())
        self.lines: list[tuple[Any, str, int]] = []
        self.event_lines: list[Any] = []
        self.x_max = max(10, int(weeks))
        self.y_max: dict[int, float] = {}
        for i, (ax, panel) in enumerate(zip(self.axes, PANELS, strict=True)):
            ax.set_title(lab.get(panel.key, panel.title), fontsize=fontsize + 1)
            ax.tick_params(labelsize=fontsize)
            ax.grid(alpha=0.25)
            for s in panel.series:
                (line,) = ax.plot([], [], color=s.color, lw=1.4, label=lab.get(s.key, s.label), animated=True)
                self.lines.append((line, s.column, i))
            if len(panel.series) > 1:
                ax.legend(fontsize=fontsize - 1, loc=panel.legend, frameon=False)
            low, high = panel.y_range or (0.0, 1.0)
            self.y_max[i] = high
            ax.set_ylim(low, high)
            ax.set_xlim(0, self.x_max)
        for ax in self.axes[4:]:
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
            y = ts[col].to_numpy(dtype=float) if len(ts) else np.empty(0)
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
        _shade_windows(ax, windows, 7 if fontsize is None else fontsize * 0.8)
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


def _shade_windows(ax, windows: Sequence[tuple[str, int, int]], fontsize: float = 7) -> None:
    """Each judged window as a light band (weeks inclusive: from first − ½ to last + ½), its name on top."""
    from matplotlib.colors import to_rgba

    for i, (name, first, last) in enumerate(windows):
        color = _WINDOW_COLORS.get(name, _CUSTOM_COLORS[i % len(_CUSTOM_COLORS)])
        ax.axvspan(first - 0.5, last + 0.5, color=to_rgba(color, 0.10), lw=0, zorder=0)
        ax.annotate(name, ((first + last) / 2, 1.0 - 0.07 * (i % 4)), xycoords=("data", "axes fraction"),
                    va="top", ha="center", fontsize=fontsize, color=color, zorder=5)


# --- the user guides' figures (scripts/make_docs.py) -------------------------------------------------
def band(ax: Any, runs: Sequence[pd.DataFrame], col: str, label: str, color: str, scale: float = 1.0,
         smooth: int = 1, quantiles: tuple[float, float] = (0.1, 0.9)) -> None:
    """Median over runs of one column (rolling mean of ``smooth`` weeks) and, from three runs, a band."""
    mat = np.stack([ts[col].to_numpy(dtype=float) for ts in runs]) * scale
    if smooth > 1:
        mat = pd.DataFrame(mat.T).rolling(smooth, min_periods=1, center=True).mean().to_numpy().T
    weeks = runs[0]["week"].to_numpy()
    ax.plot(weeks, np.nanmedian(mat, axis=0), color=color, label=label, lw=1.6)
    if len(runs) > 2:
        ax.fill_between(weeks, np.nanquantile(mat, quantiles[0], axis=0), np.nanquantile(mat, quantiles[1], axis=0),
                        color=color, alpha=0.18, lw=0)


def _shade(ax: Any, first: int, last: int, label: str | None, color: str) -> None:
    ax.axvspan(first - 0.5, last + 0.5, color=color, alpha=0.12, lw=0, label=label)


def guide_reference(runs: Sequence[pd.DataFrame], unsafe_target: tuple[float, float] = (15, 20),
                    cohesion_target: float = 6.4) -> Figure:
    """The reference wijk over many seeds: unsafe (with the Dutch target band), states, incidents, cohesion."""
    fig = Figure(figsize=(10, 6.4), layout="tight")
    axes = fig.subplots(2, 2, sharex=True)
    ax = axes[0, 0]
    ax.axhspan(*unsafe_target, color="0.85", label=f"Dutch target {unsafe_target[0]:g}–{unsafe_target[1]:g} %")
    band(ax, runs, "share_unsafe", "feel unsafe", "C3", 100)
    ax.set_ylabel("% of households")
    ax.set_title("Feeling unsafe")
    ax.legend(fontsize=8, loc="upper right")
    ax = axes[0, 1]
    for col, c in (("share_withdrawn", "C1"), ("share_active", "C2")):
        band(ax, runs, col, col.removeprefix("share_"), c, 100)
    ax.set_title("Withdrawn and active households")
    ax.set_ylabel("% of households")
    ax.legend(fontsize=8)
    ax = axes[1, 0]
    band(ax, runs, "incidents", "incidents per week (4-week mean)", "C0", smooth=4)
    band(ax, runs, "reports", "reported to the police", "C4", smooth=4)
    ax.set_title("Incidents and reports")
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    ax.axhline(cohesion_target, color="0.5", ls="--", lw=1, label=f"CBS mean {cohesion_target:g}")
    band(ax, runs, "cohesion", "cohesion (0–10)", "C5")
    ax.set_title("Social cohesion")
    ax.legend(fontsize=8)
    for a in axes[1]:
        a.set_xlabel("week")
    fig.suptitle(f"Reference wijk, default parameters: median and 10–90 % band over {len(runs)} seeds", fontsize=11)
    return fig


def guide_bonus_malus(groups: Mapping[str, Sequence[pd.DataFrame]], wave: tuple[int, int],
                      investment_end: int | None = None, colors: Sequence[str] = ("0.35", "C3", "C2")) -> Figure:
    """Three histories of one wijk with paired seeds (no wave, wave, wave + investment): states,
    incidents and fear, with the wave (first, last week) shaded and the end of the investment marked."""
    fig = Figure(figsize=(10, 6.4), layout="tight")
    axes = fig.subplots(2, 2, sharex=True)
    spec = (
        ("share_withdrawn", "Withdrawn households (%)", 100, 1),
        ("share_active", "Active households (%)", 100, 1),
        ("incidents", "Incidents per week (8-week mean)", 1, 8),
        ("share_unsafe", "Feeling unsafe (%)", 100, 1),
    )
    for ax, (col, title, scale, smooth) in zip(axes.ravel(), spec, strict=True):
        _shade(ax, wave[0], wave[1], "crime wave", "C3")
        if investment_end is not None:
            ax.axvline(investment_end + 0.5, color="C2", ls=":", lw=1.2, label="investment ends")
        for (label, runs), color in zip(groups.items(), colors, strict=False):
            band(ax, runs, col, label, color, scale, smooth)
        ax.set_title(title, fontsize=10)
    axes[0, 0].legend(fontsize=8, loc="upper right")
    for a in axes[1]:
        a.set_xlabel("week")
    n = len(next(iter(groups.values())))
    fig.suptitle(
        f"Bonus and malus: one wijk, three histories, paired seeds (median, 10–90 % band, {n} seeds)", fontsize=11
    )
    return fig


def guide_collaboration(groups: Mapping[str, Sequence[pd.DataFrame]], colors: Sequence[str] = ("C3", "C0")) -> Figure:
    """Partners blaming each other versus supporting each other: trust, active households, damage."""
    fig = Figure(figsize=(11, 3.4), layout="tight")
    axes = fig.subplots(1, 3, sharex=True)
    spec = (
        ("trust_housing", "Trust in the housing corporation", 1),
        ("share_active", "Active households (%)", 100),
        ("damage_mean", "Damage backlog (mean, 0–1)", 1),
    )
    for ax, (col, title, scale) in zip(axes, spec, strict=True):
        for (label, runs), color in zip(groups.items(), colors, strict=False):
            band(ax, runs, col, label, color, scale)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("week")
    axes[0].legend(fontsize=8)
    return fig


def guide_fear_lag(pairs: Sequence[tuple[pd.DataFrame, pd.DataFrame]], wave: tuple[int, int]) -> Figure:
    """Fear outlasts crime: the wave run minus the no-wave run of the same seed, for incidents and for
    the share feeling unsafe, each as a share of its peak (mean over pairs, 4-week smoothing)."""
    first, last = wave
    ex_i, ex_f = [], []
    for base, run in pairs:
        base, run = base.set_index("week"), run.set_index("week")
        ex_i.append(run["incidents"] - base["incidents"])
        ex_f.append(run["share_unsafe"] - base["share_unsafe"])
    fig = Figure(figsize=(8, 3.6), layout="tight")
    ax = fig.subplots()
    _shade(ax, first, last, "crime wave", "C3")
    end = last + 80
    for series, label, c in ((ex_i, "excess incidents", "C0"), (ex_f, "excess share feeling unsafe", "C3")):
        mean = pd.concat(series, axis=1).mean(axis=1).rolling(4, min_periods=1, center=True).mean()
        ax.plot(mean.index, mean / mean.max(), color=c, label=label)
        end = min(end, int(mean.index.max()))
    ax.axhline(0.5, color="0.6", lw=0.8, ls=":")
    ax.set_xlim(first - 10, end)
    ax.set_ylabel("share of its peak")
    ax.set_xlabel("week")
    ax.set_title(
        f"After a crime wave: wave − no wave, paired seeds (mean of {len(pairs)}), 4-week smoothing", fontsize=10
    )
    ax.legend(fontsize=8)
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


#: texts of :func:`bifurcation` (keys a ``labels`` mapping may translate)
BIFURCATION_LABELS: dict[str, str] = {
    "crime_rate": "crime_rate (base incident rate, × default)",
    "withdrawn": "share withdrawn (%)",
    "up": "slow ramp, way up", "down": "slow ramp, way down",
    "calm": "calm run (two histories)", "crisis": "two years after a year-long crisis (×3)",
    "persistence": "persistence: crisis − calm, % of calm",
    "gap": "ramp: down − up, % of up",
    "recovers": "recovers (< 5 %)", "tipped": "tipped (≥ 20 %)",
    "panel_state": "Share withdrawn along the crime rate",
    "panel_edge": "How much of a crisis stays (95 % intervals)",
    "panel_pace": "Ramp loop against its pace",
    "pace": "weeks the ramp holds each level",
    "at_rate": "crime_rate",
}


def bifurcation(branches: pd.DataFrame, histories: pd.DataFrame, hysteresis: pd.DataFrame | None = None,
                title: str = "", labels: Mapping[str, str] | None = None,
                thresholds: tuple[float, float] = (0.05, 0.20), pace: pd.DataFrame | None = None) -> Figure:
    """The bifurcation figure of :mod:`wijksim.edge`: left, share withdrawn against ``crime_rate`` on the slow
    ramp's way up and way down (mean and 95 % band over seeds) with the two histories' end states; right, the
    persistence of a crisis (relative withdrawn excess two years after) and the ramp's hysteresis gap, with the
    verdict thresholds. Hysteresis or a tipping region shows as the branches parting and the persistence
    crossing the upper threshold. ``branches`` may be empty and ``hysteresis`` None (no ramp run). With
    ``pace`` (:func:`wijksim.edge.pace_series`) a third panel shows the ramp's gap against its pace: a loop that
    closes as the ramp slows is slow recovery, one that stays open is a second stable state."""
    t = {**BIFURCATION_LABELS, **(labels or {})}
    fig = Figure(figsize=(17 if pace is not None else 12, 4.8), layout="constrained")
    axes = fig.subplots(1, 3 if pace is not None else 2)
    left, right = axes[0], axes[1]
    for leg, color, marker in (("up", "#c0392b", "^"), ("down", "#1f618d", "v")):
        b = branches[branches["leg"] == leg].sort_values("crime_rate") if len(branches) else branches
        if leg == "down" and len(b):  # the way down starts at the top of the way up
            up = branches[branches["leg"] == "up"]
            b = pd.concat([b, up[up["crime_rate"] == up["crime_rate"].max()]]).sort_values("crime_rate")
        if len(b):
            left.plot(b["crime_rate"], b["mean"] * 100, color=color, marker=marker, label=t[leg])
            left.fill_between(b["crime_rate"], b["lo"] * 100, b["hi"] * 100, color=color, alpha=0.15, lw=0)
    h = histories.sort_values("crime_rate")
    left.plot(h["crime_rate"], h["calm_withdrawn"] * 100, "o", color="0.2", mfc="white", label=t["calm"])
    left.plot(h["crime_rate"], h["crisis_withdrawn"] * 100, "x", color="0.2", ms=8, label=t["crisis"])
    left.set_xlabel(t["crime_rate"])
    left.set_ylabel(t["withdrawn"])
    left.set_title(t["panel_state"], fontsize=10)
    left.legend(fontsize=8)
    x = h["crime_rate"].to_numpy(dtype=float)
    m, err = _pct_err(h, "persistence")
    right.errorbar(x, m, yerr=err, fmt="o-", color="0.15", capsize=3, label=t["persistence"])
    if hysteresis is not None and len(hysteresis):
        g = hysteresis.sort_values("crime_rate")
        gm, gerr = _pct_err(g, "gap_rel")
        right.errorbar(g["crime_rate"], gm, yerr=gerr, fmt="s--", color="#1f618d", capsize=3, alpha=0.8,
                       label=t["gap"])
    lo, hi = thresholds
    shown = [m - err[0], m + err[1]]
    if hysteresis is not None and len(hysteresis):
        shown += [gm - gerr[0], gm + gerr[1]]
    ymin = min(-2.0, float(np.nanmin(np.concatenate(shown))) - 1)
    right.set_ylim(ymin, max(hi * 100 + 5, float(np.nanmax(np.concatenate(shown))) + 2))
    right.axhspan(ymin, lo * 100, color="#27ae60", alpha=0.08, lw=0)
    right.axhline(lo * 100, color="#27ae60", ls=":", lw=1, label=t["recovers"])
    right.axhline(hi * 100, color="#c0392b", ls=":", lw=1, label=t["tipped"])
    right.axhline(0, color="0.6", lw=0.8)
    right.set_xlabel(t["crime_rate"])
    right.set_ylabel("%")
    right.set_title(t["panel_edge"], fontsize=10)
    right.legend(fontsize=8)
    if pace is not None:
        _pace_panel(axes[2], pace, t)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig


def _pct_err(df: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """``col`` in % and its interval (``col_lo``, ``col_hi``) as error-bar lengths below and above."""
    m, lo, hi = (df[c].to_numpy(dtype=float) * 100 for c in (col, f"{col}_lo", f"{col}_hi"))
    return m, np.vstack([m - lo, hi - m])


def _pace_panel(ax: Any, pace: pd.DataFrame, t: Mapping[str, str]) -> None:
    """The ramp's relative gap (down − up) against weeks a level, one line per crime rate (log x axis)."""
    rates = sorted(pace["crime_rate"].unique())
    colors = [f"C{i % 10}" for i in range(len(rates))]
    for rate, color in zip(rates, colors, strict=True):
        g = pace[pace["crime_rate"] == rate].sort_values("step_weeks")
        m, err = _pct_err(g, "gap_rel")
        ax.errorbar(g["step_weeks"], m, yerr=err, fmt="o-", color=color, capsize=2, lw=1, ms=4,
                    label=f"{t['at_rate']} {rate:g}")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_xscale("log")
    steps = sorted(pace["step_weeks"].unique())
    ax.set_xticks(steps, [str(int(w)) for w in steps])
    ax.minorticks_off()
    ax.set_xlabel(t["pace"])
    ax.set_ylabel(t["gap"])
    ax.set_title(t["panel_pace"], fontsize=10)
    ax.legend(fontsize=7, ncol=2)
