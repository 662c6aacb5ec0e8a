"""The page ``wijksim ui`` serves (``solara run src/wijksim/ui/app.py``).

``Page`` owns the page's state — language, the model and its recipe, the play loop — through
component state, so every browser page (every solara kernel) has its own model and its own
player. What takes seconds to compute (comparisons, workshop steps) lands in the browser session's
results on the server (:mod:`wijksim.ui.results`), so it reaches the page that asked for it whatever
the tabs do, and a reload (F5) finds it again, on the tab it was left on. Switching away from the
explorer pauses play.
"""

from __future__ import annotations

from typing import Any

import solara

from wijksim.ui.city_page import CityPage
from wijksim.ui.compare_page import ComparePage
from wijksim.ui.explorer import Explorer, new_session
from wijksim.ui.i18n import LANGS, tr
from wijksim.ui.join_page import JoinPage
from wijksim.ui.page_guard import CSS as GUARD_CSS
from wijksim.ui.page_guard import PageGuard
from wijksim.ui.results import session_results
from wijksim.ui.room_page import RoomPage, query
from wijksim.ui.session import Player, kernel_player
from wijksim.ui.workshop import WorkshopPage, new_workshop_player

PAGES: tuple[str, ...] = ("explorer", "compare", "workshop", "room", "city")

#: solara's sidebar is "min-content" wide (400-600 px) while the page beside it assumes 400 px: a long
#: scenario title or path widened it over the play buttons. Keep it at 400 px; its content wraps.
CSS = """
.v-navigation-drawer { max-width: 400px !important; }
.v-navigation-drawer .v-select__selection { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
"""


def _new_player() -> Player:
    """The explorer's play loop (state file ``<session>``)."""
    return kernel_player()


@solara.component
def Page() -> None:
    """Language switch and page switch in the app bar; the chosen page below."""
    # the session's results (kept on the server per browser session; a reload finds them)
    results = solara.use_memo(session_results, [])
    lang = solara.use_reactive(str(results.get("lang", "nl")))
    asked = query(solara.use_router().search)
    page = solara.use_reactive("room" if "room" in asked else str(results.get("page", "explorer")))
    config, first_model = solara.use_memo(new_session, [])
    model: Any = solara.use_reactive(first_model)
    player = solara.use_memo(_new_player, [])
    play_state: solara.Reactive[dict[str, Any]] = solara.use_reactive({})
    player.on_state = play_state.set
    # the workshop's live run has its own player: play belongs to a page
    workshop_player = solara.use_memo(new_workshop_player, [])
    workshop_state: solara.Reactive[dict[str, Any]] = solara.use_reactive({})
    workshop_player.on_state = workshop_state.set
    # the workshop's live runs belong to this page (its players play them), not to the browser session
    live_runs: dict[str, Any] = solara.use_memo(dict, [])

    def cleanup() -> Any:
        def close() -> None:
            player.pause("closed")
            workshop_player.pause("closed")

        return close

    solara.use_effect(cleanup, [])

    def switch(p: str) -> None:
        if p != "explorer":
            player.pause("left")
        if p != "workshop":
            workshop_player.pause("left")
        results["page"] = p
        page.set(p)

    def switch_lang(x: str) -> None:
        results["lang"] = x
        lang.set(x)

    solara.Style(CSS + GUARD_CSS)
    if "join" in asked:  # a participant's phone: the room's page only (join_page)
        _Phone(lang, switch_lang, results)
        return
    with solara.AppBar():
        solara.ToggleButtonsSingle(
            value=page.value,
            on_value=switch,
            classes=["wijk-pages"],
            children=[
                solara.Button(tr(f"tab_{p}", lang.value), value=p, text=True, classes=[f"wijk-page-{p}"])
                for p in PAGES
            ],
        )
        solara.ToggleButtonsSingle(
            value=lang.value,
            on_value=switch_lang,
            classes=["wijk-lang"],
            children=[solara.Button(x.upper(), value=x, text=True, classes=[f"wijk-lang-{x}"]) for x in LANGS],
        )
    if page.value == "explorer":
        Explorer(model, config, lang.value, player=player, play_state=play_state)
    elif page.value == "compare":
        solara.AppBarTitle(tr("app_title", lang.value))
        ComparePage(lang.value, results=results, explore_config=config, explore_model=model.value)
    elif page.value == "city":
        solara.AppBarTitle(tr("app_title", lang.value))
        CityPage(lang.value, results=results)
    elif page.value == "room":
        solara.AppBarTitle(tr("app_title", lang.value))
        RoomPage(lang.value, results=results)
    else:
        solara.AppBarTitle(tr("app_title", lang.value))
        WorkshopPage(lang.value, results=results, player=workshop_player, play_state=workshop_state, live=live_runs)
    # a new marker per page drawn: the browser holds clicks on the old page until it arrives (page_guard)
    PageGuard(page=page.value).key(f"page-guard-{page.value}")


@solara.component
def _Phone(lang: solara.Reactive[str], switch_lang: Any, results: Any) -> None:
    """A participant's page: the language switch and the room's join page (no other tabs on a phone)."""
    with solara.AppBar():
        solara.ToggleButtonsSingle(
            value=lang.value,
            on_value=switch_lang,
            classes=["wijk-lang"],
            children=[solara.Button(x.upper(), value=x, text=True, classes=[f"wijk-lang-{x}"]) for x in LANGS],
        )
    solara.AppBarTitle(tr("jn_title", lang.value))
    JoinPage(lang.value, results=results)
