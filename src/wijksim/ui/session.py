"""What one browser session runs: the scenario, seed and parameter overrides, and the model built from them.

``SessionModel`` is a ``WijkModel`` whose constructor takes the session's :class:`RunConfig`, so the
explorer's Reset rebuilds exactly what the advisor has selected (scenario, seed, overrides) with the
same recipe as the CLI (:func:`wijksim.runner.model_kwargs`). :class:`Player` is the session's play
loop.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import WijkModel
from ..runner import model_kwargs
from ..scenarios import Scenario, ScenarioError, default_scenario, list_scenarios


@dataclass
class RunConfig:
    """The recipe of the session's run; mutable, so Mesa's Reset always sees the current selection."""

    scenario: Scenario = field(default_factory=lambda: ui_default_scenario())
    seed: int = 1
    overrides: dict[str, Any] = field(default_factory=dict)
    source: str = "defaults"  # where the scenario came from: a shipped file, an upload, a path


class SessionModel(WijkModel):
    """A ``WijkModel`` built from a :class:`RunConfig`; records how long each week took (for the UI)."""

    def __init__(self, config: RunConfig | None = None, scenario: Any = None, rng: Any = None) -> None:
        # ``scenario``: Mesa's own (empty) Scenario object that Mesa's SolaraViz passed on reset (kept for callers)
        cfg = config if config is not None else RunConfig()
        super().__init__(rng=cfg.seed if rng is None else rng, **model_kwargs(cfg.scenario, cfg.overrides))
        self.config_snapshot = RunConfig(cfg.scenario, cfg.seed, dict(cfg.overrides), cfg.source)
        self.step_ms = 0.0
        self.live: dict[str, Any] = {}  # the last intervention each live button started (ui.live.start_live)
        #: the week each intervention was removed in (by ``id``; ``ui.live`` records it), so a saved file
        #: can say how long a removed one was in force
        self.removed_at: dict[int, int] = {}
        # Mesa's play loop steps in a worker thread while solara renders elsewhere: the lock keeps a
        # frame from reading a half-written week, and ``throttle`` lets play wait until the render pass
        # that drew the previous week has finished, so every week is shown instead of the model running
        # ahead of the page, and play never changes state in the middle of another thread's pass
        self.lock = threading.RLock()
        self.throttle = False
        self._shown = threading.Event()
        self._shown.set()

    def step(self) -> None:
        if self.throttle:
            # bounded, so a page that stopped drawing (closed without its cleanup) cannot stall play
            self._shown.wait(timeout=2.0)
        with self.lock:
            t0 = time.perf_counter()
            super().step()
            self.step_ms = (time.perf_counter() - t0) * 1000.0
        self._shown.clear()

    def interventions_as_run(self) -> list[dict[str, Any]]:
        """Every intervention of this run as a scenario file's ``[[interventions]]`` would hold it to make
        the same run: the scenario's own and the live ones, with their start weeks and their durations
        as they are now (an extension counted; one removed while in force lasts up to the week it was
        removed in; one removed before its first week, or replaced before it began, is left out)."""
        out: list[dict[str, Any]] = []
        for iv in self.interventions:
            spec = {k: v for k, v in iv.model_dump(mode="json").items() if v is not None}
            if iv.status == "removed":
                gone = self.removed_at.get(id(iv))
                if gone is None or iv.start is None or gone < iv.start:
                    continue
                spec["weeks"] = gone - int(iv.start) + 1
            elif iv.status == "new":
                continue
            out.append(spec)
        return out

    def frame_shown(self) -> None:
        """Called by the views once the pass that drew a week is done: play may take the next step."""
        self._shown.set()


def ui_default_scenario() -> Scenario:
    """The CLI's defaults (:func:`wijksim.scenarios.default_scenario`) with a Dutch title and description,
    so the first screen in Dutch says "Standaardwaarden" and not "defaults"."""
    return default_scenario().model_copy(update={
        "name_nl": "Standaardwaarden", "description_nl": "De standaardwaarden van alle parameters, geen interventies."})


def shipped_scenarios() -> list[tuple[str, Scenario]]:
    """The scenario choices of the pickers: the defaults, then the shipped files (by file name)."""
    out: list[tuple[str, Scenario]] = [("defaults", ui_default_scenario())]
    try:
        out += [(Path(p).stem, sc) for p, sc in list_scenarios()]
    except ScenarioError:  # a broken shipped file must not take the UI down; the CLI check reports it
        pass
    return out


#: where players report their state for tests and operators (one JSON file per session), if set
STATE_DIR_ENV = "WIJKSIM_UI_STATE_DIR"


def _page_connected(ctx: Any) -> bool:
    """Is a browser page connected to the solara kernel ``ctx`` (``None``: no solara, always true)?"""
    if ctx is None:
        return True
    try:
        from solara.server.kernel_context import PageStatus

        return (not ctx.closed_event.is_set()) and PageStatus.CONNECTED in ctx.page_status.values()
    except Exception:  # pragma: no cover - a solara without page tracking: do not stop on a guess
        return True


class Player:
    """The explorer's play loop, owned by one browser session (not by a page component).

    One worker thread steps the model while ``playing``; it stops — and the thread ends — when the
    user pauses or resets, when the explorer page is left, when no browser page of the session is
    connected any more, and at the scenario's last week (unless ``continue_past_end``). ``thread_alive``
    is the truth the UI and the tests read: after :meth:`pause` returns, no step is running or will
    start. ``on_step`` (set by the page) is called after each week, e.g. to redraw the views.
    """

    def __init__(self, session_id: str = "", context: Any = None) -> None:
        self.session_id = session_id or f"s{id(self):x}"
        self.context = context
        self.model: SessionModel | None = None
        self.interval_s = 0.001
        self.continue_past_end = False
        #: play pauses once it reaches this week (a "play 30 weeks" button); cleared then and by pause
        self.until: int | None = None
        self.on_step: Any = None
        self.on_state: Any = None
        self.stop_reason = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # --- state ---------------------------------------------------------------------------------
    @property
    def thread_alive(self) -> bool:
        t = self._thread
        return t is not None and t.is_alive()

    @property
    def playing(self) -> bool:
        return self.thread_alive and not self._stop.is_set()

    def last_week(self) -> int:
        m = self.model
        return 0 if m is None else int(m.config_snapshot.scenario.weeks)

    def at_end(self) -> bool:
        m = self.model
        return m is not None and not self.continue_past_end and m.week >= self.last_week()

    # --- control -------------------------------------------------------------------------------
    def play(self, model: SessionModel) -> bool:
        """Start stepping ``model`` (a no-op if already playing it); False if it is at its last week."""
        with self._lock:
            if self.playing and self.model is model:
                return True
            self._halt("replaced")
            self.model = model
            if self.at_end():
                self.stop_reason = "end"
                self._report()
                return False
            self._stop = threading.Event()
            self.stop_reason = ""
            self._thread = threading.Thread(target=self._loop, args=(model, self._stop), daemon=True,
                                             name=f"wijksim-play-{self.session_id}")
            self._thread.start()
        self._report()
        return True

    def pause(self, reason: str = "pause") -> None:
        """Stop the loop and wait until its thread has ended (no step after this returns)."""
        self.until = None
        with self._lock:
            was = self.thread_alive
            self._halt(reason)
        if was:
            self._report()

    def _halt(self, reason: str) -> None:
        t = self._thread
        if t is not None and t.is_alive() and self.stop_reason == "":
            self.stop_reason = reason  # before the loop sees the stop, so it keeps this reason
        self._stop.set()
        if t is not None and t.is_alive() and t is not threading.current_thread():
            if self.model is not None:
                self.model.frame_shown()  # a step waiting for its frame must not hold the join
            t.join(timeout=30)

    def _loop(self, model: SessionModel, stop: threading.Event) -> None:
        import contextlib

        ctx = self.context
        guard = ctx if ctx is not None else contextlib.nullcontext()
        reason = "pause"
        while not stop.is_set():
            if not self.continue_past_end and model.week >= int(model.config_snapshot.scenario.weeks):
                reason = "end"
                break
            if self.until is not None and model.week >= self.until:
                reason, self.until = "until", None
                break
            if not _page_connected(ctx):
                reason = "disconnected"
                break
            model.step()
            if self.on_step is not None:  # draw every week that was stepped, also the one a pause interrupted
                with guard:
                    self.on_step()
            if stop.is_set():
                break
            self._write_state(True, True)
            stop.wait(self.interval_s)
        if self.stop_reason == "":
            self.stop_reason = reason
        stop.set()
        if reason in ("end", "disconnected", "until"):
            self._report(alive=False)

    def _report(self, alive: bool | None = None) -> None:
        """Tell the page (``on_state``) and, if :data:`STATE_DIR_ENV` is set, a JSON file."""
        playing = self.playing if alive is None else alive
        state: dict[str, Any] = {"session": self.session_id, "playing": playing, "thread_alive": self.thread_alive
                 if alive is None else alive, "week": None if self.model is None else int(self.model.week),
                 "last_week": self.last_week(), "stop_reason": self.stop_reason}
        if self.on_state is not None:
            try:
                guard = self.context
                if guard is not None and threading.current_thread() is not threading.main_thread():
                    with guard:
                        self.on_state(state)
                else:
                    self.on_state(state)
            except Exception:  # a page that is gone must not break the loop's end
                pass
        self._write_state(bool(state["playing"]), bool(state["thread_alive"]))

    def _write_state(self, playing: bool, alive: bool) -> None:
        """The state as JSON in ``$WIJKSIM_UI_STATE_DIR/<session>.json`` (only if that is set)."""
        import json
        import os

        d = os.environ.get(STATE_DIR_ENV)
        if not d:
            return
        state: dict[str, Any] = {"session": self.session_id, "playing": playing, "thread_alive": alive,
                 "week": None if self.model is None else int(self.model.week), "last_week": self.last_week(),
                 "stop_reason": self.stop_reason}
        path = Path(d) / f"{self.session_id}.json"
        tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(path)


def kernel_player(suffix: str = "") -> Player:
    """A play loop tied to this solara kernel (so it can tell whether a page is connected), with its state
    file named after the session (``<session><suffix>``: one per page that plays); it redraws the page
    after every step. Outside a solara server (unit tests) there is no page tracking."""
    from mesa.visualization.utils import force_update

    try:
        from solara.server.kernel_context import get_current_context

        ctx: Any = get_current_context()
        sid = f"{ctx.id}{suffix}"
    except Exception:  # outside a solara server: no kernel context
        ctx, sid = None, ""
    p = Player(session_id=sid, context=ctx)
    p.on_step = force_update
    return p
