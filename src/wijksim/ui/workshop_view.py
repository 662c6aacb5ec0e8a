"""What the workshop shows a room: the live map, the play speed and the figure, sized for a projector.

A workshop is watched from the back of a room on a 1280x720 projector, so this module draws in page
pixels: the map is :data:`MAP_PX` wide (:data:`MAP_PRESENTER_PX` in presenter view, where households are
dots a room can see), every text is at least :data:`TEXT_PX`, and the figure
(:func:`wijksim.plots.workshop.workshop_figure`, the trainers' guide's figure: grey without a wave, red with
it, green with the investment) is drawn at the width it is shown at, so its 18 px are 18 px on the wall.
Play has a speed control (weeks per second, :data:`SPEEDS`): at full speed the wave of weeks 26–41 passed
in a fraction of a second, before anyone could point at it. The speed and each step's live run (file and
week) are kept in the browser session's results, so a reload or a second tab comes back to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import solara
from mesa.visualization.utils import update_counter

from ..plots import png_bytes
from ..plots.workshop import WORKSHOP_PANELS, Marks, run_style, workshop_figure
from ..text.numbers import tick_number
from .compare_files import figure_png, provenance_line, summary_table
from .compare_page import INVESTMENT, WAVE, window_text
from .components import use_frame_throttle
from .i18n import tr
from .rasters import MapRaster
from .session import Player, SessionModel

#: the map's width in page pixels: normal view, presenter view (the brief of a room: at least 560 px)
MAP_PX, MAP_PRESENTER_PX = 420, 560
#: the smallest text of the tab in page pixels (buttons, legend, step text)
TEXT_PX = 18
#: the page's content width at 1280 px (the page's padding taken off): the figure's width under the row
PAGE_PX = 1232
#: the gap between the map's column and the results' column
GAP_PX = 16
#: play speeds offered, in weeks per second, and the one a session starts with (the wave of 16 weeks
#: then takes 4 s: long enough to point at)
SPEEDS: tuple[int, ...] = (1, 2, 4, 8)
DEFAULT_SPEED = 4
#: the ablated runs of the last step (the mechanism off): dashed, in their file's colour
ABLATED_SUFFIX = ":community_split=false"

#: the tab's sizes for a room: buttons in sentence case at 18 px (Vuetify's are 12–14 px uppercase)
CSS = f"""
.wijk-workshop .v-btn {{ font-size: {TEXT_PX}px !important; text-transform: none !important;
    letter-spacing: normal !important; }}
.wijk-workshop .v-btn.v-size--small {{ height: 36px !important; }}
.wijk-workshop-figure {{ max-width: 100%; height: auto; }}
"""


def map_width(presenter: bool) -> int:
    """The map's width in page pixels in the view (presenter or not)."""
    return MAP_PRESENTER_PX if presenter else MAP_PX


def column_width(presenter: bool) -> int:
    """The width of the map's column (the map, or the controls' minimum beside a smaller map)."""
    return max(map_width(presenter), 440)


def step_marks(runs: list[str], facts: dict[str, Any], window: tuple[int, int, str] | None, lang: str) -> Marks:
    """What a step's figure marks: the wave if one of its runs has it, the investment if one of its runs
    invests (weeks from the files, :func:`wijksim.ui.workshop.workshop_facts`), and the judged window
    ``(first, last, name)`` — each with its label in ``lang``, shown in the legend."""
    bases = {r.split(":", 1)[0] for r in runs}
    wave = (tr("ws_mark_wave", lang).format(a=facts["wave_start"], b=facts["wave_end"]),
            int(facts["wave_start"]), int(facts["wave_end"])) if bases & {WAVE, INVESTMENT} else None
    invest = (tr("ws_mark_invest", lang).format(a=facts["invest_start"], b=facts["invest_end"]),
              int(facts["invest_start"]), int(facts["invest_end"])) if INVESTMENT in bases else None
    judged = None
    if window is not None:
        first, last, name = window
        judged = (f"{tr('window', lang)}: {window_text(name, first, last, lang)}", first, last)
    return Marks(wave=wave, investment=invest, window=judged)


def picked_window(summary: pd.DataFrame, window: solara.Reactive[str]) -> str:
    """The picked window if the summary has it, else its first."""
    present = list(dict.fromkeys(summary["window"]))
    return window.value if window.value in present else present[0]


def judged_window(runs: tuple[str, ...], summary: pd.DataFrame, window: solara.Reactive[str]
                  ) -> tuple[int, int, str] | None:
    """The window a step's table judges, as its figure shades it: ``(first, last, name)`` (a step of one
    run, ``runs``, judges none)."""
    if len(runs) < 2:
        return None
    win = picked_window(summary, window)
    rows = summary[summary["window"] == win]
    return int(rows["week_from"].iloc[0]), int(rows["week_to"].iloc[0]), win


def panel_titles(lang: str) -> dict[str, str]:
    """The figure's panel titles in ``lang``: the table's words, capitalised, shares with "(%)"."""
    out = {}
    for col in WORKSHOP_PANELS:
        word = tr(col, lang)
        out[col] = word[:1].upper() + word[1:] + ("" if col == "incidents" else " (%)")
    return out


def step_figure(runs: pd.DataFrame, facts: dict[str, Any], window: tuple[int, int, str] | None,
                names: dict[str, str], lang: str, width_px: int) -> Any:
    """A step's figure as the page shows it, ``width_px`` wide (see :func:`workshop_figure`)."""
    keys = list(dict.fromkeys(runs["scenario"].astype(str)))
    styles = {k: run_style(k, WAVE, INVESTMENT, [k for k in keys if k.endswith(ABLATED_SUFFIX)]) for k in keys}
    return workshop_figure(runs, styles, panel_titles(lang), step_marks(keys, facts, window, lang), names,
                           width_px=width_px, number=tick_number(lang), xlabel=tr("week", lang).lower())


def figure_width(one_run: bool, presenter: bool) -> int:
    """Where a step's figure goes, in page pixels: a one-run step (no table) shows it beside the map, so
    that step 1's result is above the fold; the others under the row, the page's width."""
    return PAGE_PX - column_width(presenter) - GAP_PX if one_run else PAGE_PX


@solara.component
def WorkshopFigure(runs: pd.DataFrame, summary: pd.DataFrame, facts: dict[str, Any],
                   window: tuple[int, int, str] | None, names: dict[str, str], lang: str, width_px: int,
                   downloads: bool) -> None:
    """The step's figure, shown at the width it is drawn at; with ``downloads`` (not in presenter view)
    the figure with its provenance line and the bonus/malus table as CSV."""
    key = window[2] if window is not None else "end"

    def draw() -> bytes:
        return png_bytes(step_figure(runs, facts, window, names, lang, width_px), dpi=100)

    png = solara.use_memo(draw, [id(runs), window, lang, width_px, tuple(sorted(names.items()))])
    solara.Image(png, width=f"{width_px}px", classes=["wijk-workshop-figure"])
    if not downloads:
        return
    titles = {str(k): names.get(str(k), str(k)) for k in dict.fromkeys(runs["scenario"])}

    def file_png() -> bytes:
        line = provenance_line(None, key, tr("window", lang))
        return figure_png(step_figure(runs, facts, window, names, lang, width_px), line, None, key)

    with solara.Row():
        solara.FileDownload(file_png, f"wijksim-workshop-{key}.png", label=f"{tr('figure', lang)} (PNG)",
                            mime_type="image/png")
        solara.FileDownload(lambda: summary_table(summary, titles, None).to_csv(index=False).encode(),
                            "wijksim-workshop-bonus-malus.csv", label=f"{tr('bonus_malus_table', lang)} (CSV)",
                            mime_type="text/csv")


def set_speed(player: Player, weeks_per_second: int) -> None:
    """Play ``weeks_per_second`` weeks a second: the loop waits 1/speed after each week (a week's step and
    draw take tens of milliseconds, so the real speed is a little lower, never higher)."""
    player.interval_s = 1.0 / max(1, int(weeks_per_second))


@solara.component
def SpeedControl(player: Player, store: Any, lang: str) -> None:
    """The play speed in weeks per second, kept in the session (a reload keeps it)."""
    speed = int(store.get("workshop_speed", DEFAULT_SPEED))
    set_speed(player, speed)

    def choose(v: int) -> None:
        store["workshop_speed"] = int(v)
        set_speed(player, int(v))
        force.set(int(v))

    force = solara.use_reactive(speed)
    with solara.Row(style="align-items: center; gap: 8px;", classes=["wijk-workshop-speed"]):
        solara.Text(tr("ws_speed", lang), style=f"font-size: {TEXT_PX}px;")
        solara.ToggleButtonsSingle(
            value=force.value, on_value=choose, dense=True, classes=["wijk-speed"],
            children=[solara.Button(str(s), value=s, classes=[f"wijk-speed-{s}"]) for s in SPEEDS],
        )


@solara.component
def WorkshopMap(model: solara.Reactive[SessionModel], lang: str, width: int, name: str,
                controls: Callable[[], None] | None = None, inline: Callable[[], None] | None = None,
                on_week: Callable[[str, int], None] | None = None) -> None:
    """The live run's map with "Week N of M" and which run it is; ``inline`` drawn in that line (the
    presenter view's pause button: the map does not move when it appears), ``controls`` between the week
    and the map (above the fold); redrawn after every step, telling ``on_week`` the run's file and week
    (kept in the session: a reload rebuilds the run there)."""
    update_counter.get()
    m = model.value
    raster = solara.use_memo(lambda: MapRaster(m), [id(m)])
    with m.lock:
        png = raster.render(m)
        week = m.week
    last = int(m.config_snapshot.scenario.weeks)
    if on_week is not None:
        on_week(str(m.config_snapshot.source), int(week))

    use_frame_throttle(m)  # play waits for the pass that drew the last week (as the explorer's views)
    with solara.Row(style="align-items: baseline; flex-wrap: wrap; gap: 8px; line-height: 1.2;"):
        solara.Text(f"{tr('week', lang)} {week}", classes=["wijk-week"], style="font-size: 24px; font-weight: 600;")
        solara.Text(f"{tr('of_weeks', lang)} {last}", classes=["wijk-of-weeks"], style=f"font-size: {TEXT_PX}px;")
        solara.Text(f"· {name}", classes=["wijk-workshop-live-name"], style=f"font-size: {TEXT_PX}px; color: #333;")
        if inline is not None:
            inline()
    if controls is not None:
        controls()
    solara.Image(png, width=f"{width}px", classes=["wijk-map", "wijk-workshop-map"])
    solara.Text(tr("legend_map", lang), classes=["wijk-map-legend"],
                style=f"font-size: {TEXT_PX}px; line-height: 1.3; color: #333; max-width: {width}px;")


@solara.component
def StepText(text: str) -> None:
    """A step's text at the tab's smallest size for a room."""
    solara.Text(text, classes=["wijk-workshop-text"], style=f"font-size: {TEXT_PX}px; line-height: 1.3;")
