"""The Workshop tab: a guided bonus/malus sequence a trainer runs in front of a room.

Each step shows the live run on the map with its own play controls (the explorer's
:class:`~wijksim.ui.explorer.PlayControls` around a :class:`~wijksim.ui.session.Player` that belongs
to this page: leaving the tab pauses it, and it stops at the scenario's last week), the two to four
levers the step needs (which file the map plays — wave or not, invest or not, mechanism on or off —
and "play until" buttons at the weeks ``docs/guide-trainers.md`` names), and the large comparison
over paired replicates (:mod:`wijksim.ui.compare_page`). A lever that switches the file rebuilds the
run with the same seed and steps it to the week shown, so the room sees the other history at the same
moment; before the files differ (the wave or the investment starts) that history is the same world.
A presenter view hides every control and leaves the map, the week and the comparison, large; a compared
step's figure then comes first, under the title, so that it is above the fold of a 1280x720 projector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import solara
from mesa.visualization.utils import force_update

from ..interventions import CrimeWave
from ..scenarios import Scenario, ScenarioError, list_scenarios
from ..text.numbers import number
from . import workshop_view as view
from .compare_page import (
    DEFAULT_REPLICATES,
    INVESTMENT,
    MAX_REPLICATES,
    NO_WAVE,
    WAVE,
    BonusMalusTable,
    Result,
    WindowBar,
    level_text,
    run_and_summarize,
    scenario_events,
)
from .explorer import PlayControls
from .i18n import tr
from .results import Busy, SessionResults, use_results
from .session import Player, RunConfig, SessionModel, kernel_player

#: the last step's extra runs: the wave and the investment files with the bonus mechanism switched off
WAVE_OFF = f"{WAVE}:community_split=false"
SPLIT_OFF = f"{INVESTMENT}:community_split=false"

def _ablated(sc: Scenario) -> Scenario:
    """``sc`` with ``community_split = false`` (the mechanism behind the bonus off), named so."""
    return Scenario.model_validate(
        {
            **sc.model_dump(),
            "name": f"{sc.name} (community_split = false)",
            "name_nl": f"{sc.name_nl or sc.name} (mechanisme uit: angst splitst niet naar actie)",
            "params": {**sc.params, "community_split": False},
        }
    )


def workshop_scenarios(directory: str | Path | None = None) -> dict[str, Scenario]:
    """The runs the workshop needs, by key, loaded from the shipped scenario files.

    The trio is the files as they are; the last step adds the wave file and the investment file with
    one parameter changed (``community_split = false``), so that the bonus is measured *within* the
    ablated model (both runs ablated) as well as within the full model — never an ablated run against
    a full one, whose difference would mix the mechanism with the investment.
    """
    shipped = {Path(p).stem: sc for p, sc in list_scenarios(directory)}
    missing = [stem for stem in (NO_WAVE, WAVE, INVESTMENT) if stem not in shipped]
    if missing:
        raise ScenarioError(f"scenarios/: the workshop needs {', '.join(f'{m}.toml' for m in missing)}")
    out = {stem: shipped[stem] for stem in (NO_WAVE, WAVE, INVESTMENT)}
    out[WAVE_OFF] = _ablated(shipped[WAVE])
    out[SPLIT_OFF] = _ablated(shipped[INVESTMENT])
    return out


def workshop_facts(scs: dict[str, Scenario]) -> dict[str, Any]:
    """The numbers the workshop's texts quote, read from the scenario files (so the texts cannot drift)."""
    wave = next((iv for iv in scs[WAVE].interventions if isinstance(iv, CrimeWave)), None)
    starts = [iv.start for iv in scs[INVESTMENT].interventions if not isinstance(iv, CrimeWave)]
    if wave is None or wave.start is None or wave.weeks is None or None in starts or not starts:
        raise ScenarioError(
            f"scenarios/{WAVE}.toml needs a crime_wave with start and weeks, and scenarios/{INVESTMENT}.toml "
            "interventions with a start week"
        )
    return {
        "wave_start": wave.start,
        "wave_end": wave.start + wave.weeks - 1,
        "wave_weeks": wave.weeks,
        "multiplier": float(wave.multiplier),
        "invest_start": min(s for s in starts if s is not None),
        "invest_end": max(iv.start + iv.weeks - 1 for iv in scs[INVESTMENT].interventions
                          if not isinstance(iv, CrimeWave) and iv.start is not None and iv.weeks is not None),
        "end": int(scs[INVESTMENT].weeks),
    }


@dataclass(frozen=True)
class WorkshopStep:
    """One step: its text in both languages (``{...}`` filled by :func:`workshop_facts`), the runs it
    starts (the first is the reference) and the contrasts ``(scenario, reference)`` it judges (empty:
    every run against the first)."""

    title: tuple[str, str]
    text: tuple[str, str]
    runs: tuple[str, ...]
    contrasts: tuple[tuple[str, str], ...] = ()
    #: the live run on the map: ``(lever, run)`` choices, the first shown when the step opens (one
    #: choice: no lever); a lever rebuilds the map's run from the other file at the same week
    live: tuple[tuple[str, str], ...] = ()
    #: "play until" buttons: ``+N`` (N weeks from now), ``end`` (the scenario's last week) or a
    #: :func:`workshop_facts` week (``wave_start``, ``wave_end``, ``invest_end``)
    stops: tuple[str, ...] = ()
    #: the table shows the references' own levels too (off where four runs would push the judged
    #: rows below the fold of a 1280x720 projector)
    levels: bool = True


WORKSHOP: tuple[WorkshopStep, ...] = (
    WorkshopStep(
        ("De wijk in rust", "The wijk at rest"),
        (
            "Een gewone wijk, drie jaar lang. Kijk naar het aandeel bewoners dat zich onveilig voelt en "
            "het aandeel dat zich terugtrekt: dit is het ijkpunt voor alle andere runs.",
            "An ordinary wijk for three years. Look at the share feeling unsafe and the share withdrawn: "
            "this is the yardstick for every other run.",
        ),
        (NO_WAVE,),
        live=(("ws_run_no_wave", NO_WAVE),),
        stops=("+30",),
    ),
    WorkshopStep(
        ("Een criminaliteitsgolf: de malus", "A crime wave: the malus"),
        (
            "In week {wave_start} komt een golf van inbraken en overlast ({wave_weeks} weken, tot en met "
            "week {wave_end}, {multiplier} keer zoveel). Zonder investering trekken bewoners zich terug. Hoeveel "
            "onveiliger de wijk in het jaar na de golf is dan zonder golf, is de malus.",
            "In week {wave_start} a wave of burglary and nuisance arrives ({wave_weeks} weeks, up to week "
            "{wave_end}, {multiplier} times the rate). Without investment residents withdraw. How much less "
            "safe the wijk is in the year after the wave than without it is the malus.",
        ),
        (NO_WAVE, WAVE),
        live=(("ws_with_wave", WAVE), ("ws_without_wave", NO_WAVE)),
        stops=("wave_start", "wave_end"),
    ),
    WorkshopStep(
        ("Investeren in de buurt: de bonus", "Investing in the community: the bonus"),
        (
            "Dezelfde golf, maar vanaf week {invest_start} een jaar lang buurtactiviteiten, sleutelpersonen en "
            "voorlichting via de buurt. Angst in een actieve gemeenschap wordt actie. Hoeveel veiliger de wijk "
            "is dan met dezelfde golf zonder investering, is de bonus.",
            "The same wave, but from week {invest_start} a year of community activities, best persons and a "
            "community campaign. Fear inside an active community turns into action. How much safer the wijk "
            "is than with the same wave without investment is the bonus.",
        ),
        (WAVE, INVESTMENT),
        live=(("ws_no_invest", WAVE), ("ws_invest", INVESTMENT)),
        stops=("wave_end", "invest_end", "end"),
    ),
    WorkshopStep(
        ("Waarom het werkt", "Why it works"),
        (
            "Zet het mechanisme uit — angst splitst niet meer naar actie bij steun uit de buurt — in beide "
            "runs: de golf zonder en de golf met investering. De tabel zet de bonus in het model zonder het "
            "mechanisme naast de bonus in het volledige model. Is hij zonder het mechanisme duidelijk kleiner, "
            "dan komt de bonus uit de gemeenschap, niet uit het geld.",
            "Switch the mechanism off — fear no longer splits towards action with community support — in both "
            "runs: the wave without and the wave with investment. The table puts the bonus within the model "
            "without the mechanism beside the bonus within the full model. If it is clearly smaller without "
            "the mechanism, the bonus comes from the community, not the money.",
        ),
        (WAVE, INVESTMENT, WAVE_OFF, SPLIT_OFF),
        ((WAVE, WAVE), (INVESTMENT, WAVE), (WAVE_OFF, WAVE_OFF), (SPLIT_OFF, WAVE_OFF)),
        live=(("ws_mech_on", INVESTMENT), ("ws_mech_off", SPLIT_OFF)),
        stops=("invest_end", "end"),
        levels=False,
    ),
)


#: the runs' short names in the table and beside the map (the files' titles are too long for 1280 px)
RUN_LABELS: dict[str, str] = {
    NO_WAVE: "ws_run_no_wave",
    WAVE: "ws_run_wave",
    INVESTMENT: "ws_run_invest",
    WAVE_OFF: "ws_run_wave_off",
    SPLIT_OFF: "ws_run_invest_off",
}
#: the seed of the live run on the map (replicate 0 of the step's comparison uses the same seed)
LIVE_SEED = 1


def run_names(lang: str) -> dict[str, str]:
    """The runs' short names in ``lang``."""
    return {key: tr(label, lang) for key, label in RUN_LABELS.items()}


def step_text(step: WorkshopStep, facts: dict[str, Any], lang: str) -> str:
    """A step's text in ``lang`` with the files' numbers filled in, written as the language writes them
    (a wave of 2.5 times the rate is "2,5 keer" in Dutch)."""
    written = {**facts, "multiplier": number(facts["multiplier"], lang, None)}
    return step.text[0 if lang == "nl" else 1].format(**written)


def stop_week(stop: str, facts: dict[str, Any], week: int, last: int) -> int:
    """The week a "play until" button stops at, from the week shown (never past the last week)."""
    target = week + int(stop[1:]) if stop.startswith("+") else int(facts[stop])
    return max(0, min(int(target), int(last)))


def stop_label(stop: str, facts: dict[str, Any], lang: str) -> str:
    """A "play until" button's text: ``Play 30 weeks``, ``To week 41: end of the wave``."""
    if stop.startswith("+"):
        return tr("ws_play_weeks", lang).format(n=int(stop[1:]))
    return tr("ws_play_to", lang).format(w=int(facts[stop]), what=tr(f"ws_stop_{stop}", lang))


def lever_labels(lang: str, facts: dict[str, Any]) -> dict[int, list[str]]:
    """Per step (1-based) the labels of its levers as the tab shows them: the file choices and the
    "play until" buttons (what ``docs/guide-trainers.md`` may quote)."""
    out: dict[int, list[str]] = {}
    for i, step in enumerate(WORKSHOP, 1):
        choices = [tr(lever, lang) for lever, _ in step.live] if len(step.live) > 1 else []
        out[i] = choices + [stop_label(s, facts, lang) for s in step.stops]
    return out


def tab_labels(lang: str, facts: dict[str, Any]) -> set[str]:
    """Every button label of the tab in ``lang``: the levers, play controls, navigation, presenter view."""
    fixed = ("play", "pause", "step_one", "reset", "previous", "next", "start_step", "ws_presenter")
    return {lab for labs in lever_labels(lang, facts).values() for lab in labs} | {tr(k, lang) for k in fixed}


def live_model(scs: dict[str, Scenario], key: str, week: int = 0, seed: int = LIVE_SEED) -> SessionModel:
    """The map's run of file ``key`` with ``seed``, stepped to ``week``: a lever switching the file
    shows the other history at the week the room is looking at (the same seed, so until the files
    differ it is the same world)."""
    cfg = RunConfig(scenario=scs[key], seed=seed, source=key)
    m = SessionModel(config=cfg)
    last = int(scs[key].weeks)
    while m.week < min(int(week), last):
        m.step()
    return m


def new_workshop_player() -> Player:
    """The workshop's play loop, tied to this solara kernel; its state file is ``<session>-workshop``
    (the explorer's player is the session's other one). The app owns it, so that switching tabs can
    pause it from the click (as the explorer's), not from a render pass that the loop waits for."""
    return kernel_player("-workshop")


@solara.component
def LiveRun(i: int, scs: dict[str, Scenario], facts: dict[str, Any], store: Any, player: Player,
            play_state: solara.Reactive[dict[str, Any]], lang: str, presenter: bool, session: Any = None) -> None:
    """Step ``i``'s live run: the map, play controls, speed and levers. The run is kept in ``store`` (per
    step, across tabs); the page's player plays it. Its file and week are kept in the browser ``session``'s
    results too, so that a reload or a second tab rebuilds it at the week the room was looking at."""
    step = WORKSHOP[i]
    session = store if session is None else session
    saved = store.get(f"workshop_live:{i}")
    if saved is None:
        at = session.get(f"workshop_at:{i}")
        saved = (at[0], None, int(at[1])) if at and at[0] in scs else (step.live[0][1], None, 0)
    key = solara.use_reactive(saved[0])
    model: solara.Reactive[SessionModel] = solara.use_reactive(
        solara.use_memo(lambda: saved[1] if saved[1] is not None else live_model(scs, saved[0], saved[2]), [])
    )
    config = solara.use_memo(lambda: RunConfig(scenario=scs[key.value], seed=LIVE_SEED, source=key.value), [])
    config.scenario, config.source = scs[key.value], key.value  # Reset rebuilds the chosen file
    store[f"workshop_live:{i}"] = (key.value, model.value)

    def choose(run: str) -> None:
        if run == key.value:
            return
        was = player.playing
        player.pause("lever")
        m = live_model(scs, run, model.value.week)
        key.set(run)
        model.set(m)
        store[f"workshop_live:{i}"] = (run, m)
        if was:
            player.play(m)
        force_update()

    def play_until(stop: str) -> None:
        m = model.value
        target = stop_week(stop, facts, m.week, int(m.config_snapshot.scenario.weeks))
        if target <= m.week:
            return
        player.pause("lever")
        player.until = target
        player.continue_past_end = False
        player.play(m)

    def controls() -> None:
        PlayControls(model, config, player, play_state, lang)
        with solara.Row(style="flex-wrap: wrap; gap: 6px; align-items: center;", classes=["wijk-workshop-levers"]):
            if len(step.live) > 1:
                solara.ToggleButtonsSingle(
                    value=key.value, on_value=choose, classes=["wijk-workshop-choice"],
                    children=[solara.Button(tr(lever, lang), value=run, classes=[f"wijk-lever-{lever}"])
                              for lever, run in step.live],
                )
            for stop in step.stops:
                solara.Button(stop_label(stop, facts, lang), on_click=lambda s=stop: play_until(s), outlined=True,
                              small=True, color="primary",
                              classes=["wijk-lever-stop", f"wijk-lever-stop-{stop.lstrip('+')}"])
        view.SpeedControl(player, session, lang)

    def pause_only() -> None:  # the presenter view hides the controls, but a run playing can be paused
        if bool(play_state.value.get("playing")) and player.playing:
            solara.Button(tr("pause", lang), icon_name="mdi-pause", on_click=lambda: player.pause("pause"),
                          color="primary", classes=["wijk-presenter-pause"])

    def at_week(run: str, week: int) -> None:
        session[f"workshop_at:{i}"] = (run, week)

    names, width, col = run_names(lang), view.map_width(presenter), view.column_width(presenter)
    with solara.Column(gap="4px", style=f"flex: 0 0 {col}px; max-width: {col}px;",
                       classes=["wijk-workshop-live", f"wijk-workshop-live-{i + 1}"]):  # the step's own
        view.WorkshopMap(model, lang, width, names.get(key.value, key.value), None if presenter else controls,
                    inline=pause_only if presenter else None, on_week=at_week)


def _load_workshop() -> tuple[dict[str, Scenario], dict[str, Any]] | str:
    """The workshop's scenarios and the numbers its texts quote, or the error that prevents them."""
    try:
        scs = workshop_scenarios()
        return scs, workshop_facts(scs)
    except ScenarioError as e:
        return str(e)


#: compact on a 1280x720 projector: no gaps above the tab, no "continue after the last week" (the
#: workshop's runs end where the files do); the presenter view's table larger
CSS = """
.v-sheet:has(> .wijk-workshop) { row-gap: 0 !important; }
.wijk-workshop .wijk-continue { display: none !important; }
.wijk-presenter table.wijk-bonus-malus { font-size: 20px !important; }
""" + view.CSS


@solara.component
def StepHeader(i: int, facts: dict[str, Any], lang: str, go: Callable[[int], None], presenter: bool,
               set_presenter: Callable[[bool], None]) -> None:
    """The step's title with the step buttons and the presenter switch, and the step's text."""
    step, k = WORKSHOP[i], 0 if lang == "nl" else 1
    with solara.Row(style="align-items: center; flex-wrap: wrap; gap: 8px;"):
        solara.Text(f"{tr('step', lang)} {i + 1}/{len(WORKSHOP)}: {step.title[k]}",
                    classes=["wijk-workshop-step"], style="font-size: 22px; font-weight: 600; flex: 1 1 auto;")
        solara.Button(tr("previous", lang), on_click=lambda: go(-1), disabled=i == 0, small=True,
                      classes=["wijk-workshop-prev"])
        solara.Button(tr("next", lang), on_click=lambda: go(1), disabled=i == len(WORKSHOP) - 1,
                      small=True, classes=["wijk-workshop-next"])
        solara.Button(tr("ws_presenter", lang), icon_name="mdi-projector-screen", small=True,
                      on_click=lambda: set_presenter(not presenter), outlined=not presenter,
                      color="primary",
                      classes=["wijk-workshop-presenter"] + (["wijk-presenter-on"] if presenter else []))
    if not presenter:  # the presenter view shows it beside the map (the map stays above the fold)
        view.StepText(step_text(step, facts, lang))


@solara.component
def StepTable(step: WorkshopStep, res: Result, window: solara.Reactive[str], lang: str, presenter: bool) -> None:
    """The step's bonus/malus table with its window named (a one-run step has none)."""
    if len(step.runs) < 2:
        return
    summary = res[1]
    WindowBar(summary, lang, window, title=False, picker=not presenter)
    BonusMalusTable(summary, view.picked_window(summary, window), lang, run_names(lang), levels=step.levels)


@solara.component
def StepFigure(step: WorkshopStep, res: Result, facts: dict[str, Any], window: solara.Reactive[str], lang: str,
               presenter: bool) -> None:
    """How to read the table (not in presenter view) and the step's figure: the guide's figure, sized to
    where it is shown (beside the map for a one-run step, under the row for the others)."""
    runs, summary, _events, reps = res
    judged = view.judged_window(step.runs, summary, window)
    if judged is not None and not presenter:
        level = float(summary[summary["window"] == judged[2]]["level"].iloc[0])
        solara.Text(tr("verdict_note", lang).format(level=level_text(level, lang), n=reps),
                    style=f"color: #333; font-size: {view.TEXT_PX}px;")
    width = view.figure_width(len(step.runs) < 2, presenter)
    view.WorkshopFigure(runs, summary, facts, judged, run_names(lang), lang, width, downloads=not presenter)


def step_job(chosen: list[tuple[str, Scenario]], reps: int, pairs: tuple[tuple[str, str], ...] | None,
             lang: str, progress: Callable[[int, int], None] | None = None) -> Callable[[], Result]:
    """One step's comparison, run by the session's results (:mod:`wijksim.ui.results`) in its own thread."""
    def job() -> Result:
        runs, summary = run_and_summarize(chosen, seed=1, weeks=156, replicates=reps, pairs=pairs,
                                          progress=progress)
        return runs, summary, sorted({e for _, sc in chosen for e in scenario_events(sc, lang)}), reps
    return job


@solara.component
def WorkshopPage(lang: str, results: dict[str, Any] | SessionResults | None = None, player: Player | None = None,
                 play_state: solara.Reactive[dict[str, Any]] | None = None, live: dict[str, Any] | None = None
                 ) -> None:
    """A guided sequence through the bonus/malus effect. Each step shows its live run (map, play, the
    step's levers) at the left and the comparison over paired replicates at the right, the table
    above the fold at 1280x720 and the figure under it. Results are kept per step in the browser
    session's ``results`` (across tabs and reloads); the live runs in ``live``, the page's own (a second
    browser tab must not play the same model; default: in ``results``); leaving the tab pauses the
    live run."""
    store = use_results(results)
    live_store: Any = store if live is None else live
    idx = solara.use_reactive(int(store.get("workshop_step", 0)))
    presenter = solara.use_reactive(bool(store.get("workshop_presenter", False)))
    replicates = solara.use_reactive(DEFAULT_REPLICATES)
    window = solara.use_reactive("year_after")
    loaded = solara.use_memo(_load_workshop, [])
    own_player = solara.use_memo(new_workshop_player, [])
    own_state: solara.Reactive[dict[str, Any]] = solara.use_reactive({})
    if player is None or play_state is None:
        player, play_state = own_player, own_state
        player.on_state = play_state.set
    scs, facts = loaded if isinstance(loaded, tuple) else ({}, {})
    step = WORKSHOP[idx.value]

    # play belongs to this page: leaving the tab pauses it (the app pauses it on the click already; this
    # catches every other way the page goes away)
    solara.use_effect(lambda: (lambda: player.pause("left")), [])

    def start() -> None:
        i = idx.value
        chosen = [(key, scs[key]) for key in WORKSHOP[i].runs]
        reps = max(1, min(MAX_REPLICATES, int(replicates.value)))
        store.run(f"workshop:{i}", step_job(chosen, reps, WORKSHOP[i].contrasts or None, lang,
                                            store.reporter(f"workshop:{i}")))

    def go(delta: int) -> None:
        new = max(0, min(len(WORKSHOP) - 1, idx.value + delta))
        player.pause("step")
        store["workshop_step"] = new
        idx.set(new)

    def set_presenter(on: bool) -> None:
        store["workshop_presenter"] = on
        presenter.set(on)

    if isinstance(loaded, str):  # a shipped file is broken: say which, instead of a dead page
        solara.Error(loaded)
        return
    res = store.get(f"workshop:{idx.value}")
    busy = f"workshop:{idx.value}" in store.busy  # this step's computation (another step's stays there)
    # presenter view of a compared step: the figure first, under the title (drawn 4 panels wide it is
    # ~470-540 px high; beside a 560 px map it would need 2x2 panels, ~700 px: below the fold)
    on_top = presenter.value and res is not None and len(step.runs) > 1
    classes = ["wijk-workshop"] + (["wijk-presenter"] if presenter.value else [])
    with solara.Column(style="padding: 0 12px;", gap="4px", classes=classes):
        solara.Style(CSS)
        StepHeader(idx.value, facts, lang, go, presenter.value, set_presenter)
        with solara.Div(classes=["wijk-workshop-top"],  # always there (the row keeps its place); empty, hidden
                        style="display: block;" if on_top else "display: none;"):  # so that it takes no gap
            if on_top and res is not None:
                StepFigure(step, res, facts, window, lang, True)
        with solara.Row(style="flex-wrap: nowrap; gap: 16px; align-items: flex-start;"):
            LiveRun(idx.value, scs, facts, live_store, player, play_state, lang, presenter.value, store).key(
                f"live-{idx.value}")
            with solara.Column(gap="4px", style="flex: 1 1 auto; min-width: 0;", classes=["wijk-workshop-results"]):
                if not presenter.value:
                    with solara.Row(style="align-items: center; gap: 8px;"):
                        solara.InputInt(tr("replicates", lang), value=replicates, continuous_update=False,
                                        classes=["wijk-workshop-replicates"], style="max-width: 180px;")
                        solara.Button(tr("start_step", lang), on_click=start, color="primary",
                                      classes=["wijk-workshop-run"], disabled=busy)
                StepResults(step, res, busy, facts, window, lang, presenter.value, store, idx.value,
                            int(replicates.value))
        if res is not None and len(step.runs) > 1 and not presenter.value:
            StepFigure(step, res, facts, window, lang, presenter.value)


@solara.component
def StepResults(step: WorkshopStep, res: Result | None, busy: bool, facts: dict[str, Any], window: solara.Reactive[str],
                lang: str, presenter: bool, store: SessionResults, i: int, reps: int) -> None:
    """Beside the map: the progress, the table (a compared step) or the figure (a one-run step: its result
    above the fold), and in presenter view the step's text after them (the figure before the text)."""
    if busy:
        Busy(store, f"workshop:{i}", lang, "wijk-workshop-busy")
    if res is not None and len(step.runs) > 1:
        StepTable(step, res, window, lang, presenter)
    if res is not None and len(step.runs) < 2:  # no table: the run's figure here, above the fold
        StepFigure(step, res, facts, window, lang, presenter)
    if presenter:
        view.StepText(step_text(step, facts, lang))
    if res is None and not busy:
        solara.Text(tr("ws_no_result", lang).format(n=reps), style=f"font-size: {view.TEXT_PX}px; color: #333;")
