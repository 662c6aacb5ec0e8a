"""What every screen of a workshop room shows after a round (map, charts, each role's choices) and the
debrief's table, figure and downloads; shared by the trainer's screen and the phones.

Pictures are drawn from the room (``Room.read_model`` for the map, ``Room.timeseries`` for the charts) once
per room version and kept in a small cache here, so thirty phones redrawn after a round do not draw thirty
maps.
"""

from __future__ import annotations

import contextlib
import html
import json
import math
import threading
import time
from collections.abc import Callable
from typing import Any

import pandas as pd
import solara

from ..outputs import output
from ..plots import Figure, overview, png_bytes, room_debrief
from ..provenance import model_version
from ..room import METRICS, option_label, role_label
from ..room.roles import decision_label
from ..text.numbers import number
from .compare_files import figure_png
from .i18n import panel_labels, tr
from .rasters import MapRaster
from .room_server import DROPPED, OpenRoom, rooms, subscribe

_PICTURES: dict[tuple[str, int, str, str], bytes] = {}
_PICTURES_LOCK = threading.Lock()


def use_room(found: OpenRoom | None) -> int:
    """Redraw the calling component after every change of ``found``; returns the room's version."""
    version = solara.use_reactive(found.version if found else -1)

    def attach() -> Callable[[], None] | None:
        if found is None:
            return None
        ctx = _context()

        def heard() -> None:
            with ctx if ctx is not None else contextlib.nullcontext():
                version.set(found.version)

        unsubscribe = subscribe(found, heard)
        version.set(found.version)
        return unsubscribe

    solara.use_effect(attach, [id(found)])
    return version.value


#: how often a countdown redraws itself (only the countdown's own line is redrawn)
TICK_S = 1.0


@solara.component
def Countdown(found: OpenRoom, lang: str, version: int = 0) -> None:
    """The round timer's seconds left, ticking on every screen of the room (trainer and phones).

    Why a thread per screen and not a redraw of the room: a tick redraws this one line only, not the maps
    and tables of thirty phones; the thread ends when the timer does or the screen goes away."""
    deadline = found.deadline
    tick = solara.use_reactive(0)

    def run() -> Callable[[], None] | None:
        if deadline is None:
            return None
        stop = threading.Event()
        ctx = _context()

        def loop() -> None:
            while not stop.wait(TICK_S) and time.monotonic() < deadline + TICK_S:
                try:
                    with ctx if ctx is not None else contextlib.nullcontext():
                        tick.set(tick.value + 1)
                except Exception:
                    return  # the page has gone without its cleanup: nothing left to redraw

        threading.Thread(target=loop, daemon=True, name=f"countdown-{found.code}").start()
        return stop.set

    solara.use_effect(run, [deadline])
    _ = tick.value  # read, so that each tick redraws this component
    if deadline is None:
        return
    left = max(0, math.ceil(deadline - time.monotonic()))
    solara.Text(tr("rm_timer_left", lang).format(s=left), classes=["wijk-room-timer"],
                style="font-size: 1.3em; font-weight: bold; color: #9b2c20;")


def _context() -> Any:
    try:
        from solara.server.kernel_context import get_current_context

        return get_current_context()
    except Exception:
        return None


def heading(words: str, level: int) -> None:
    """A heading (not solara.Markdown, which fetches KaTeX and mermaid from a CDN on every page load)."""
    solara.HTML(tag=f"h{level}", unsafe_innerHTML=html.escape(words), style="margin: 0.6em 0 0.3em")


def picture(found: OpenRoom, kind: str, lang: str) -> bytes:
    """The room's map (``"map"``) or charts (``"charts"``) after the rounds played, as PNG (cached per round)."""
    key = (found.code, found.room.round, kind, lang if kind == "charts" else "")
    with _PICTURES_LOCK:
        got = _PICTURES.get(key)
    if got is not None:
        return got
    if kind == "map":
        png = bytes(found.room.read_model(lambda m: MapRaster(m).render(m)))
    else:
        ts = found.room.timeseries()
        png = png_bytes(overview(ts, labels=panel_labels(lang), figsize=(11, 6),
                                 number=lambda x, d: number(x, lang, d)), dpi=80)
    open_codes = set(rooms())
    with _PICTURES_LOCK:  # older rounds' pictures and those of rooms that have gone free their memory
        for k in [k for k in _PICTURES if k[0] not in open_codes or (k[0] == found.code and k[1] < key[1])]:
            del _PICTURES[k]
        _PICTURES[key] = png
    return png


def forget_pictures(code: str) -> None:
    """Free the pictures of a room that has gone (expired or closed)."""
    with _PICTURES_LOCK:
        for k in [k for k in _PICTURES if k[0] == code]:
            del _PICTURES[k]


DROPPED.append(forget_pictures)


def choices_table(log: pd.DataFrame, rnd: int, lang: str) -> pd.DataFrame:
    """What each seat chose in round ``rnd`` (seats the model played left out), in the page's words."""
    rows = log[(log["round"] == rnd) & (log["name"] != "")]
    return pd.DataFrame({
        tr("rm_role", lang): [role_label(r, lang) for r in rows["role"]],
        tr("rm_name", lang): list(rows["name"]),
        tr("rm_decision", lang): [decision_label(r, d, lang)
                                  for r, d in zip(rows["role"], rows["decision"], strict=True)],
        tr("rm_option", lang): [option_label(r, d, o, lang)
                                for r, d, o in zip(rows["role"], rows["decision"], rows["option"], strict=True)],
    })


@solara.component
def AfterRound(found: OpenRoom, lang: str, width: int = 480, version: int = 0) -> None:
    """The map, the charts and what each role chose in the last closed round."""
    rnd = found.room.round
    if rnd == 0:
        return
    with solara.Row(style={"flex-wrap": "wrap"}):
        solara.Image(picture(found, "map", lang), width=f"{min(width, 480)}px", classes=["wijk-room-map"])
        solara.Image(picture(found, "charts", lang), width="100%", classes=["wijk-room-charts"])
    heading(tr("rm_choices", lang).format(n=rnd), 4)
    solara.DataFrame(choices_table(found.room.log(), rnd, lang), items_per_page=40)


def arm_label(arm: str, lang: str) -> str:
    if arm.startswith("room_without_"):
        role = role_label(arm.removeprefix("room_without_"), lang)
        return tr("arm_room_without", lang).format(role=role[0].lower() + role[1:])
    return tr(f"arm_{arm}", lang)


def bonus_table(debrief: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The debrief's bonus/malus rows (room − each other arm) with their intervals, in the page's words."""
    rows = debrief[debrief["metric"].str.startswith("bonus_malus_")]
    out = []
    for r in rows.itertuples():
        o = output(str(r.metric).removeprefix("bonus_malus_"))
        scale, unit = (100.0, " pp") if o.kind == "share" else (1.0, "")
        out.append({tr("rm_arm", lang): arm_label(str(r.arm), lang),
                    tr("rm_metric", lang): o.label_nl if lang == "nl" else o.label_en,
                    tr("rm_value", lang): number(r.value * scale, lang, 2, sign=True) + unit,
                    tr("rm_interval", lang): f"[{number(r.lo * scale, lang, 2, sign=True)}; "
                                             f"{number(r.hi * scale, lang, 2, sign=True)}]{unit}"})
    return pd.DataFrame(out)


def debrief_figure(debrief: pd.DataFrame, lang: str) -> Figure:
    """One panel per metric: the room's bonus or malus against each arm, a dot with its 95 % interval."""
    arms = {a: arm_label(a, lang) for a in dict.fromkeys(debrief["arm"])}
    return room_debrief(debrief, METRICS, arms, tr("rm_debrief_room", lang), lang)


@solara.component
def DebriefView(found: OpenRoom, debrief: pd.DataFrame, lang: str) -> None:
    """The debrief: the bonus/malus table with intervals, its figure and the downloads."""
    table = bonus_table(debrief, lang)
    solara.DataFrame(table, items_per_page=40)
    fig = debrief_figure(debrief, lang)
    solara.Image(png_bytes(fig, dpi=80), width="100%", classes=["wijk-room-debrief-figure"])
    room = found.room
    meta = {"code": room.code, "seed": room.seed, "rounds": room.round, "weeks_per_round": room.config.weeks_per_round,
            "replicates": 10, "wijksim": model_version()}
    line = f"wijksim {model_version()} · seed {room.seed} · rounds {room.round} · replicates 10"
    stem = f"room-{room.code}-r{room.round}"
    with solara.Row():
        solara.FileDownload(lambda: room.log().to_csv(index=False).encode(), f"{stem}-log.csv",
                            label=tr("rm_dl_log", lang))
        solara.FileDownload(lambda: debrief.to_csv(index=False).encode(), f"{stem}-debrief.csv",
                            label=tr("rm_dl_debrief", lang))
        solara.FileDownload(lambda: figure_png(debrief_figure(debrief, lang), line, meta, f"{room.round} rounds"),
                            f"{stem}-debrief.png", label=tr("rm_dl_png", lang))
    solara.Text(json.dumps(meta), classes=["wijk-room-meta"], style={"display": "none"})
