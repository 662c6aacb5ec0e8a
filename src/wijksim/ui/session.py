"""What one browser session runs: the scenario, seed and parameter overrides, and the model built from them.

Mesa's ``SolaraViz`` resets a model by calling ``type(model)(**model_params)``. ``SessionModel`` is a
``WijkModel`` whose constructor takes the session's :class:`RunConfig`, so Mesa's Reset button
rebuilds exactly what the advisor has selected (scenario, seed, overrides) with the same recipe as
the CLI (:func:`wijksim.runner.model_kwargs`).
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

    scenario: Scenario = field(default_factory=default_scenario)
    seed: int = 1
    overrides: dict[str, Any] = field(default_factory=dict)
    source: str = "defaults"  # where the scenario came from: a shipped file, an upload, a path


class SessionModel(WijkModel):
    """A ``WijkModel`` built from a :class:`RunConfig`; records how long each week took (for the UI)."""

    def __init__(self, config: RunConfig | None = None, scenario: Any = None, rng: Any = None) -> None:
        # ``scenario`` is Mesa's own (empty) Scenario object that SolaraViz passes on reset: not ours
        cfg = config if config is not None else RunConfig()
        super().__init__(rng=cfg.seed if rng is None else rng, **model_kwargs(cfg.scenario, cfg.overrides))
        self.config_snapshot = RunConfig(cfg.scenario, cfg.seed, dict(cfg.overrides), cfg.source)
        self.step_ms = 0.0
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

    def frame_shown(self) -> None:
        """Called by the views once the pass that drew a week is done: play may take the next step."""
        self._shown.set()


def shipped_scenarios() -> list[tuple[str, Scenario]]:
    """The scenario choices of the pickers: the defaults, then the shipped files (by file name)."""
    out: list[tuple[str, Scenario]] = [("defaults", default_scenario())]
    try:
        out += [(Path(p).stem, sc) for p, sc in list_scenarios()]
    except ScenarioError:  # a broken shipped file must not take the UI down; the CLI check reports it
        pass
    return out
