"""The trainer's screen of a workshop room (the projector): open a room, show its join code and QR code,
see who sits where and who has chosen, close rounds (or let a timer close them), end, and debrief.

The trainer's secret is kept in the browser session's results (solara's session cookie,
:mod:`wijksim.ui.results`), so a reload lands in the running room. It is never put into the address bar,
which the projector shows; a page opened with ``?room=CODE&key=SECRET`` (a link the trainer keeps, e.g. for
a second laptop) is the trainer's screen too. Without the secret a
screen is never the trainer's: every trainer action goes through :mod:`wijksim.ui.room_server`, which
checks it.

The debrief is a computation of the session's results (key ``room_debrief:<code>:<round>``): it runs in
its own thread with a progress bar and lands whatever the tabs do.
"""

from __future__ import annotations

import os
import socket
import urllib.parse
from typing import Any

import segno
import solara

from ..room import RoomError
from ..text.messages import text
from . import room_server as server
from .i18n import tr
from .results import Busy, SessionResults, use_results
from .room_views import AfterRound, Countdown, DebriefView, heading, use_room

ROUND_TIMER_S = 60.0
BIG = {"font-size": "1.4em", "font-weight": "bold"}
LOOPBACK = "127.0.0.1"


def lan_address() -> str:
    """This machine's address on its network, as a phone would reach it (no packet is sent: the name
    lookup of the machine's own host name); 127.0.0.1 if it has none."""
    try:
        addresses = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return LOOPBACK
    found = [str(a[4][0]) for a in addresses if not str(a[4][0]).startswith("127.")]
    return found[0] if found else LOOPBACK


def join_url(code: str, env: dict[str, str] | None = None) -> str:
    """The URL phones open: the server's LAN address when ``wijksim ui --host 0.0.0.0`` (or another
    non-loopback host) serves it, else 127.0.0.1 (a rehearsal on one machine)."""
    env = dict(os.environ) if env is None else env
    host = env.get("WIJKSIM_UI_HOST", LOOPBACK)
    port = env.get("WIJKSIM_UI_PORT", "8765")
    if host in ("0.0.0.0", "::", ""):
        host = lan_address()
    elif host in ("localhost", "::1"):
        host = LOOPBACK
    return f"http://{host}:{port}/?join={urllib.parse.quote(code)}"


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (large enough to scan from the back of a room)."""
    return str(segno.make(url, error="m").svg_inline(scale=8, border=2))


def query(search: str | None) -> dict[str, str]:
    """A URL's query (``a=b&c=d``) as a dict (the last value of a repeated key)."""
    return {k: v for k, v in urllib.parse.parse_qsl(search or "")}


@solara.component
def OpenForm(lang: str, on_open: Any) -> None:
    """The room's settings and the button that opens it."""
    rounds = solara.use_reactive(6)
    weeks = solara.use_reactive(8)
    wave = solara.use_reactive(3)
    residents = solara.use_reactive(4)
    problem = solara.use_reactive("")

    def open_it() -> None:
        try:
            code, secret = server.open_room(rounds=int(rounds.value), weeks_per_round=int(weeks.value), lang=lang,
                                            wave_round=int(wave.value) or None, resident_seats=int(residents.value))
        except RoomError as e:
            problem.set(text(e, lang))
            return
        on_open(code, secret)

    solara.Text(tr("rm_intro", lang))
    solara.InputInt(tr("rm_rounds", lang), value=rounds, classes=["wijk-room-rounds"])
    solara.InputInt(tr("rm_weeks", lang), value=weeks, classes=["wijk-room-weeks"])
    solara.InputInt(tr("rm_wave", lang), value=wave, classes=["wijk-room-wave"])
    solara.InputInt(tr("rm_residents", lang), value=residents, classes=["wijk-room-residents"])
    solara.Button(tr("rm_open", lang), on_click=open_it, color="primary", classes=["wijk-room-open"])
    if problem.value:
        solara.Error(problem.value, classes=["wijk-room-problem"])


@solara.component
def Seats(found: server.OpenRoom, secret: str, lang: str, version: int = 0) -> None:
    """Who sits where, who has chosen in the open round, and a button to take a seat away."""
    heading(tr("rm_seats", lang), 3)
    if not found.seats:
        solara.Text(tr("rm_no_seats", lang))
    for token, (role, name) in list(found.seats.items()):
        state = ("rm_kicked" if token in found.kicked else "rm_has_chosen" if token in found.chosen
                 else "rm_not_chosen")
        with solara.Row(classes=["wijk-room-seat"]):
            solara.Text(f"{name} · {role_words(role, lang)} — {tr(state, lang)}",
                        classes=[f"wijk-seat-{state}"])
            if token not in found.kicked:
                solara.Button(tr("rm_kick", lang), text=True, small=True,
                              on_click=lambda t=token: server.kick(found.code, secret, t), classes=["wijk-room-kick"])


def role_words(role: str, lang: str) -> str:
    from ..room import role_label

    return role_label(role, lang)


@solara.component
def RoundControls(found: server.OpenRoom, secret: str, lang: str, version: int = 0) -> None:
    """The round's state and the trainer's buttons: close the round, close it in a minute, end the game."""
    room = found.room
    problem = solara.use_reactive("")
    over = room.finished or found.ended
    if over:
        solara.Text(tr("rm_round_over", lang).format(total=room.round), classes=["wijk-room-over"], style=BIG)
    else:
        solara.Text(tr("rm_round", lang).format(n=room.round + 1, total=room.rounds), classes=["wijk-room-round"],
                    style=BIG)
    Countdown(found, lang, version)

    def act(what: Any) -> None:
        try:
            what()
            problem.set("")
        except RoomError as e:
            problem.set(text(e, lang))

    with solara.Row():
        solara.Button(tr("rm_advance", lang), color="primary", disabled=over, classes=["wijk-room-advance"],
                      on_click=lambda: act(lambda: server.advance(found.code, secret)))
        solara.Button(tr("rm_timer", lang), disabled=over, classes=["wijk-room-timer-start"],
                      on_click=lambda: act(lambda: server.start_timer(found.code, secret, ROUND_TIMER_S)))
        solara.Button(tr("rm_end", lang), disabled=over, classes=["wijk-room-end"],
                      on_click=lambda: act(lambda: server.end(found.code, secret)))
    if problem.value:
        solara.Error(problem.value, classes=["wijk-room-problem"])


@solara.component
def Debrief(found: server.OpenRoom, lang: str, store: SessionResults, version: int = 0) -> None:
    """The debrief of the rounds played so far: start it, watch its progress, see and download it."""
    room = found.room
    if room.round == 0:
        return
    key = f"room_debrief:{room.code}:{room.round}"
    heading(tr("rm_debrief", lang), 2)
    got = store.get(key)
    if got is not None:
        DebriefView(found, got, lang)
        return
    if key in store.busy:
        Busy(store, key, lang, "wijk-room-debrief-busy")
        return
    if key in store.errors:
        solara.Error(text(store.errors[key], lang))
    solara.Button(tr("rm_debrief_start", lang), color="primary", classes=["wijk-room-debrief"],
                  on_click=lambda: store.run(key, lambda: room.debrief(replicates=10, progress=store.reporter(key))))


@solara.component
def RoomPage(lang: str, results: SessionResults | dict[str, Any] | None = None, search: str | None = None) -> None:
    """The trainer's screen: the open form, or the running room of this session (or of the URL's key)."""
    store = use_results(results)
    router = solara.use_router() if search is None else None
    asked = query(search if search is not None else (router.search if router is not None else None))
    held = store.get("room_trainer")
    if asked.get("room") and asked.get("key"):
        held = (asked["room"], asked["key"])
    found: server.OpenRoom | None = None
    lost = False
    if held:
        try:
            found = server.trainer(*held)
        except RoomError:
            lost = True
    version = use_room(found)

    def opened(code: str, secret: str) -> None:
        store["room_trainer"] = (code, secret)  # never into the address bar: the projector would show it
        store.run("room_opened", lambda: None)  # redraw every page of this session

    heading(tr("rm_title", lang), 1)
    if found is None:
        if lost:
            solara.Warning(tr("rm_lost", lang), classes=["wijk-room-lost"])
        OpenForm(lang, opened)
        return
    secret = held[1]
    url = join_url(found.code)
    with solara.Row(style={"flex-wrap": "wrap", "align-items": "center"}):
        solara.HTML(tag="div", unsafe_innerHTML=qr_svg(url), classes=["wijk-room-qr"])
        with solara.Column():
            with solara.Row():
                solara.Text(f"{tr('rm_code', lang)}:", style={"font-size": "2.5em"})
                solara.Text(found.code, classes=["wijk-room-code"],
                            style={"font-size": "3em", "font-weight": "bold", "letter-spacing": "0.15em"})
            solara.Text(tr("rm_join_at", lang).format(url=url), classes=["wijk-room-url"])
            solara.Text(tr("rm_seed", lang).format(seed=found.room.seed), classes=["wijk-room-seed"])
    # the room changes under the same arguments: ``version`` makes every part redraw after each change
    RoundControls(found, secret, lang, version)
    Seats(found, secret, lang, version)
    AfterRound(found, lang, version=version)
    Debrief(found, lang, store, version + store.version)
