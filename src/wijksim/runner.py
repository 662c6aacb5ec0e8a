"""Running scenarios: one place that turns (scenario, seed, overrides) into a model or a timeseries.

The CLI, the comparison, the sweeps and the UI all go through here, so a scenario means the same
thing everywhere: scenario parameters, then overrides on top, then the scenario's interventions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .model import WijkModel
from .params import ParamError, validate
from .scenarios import Scenario, ScenarioError
from .text.messages import attach, problem_of


def model_kwargs(scenario: Scenario, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """``WijkModel`` keyword arguments for ``scenario`` with ``overrides`` on top of its parameters."""
    try:
        params = {**scenario.params, **validate(overrides or {})}
    except ParamError as e:  # keep the problem, so the UI can say it in Dutch
        found = problem_of(e)
        raise (attach(ScenarioError, found) if found is not None else ScenarioError(str(e))) from None
    layout = scenario.read_layout()
    if layout is not None:
        sized = [k for k in ("width", "height") if k in params]
        if sized:
            raise ScenarioError(f"--set {sized[0]}: the scenario's map ({scenario.layout}) sets the wijk's size")
        return {"interventions": scenario.build_interventions(), "layout": layout, **params}
    return {"interventions": scenario.build_interventions(), **params}


def build_model(scenario: Scenario, seed: int, overrides: dict[str, Any] | None = None) -> WijkModel:
    """A fresh model for ``scenario`` with ``overrides`` applied on top of its parameters."""
    return WijkModel(rng=seed, **model_kwargs(scenario, overrides))


def run_scenario(scenario: Scenario, seed: int, weeks: int | None = None,
                 overrides: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run ``scenario`` for ``weeks`` (default: its own) and return the weekly timeseries."""
    n = scenario.weeks if weeks is None else weeks
    scenario.check_weeks(n)
    return build_model(scenario, seed, overrides).run(n).timeseries()
