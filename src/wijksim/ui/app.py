"""The page ``wijksim ui`` serves (``solara run src/wijksim/ui/app.py``).

``Page`` owns the session's state — language, the model and its recipe — through component state,
so every browser session (every solara kernel) has its own model; nothing lives in module globals.
"""

from __future__ import annotations

from typing import Any

import solara

from wijksim.ui.compare_page import ComparePage, WorkshopPage
from wijksim.ui.explorer import Explorer, new_session
from wijksim.ui.i18n import LANGS, tr

PAGES: tuple[str, ...] = ("explorer", "compare", "workshop")


@solara.component
def Page() -> None:
    """Language switch and page switch in the app bar; the chosen page below."""
    lang = solara.use_reactive("nl")
    page = solara.use_reactive("explorer")
    config, first_model = solara.use_memo(new_session, [])
    model: Any = solara.use_reactive(first_model)

    with solara.AppBar():
        solara.ToggleButtonsSingle(
            value=page,
            classes=["wijk-pages"],
            children=[
                solara.Button(tr(f"tab_{p}", lang.value), value=p, text=True, classes=[f"wijk-page-{p}"])
                for p in PAGES
            ],
        )
        solara.ToggleButtonsSingle(
            value=lang,
            classes=["wijk-lang"],
            children=[solara.Button(x.upper(), value=x, text=True) for x in LANGS],
        )
    if page.value == "explorer":
        Explorer(model, config, lang.value)
    elif page.value == "compare":
        solara.AppBarTitle(tr("app_title", lang.value))
        ComparePage(lang.value)
    else:
        solara.AppBarTitle(tr("app_title", lang.value))
        WorkshopPage(lang.value)
