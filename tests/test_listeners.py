"""The one rule for pages that redraw on shared state (a session's results, a workshop room)."""

from __future__ import annotations

from wijksim.ui.listeners import Listeners


def test_every_page_hears_a_change_even_when_one_has_gone() -> None:
    heard: list[str] = []
    ls = Listeners()

    def gone() -> None:
        raise RuntimeError("this page's kernel has closed")

    ls.subscribe(lambda: heard.append("a"))
    ls.subscribe(gone)
    ls.subscribe(lambda: heard.append("c"))
    ls.notify()
    assert heard == ["a", "c"]


def test_unsubscribe_stops_it_and_twice_is_once() -> None:
    heard: list[int] = []
    ls = Listeners()
    off = ls.subscribe(lambda: heard.append(1))
    ls.notify()
    off()
    off()
    ls.notify()
    assert heard == [1] and len(ls) == 0


def test_a_callback_may_subscribe_or_unsubscribe_while_being_told() -> None:
    """Callbacks run outside the lock: a page that opens another page (or closes itself) as it redraws does
    not deadlock, and a page subscribed during a change hears the next one."""
    heard: list[str] = []
    ls = Listeners()
    offs: list = []

    def first() -> None:
        heard.append("first")
        if not offs:
            offs.append(ls.subscribe(lambda: heard.append("late")))

    off_first = ls.subscribe(first)
    ls.notify()
    assert heard == ["first"]
    off_first()
    ls.notify()
    assert heard == ["first", "late"]
