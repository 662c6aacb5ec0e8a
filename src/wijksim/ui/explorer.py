"""The explorer page: Mesa's ``SolaraViz`` (controller, play loop, sidebar) around wijksim's own views.

SolaraViz gives Reset / Play / Step, the play and render intervals and the step counter; its Reset
rebuilds the session's ``SessionModel`` from the session's :class:`RunConfig`. The main area is
ours instead of SolaraViz's draggable grid (which fixes every panel at half width and 300 px high):
a map and a network next to each other and eight time-series panels under them. The sidebar adds
scenario, seed, parameter controls, live interventions and downloads.
"""

from __future__ import annotations

from typing import Any

import solara
from mesa.visualization import SolaraViz
from mesa.visualization.utils import force_update

from ..scenarios import Scenario, ScenarioError
from .components import Downloads, LiveInterventions, ModelViews, ParamControls, ScenarioPicker
from .i18n import tr
from .session import RunConfig, SessionModel


@solara.component
def Explorer(
    model: solara.Reactive[SessionModel], config: RunConfig, lang: str, play_interval: int = 1
) -> None:
    """The explorer for one session's model (``model`` and ``config`` are owned by the session's page)."""
    pending = solara.use_reactive(config.scenario)
    source = solara.use_reactive(config.source)
    seed = solara.use_reactive(config.seed)
    overrides = solara.use_reactive(dict(config.overrides))
    error = solara.use_reactive("")

    # Mesa's Reset button reads ``config`` when clicked: keep it equal to what the sidebar shows
    config.scenario, config.source, config.seed = pending.value, source.value, int(seed.value)
    config.overrides = dict(overrides.value)

    def apply() -> None:
        try:
            model.set(SessionModel(config=config))
            error.set("")
        except (ScenarioError, ValueError) as e:
            error.set(str(e))
        force_update()

    SolaraViz(
        model,
        components=[],
        model_params={"config": config},
        name=tr("app_title", lang),
        play_interval=play_interval,
    )
    _SidebarCards(model, config, pending, source, seed, overrides, error, apply, lang)
    ModelViews(model, lang)


@solara.component
def _SidebarCards(
    model: solara.Reactive[SessionModel],
    config: RunConfig,
    pending: solara.Reactive[Scenario],
    source: solara.Reactive[str],
    seed: solara.Reactive[int],
    overrides: solara.Reactive[dict[str, Any]],
    error: solara.Reactive[str],
    apply: Any,
    lang: str,
) -> None:
    """Our sidebar cards, one level deeper than SolaraViz's so that Mesa's controller stays on top."""
    _SidebarInner(model, config, pending, source, seed, overrides, error, apply, lang)


@solara.component
def _SidebarInner(
    model: solara.Reactive[SessionModel],
    config: RunConfig,
    pending: solara.Reactive[Scenario],
    source: solara.Reactive[str],
    seed: solara.Reactive[int],
    overrides: solara.Reactive[dict[str, Any]],
    error: solara.Reactive[str],
    apply: Any,
    lang: str,
) -> None:
    with solara.Sidebar():
        with solara.Card(tr("scenario", lang)):
            ScenarioPicker(config, pending, source, lang)
            solara.InputInt(tr("seed", lang), value=seed, continuous_update=False)
            solara.Button(tr("apply_reset", lang), on_click=apply, color="primary", classes=["wijk-apply"])
            if error.value:
                solara.Error(error.value, dense=True)
        with solara.Card(tr("interventions_live", lang)):
            LiveInterventions(model, lang)
        with solara.Card(tr("params", lang)):
            ParamControls(overrides, lang)
        with solara.Card(tr("downloads", lang)):
            Downloads(model, lang)


def new_session(
    scenario: Scenario | None = None,
    seed: int = 1,
    overrides: dict[str, Any] | None = None,
    source: str = "defaults",
) -> tuple[RunConfig, SessionModel]:
    """A session's first config and model."""
    cfg = RunConfig(seed=seed, overrides=dict(overrides or {}), source=source)
    if scenario is not None:
        cfg.scenario = scenario
    return cfg, SessionModel(config=cfg)
