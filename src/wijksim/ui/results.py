"""What a browser session has computed, kept on the server per session — not in a page's component state.

A comparison or a workshop step takes seconds. Computed inside a component (``use_task``), its result was
tied to that component: a trainer who switched tabs while it ran came back to a new component with the
idle prompt, and a reload (F5) started from nothing. Here a computation runs in its own thread and lands
in the session's :class:`SessionResults`, whatever the tabs do; every page that shows it subscribes and
is redrawn when it lands (:func:`use_results`), and a reload of the same browser session (solara's
session cookie) finds it again. While it runs, ``busy`` names it, so any page can show that it is
computing and disable its start button until it lands.

Sessions are culled: a session with no connected page is dropped :data:`IDLE_MINUTES` after its last
use (checked whenever any session is looked up), so closed browser tabs do not keep their results for
long. The server's own kernels (the live models) are culled after ``SOLARA_KERNEL_CULL_TIMEOUT``, which
``wijksim ui`` sets to :data:`wijksim.ui.commands.KERNEL_CULL` (solara's default keeps them 24 hours).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

import solara

from ..text.numbers import number
from .i18n import tr
from .listeners import Listeners

#: a session without a connected page is dropped this long after its last use (results and all)
IDLE_MINUTES = 30


class SessionResults:
    """One browser session's results by key (a dict's ``get`` / ``[]`` / ``in``), the keys being computed
    now (``busy``) and the errors of the last computations (``errors``); ``version`` grows with every
    change, and listeners (the pages showing it) are called after each."""

    def __init__(self, session_id: str = "", data: dict[str, Any] | None = None) -> None:
        self.session_id = session_id
        self.data: dict[str, Any] = {} if data is None else data
        self.busy: set[str] = set()
        self.errors: dict[str, Exception] = {}
        #: per running key: (runs done, runs in all, seconds since it started), see :meth:`progress_of`
        self.progress: dict[str, tuple[int, int, float]] = {}
        self._started: dict[str, float] = {}
        self.version = 0
        self.touched = time.monotonic()
        self._lock = threading.RLock()
        self._listeners = Listeners()

    # --- the dict the pages read and write ------------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.data[key] = value

    def __contains__(self, key: object) -> bool:
        return key in self.data

    # --- computations ---------------------------------------------------------------------------
    def run(self, key: str, job: Callable[[], Any]) -> bool:
        """Run ``job`` in a thread of its own under ``key`` (False, nothing started, if ``key`` is already
        running). What it returns (unless None) lands in ``self[key]``; an exception lands in
        ``errors[key]``; either way ``key`` leaves ``busy`` and the listeners hear of it."""
        with self._lock:
            if key in self.busy:
                return False
            self.busy.add(key)
            self.errors.pop(key, None)
            self.progress.pop(key, None)
            self._started[key] = time.monotonic()
        self._changed()

        def work() -> None:
            try:
                value = job()
            except Exception as e:  # shown on the page that asked, in its language
                with self._lock:
                    self.errors[key] = e
            else:
                if value is not None:
                    self.data[key] = value
            finally:
                with self._lock:
                    self.busy.discard(key)
                    self.progress.pop(key, None)
                self._changed()

        threading.Thread(target=work, daemon=True, name=f"wijksim-result-{self.session_id}-{key}").start()
        return True

    def reporter(self, key: str) -> Callable[[int, int], None]:
        """A ``progress(done, total)`` callback for the computation under ``key`` (as
        :func:`wijksim.compare.run_comparison` calls it): the pages show runs done and time left."""
        def report(done: int, total: int) -> None:
            with self._lock:
                self.progress[key] = (int(done), int(total), time.monotonic() - self._started.get(key, 0.0))
            self._changed()
        return report

    def progress_of(self, key: str) -> tuple[int, int, float | None] | None:
        """``(runs done, runs in all, seconds left or None)`` of the computation under ``key``, None before
        its first run is done (the time left is the time per run so far times the runs left)."""
        with self._lock:
            got = self.progress.get(key)
        if got is None or got[1] <= 0:
            return None
        done, total, spent = got
        return done, total, (spent / done * (total - done)) if done else None

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` after every change; returns the function that unsubscribes it."""
        return self._listeners.subscribe(callback)

    def _changed(self) -> None:
        with self._lock:
            self.version += 1
            self.touched = time.monotonic()
        self._listeners.notify()


_SESSIONS: dict[str, SessionResults] = {}
_SESSIONS_LOCK = threading.Lock()


def current_session_id() -> str:
    """solara's browser-session id (its session cookie: the same across tabs and reloads of one browser);
    ``"local"`` outside a solara server."""
    try:
        from solara.server.kernel_context import get_current_context

        return str(get_current_context().session_id)
    except Exception:
        return "local"


def _connected_sessions() -> set[str]:
    """The sessions that have a page connected now (none outside a solara server)."""
    try:
        from solara.server.kernel_context import PageStatus, contexts
    except Exception:  # pragma: no cover - no solara server
        return set()
    return {str(c.session_id) for c in list(contexts.values())
            if not c.closed_event.is_set() and PageStatus.CONNECTED in c.page_status.values()}


def cull(now: float | None = None, idle_s: float = IDLE_MINUTES * 60.0) -> list[str]:
    """Drop every session with no connected page, nothing computing, and no use for ``idle_s`` seconds;
    returns the dropped ids."""
    now = time.monotonic() if now is None else now
    alive = _connected_sessions()
    with _SESSIONS_LOCK:
        gone = [sid for sid, s in _SESSIONS.items()
                if sid not in alive and not s.busy and now - s.touched > idle_s]
        for sid in gone:
            del _SESSIONS[sid]
    return gone


def session_results(session_id: str | None = None) -> SessionResults:
    """The results of ``session_id`` (default: this browser session), created on first use; culls idle
    sessions on the way."""
    sid = current_session_id() if session_id is None else session_id
    cull()
    with _SESSIONS_LOCK:
        found = _SESSIONS.get(sid)
        if found is None:
            found = _SESSIONS[sid] = SessionResults(sid)
        found.touched = time.monotonic()
        return found


def sessions() -> dict[str, SessionResults]:
    """The sessions kept now (a copy; for tests and operators)."""
    with _SESSIONS_LOCK:
        return dict(_SESSIONS)


def use_results(results: SessionResults | dict[str, Any] | None) -> SessionResults:
    """A page's view of the session's results: ``results`` itself, or (a plain dict or None, as the tests
    and a page on its own pass) one wrapping it; the page is redrawn after every change of it."""
    store = solara.use_memo(
        lambda: results if isinstance(results, SessionResults) else SessionResults(data=results),
        [id(results)],
    )
    version = solara.use_reactive(store.version)

    def attach() -> Callable[[], None]:
        ctx = _context()

        def heard() -> None:
            with ctx if ctx is not None else contextlib.nullcontext():
                version.set(store.version)

        unsubscribe = store.subscribe(heard)
        version.set(store.version)  # a change between the first draw and this effect
        return unsubscribe

    solara.use_effect(attach, [id(store)])
    _ = version.value  # read while drawing: solara redraws a component for the reactives it read
    return store


def _context() -> Any:
    """The solara kernel context of this page (None outside a server), entered by a listener that runs in
    a computation's thread so that its redraw goes to this page."""
    try:
        from solara.server.kernel_context import get_current_context

        return get_current_context()
    except Exception:
        return None


@solara.component
def Busy(store: SessionResults, key: str, lang: str, cls: str) -> None:
    """While ``key`` computes: a progress bar with the runs done and the time left (once the first run is
    done; until then an indeterminate bar), for the trainer's screen as for Compare."""
    got = store.progress_of(key)
    if got is None:
        solara.ProgressLinear(True)
        solara.Text(tr("running", lang), classes=[cls])
        return
    done, total, left = got
    solara.ProgressLinear(value=100.0 * done / total, classes=["wijk-progress"])
    eta = "" if left is None else " · " + tr("time_left", lang).format(s=number(max(0.0, left), lang, 0))
    solara.Text(f"{tr('running', lang)} {tr('runs_done', lang).format(done=done, total=total)}{eta}",
                classes=[cls])
