"""The participant's page on a phone (``/?join=CODE``): a name and a role, then the role's decisions each
round, and after each round the map, the charts and what every role chose.

No install and no account: the seat is its secret token, put into the page's URL after joining
(``/?join=CODE&seat=TOKEN``) and into the browser session's results (solara's session cookie), so a reload
or a phone that dropped its connection finds its seat again. Joins are rate-limited per browser session
(:func:`wijksim.ui.room_server.join`). Laid out for a screen 360 px wide: one column, large buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import solara

from ..room import RoomError, option_label, role_label
from ..room.roles import ROLES, decision_label
from ..text.messages import text
from . import room_server as server
from .i18n import tr
from .results import SessionResults, current_session_id, use_results
from .room_page import query
from .room_views import AfterRound, Countdown, heading, use_room

CSS = """
.wijk-join { max-width: 560px; margin: 0 auto; }
.wijk-join .v-btn-toggle { flex-wrap: wrap; }
.wijk-join .v-btn { min-height: 44px; }
"""


@solara.component
def JoinForm(code: str, lang: str, on_join: Any) -> None:
    """Code (filled in from the URL), name and role; Join."""
    typed = solara.use_reactive(code)
    name = solara.use_reactive("")
    role = solara.use_reactive(ROLES[0])
    problem = solara.use_reactive("")

    def join() -> None:
        try:
            token = server.join(typed.value, name.value, role.value, current_session_id())
        except RoomError as e:
            problem.set(text(e, lang))
            return
        on_join(server.find(typed.value).code, token)

    heading(tr("jn_title", lang), 2)
    solara.InputText(tr("jn_code", lang), value=typed, classes=["wijk-join-code"])
    solara.InputText(tr("jn_name", lang), value=name, classes=["wijk-join-name"], continuous_update=True)
    solara.Text(tr("jn_role", lang))
    solara.ToggleButtonsSingle(value=role, classes=["wijk-join-roles"], children=[
        solara.Button(role_label(r, lang), value=r, classes=[f"wijk-join-role-{r}"]) for r in ROLES])
    solara.Button(tr("jn_join", lang), on_click=join, color="primary", classes=["wijk-join-go"])
    if problem.value:
        solara.Error(problem.value, classes=["wijk-join-problem"])


def _picker(pick: Callable[[str, str], None], decision: str, current: str) -> Callable[[str | None], None]:
    """The on_value of one decision's buttons. A tap on the option already shown unselects it in the browser
    (None): that tap confirms the current option for this round, so it counts as a choice."""
    return lambda option: pick(decision, current if option is None else option)


@solara.component
def Decisions(found: server.OpenRoom, token: str, role: str, lang: str, version: int = 0) -> None:
    """This round's decisions of the seat's role, each a row of buttons showing what the seat plays now."""
    room = found.room
    problem = solara.use_reactive("")
    now = room.choices(token)

    def pick(decision: str, option: str) -> None:
        try:
            server.choose(found.code, token, decision, option)
            problem.set("")
        except RoomError as e:
            problem.set(text(e, lang))

    heading(tr("jn_decide", lang).format(n=room.round + 1), 4)
    Countdown(found, lang, version)
    for decision, options in room.options(token).items():
        solara.Text(decision_label(role, decision, lang), style={"font-weight": "bold"})
        solara.ToggleButtonsSingle(
            value=now[decision], on_value=_picker(pick, decision, now[decision]),
            classes=[f"wijk-decision-{decision}"],
            children=[solara.Button(option_label(role, decision, o, lang), value=o,
                                    classes=[f"wijk-option-{decision}-{o}"]) for o in options])
    chosen = token in found.chosen
    if not chosen:
        solara.Button(tr("jn_confirm", lang), color="primary", classes=["wijk-join-confirm"],
                      on_click=lambda: pick_none(found.code, token))
    solara.Text(tr("jn_saved" if chosen else "jn_waiting", lang),
                classes=["wijk-join-saved" if chosen else "wijk-join-waiting"])
    if problem.value:
        solara.Error(problem.value, classes=["wijk-join-problem"])


def pick_none(code: str, token: str) -> None:
    """Keep every decision as it shows (a seat that is content with its last choices says so)."""
    try:
        server.confirm(code, token)
    except RoomError:
        pass  # the seat has gone: the next redraw shows the join form


@solara.component
def JoinPage(lang: str, results: SessionResults | dict[str, Any] | None = None, search: str | None = None) -> None:
    """The phone's page: the join form, or the seat of the URL's (or this session's) token."""
    store = use_results(results)
    router = solara.use_router() if search is None else None
    asked = query(search if search is not None else (router.search if router is not None else None))
    code = asked.get("join", "").strip().upper()
    token = asked.get("seat") or store.get(f"room_seat:{code}")
    found: server.OpenRoom | None = None
    role = name = ""
    problem = ""
    if token and code:
        try:
            found, role, name = server.seat(code, token)
        except RoomError as e:
            problem = text(e, lang)
    version = use_room(found)

    def joined(c: str, t: str) -> None:
        store[f"room_seat:{c}"] = t
        if router is not None:
            router.push(f"?join={c}&seat={t}")
        store.run("room_joined", lambda: None)  # redraw this session's pages

    solara.Style(CSS)
    with solara.Column(classes=["wijk-join"]):
        if found is None or token is None:
            if problem:
                solara.Warning(problem, classes=["wijk-join-lost"])
            JoinForm(code, lang, joined)
            return
        solara.Text(tr("jn_you_are", lang).format(name=name, role=role_label(role, lang)), classes=["wijk-join-seat"],
                    style={"font-size": "1.3em", "font-weight": "bold"})
        if found.room.finished or found.ended:
            solara.Info(tr("jn_over", lang), classes=["wijk-join-over"])
        else:
            Decisions(found, token, role, lang, version)
        AfterRound(found, lang, width=340, version=version)
