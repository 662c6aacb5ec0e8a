"""Component tests of the browser UI without a browser (``solara.render``), on a small wijk."""

from __future__ import annotations

from pathlib import Path

import ipyvue
import ipyvuetify as v
import ipywidgets
import pytest
import solara
from typer.testing import CliRunner

from wijksim.interventions import INTERVENTIONS
from wijksim.params import PARAMS
from wijksim.plots import PANELS, LiveOverview, label_keys
from wijksim.text import numbers
from wijksim.text.events import Event, render, rendered
from wijksim.text.interventions import TYPE_LABELS
from wijksim.ui import i18n
from wijksim.ui.components import LIVE_INTERVENTIONS, ParamControls, start_live
from wijksim.ui.explorer import Explorer, new_session
from wijksim.ui.live import remove_live
from wijksim.ui.rasters import MapRaster, NetworkRaster, encode

SMALL = {"width": 20, "height": 20, "burn_in": 5}


def _render_explorer(lang: str = "nl"):
    cfg, model = new_session(overrides=SMALL)
    holder: dict = {}

    @solara.component
    def Host() -> None:
        m = solara.use_reactive(model)
        holder["model"] = m
        Explorer(m, cfg, lang)

    _box, rc = solara.render(solara.AppLayout(children=[Host()]), handle_error=False)
    return rc, holder, cfg


def _images(rc) -> dict[str, ipywidgets.Image]:
    """The page's images by their wijk-* CSS class."""
    out = {}
    for w in rc.find(ipywidgets.Image).widgets:
        for c in w._dom_classes:
            if c.startswith("wijk-"):
                out[c] = w
    return out


class _One:
    """The one widget of a CSS class (reacton's finder matches ``class_`` only as a whole string)."""

    def __init__(self, widgets: list) -> None:
        self.widgets = widgets

    def assert_single(self) -> None:
        assert len(self.widgets) == 1, self.widgets

    @property
    def widget(self):
        self.assert_single()
        return self.widgets[0]


def _with_class(rc, kind, cls: str) -> _One:
    return _One([w for w in rc.find(kind).widgets if cls in (getattr(w, "class_", "") or "").split()])


def _button(rc, label: str):
    if label == "Step":
        return _with_class(rc, v.Btn, "wijk-step")
    if label == "Reset":
        return _with_class(rc, v.Btn, "wijk-reset")
    return rc.find(v.Btn, children=[label])


def test_explorer_renders_with_own_controls_and_views() -> None:
    """Our own play controls (translatable), none of Mesa's generic cards."""
    rc, holder, _ = _render_explorer()
    for cls in ("wijk-play", "wijk-step", "wijk-reset"):
        _with_class(rc, v.Btn, cls).assert_single()
    texts = " ".join(str(w.children) for w in rc.find(v.Html).widgets)
    for mesa in ("Play Interval", "Render Interval", "Use Threads", "Model Parameters"):
        assert mesa not in texts
    assert i18n.tr("play", "nl") in str(_with_class(rc, v.Btn, "wijk-play").widget.children)
    assert set(_images(rc)) == {"wijk-map", "wijk-network", "wijk-charts"}
    assert holder["model"].value.week == 0


def test_player_stops_at_the_last_week_and_on_pause() -> None:
    """The play loop ends at the scenario's last week (unless asked to continue) and pause joins it."""
    from wijksim.scenarios import default_scenario
    from wijksim.ui.session import Player

    sc = default_scenario().model_copy(update={"weeks": 4})
    _, m = new_session(scenario=sc, overrides=SMALL)
    player = Player()
    assert player.play(m)
    player._thread.join(timeout=60)
    assert not player.thread_alive and m.week == 4 and player.stop_reason == "end"
    assert not player.play(m)  # at the end: refused
    player.continue_past_end = True
    assert player.play(m)
    player.pause()
    assert not player.thread_alive
    week = m.week
    assert week >= 4 and m.week == week  # no step after pause returned


def test_step_advances_the_sessions_model_and_redraws() -> None:
    rc, holder, _ = _render_explorer()
    _button(rc, "Step").widget.click()
    _button(rc, "Step").widget.click()
    assert holder["model"].value.week == 2
    assert rc.find(v.Html, class_="wijk-week").widget.children == ["Week 2"]


def test_reset_while_playing_stops_the_loop() -> None:
    rc, holder, _ = _render_explorer()
    _with_class(rc, v.Btn, "wijk-play").widget.click()
    _button(rc, "Reset").widget.click()
    m = holder["model"].value
    assert m.week == 0
    import time as _t

    w = m.week
    _t.sleep(0.3)
    assert m.week == w  # the new model is not played


def test_live_intervention_starts_next_week_and_marks_the_chart() -> None:
    rc, holder, _ = _render_explorer()
    _button(rc, "Step").widget.click()
    _button(rc, i18n.tr("crime_wave", "nl")).widget.click()
    m = holder["model"].value
    assert [iv.type for iv in m.interventions] == ["crime_wave"]
    assert m.interventions[0].start == 2
    _button(rc, "Step").widget.click()
    assert Event("crime_wave", "starts", 2) in m.events_log
    assert m.crime_multiplier > m.p["crime_rate"]


def test_mesa_reset_rebuilds_from_the_sessions_config() -> None:
    rc, holder, _cfg = _render_explorer()
    first = holder["model"].value
    _button(rc, "Step").widget.click()
    cfg_seed_before = first.seed
    _button(rc, "Reset").widget.click()
    second = holder["model"].value
    assert second is not first and second.week == 0
    assert second.seed == cfg_seed_before and second.nb.shape == (20, 20)


def test_repeated_clicks_on_a_crime_wave_extend_it_and_never_multiply() -> None:
    """Eight clicks on the crime wave, a week apart: one wave, whose end moves to 12 weeks after the
    last click; the crime multiplier never exceeds one wave's (once it was 3^8)."""
    _, model = new_session(overrides=SMALL)
    model.step()
    assert start_live(model, "crime_wave") == "started"
    wave = model.live["crime_wave"]
    base, weeks = model.p["crime_rate"], LIVE_INTERVENTIONS["crime_wave"]["weeks"]
    model.step()
    ends = [wave.end_week]
    for _ in range(7):
        assert start_live(model, "crime_wave") == "extended"
        ends.append(wave.end_week)
        assert wave.end_week == model.week + weeks
        model.step()
        assert model.crime_multiplier == pytest.approx(3.0 * base)
    assert ends == sorted(ends) and ends[-1] > ends[0]
    assert [iv.type for iv in model.interventions] == ["crime_wave"] and len(model.crime_factors) == 1
    assert [(e.type, e.verb) for e in model.events_log].count(("crime_wave", "extended")) == 7
    assert start_live(model, "crime_wave") == "extended"  # twice in one week: logged once
    assert [(e.type, e.verb) for e in model.events_log].count(("crime_wave", "extended")) == 8
    assert start_live(model, "crime_wave") == "extended"
    assert [(e.type, e.verb) for e in model.events_log].count(("crime_wave", "extended")) == 8
    model.run(wave.end_week - model.week - 1)
    assert model.crime_multiplier == pytest.approx(3.0 * base) and wave.status == "running"
    model.step()  # its last week: it ends after it
    assert model.crime_multiplier == pytest.approx(base) and wave.status == "ended"
    assert model.events_log[-1] == Event("crime_wave", "ends", wave.end_week + 1) and wave.end_week == ends[-1] + 1
    assert start_live(model, "crime_wave") == "started"  # over: a new click starts a new wave


def test_removing_a_crime_wave_ends_it_from_the_next_week() -> None:
    _, model = new_session(overrides=SMALL)
    model.step()
    start_live(model, "crime_wave")
    model.run(3)
    wave = model.live["crime_wave"]
    assert wave.status == "running" and model.crime_multiplier > model.p["crime_rate"]
    assert remove_live(model, wave)
    assert model.crime_multiplier == model.p["crime_rate"] and not model.crime_factors
    assert model.events_log[-1] == Event("crime_wave", "removed", model.week + 1) and wave.status == "removed"
    assert render(model.events_log[-1], "nl") == "criminaliteitsgolf verwijderd"
    assert render(model.events_log[-1], "en") == "crime wave removed"
    model.run(LIVE_INTERVENTIONS["crime_wave"]["weeks"] + 2)  # its old end does not fire any more
    assert model.crime_multiplier == model.p["crime_rate"]
    assert [(e.type, e.verb) for e in model.events_log].count(("crime_wave", "ends")) == 0
    assert not remove_live(model, wave)  # a second remove does nothing
    assert start_live(model, "crime_wave") == "started"


def test_removing_a_lever_intervention_releases_its_claim() -> None:
    _, model = new_session(overrides=SMALL)
    base = (model.p["collaboration"], model.p["cooperation"])
    start_live(model, "mutual_support")
    model.step()
    start_live(model, "blame_shifting")
    model.step()
    assert model.p["collaboration"] == "blame_shifting"
    remove_live(model, model.live["blame_shifting"])  # back to the claim still in force
    assert (model.p["collaboration"], model.p["cooperation"]) == ("mutual_support", 0.8)
    remove_live(model, model.live["mutual_support"])  # back to the base values, nothing left claimed
    assert (model.p["collaboration"], model.p["cooperation"]) == base
    assert not any(model._lever_book.claims.values()) and not model._lever_book.base


def test_repeated_lever_click_replaces_so_the_newest_choice_wins() -> None:
    _, model = new_session(overrides=SMALL)
    start_live(model, "mutual_support")
    model.step()
    start_live(model, "blame_shifting")
    model.step()
    first = model.live["mutual_support"]
    assert start_live(model, "mutual_support") == "replaced"
    assert first.status == "removed" and model.live["mutual_support"] is not first
    model.step()
    assert model.p["collaboration"] == "mutual_support" and model.p["cooperation"] == 0.8
    assert start_live(model, "best_persons") == "started"
    model.step()
    assert start_live(model, "best_persons") == "kept"  # open-ended: nothing to extend
    assert sum(iv.type == "best_persons" for iv in model.interventions) == 1


def test_removing_a_campaign_stops_it_reaching_and_a_scheduled_one_never_starts() -> None:
    from wijksim.interventions import make

    _, model = new_session(overrides=SMALL)
    start_live(model, "information_campaign")
    model.run(2)
    campaign = model.live["information_campaign"]
    reached = campaign.reached
    assert reached > 0 and campaign in model.programmes
    remove_live(model, campaign)
    model.run(3)
    assert campaign.reached == reached and campaign not in model.programmes
    later = model.add_intervention(make({"type": "crime_wave", "start": model.week + 3, "weeks": 4}))
    assert later.status == "scheduled" and remove_live(model, later)
    model.run(6)
    assert model.crime_multiplier == model.p["crime_rate"] and later.status == "removed"
    assert ("crime_wave", "starts") not in [(e.type, e.verb) for e in model.events_log]


def test_the_live_list_shows_what_is_in_force_and_removes_it() -> None:
    rc, holder, _ = _render_explorer("nl")
    _button(rc, "Step").widget.click()
    _button(rc, i18n.tr("crime_wave", "nl")).widget.click()
    _button(rc, "Step").widget.click()
    m = holder["model"].value
    text = " ".join(w.children[0] for w in rc.find(v.Html, class_="wijk-live-text").widgets)
    assert "Criminaliteitsgolf — loopt: weken 2–13, nog 11 wk · factor 3" in text, text
    _button(rc, i18n.tr("crime_wave", "nl")).widget.click()  # a repeat click extends and says so
    assert m.live["crime_wave"].end_week == 14
    assert "verlengd tot en met week 14" in rc.find(v.Html, class_="wijk-live-notice").widget.children[0]
    _with_class(rc, v.Btn, "wijk-live-remove").widget.click()
    assert m.live["crime_wave"].status == "removed" and not m.crime_factors
    assert rc.find(v.Html, class_="wijk-live-empty").widgets and not rc.find(v.Html, class_="wijk-live-text").widgets
    assert m.events_log[-1] == Event("crime_wave", "removed", m.week + 1)


@pytest.mark.parametrize("key", list(LIVE_INTERVENTIONS))
def test_every_live_intervention_runs(key: str) -> None:
    _, model = new_session(overrides=SMALL)
    model.step()
    start_live(model, key)
    model.run(3)
    assert model.events_log and model.events_log[0].week == 2


def test_param_controls_come_from_the_registry() -> None:
    from wijksim.scenarios import default_scenario

    overrides = solara.reactive({})

    @solara.component
    def Host() -> None:
        ParamControls(overrides, default_scenario(), "en")

    _box, rc = solara.render(Host(), handle_error=False)
    panels = rc.find(v.ExpansionPanel).widgets
    groups = {p.group for p in PARAMS.values() if p.ui and not p.advanced}
    assert len(panels) == len(groups)
    # open the "incidents" group: one control per ui parameter, with its help text from the registry
    from wijksim.params import GROUPS

    shown = [g for g in GROUPS if g in groups]
    rc.find(v.ExpansionPanels).widget.v_model = [shown.index("incidents")]
    names = [n for n, p in PARAMS.items() if p.group == "incidents" and p.ui and not p.advanced]
    sliders = rc.find(v.Slider).widgets
    fields = rc.find(v.TextField).widgets
    assert len(sliders) + len(fields) == len(names)
    assert overrides.value == {}  # opening a group changed nothing
    assert any(p.group == "incidents" and p.advanced for p in PARAMS.values())  # hidden until asked for
    assert any(PARAMS["crime_rate"].meaning in str(w.children) for w in rc.find(v.Html).widgets)
    crime = next(w for w in sliders if w.label.startswith("crime rate"))
    assert (crime.min, crime.max) == (PARAMS["crime_rate"].low, PARAMS["crime_rate"].high)
    crime.v_model = 2.5
    assert overrides.value == {"crime_rate": 2.5}
    # the advanced (structural) parameters appear only after ticking the box
    before = len(rc.find(v.Slider).widgets) + len(rc.find(v.TextField).widgets)
    rc.find(v.Checkbox).widget.v_model = True
    assert len(rc.find(v.Slider).widgets) + len(rc.find(v.TextField).widgets) > before


@pytest.mark.parametrize("stem", ["defaults", "wave_community_investment", "collective_impact"])
def test_opening_every_group_changes_no_value(stem: str) -> None:
    """Every control shows the picked scenario's value exactly: a slider only where its step fits the
    value (else a number field), and opening all groups (advanced too) leaves the overrides empty."""
    from wijksim.ui.components import slider_step
    from wijksim.ui.session import shipped_scenarios

    sc = dict(shipped_scenarios())[stem]
    overrides = solara.reactive({})

    @solara.component
    def Host() -> None:
        ParamControls(overrides, sc, "nl")

    _box, rc = solara.render(Host(), handle_error=False)
    rc.find(v.Checkbox).widget.v_model = True
    n = len(rc.find(v.ExpansionPanel).widgets)
    rc.find(v.ExpansionPanels).widget.v_model = list(range(n))
    assert overrides.value == {}
    by_label = {i18n.param_label(n, "nl"): n for n in PARAMS}
    for w in rc.find(v.Slider).widgets:
        name = by_label[w.label]
        want = sc.params.get(name, PARAMS[name].default)
        assert w.v_model == want, name
        if isinstance(want, float):
            assert slider_step([want], w.min, w.max) is not None
    # a user's change is kept and marked; setting it back to the scenario's value clears the mark
    slider = rc.find(v.Slider).widgets[0]
    name = by_label[slider.label]
    base = sc.params.get(name, PARAMS[name].default)
    new = slider.max if slider.v_model != slider.max else slider.min
    slider.v_model = new
    assert name in overrides.value
    assert _with_class(rc, v.Html, "wijk-params-changed").widget.children == ["1 gewijzigd"]
    slider = next(w for w in rc.find(v.Slider).widgets if w.label.startswith(i18n.param_label(name, "nl")))
    slider.v_model = base
    assert overrides.value == {}


def test_current_settings_save_as_a_scenario_file() -> None:
    from wijksim.scenarios import parse_scenario_text
    from wijksim.ui.components import scenario_toml
    from wijksim.ui.session import shipped_scenarios

    sc = dict(shipped_scenarios())["wave_community_investment"]
    back = parse_scenario_text(scenario_toml(sc, {"crime_rate": 1.5}, seed=3))
    assert back.params == {**sc.params, "crime_rate": 1.5}
    assert [iv.model_dump() for iv in back.interventions] == [iv.model_dump() for iv in sc.interventions]
    assert (back.name, back.name_nl, back.weeks) == (sc.name, sc.name_nl, sc.weeks)


def test_slider_step_fits_values() -> None:
    from wijksim.ui.components import slider_step

    assert slider_step([0.0009], 0.0, 0.01) is not None
    step = slider_step([0.0009, 0.005], 0.0, 0.01)
    assert step is not None and abs(0.0009 / step - round(0.0009 / step)) < 1e-9
    assert slider_step([1 / 3], 0.0, 1.0) is None


def test_language_switch_changes_labels() -> None:
    rc_nl, _, _ = _render_explorer("nl")
    rc_en, _, _ = _render_explorer("en")
    _button(rc_nl, "Criminaliteitsgolf").assert_single()
    _button(rc_en, "Crime wave").assert_single()


def test_translations_are_complete() -> None:
    for key, (nl, en) in i18n.STRINGS.items():
        assert nl and en, key
    for key in LIVE_INTERVENTIONS:
        assert key in i18n.STRINGS
    assert {spec["type"] for spec in LIVE_INTERVENTIONS.values()} == set(INTERVENTIONS)
    for name in PARAMS:
        assert i18n.param_help(name, "nl")
        assert i18n.param_label(name, "nl") != name.replace("_", " "), f"no Dutch label for {name}"
    for kind in INTERVENTIONS:
        assert kind in TYPE_LABELS


def test_sessions_own_their_models() -> None:
    _, h1, _ = _render_explorer()
    _, h2, _ = _render_explorer()
    assert h1["model"].value is not h2["model"].value
    h1["model"].value.step()
    assert h2["model"].value.week == 0


def test_figures_render_images() -> None:
    _, m = new_session(overrides=SMALL)
    m.run(5)
    assert MapRaster(m).render(m)[:4] == b"\x89PNG"
    assert NetworkRaster(m).render(m)[:4] == b"\x89PNG"
    rgb = LiveOverview(i18n.panel_labels("en"), weeks=10).render(m.timeseries(), rendered(m.events_log, "en"))
    assert rgb.ndim == 3 and rgb.shape[2] == 3 and rgb.std() > 0
    assert encode(rgb, "JPEG")[:2] == b"\xff\xd8"


def test_live_charts_draw_the_shared_panels_and_every_event() -> None:
    """The explorer's charts are plots.PANELS (the CLI's overview panels), one line per series, and each
    intervention start or end becomes one marker per panel (also the second and later events)."""
    _, m = new_session(overrides=SMALL)
    m.run(4)
    live = LiveOverview(i18n.panel_labels("nl"), weeks=10)
    events = [(1, "crime wave starts"), (3, "crime wave ends")]
    live.render(m.timeseries(), events[:1])  # as in play: the events arrive one frame at a time
    live.render(m.timeseries(), events)
    assert [col for _, col, _ in live.lines] == [s.column for p in PANELS for s in p.series]
    assert len(live.event_lines) == len(events) * len(PANELS)
    assert [ax.get_title() for ax in live.axes] == [i18n.tr(p.key, "nl") for p in PANELS]


def test_every_chart_label_is_translated() -> None:
    from wijksim.outputs import BY_NAME

    series = {s.column for p in PANELS for s in p.series}
    for key in label_keys():
        if key in series:  # a line: its labels are the registry of outputs'
            assert BY_NAME[key].short("nl") and BY_NAME[key].short("en"), key
        else:
            assert key in i18n.STRINGS, f"ui/i18n.py: no Dutch text for chart label {key!r}"
    assert i18n.panel_labels("nl")["share_withdrawn"] == "teruggetrokken"
    assert i18n.panel_labels("en")["panel_states"] == next(p.title for p in PANELS if p.key == "panel_states")


def test_comparison_numbers_are_paired_differences() -> None:
    from wijksim.scenarios import Scenario
    from wijksim.ui.compare_page import BonusMalusTable, run_and_summarize

    ref = Scenario(name="ref", weeks=20, params=SMALL)
    wave = Scenario(
        name="wave",
        weeks=20,
        params=SMALL,
        interventions=[{"type": "crime_wave", "start": 5, "weeks": 5, "multiplier": 4}],
    )
    _runs, summary = run_and_summarize([("ref", ref), ("wave", wave)], seed=3, weeks=20, replicates=3)
    from wijksim.compare import summarize, windows_for

    # the same windows and numbers as `wijksim compare`
    assert list(dict.fromkeys(summary["window"])) == ["year_after", "wave", "end"]
    again = summarize(_runs, windows_for([("ref", ref), ("wave", wave)], 20))
    assert again.equals(summary)
    assert summary.loc[0, "bonus_malus_incidents"] == 0.0
    _box, rc = solara.render(BonusMalusTable(summary, "wave", "en"), handle_error=False)
    table = rc.find(solara.widgets.HTML).widget.unsafe_innerHTML
    assert "wijk-bonus-malus" in table and "wave" in table


def test_verdict_words_only_when_the_interval_excludes_zero() -> None:
    """The table's words follow compare.judge: an interval that straddles zero is "no clear difference"
    whatever the sign of the mean, in both languages."""
    import pandas as pd

    from wijksim.compare import BONUS_MALUS_OUTPUTS
    from wijksim.ui.compare_page import table_rows

    row = {"scenario": "b", "reference": "a", "window": "end", "week_from": 1, "week_to": 13, "level": 0.95,
           "pairs": 10}
    for out, (m, lo, hi) in zip(BONUS_MALUS_OUTPUTS, [(-0.04, -0.25, 0.17), (-0.02, -0.03, -0.01),
                                                      (0.02, 0.01, 0.03)], strict=True):
        row |= {f"bonus_malus_{out}": m, f"bonus_malus_{out}_lo": lo, f"bonus_malus_{out}_hi": hi,
                f"margin_{out}": 0.01}
    summary = pd.DataFrame([row])
    for lang, none in (("en", "no clear difference"), ("nl", "geen duidelijk verschil")):
        cells = table_rows(summary, "end", lang)[0][1:]
        assert [w for _, w in cells] == ["no clear difference", "bonus", "malus"]
        assert none in cells[0][0] and "bonus" not in cells[0][0]


def _shipped() -> dict:
    from wijksim.scenarios import list_scenarios

    return {p.stem: sc for p, sc in list_scenarios()}


def test_workshop_trio_is_the_shipped_files() -> None:
    """The workshop runs the scenario files as they are (their parameters and interventions), plus the
    investment file with community_split switched off; every step names runs that exist."""
    from wijksim.ui.workshop import (
        INVESTMENT,
        NO_WAVE,
        SPLIT_OFF,
        WAVE,
        WAVE_OFF,
        WORKSHOP,
        workshop_scenarios,
    )

    files, scs = _shipped(), workshop_scenarios()
    for stem in (NO_WAVE, WAVE, INVESTMENT):
        assert scs[stem].model_dump() == files[stem].model_dump()
    assert [iv.type for iv in scs[WAVE].interventions] == ["crime_wave"]
    off = scs[SPLIT_OFF].model_dump()
    inv = files[INVESTMENT].model_dump()
    assert off["params"] == {**inv["params"], "community_split": False}
    assert off["interventions"] == inv["interventions"]
    assert scs[WAVE_OFF].params == {**files[WAVE].params, "community_split": False}
    # the mechanism step: the bonus within the ablated model (both runs ablated) beside the bonus
    # within the full model; never an ablated run against a full one
    last = WORKSHOP[-1]
    judged = [(a, b) for a, b in last.contrasts if a != b]
    assert judged == [(INVESTMENT, WAVE), (SPLIT_OFF, WAVE_OFF)]
    for a, b in last.contrasts:
        assert scs[a].params.get("community_split", True) == scs[b].params.get("community_split", True)
    for step in WORKSHOP:
        assert all(key in scs for key in step.runs)
        assert step.title[0] and step.title[1] and step.text[0] and step.text[1]


def test_workshop_texts_quote_the_files_numbers() -> None:
    from wijksim.ui.workshop import WAVE, WORKSHOP, step_text, workshop_facts, workshop_scenarios

    scs = workshop_scenarios()
    facts = workshop_facts(scs)
    wave = scs[WAVE].interventions[0]
    assert (facts["wave_start"], facts["wave_weeks"]) == (wave.start, wave.weeks)
    malus = WORKSHOP[1]
    for lang in ("nl", "en"):
        filled = step_text(malus, facts, lang)
        assert f"week {wave.start}" in filled and f"{wave.weeks} we" in filled
    # a multiplier that is not a whole number is written as the language writes it
    half = {**facts, "multiplier": 2.5}
    assert "2,5 keer" in step_text(malus, half, "nl") and "2.5 times" in step_text(malus, half, "en")


def test_compare_page_and_explorer_offer_the_shipped_files() -> None:
    """Every scenario choice of the UI is a file in scenarios/ (or the defaults): no scenario in code."""
    from wijksim.scenarios import SCENARIO_DIR
    from wijksim.ui.compare_page import ComparePage
    from wijksim.ui.session import shipped_scenarios

    # the installed package (editable, from this checkout) finds the checkout's scenarios/
    assert SCENARIO_DIR.resolve() == (Path(__file__).resolve().parents[1] / "scenarios")
    stems = ["defaults", *sorted(_shipped())]
    assert stems[1:] == sorted(p.stem for p in SCENARIO_DIR.glob("*.toml") if "city" not in p.stem) and len(stems) > 4
    assert [k for k, _ in shipped_scenarios()] == stems
    _box, rc = solara.render(ComparePage("en"), handle_error=False)
    pick = rc.find(v.Select, class_="wijk-compare-pick").widget
    assert [i["value"] for i in pick.items] == stems
    assert pick.v_model == ["no_wave", "wave_no_investment", "wave_community_investment"]
    rc_ex, _, _ = _render_explorer("en")
    picker = rc_ex.find(v.Select, label="Scenario").widget
    assert [i["value"] for i in picker.items] == stems
    # the entries show the scenario's title in the page's language, then its file name
    rc_nl, _, _ = _render_explorer("nl")
    texts = {i["value"]: i["text"] for i in rc_nl.find(v.Select, label="Scenario").widget.items}
    sc = dict(shipped_scenarios())["wave_no_investment"]
    assert texts["wave_no_investment"] == f"{sc.name_nl} — wave_no_investment" and sc.name_nl != sc.name


def test_ui_command_is_registered() -> None:
    import wijksim.ui.commands as commands
    from wijksim.cli import app

    result = CliRunner().invoke(app, ["ui", "--help"])
    assert result.exit_code == 0 and "--port" in result.output
    cmd = commands.solara_command("127.0.0.1", 8765)
    assert cmd[-6:] == ["--host", "127.0.0.1", "--port", "8765", "--production", "--no-open"]
    assert cmd[3] == "run" and cmd[4].endswith("ui/app.py")
    bad = CliRunner().invoke(app, ["ui", "--port", "0"])
    assert bad.exit_code == 2


def test_every_page_drawn_brings_its_own_guard_marker() -> None:
    """The browser holds clicks on a page that is being replaced until the marker of the page asked for
    arrives (:mod:`wijksim.ui.page_guard`): every page drawn, also one drawn again, has a new marker,
    and there is one at a time."""
    from wijksim.ui import app

    _box, rc = solara.render(solara.AppLayout(children=[app.Page()]), handle_error=False)
    tabs = rc.find(v.BtnToggle, class_="wijk-pages").widget

    def marker():
        found = [w for w in rc.find(ipyvue.VueTemplate).widgets if hasattr(w, "release_after_ms")]
        assert len(found) == 1, found
        return found[0]

    seen = [marker()]
    assert seen[0].page == "explorer"
    for i in (app.PAGES.index("workshop"), app.PAGES.index("explorer"), app.PAGES.index("compare")):
        tabs.v_model = i
        seen.append(marker())
        assert seen[-1].page == app.PAGES[i]
    assert len({id(w) for w in seen}) == len(seen)  # a new widget each time: it mounts anew in the browser


def test_workshop_page_renders_from_files_and_reports_a_missing_file(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijksim.ui import workshop

    _box, rc = solara.render(workshop.WorkshopPage("en"), handle_error=False)
    assert rc.find(v.Btn, children=[i18n.tr("start_step", "en")]).widgets
    # without the files (a broken install) the page says which file is missing instead of failing
    real = workshop.list_scenarios
    monkeypatch.setattr(workshop, "list_scenarios", lambda directory=None: real(tmp_path))
    _box, rc = solara.render(workshop.WorkshopPage("en"), handle_error=False)
    assert any("no_wave.toml" in str(w.children) or "no_wave.toml" in str(getattr(w, "value", ""))
               for w in rc.find(v.Alert).widgets)


def test_compare_page_offers_our_wijk_calibrated(tmp_path: Path) -> None:
    """A calibration's posterior can be named on the compare page; its runs draw their parameters from it."""
    import pandas as pd

    from wijksim.scenarios import default_scenario
    from wijksim.ui.compare_page import ComparePage, run_and_summarize

    _box, rc = solara.render(ComparePage("nl"), handle_error=False)
    field = rc.find(v.TextField, class_="wijk-compare-posterior").widget
    assert "gekalibreerd" in field.label
    post = pd.DataFrame({"fear_decay": [0.01, 0.05], "weight": [0.5, 0.5]})
    sc = default_scenario().model_copy(update={"weeks": 3})
    runs, _summary = run_and_summarize([("a", sc), ("b", sc)], seed=1, weeks=3, replicates=2,
                                       overrides={"width": 12, "height": 12, "burn_in": 2}, posterior=post)
    assert set(runs["posterior_fear_decay"]) <= {0.01, 0.05}


def test_nothing_in_the_package_needs_a_shell() -> None:
    """Windows laptops have no bash: the package starts its processes without a shell, and `wijksim ui`
    runs solara through this Python (``sys.executable -m solara``), not a script on PATH."""
    import re
    import sys

    import wijksim
    from wijksim.ui.commands import solara_command

    src = Path(wijksim.__file__).parent
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"shell\s*=\s*True|os\.system\(|\bbash\b|/bin/sh", text), path
    cmd = solara_command("127.0.0.1", 8765)
    assert cmd[:3] == [sys.executable, "-m", "solara"]


def test_workshop_steps_agree_with_the_trainers_guide() -> None:
    """The guide's list of the Workshop tab's steps names the same titles, runs and weeks as the tab."""
    from wijksim.ui.workshop import WORKSHOP, workshop_facts, workshop_scenarios

    guide = (Path(__file__).resolve().parents[1] / "docs" / "guide-trainers.md").read_text(encoding="utf-8")
    facts = workshop_facts(workshop_scenarios())
    for i, step in enumerate(WORKSHOP, 1):
        row = next((line for line in guide.splitlines() if line.startswith(f"| {i}. {step.title[1]} |")), None)
        assert row is not None, f"docs/guide-trainers.md: no row for step {i} ({step.title[1]})"
        for key in step.runs:
            assert key.split(":")[0] in row, (i, key)
    wave = f"from week {facts['wave_start']} to week {facts['wave_end']} ({facts['wave_weeks']} weeks"
    assert wave in guide
    assert f"a year of investment from week {facts['invest_start']}" in guide
    # sections 6 and 7 (the room) are checked against the room's pages by tests/test_room_web.py
    _guide_buttons_are_the_tabs(guide.split("\n## 6. ")[0], "en", facts)
    nl = (Path(__file__).resolve().parents[1] / "docs" / "nl" / "guide-trainers.md").read_text(encoding="utf-8")
    _guide_buttons_are_the_tabs(nl.split("\n## 6. ")[0], "nl", facts)


def _guide_buttons_are_the_tabs(guide: str, lang: str, facts: dict) -> None:
    """Every button the guide quotes (``**[label]**``) is a label of the tab the line names, in the
    guide's language (a line naming no tab describes the Workshop tab), and each step's row lists
    exactly that step's levers: the instructions can be done in the tab as written."""
    import re

    from wijksim.ui.workshop import WORKSHOP, lever_labels, tab_labels

    quoted = re.compile(r"\*\*\[([^\]]+)\]\*\*")
    workshop = tab_labels(lang, facts)
    tabs = {
        "Workshop": workshop,
        i18n.tr("tab_compare", lang): {i18n.tr("run", lang)},
        i18n.tr("tab_explorer", lang): {i18n.tr(k, lang) for k in LIVE_INTERVENTIONS},
    }
    levers = lever_labels(lang, facts)
    seen = 0
    for line in guide.splitlines():
        labels = quoted.findall(line)
        if not labels:
            continue
        seen += len(labels)
        named = [tab for tab in tabs if tab in line]
        allowed = set().union(*(tabs[t] for t in named)) if named else workshop
        for label in labels:
            assert label in allowed, f"{lang} guide: the button {label!r} is not in {named or ['Workshop']}: {line}"
        for i, step in enumerate(WORKSHOP, 1):
            if line.startswith(f"| {i}. {step.title[0 if lang == 'nl' else 1]} |"):
                assert labels == levers[i], (lang, i, labels, levers[i])
    assert seen >= 20  # the guide does quote the buttons


def test_dutch_trainers_guide_is_in_step_with_the_english_one() -> None:
    """docs/nl/guide-trainers.md names the same commands (code blocks, verbatim), figures, sections and
    workshop steps (in Dutch, as the tab shows them) as docs/guide-trainers.md; its links resolve."""
    from guides import assert_dutch_guide_in_step
    from wijksim.ui.workshop import WORKSHOP

    _en, nl = assert_dutch_guide_in_step("guide-trainers.md")
    for i, step in enumerate(WORKSHOP, 1):
        assert f"| {i}. {step.title[0]} |" in nl, step.title[0]


def test_compare_offers_the_scenario_built_in_explore() -> None:
    """The compare page lists the explorer's scenario (file or upload plus changed parameters)."""
    from wijksim.ui.compare_page import ComparePage
    from wijksim.ui.session import RunConfig, shipped_scenarios

    cfg = RunConfig(scenario=dict(shipped_scenarios())["wave_no_investment"], overrides={"crime_rate": 1.5})
    _box, rc = solara.render(ComparePage("nl", results={}, explore_config=cfg), handle_error=False)
    pick = rc.find(v.Select, class_="wijk-compare-pick").widget
    assert "explore" in [i["value"] for i in pick.items]
    from wijksim.ui.compare_page import _with_overrides

    sc = _with_overrides(cfg.scenario, cfg.overrides, "x")
    assert sc.params["crime_rate"] == 1.5 and sc.interventions == cfg.scenario.interventions


def test_numbers_are_written_as_the_language_writes_them() -> None:
    from wijksim.ui.charts import format_change, format_value

    assert numbers.number(17.345, "nl", 1) == "17,3" and numbers.number(17.345, "en", 1) == "17.3"
    assert numbers.number(-0.25, "nl", 2, sign=True) == "−0,25" and numbers.number(0.5, "en", 1, sign=True) == "+0.5"
    assert format_value("share_unsafe", 0.173, "nl") == "17,3 %" and format_value("cohesion", 6.43, "en") == "6.4"
    assert format_change("share_active", -0.012, "nl") == "−1,2 %-punt"  # as the workshop writes it (issue 24)
    assert format_change("share_active", -0.012, "en") == "−1.2 pp"
    assert format_value("trust_police", 0.5, "nl") == "0,50"


def test_values_beside_the_charts_are_the_charts_last_points() -> None:
    """Every series of every panel gets its value this week and its change over 13 weeks, computed from
    the same timeseries the charts draw (a smoothed panel: the mean of its last weeks)."""
    from wijksim.ui.charts import CHANGE_WEEKS, format_change, format_value, panel_values, values_html

    _, m = new_session(overrides=SMALL)
    m.run(20)
    ts = m.timeseries()
    for panel in PANELS:
        rows = panel_values(ts, panel, "nl")
        assert [r[0] for r in rows] == [i18n.panel_labels("nl")[s.key] for s in panel.series]  # as the legend
        for s, (_, now, change) in zip(panel.series, rows, strict=True):
            col = ts[s.column].to_numpy(dtype=float)
            k = panel.smooth
            want_now = col[-k:].mean()
            want_back = col[len(col) - 1 - CHANGE_WEEKS - k + 1: len(col) - CHANGE_WEEKS].mean()
            assert now == format_value(s.column, want_now, "nl")
            assert change == format_change(s.column, want_now - want_back, "nl")
    html = values_html(ts, "en")
    assert html.count("wijk-value-now") == sum(len(p.series) for p in PANELS)
    shown_nl = [x.split("<")[0] for x in values_html(ts, "nl").split("wijk-value-now'>")[1:]]
    assert all("." not in x for x in shown_nl) and any("," in x for x in shown_nl), shown_nl


def test_every_chart_has_an_explanation_in_both_languages() -> None:
    from wijksim.ui.charts import EXPLAINED, explanation

    assert {"map", "network", "compare"} <= set(EXPLAINED) and len(EXPLAINED) == len(PANELS) + 3
    for chart in EXPLAINED:
        nl, en = explanation(chart, "nl"), explanation(chart, "en")
        assert nl != en and len(nl) > 60 and len(en) > 60, chart
        assert "Let op" in nl and "Caution" in en, chart  # each says one caution
    rc, _, _ = _render_explorer("en")
    shown = " ".join(str(w.children) for w in rc.find(v.Html).widgets)
    for chart in ("map", "network"):
        assert explanation(chart, "en") in shown


def test_explore_downloads_carry_seed_parameters_week_and_version() -> None:
    import io
    import json

    from PIL import Image

    from wijksim.provenance import model_version
    from wijksim.ui.components import download_bytes, png_with_text, run_metadata

    _, m = new_session(overrides={**SMALL, "fear_decay": 0.07}, seed=7)
    m.run(3)
    start_live(m, "crime_wave")
    m.step()
    meta = run_metadata(m, "nl")
    assert meta["seed"] == 7 and meta["week"] == 4 and meta["wijksim_version"] == model_version()
    assert meta["overrides"]["fear_decay"] == 0.07 and meta["params"]["fear_decay"] == 0.07
    assert len(meta["params"]) == len(PARAMS) and meta["versions"]["wijksim"]
    assert meta["interventions"][0]["type"] == "crime_wave" and meta["interventions"][0]["status"] == "running"
    assert meta["events"] == [[4, "crime wave starts"]]
    assert json.loads(download_bytes(m, "json", "nl")) == json.loads(json.dumps(meta, default=str))
    for kind in ("map", "network", "charts"):
        data = download_bytes(m, kind, "en")
        img = Image.open(io.BytesIO(data))
        img.load()  # the chunks' CRCs are checked while reading
        got = json.loads(img.info["wijksim"])
        assert got["seed"] == 7 and got["week"] == 4 and got["params"]["fear_decay"] == 0.07, kind
        assert "seed 7, week 4" in img.info["Title"] and img.info["Software"].startswith("wijksim ")
    assert download_bytes(m, "csv", "en").decode().splitlines()[0].startswith("week,")
    png = MapRaster(m).render(m)
    stamped = png_with_text(png, {"k": "v"})
    assert Image.open(io.BytesIO(png)).tobytes() == Image.open(io.BytesIO(stamped)).tobytes()  # pixels untouched
    with pytest.raises(ValueError):
        png_with_text(b"not a png", {})


def test_a_removal_is_marked_on_the_live_charts_as_an_end() -> None:
    """A removed intervention's marker is drawn like an end (grey), in either language; a crime wave's
    start is red, also in Dutch."""
    from matplotlib.colors import to_hex

    _, m = new_session(overrides=SMALL)
    m.run(4)
    for lang in ("en", "nl"):
        live = LiveOverview(i18n.panel_labels(lang), weeks=10)
        events = rendered([Event("crime_wave", "starts", 1), Event("crime_wave", "removed", 3)], lang)
        live.render(m.timeseries(), events)
        colors = [to_hex(line.get_color()) for line in live.event_lines]
        assert colors[: len(PANELS)] == ["#c0392b"] * len(PANELS), lang
        assert colors[len(PANELS):] == ["#7f8c8d"] * len(PANELS), lang


def test_a_click_extends_the_scenarios_own_wave_and_kinds_stay_apart() -> None:
    """A crime wave already in the run (the scenario's, with its own multiplier) is extended by a click,
    not joined by a second wave; a broad programme is not taken for a narrow one."""
    from wijksim.interventions import make

    _, model = new_session(overrides=SMALL)
    own = model.add_intervention(make({"type": "crime_wave", "start": 1, "weeks": 6, "multiplier": 2.0}))
    model.run(3)
    assert start_live(model, "crime_wave") == "extended"
    assert own.end_week == 3 + LIVE_INTERVENTIONS["crime_wave"]["weeks"] and len(model.crime_factors) == 1
    model.step()
    assert model.crime_multiplier == pytest.approx(2.0 * model.p["crime_rate"])
    assert start_live(model, "community_narrow") == "started"
    assert start_live(model, "community_activities") == "started"  # broad: another kind
    assert sum(iv.type == "community_activities" for iv in model.interventions) == 2

def _small_workshop() -> dict:
    """The workshop's runs on a small wijk (the files' parameters and interventions, 16 x 16)."""
    from wijksim.ui.workshop import workshop_scenarios

    return {k: sc.model_copy(update={"params": {**sc.params, **SMALL}}) for k, sc in workshop_scenarios().items()}


def test_workshop_levers_stop_where_the_guide_says() -> None:
    """The "play until" buttons stop at the files' weeks (+N from the week shown), never past the end;
    every step offers 2 to 4 levers, and a file choice only between runs the step compares."""
    from wijksim.ui.workshop import WORKSHOP, lever_labels, stop_label, stop_week, workshop_facts, workshop_scenarios

    facts = workshop_facts(workshop_scenarios())
    assert (facts["wave_end"], facts["invest_end"], facts["end"]) == (41, 77, 156)
    assert stop_week("+30", facts, 0, 156) == 30 and stop_week("+30", facts, 140, 156) == 156
    assert stop_week("wave_end", facts, 3, 156) == 41 and stop_week("end", facts, 3, 156) == 156
    assert stop_label("invest_end", facts, "nl") == "Tot week 77: einde investering"
    labels = lever_labels("en", facts)
    assert labels[1] == ["Play 30 weeks"]
    for i, step in enumerate(WORKSHOP, 1):
        assert 1 <= len(labels[i]) <= 5 and step.live and step.stops
        assert len(labels[i]) == len(set(labels[i]))
        runs = [run for _, run in step.live]
        # the map plays a run the step compares (step 4: the investment with and without the mechanism)
        assert all(run in step.runs for run in runs), (i, runs)


def test_player_pauses_at_the_week_a_lever_names() -> None:
    from wijksim.ui.session import Player
    from wijksim.ui.workshop import NO_WAVE, live_model

    m = live_model(_small_workshop(), NO_WAVE)
    player = Player()
    player.until = 3
    assert player.play(m)
    player._thread.join(timeout=60)
    assert m.week == 3 and player.stop_reason == "until" and player.until is None
    assert player.play(m)  # plain play afterwards goes on (the stop was once)
    player.pause()
    assert not player.thread_alive and m.week >= 3


def test_switching_the_file_keeps_the_week_and_the_history_before_it_differs() -> None:
    """A lever rebuilds the map's run from the other file at the same week with the same seed: before
    the investment starts (week 26) that is the same wijk; after it the histories differ."""
    import numpy as np

    from wijksim.ui.workshop import INVESTMENT, WAVE, live_model

    scs = _small_workshop()
    a, b = live_model(scs, WAVE, 20), live_model(scs, INVESTMENT, 20)
    assert a.week == b.week == 20
    assert np.array_equal(a.residents.state, b.residents.state)
    pd_a, pd_b = a.timeseries(), b.timeseries()
    assert pd_a.equals(pd_b)
    a2, b2 = live_model(scs, WAVE, 60), live_model(scs, INVESTMENT, 60)
    assert not a2.timeseries().equals(b2.timeseries())


def test_workshop_page_shows_map_play_levers_and_presenter_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each step: the map with "Week N of M", the explorer's play controls and the step's levers; the
    file choice keeps the week; the presenter view hides every control and keeps the map. (On the small
    wijk: the page's controls and weeks do not depend on its size.)"""
    from wijksim.ui import workshop

    small = _small_workshop()
    monkeypatch.setattr(workshop, "workshop_scenarios", lambda directory=None: small)
    store: dict = {}
    _box, rc = solara.render(workshop.WorkshopPage("en", results=store), handle_error=False)
    facts = workshop.workshop_facts(workshop.workshop_scenarios())
    assert "wijk-map" in _images(rc)
    for cls in ("wijk-play", "wijk-step", "wijk-reset"):
        _with_class(rc, v.Btn, cls).assert_single()
    assert rc.find(v.Html, class_="wijk-of-weeks").widget.children == ["of 156"]
    stop = _with_class(rc, v.Btn, "wijk-lever-stop").widget
    assert stop.children == workshop.lever_labels("en", facts)[1]
    _with_class(rc, v.Btn, "wijk-step").widget.click()
    _with_class(rc, v.Btn, "wijk-step").widget.click()
    assert store["workshop_live:0"][1].week == 2
    _with_class(rc, v.Btn, "wijk-workshop-next").widget.click()
    labels = [str(b.children[0]) for b in rc.find(v.Btn).widgets if "wijk-lever-stop" in (b.class_ or "")]
    assert labels == workshop.lever_labels("en", facts)[2][2:]
    _with_class(rc, v.Btn, "wijk-step").widget.click()
    choice = _with_class(rc, v.BtnToggle, "wijk-workshop-choice").widget
    choice.v_model = 1  # "Without the wave"
    key, m = store["workshop_live:1"]
    assert key == workshop.NO_WAVE and m.week == 1
    assert rc.find(v.Html, class_="wijk-workshop-live-name").widget.children == ["· no wave"]
    assert store["workshop_live:0"][1].week == 2  # step 1's run is kept
    _with_class(rc, v.Btn, "wijk-workshop-presenter").widget.click()
    for cls in ("wijk-play", "wijk-lever-stop", "wijk-workshop-run"):
        assert not _with_class(rc, v.Btn, cls).widgets, cls
    assert "wijk-map" in _images(rc)
    assert rc.find(v.Html, class_="wijk-week").widget.children == ["Week 1"]


def test_compare_page_refuses_a_request_before_running() -> None:
    """The compare page's checks, split out of ``ComparePage``: fewer than two scenarios, replicates or weeks
    out of range name their message (each in both languages); a good request names none."""
    from wijksim.ui.compare_page import MAX_REPLICATES, MAX_WEEKS, request_problem
    from wijksim.ui.i18n import tr

    assert request_problem(["no_wave", "wave_no_investment"], 10, 156) == ""
    assert request_problem(["no_wave"], 10, 156) == "compare_pick"
    assert request_problem(["a", "b"], 0, 156) == request_problem(["a", "b"], MAX_REPLICATES + 1, 156) == "need_reps"
    assert request_problem(["a", "b"], 10, 0) == request_problem(["a", "b"], 10, MAX_WEEKS + 1) == "need_weeks"
    assert request_problem(["a", "b"], MAX_REPLICATES, MAX_WEEKS) == ""
    for key in ("compare_pick", "need_reps", "need_weeks"):
        assert tr(key, "en") != tr(key, "nl") and tr(key, "en") != key
