"""The browser UI's strings, one module per page: what a page says is found next to the rest of that page.

Why here, under the text layer, and not in ``wijksim.ui``: these modules are plain data (key -> (Dutch,
English)) that import nothing, so code that must not pull in solara (the figures' labels, a script, a test
of the words) can read them, and the words of a page sit beside the other texts of wijksim (messages,
events, intervention labels) that the same translator reviews. Why by page: a string is looked up where
it is shown, so a page's module holds what that page shows; words several pages share (play controls,
weeks, seeds) are in :mod:`.common`. The start buttons' words are keyed by the table of intervention types
and live with its labels (:data:`wijksim.text.interventions.BUTTON_LABELS`).

:data:`STRINGS` is every page merged; a key defined by two modules is an error at import (a test checks the
modules' own literals too, where a repeated key would silently win).
"""

from __future__ import annotations

from ..interventions import BUTTON_LABELS
from . import charts, city, common, compare, explorer, room, workshop

#: page -> its strings (key -> (Dutch, English)), in the order the pages are merged
PAGES: dict[str, dict[str, tuple[str, str]]] = {
    "common": common.STRINGS,
    "explorer": explorer.STRINGS,
    "buttons": BUTTON_LABELS,
    "charts": charts.STRINGS,
    "compare": compare.STRINGS,
    "workshop": workshop.STRINGS,
    "room": room.STRINGS,
    "city": city.STRINGS,
}


def merged(pages: dict[str, dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """One table of every page's strings; a key that two pages define is a ValueError (which one wins
    would depend on the merge order)."""
    out: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    for page, strings in pages.items():
        for key, pair in strings.items():
            if key in out:
                raise ValueError(f"UI string {key!r} is defined by both {where[key]} and {page}")
            out[key], where[key] = pair, page
    return out


#: key -> (Dutch, English): every string of the UI
STRINGS: dict[str, tuple[str, str]] = merged(PAGES)


def tr(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (English if the key or language is unknown, the key if both are)."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nl" else pair[1]
