"""The youth outputs in the browser UI (issue 28): the explorer's youth charts and the Compare page's youth
outcomes, shown only where the runs simulate youths (``youth_enabled``; a run without them has no youth
column, so nothing here is drawn and the pages stay as they were).

Why apart from the eight panels: the youth panels exist only in a youth run, so they are a second blitted
figure (:data:`wijksim.plots.YOUTH_PANELS`, one row of four) under the first, with their own values row;
the Compare page judges them with the same paired differences and rule (:func:`wijksim.compare.judge`, the
registry's margins) as its bonus/malus table, in a table of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np
import pandas as pd
import solara

from ..compare import BONUS, MALUS, NEGLIGIBLE, UNCLEAR, judge, paired_difference
from ..compare.verdicts import window_values
from ..compare.windows import Window
from ..metrics import YOUTH_COLUMNS
from ..outputs import output
from ..plots import YOUTH_PANELS, LiveOverview
from ..text.numbers import number, tick_number
from .charts import ChartValues
from .i18n import panel_labels, tr
from .rasters import encode

#: the youth outputs a comparison figure adds beside its six panels when every run has them
COMPARE_YOUTH: tuple[str, ...] = ("youth_involved_share", "youth_signal_reporting")


def youth_live_charts(weeks: int, lang: str) -> LiveOverview:
    """The explorer's youth charts in ``lang`` (one row of four, under the eight panels)."""
    return LiveOverview(panel_labels(lang), weeks=weeks, number=tick_number(lang), height=2.6,
                        panels=YOUTH_PANELS)


@solara.component
def YouthCharts(key: int, ts: pd.DataFrame, events: Sequence[tuple[int, str]], weeks: int, week: int,
                lang: str) -> None:
    """The youth charts and their values for the model ``key`` (its ``id``: a new model draws new axes)."""
    charts = solara.use_memo(lambda: youth_live_charts(weeks, lang), [key, lang])
    jpg = encode(charts.render(ts, events), "JPEG")
    with solara.Column(gap="4px", classes=["wijk-youth"]):
        solara.Text(tr("youth_charts", lang), style="font-weight: 600;", classes=["wijk-youth-title"])
        solara.Image(jpg, format="jpeg", width="945px", classes=["wijk-youth-charts"])
        ChartValues(ts, week, lang, YOUTH_PANELS)
        solara.Text(tr("explain_youth_charts", lang), style="font-size: 12px; color: #444; max-width: 945px;",
                    classes=["wijk-explain-youth"])


def has_youth(runs: pd.DataFrame) -> bool:
    """Does every run in ``runs`` have the youth outputs? (A run without youth has NaN in a table of runs
    concatenated with youth runs.)"""
    if not set(YOUTH_COLUMNS) <= set(runs.columns) or not len(runs):
        return False
    return bool(runs.groupby("scenario")[list(YOUTH_COLUMNS)].apply(lambda g: g.notna().any().all()).all())


def compare_youth_columns(runs: pd.DataFrame | None) -> tuple[str, ...]:
    """The youth columns a comparison figure adds: :data:`COMPARE_YOUTH` when every run has them, else none."""
    return COMPARE_YOUTH if runs is not None and has_youth(runs) else ()


def youth_labels(runs: pd.DataFrame | None, lang: str) -> list[tuple[str, str]]:
    """The youth panels a comparison figure adds (column, title in ``lang``): none unless every run has them."""
    return [(col, output(col).label(lang)) for col in compare_youth_columns(runs)]


def youth_rows(runs: pd.DataFrame, summary: pd.DataFrame, window: str) -> list[dict[str, object]]:
    """Per contrast of ``summary`` in ``window``: for each youth output the paired difference (scenario −
    reference) with its interval at the summary's level, its margin and its verdict (positive is worse for
    an output whose better direction is lower, so a verdict is read with the output's direction)."""
    rows = summary[summary["window"] == window]
    if not len(rows):
        return []
    first, last, level = int(rows["week_from"].iloc[0]), int(rows["week_to"].iloc[0]), float(rows["level"].iloc[0])
    values = window_values(runs, Window(window, first, last))
    out: list[dict[str, object]] = []
    for sc, ref in rows[["scenario", "reference"]].astype(str).itertuples(index=False):
        if sc == ref:
            continue
        for col in YOUTH_COLUMNS:
            o = output(col)
            m, lo, hi = paired_difference(values, sc, ref, col, level)
            sign = -1.0 if o.better == "higher" else 1.0  # judge() reads positive as worse
            ref_mean = float(np.nanmean(values.loc[ref, col].to_numpy(dtype=float)))
            margin = o.margin.absolute(ref_mean)
            low, high = (lo, hi) if sign > 0 else (-hi, -lo)  # the interval of sign × difference
            word = judge(sign * m, low, high, margin)
            out.append({"scenario": sc, "reference": ref, "output": col, "mean": m, "lo": lo, "hi": hi,
                        "margin": margin, "verdict": word})
    return out


def _diff(col: str, m: float, lo: float, hi: float, lang: str) -> str:
    o = output(col)
    scale, unit = (o.scale, tr("pp", lang)) if o.percent else (1.0, "")
    if np.isnan(m):
        return "–"
    ci = "" if np.isnan(lo) else (f" [{number(scale * lo, lang, 2, sign=True)}, "
                                  f"{number(scale * hi, lang, 2, sign=True)}]")
    return f"{number(scale * m, lang, 2, sign=True)}{unit}{ci}"


def youth_table_html(runs: pd.DataFrame, summary: pd.DataFrame, window: str, lang: str,
                     names: dict[str, str] | None = None) -> str:
    """The youth outcomes as an HTML table (one row per contrast and output), or "" when not every run has
    the youth outputs."""
    if not has_youth(runs):
        return ""
    names = names or {}
    colors = {BONUS: "#1e6b3a", MALUS: "#9b2c20", NEGLIGIBLE: "#666", UNCLEAR: "#333"}
    cells = []
    for r in youth_rows(runs, summary, window):
        sc, ref, col, word = str(r["scenario"]), str(r["reference"]), str(r["output"]), str(r["verdict"])
        diff = _diff(col, float(r["mean"]), float(r["lo"]), float(r["hi"]), lang)  # type: ignore[arg-type]
        cells.append(f"<tr data-scenario='{escape(sc)}' data-output='{escape(col)}'><td>{escape(names.get(sc, sc))} "
                     f"{escape(tr('vs', lang))} {escape(names.get(ref, ref))}</td><td>{escape(output(col).label(lang))}"
                     f"</td><td class='wijk-verdict-{word.replace(' ', '-')}' style='color: {colors[word]};'>"
                     f"{escape(diff)}</td></tr>")
    return ("<table class='wijk-youth-outcomes' style='font-size: 15px; border-collapse: collapse;'>"
            + "".join(cells) + "</table>")


@solara.component
def YouthOutcomes(runs: pd.DataFrame, summary: pd.DataFrame, window: str, lang: str,
                  names: dict[str, str] | None = None) -> None:
    """The Compare page's youth outcomes (nothing when not every run simulates youths)."""
    table = youth_table_html(runs, summary, window, lang, names)
    if not table:
        return
    solara.Text(tr("youth_outcomes", lang), style="font-size: 18px; font-weight: 600;",
                classes=["wijk-youth-outcomes-title"])
    solara.HTML(tag="div", unsafe_innerHTML=table)
    solara.Text(tr("youth_outcomes_note", lang), style="color: #444; font-size: 14px;")
