"""What the charts share: the panels of one run (:data:`PANELS`) and of a comparison
(:data:`COMPARE_PANELS`), their label keys for translation, PNG bytes, tick labels in the page's
language (:func:`number_ticks`) and the y-axis every chart of an output gets (:func:`y_limits`)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from ..outputs import output

#: how a figure writes a tick's number: (value, decimals) -> text, e.g. the UI's
#: :func:`wijksim.text.numbers.tick_number` (a decimal comma in Dutch); None: matplotlib's own (English)
NumberText = Callable[[float, int], str]


@dataclass(frozen=True)
class Series:
    """One line of a panel: the timeseries column and its colour; its label is the output's short label
    in the registry (:mod:`wijksim.outputs`), translated by the column's name."""

    column: str
    color: str

    @property
    def key(self) -> str:
        """The label key: the column's name (``labels`` mappings translate it, see :func:`label_keys`)."""
        return self.column

    @property
    def label(self) -> str:
        """The English label among the panel's lines."""
        return output(self.column).short("en")


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

    @property
    def columns(self) -> tuple[str, ...]:
        """The timeseries columns the panel draws."""
        return tuple(s.column for s in self.series)

    @property
    def scale(self) -> float:
        """100 when a line is a share and every other line a share or a level on 0–1 (the panel is drawn in
        %, as the verdicts and summaries write shares; a 0–1 level beside a share, mean fear beside the
        share feeling unsafe, is drawn ×100 on the same axis and the y label says so), else 1."""
        outs = [output(c) for c in self.columns]
        shares = [o.percent for o in outs]
        unit = all(o.percent or (o.low == 0.0 and o.high == 1.0) for o in outs)
        return 100.0 if any(shares) and unit else 1.0


#: the eight panels of one run, in reading order (two rows of four)
PANELS: tuple[Panel, ...] = (
    Panel("panel_unsafe", "Feeling unsafe", "% / mean fear × 100", (
        Series("share_unsafe", "#7f1d1d"),
        Series("fear_mean", "#c0392b"),
    )),
    Panel("panel_states", "Withdraw or engage", "% of households", (
        Series("share_withdrawn", "#555555"),
        Series("share_passive", "#4a82c8"),
        Series("share_active", "#e67e22"),
    ), legend="center left"),
    Panel("panel_incidents", "Incidents per week", "count", (
        Series("incidents_nuisance", "#b07cc6"),
        Series("incidents_street", "#6c3483"),
        Series("incidents_burglary", "#2c1a3a"),
    ), y_range=None, smooth=4),
    Panel("panel_reporting", "Reporting", "% of incidents reported", (
        Series("reporting_rate", "#1f618d"),
    ), smooth=4),
    Panel("panel_cohesion", "Cohesion (0–10)", "index", (
        Series("cohesion", "#2471a3"),
    ), y_range=(0.0, 10.0)),
    Panel("panel_efficacy", "Collective efficacy", "index", (
        Series("collective_efficacy", "#117a65"),
    )),
    Panel("panel_trust", "Trust in partners", "mean trust", (
        Series("trust_police", "#1a5276"),
        Series("trust_municipality", "#b9770e"),
        Series("trust_housing", "#196f3d"),
    ), legend="lower left"),
    Panel("panel_disorder", "Disorder and cooperation", "0–1", (
        Series("disorder_mean", "#922b21"),
        Series("damage_mean", "#d35400"),
        Series("cooperation", "#7f8c8d"),
    )),
)

#: the youth panels (issue 28): drawn beside :data:`PANELS` only for a run with ``youth_enabled`` (one row of four)
YOUTH_PANELS: tuple[Panel, ...] = (
    Panel("panel_youth_involvement", "Youths drawn in", "% of youths", (
        Series("youth_edge_share", "#d4ac0d"),
        Series("youth_involved_share", "#922b21"),
    )),
    Panel("panel_youth_initiation", "Initiation", "per youth per year", (
        Series("youth_initiation", "#6c3483"),
    ), y_range=(0.0, 0.2), smooth=4),
    Panel("panel_youth_contacts", "Approaches and undermining", "per week", (
        Series("youth_recruitment_contacts", "#7f8c8d"),
        Series("youth_undermining_incidents", "#2c1a3a"),
    ), y_range=None, smooth=4),
    Panel("panel_youth_signals", "Signalling undermining", "% willing to report", (
        Series("youth_signal_reporting", "#1f618d"),
    )),
)

#: the panels of a comparison figure: (column, English title), the title the output's registry label
COMPARE_PANELS: tuple[tuple[str, str], ...] = tuple(
    (name, output(name).label_en[:1].upper() + output(name).label_en[1:])
    for name in ("incidents", "share_unsafe", "share_withdrawn", "share_active", "cohesion", "reporting_rate"))


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


def y_limits(columns: Sequence[str], values: Iterable[Any], pad: float = 0.05) -> tuple[float, float]:
    """The y-axis (in stored units) of a chart that draws ``columns`` with data ``values`` (arrays): the
    data's range, but never narrower than the outputs' :attr:`~wijksim.outputs.Output.min_span`, widened
    about the data's centre, so that noise looks like noise (a share at least 10 points, trust 0.1, cohesion
    1); a count's axis from zero. Kept inside the outputs' own range (a share within 0–1): a widened axis
    is shifted off a bound, not cut. A range wider than the minimum gets ``pad`` of it on either side.
    """
    outs = [output(c) for c in columns]
    lows, highs = [o.low for o in outs], [o.high for o in outs]
    floor = min(x for x in lows if x is not None) if outs and None not in lows else None
    ceil = max(x for x in highs if x is not None) if outs and None not in highs else None
    span = max((o.min_span for o in outs), default=1.0)
    parts = [np.asarray(v, dtype=float).ravel() for v in values]
    data = np.concatenate(parts) if parts else np.empty(0)
    data = data[np.isfinite(data)]
    lo = float(data.min()) if data.size else (floor if floor is not None else 0.0)
    hi = float(data.max()) if data.size else lo
    if any(o.from_zero for o in outs):
        lo = min(lo, 0.0)
    if (hi - lo) * (1 + 2 * pad) < span:
        centre = (lo + hi) / 2
        lo, hi = centre - span / 2, centre + span / 2
        if floor is not None and lo < floor:
            lo, hi = floor, hi + floor - lo
        if ceil is not None and hi > ceil:
            lo, hi = lo - (hi - ceil), ceil
    else:
        margin = pad * (hi - lo)
        lo, hi = lo - margin, hi + margin
    return (lo if floor is None else max(lo, floor), hi if ceil is None else min(hi, ceil))


def _smooth(s: pd.Series, window: int) -> pd.Series:
    return s.rolling(window, min_periods=1, center=True).mean() if window > 1 else s


def _mark_events(ax: Any, events: Sequence[tuple[int, str]]) -> None:
    for week, text in events:
        ax.axvline(week, color="0.4", lw=0.8, ls="--", zorder=0)
        if "starts" in text or "begint" in text or ":" in text:
            ax.annotate(text, (week, 1.0), xycoords=("data", "axes fraction"), rotation=90, va="top", ha="right",
                        fontsize=6.5, color="0.35")


