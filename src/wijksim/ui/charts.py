"""The explorer's charts in numbers and words: this week's value of every series beside its panel,
its change over the last 13 weeks, and what each chart means.

The numbers come from the model's own timeseries (the rows the charts draw), so they are exactly the
last points of the lines; a panel the charts smooth (incidents, reporting: noisy weekly counts) is
given as the mean of its last weeks, and says so. Numbers are written as the language writes them
(:func:`wijksim.text.numbers.number`: decimal comma in Dutch). Shares are shown as percentages and their
changes in percentage points, as on the Compare page; which series is a share, a count or an index,
and its decimals, is the registry of outputs' (:mod:`wijksim.outputs`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import pandas as pd
import solara

from ..outputs import output
from ..plots import PANELS, Panel
from ..text.numbers import number
from .i18n import tr

#: weeks back for the change beside each value (a quarter)
CHANGE_WEEKS = 13

#: every chart of the explorer and the compare page with its explanation key (both languages in i18n)
EXPLAINED: tuple[str, ...] = ("map", "network", *(p.key for p in PANELS), "compare")


def explanation(chart: str, lang: str) -> str:
    """What chart ``chart`` (a :data:`EXPLAINED` key) means, in ``lang``: what is plotted, how to read
    it, one caution."""
    return tr(f"explain_{chart}", lang)


def format_value(column: str, x: float, lang: str) -> str:
    """One series' value as shown beside the charts: as its kind and decimals in the registry of outputs
    say (a share in percent, a count, an index)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    out = output(column)
    if out.percent:
        return f"{number(out.scale * x, lang, out.decimals)} %"
    return number(x, lang, out.decimals)


def format_change(column: str, d: float, lang: str) -> str:
    """A change over :data:`CHANGE_WEEKS` weeks with its sign (percentage points for shares)."""
    if d is None or math.isnan(d):
        return "–"
    out = output(column)
    if out.percent:
        return f"{number(out.scale * d, lang, out.decimals, sign=True)}{tr('pp', lang)}"  # " %-punt" in Dutch
    return number(d, lang, out.decimals, sign=True)


def _level(ts: pd.DataFrame, column: str, end: int, smooth: int) -> float:
    """The value at row ``end`` (mean of the ``smooth`` rows up to it for a smoothed panel)."""
    if end < 0 or column not in ts:
        return math.nan
    col = ts[column].to_numpy(dtype=float)
    return float(col[max(0, end - smooth + 1): end + 1].mean())


def panel_values(ts: pd.DataFrame, panel: Panel, lang: str) -> list[tuple[str, str, str]]:
    """(series label, this week's value, change over 13 weeks) for every series of ``panel``."""
    last = len(ts) - 1
    out = []
    for s in panel.series:
        now = _level(ts, s.column, last, panel.smooth)
        back = _level(ts, s.column, last - CHANGE_WEEKS, panel.smooth)
        out.append((output(s.column).short(lang), format_value(s.column, now, lang),
                    format_change(s.column, now - back, lang)))
    return out


def values_html(ts: pd.DataFrame, lang: str, panels: Sequence[Panel] = PANELS) -> str:
    """The values grid: one cell per panel, in the panels' order and columns (two rows of four; the youth
    panels one row)."""
    cells = []
    for panel in panels:
        head = tr(panel.key, lang)
        if panel.smooth > 1:
            head += f" ({tr('mean_of', lang).format(n=panel.smooth)})"
        rows = "".join(
            f"<div class='wijk-value'><span style='color:#555'>{html.escape(label)}</span> "
            f"<b class='wijk-value-now'>{html.escape(now)}</b> "
            f"<span style='color:#777'>({html.escape(change)})</span></div>"
            for label, now, change in panel_values(ts, panel, lang))
        cells.append(f"<div class='wijk-values-{panel.key}'><div style='font-weight:600'>{html.escape(head)}</div>"
                     f"{rows}</div>")
    return ("<div class='wijk-values' style='display:grid; grid-template-columns:repeat(4, 1fr); gap:6px 12px;"
            f" width:945px; font-size:12px; line-height:1.35;'>{''.join(cells)}</div>")


@solara.component
def ChartValues(ts: pd.DataFrame, week: int, lang: str, panels: Sequence[Panel] = PANELS) -> None:
    """This week's numbers beside the charts (redrawn with them, every frame: a small HTML block)."""
    solara.Text(f"{tr('now', lang).capitalize()}: {tr('week', lang).lower()} {week} · {tr('vs_13', lang)}",
                style="font-size: 12px; color: #555;")
    solara.HTML(tag="div", unsafe_innerHTML=values_html(ts, lang, panels))


@solara.component
def ChartNotes(lang: str) -> None:
    """What each chart panel means, in the panels' order and columns, under one shared caution. Static:
    it does not redraw per frame."""
    solara.Text(tr("chart_means", lang), style="font-weight: 600; margin-top: 4px;")
    solara.Text(tr("explain_caution", lang), style="font-size: 12px; color: #444; max-width: 945px;",
                classes=["wijk-explain-caution"])
    cells = "".join(
        f"<div class='wijk-explain-{p.key}'><div style='font-weight:600'>{html.escape(tr(p.key, lang))}</div>"
        f"{html.escape(explanation(p.key, lang))}</div>" for p in PANELS)
    solara.HTML(tag="div", unsafe_innerHTML=(
        "<div class='wijk-explain' style='display:grid; grid-template-columns:repeat(4, 1fr); gap:8px 12px;"
        f" width:945px; font-size:12px; color:#444; line-height:1.3;'>{cells}</div>"))
