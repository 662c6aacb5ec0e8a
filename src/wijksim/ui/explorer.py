"""The explorer page: our own play controls around wijksim's views (Mesa stays the model).

Mesa's ``SolaraViz`` cards (Controls, Play Interval, Render Interval, Use Threads, Model Parameters,
"Time: …") cannot be translated and its play loop outlives the page that started it, so the page
has its own controller: play, pause, step and reset in Dutch or English, and a play loop owned by
the session (:class:`wijksim.ui.session.Player`) that stops when the page is left, when no browser
is connected, and at the scenario's last week (unless the user asks to continue). The main area is a
map and a network next to each other and eight time-series panels under them; the sidebar adds
scenario, seed, parameter controls, live interventions and downloads.
"""

from __future__ import annotations

from typing import Any

import solara
from mesa.visualization.utils import force_update, update_counter

from ..scenarios import Scenario, ScenarioError
from ..text.messages import text as error_text
from .charts import ChartNotes
from .components import Downloads, LiveInterventions, ModelViews, ParamControls, ScenarioPicker
from .i18n import tr
from .session import Player, RunConfig, SessionModel


@solara.component
def PlayControls(model: solara.Reactive[SessionModel], config: RunConfig, player: Player,
                 play_state: solara.Reactive[dict[str, Any]], lang: str) -> None:
    """Play / pause, one step, reset, and whether play may run past the scenario's last week."""
    update_counter.get()
    m = model.value
    playing = bool(play_state.value.get("playing")) and player.playing
    last = int(m.config_snapshot.scenario.weeks)
    cont = solara.use_reactive(player.continue_past_end)

    def toggle() -> None:
        if player.playing:
            player.pause("pause")
        else:
            player.continue_past_end = cont.value
            player.play(model.value)

    def one_step() -> None:
        player.pause("step")
        with m.lock:
            m.step()
        force_update()

    def reset() -> None:
        player.pause("reset")
        model.set(SessionModel(config=config))
        force_update()

    def set_cont(v: bool) -> None:
        cont.set(v)
        player.continue_past_end = v

    at_end = m.week >= last and not cont.value
    row_classes = ["wijk-controls", f"wijk-session-{player.session_id}"]  # the tests find the session's state
    with solara.Row(style="align-items: center; flex-wrap: wrap; gap: 8px;", classes=row_classes):
        solara.Button(
            tr("pause", lang) if playing else tr("play", lang),
            icon_name="mdi-pause" if playing else "mdi-play",
            on_click=toggle, color="primary", disabled=at_end and not playing,
            classes=["wijk-play", "wijk-playing" if playing else "wijk-paused"],
        )
        solara.Button(tr("step_one", lang), icon_name="mdi-skip-next", on_click=one_step, outlined=True,
                      disabled=playing, classes=["wijk-step"])
        solara.Button(tr("reset", lang), icon_name="mdi-restart", on_click=reset, outlined=True,
                      classes=["wijk-reset"])
        with solara.Div(classes=["wijk-continue"]):
            solara.Checkbox(label=tr("continue_past_end", lang).format(last=last), value=cont.value,
                            on_value=set_cont)
        if at_end:
            solara.Text(tr("at_end", lang).format(last=last), classes=["wijk-at-end"],
                        style="color: #b03a2e; font-weight: 600;")


@solara.component
def Explorer(
    model: solara.Reactive[SessionModel], config: RunConfig, lang: str, player: Player | None = None,
    play_state: solara.Reactive[dict[str, Any]] | None = None,
) -> None:
    """The explorer for one session's model (``model``, ``config`` and ``player`` are the session's)."""
    own_player = solara.use_memo(Player, [])
    own_state: solara.Reactive[dict[str, Any]] = solara.use_reactive({})
    player = player if player is not None else own_player
    play_state = play_state if play_state is not None else own_state
    pending = solara.use_reactive(config.scenario)
    source = solara.use_reactive(config.source)
    seed = solara.use_reactive(config.seed)
    overrides = solara.use_reactive(dict(config.overrides))
    error: solara.Reactive[Exception | None] = solara.use_reactive(None)

    # Reset reads ``config`` when clicked: keep it equal to what the sidebar shows
    config.scenario, config.source, config.seed = pending.value, source.value, int(seed.value)
    config.overrides = dict(overrides.value)

    def leave() -> Any:
        # leaving the page (another tab, or the page goes away) pauses play: play belongs to this page
        return lambda: player.pause("left")

    solara.use_effect(leave, [])

    def apply() -> None:
        player.pause("apply")
        try:
            model.set(SessionModel(config=config))
            error.set(None)
        except (ScenarioError, ValueError) as e:
            error.set(e)
        force_update()

    solara.AppBarTitle(tr("app_title", lang))
    _SidebarInner(model, config, pending, source, seed, overrides, error, apply, lang)
    PlayControls(model, config, player, play_state, lang)
    ModelViews(model, lang)
    ChartNotes(lang)


@solara.component
def _SidebarInner(
    model: solara.Reactive[SessionModel],
    config: RunConfig,
    pending: solara.Reactive[Scenario],
    source: solara.Reactive[str],
    seed: solara.Reactive[int],
    overrides: solara.Reactive[dict[str, Any]],
    error: solara.Reactive[Exception | None],
    apply: Any,
    lang: str,
) -> None:
    with solara.Sidebar():
        with solara.Card(tr("scenario", lang)):
            ScenarioPicker(config, pending, source, lang)
            solara.InputInt(tr("seed", lang), value=seed, continuous_update=False)
            solara.Button(tr("apply_reset", lang), on_click=apply, color="primary", classes=["wijk-apply"])
            if error.value is not None:
                solara.Error(error_text(error.value, lang), dense=True, classes=["wijk-apply-error"])
        with solara.Card(tr("interventions_live", lang)):
            LiveInterventions(model, lang)
        with solara.Card(tr("params", lang)):
            ParamControls(overrides, pending.value, lang)
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
