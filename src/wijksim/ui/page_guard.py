"""Clicks on a page that is being replaced: dim it and let them wait, rather than lose them.

A tab click reaches the server, which closes the shown page's widgets and builds the next page (about a
second for the explorer here). Until the browser receives the new page it keeps showing the old one, and a
click on it is sent to a widget the server has already closed: the server drops it, unanswered. That is
how "the first click after returning to the Workshop tab" was lost: going Workshop → Explorer → Workshop
quickly, the first click after returning landed on the old Workshop page, still shown while the explorer
was being built, and only the second on the one drawn after the return.

:func:`PageGuard` marks the page the server drew (one per page shown, so the browser sees each new one
arrive). In the browser, a click on the tab of another page dims the page content and makes it ignore
clicks (``body.wijk-switching``, :data:`CSS`) until the page last asked for has been drawn, or at most
``release_after_ms``. The tabs stay clickable.
"""

from __future__ import annotations

import solara

#: while a page is being replaced: its content (main area and sidebar) takes no clicks and is dimmed
CSS = """
body.wijk-switching { cursor: progress; }
body.wijk-switching .solara-content-main { pointer-events: none; opacity: 0.5; }
"""

#: release the guard after this long even if the page asked for was never drawn (a failed render)
RELEASE_AFTER_MS = 20_000


@solara.component_vue("page_guard.vue")
def PageGuard(page: str, release_after_ms: int = RELEASE_AFTER_MS) -> None:
    """The marker of the page ``page`` that the server drew; give it a key per page (a new marker for each
    page shown: its arrival in the browser releases the guard)."""
