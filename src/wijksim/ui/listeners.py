"""Pages that redraw when shared server state changes: a session's results, a workshop room.

Both keep what several browser pages show (one session's tabs, every screen of a room) and tell each page
when it changed. The rule is the same for both, so it lives here once: a page subscribes a callback and gets
back the function that unsubscribes it; a change calls every callback subscribed at that moment, outside
the lock (a callback may read the state, or subscribe another page), and a callback that fails belongs to a
page that has gone — it must not stop the others hearing of the change.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable


class Listeners:
    """The callbacks of the pages showing one piece of shared state."""

    def __init__(self) -> None:
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` at every :meth:`notify`; returns the function that unsubscribes it (twice is once)."""
        with self._lock:
            n = next(self._ids)
            self._callbacks[n] = callback

        def unsubscribe() -> None:
            with self._lock:
                self._callbacks.pop(n, None)

        return unsubscribe

    def notify(self) -> None:
        """Call every callback subscribed now; one that raises is skipped (its page has gone)."""
        with self._lock:
            callbacks = list(self._callbacks.values())
        for cb in callbacks:
            try:
                cb()
            except Exception:  # a page that has gone must not stop the others hearing of it
                pass

    def __len__(self) -> int:
        with self._lock:
            return len(self._callbacks)
