"""The UI faults a trainer and an advisor met first (issue 24: 1, 2, 3, 7, 8 and the smaller ones of 9),
each tested in-process (``solara.render``) on a small wijk; the browser half of 1 is in
``tests/test_ui_browser.py`` (``test_a_result_lands_whatever_the_tabs_do``)."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import ipyvuetify as v
import pandas as pd
import pytest
import solara

from wijksim.ui import i18n

SMALL = {"width": 20, "height": 20, "burn_in": 5}
ROOT = Path(__file__).resolve().parents[1]


def _with_class(rc, kind, cls: str) -> list:
    return [w for w in rc.find(kind).widgets if cls in (getattr(w, "class_", "") or "").split()]


def _wait(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    """Wait until ``cond`` holds (a condition, not a fixed sleep), failing after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "condition not met in time"
        time.sleep(0.02)


def _html(rc) -> str:
    return " ".join(w.unsafe_innerHTML or "" for w in rc.find(solara.widgets.HTML).widgets)


@pytest.fixture(scope="module")
def small_trio() -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """The workshop's trio, 3 paired replicates of 60 weeks on a small wijk, with B-vs-A pairs judged."""
    from wijksim.ui.compare_page import run_and_summarize
    from wijksim.ui.session import shipped_scenarios

    by = dict(shipped_scenarios())
    scs = [(k, by[k]) for k in ("no_wave", "wave_no_investment", "wave_community_investment")]
    runs, summary = run_and_summarize(scs, seed=2, weeks=60, replicates=3, overrides=SMALL)
    return runs, summary, scs


# --- 1: a result lands on the page that asked for it, whatever the tabs do ---------------------------------
def test_a_comparison_lands_on_the_page_after_a_tab_switch(monkeypatch: pytest.MonkeyPatch, small_trio) -> None:
    """Start a comparison, leave the tab while it runs (the page is closed), come back while it still runs:
    the new page shows it is computing with Start disabled, and shows the result when it lands — no
    second tab round trip, no second Start. Before, the new page showed the idle prompt."""
    from wijksim.ui import compare_page
    from wijksim.ui.results import SessionResults

    runs, summary, _ = small_trio
    release, calls = threading.Event(), []

    def slow(*args, **kwargs):
        calls.append(kwargs.get("pairs"))
        kwargs["progress"](1, 4)  # one run of four done
        assert release.wait(60)
        return runs, summary

    monkeypatch.setattr(compare_page, "run_and_summarize", slow)
    store = SessionResults("test")
    _box, rc = solara.render(compare_page.ComparePage("en", results=store), handle_error=False)
    _with_class(rc, v.Btn, "wijk-compare-run")[0].click()
    _wait(lambda: bool(calls))
    assert _with_class(rc, v.Html, "wijk-compare-busy") and _with_class(rc, v.Btn, "wijk-compare-run")[0].disabled
    rc.close()  # the user switches to another tab: this page is gone
    _box, back = solara.render(compare_page.ComparePage("en", results=store), handle_error=False)
    busy = _with_class(back, v.Html, "wijk-compare-busy")
    assert busy, "the page that came back must say it is computing"
    assert "1 of 4 runs done" in busy[0].children[0] and "s left" in busy[0].children[0]  # progress, time left
    assert back.find(v.ProgressLinear).widgets[0].value == pytest.approx(25.0)
    assert _with_class(back, v.Btn, "wijk-compare-run")[0].disabled
    assert "wijk-bonus-malus" not in _html(back)
    release.set()
    _wait(lambda: not store.busy)
    _wait(lambda: "wijk-bonus-malus" in _html(back))
    assert not _with_class(back, v.Html, "wijk-compare-busy")
    assert not _with_class(back, v.Btn, "wijk-compare-run")[0].disabled
    assert len(calls) == 1


def test_a_workshop_step_lands_on_its_step_and_its_busy_state_stays_there(
        monkeypatch: pytest.MonkeyPatch, small_trio) -> None:
    """A workshop step's comparison lands under its step whatever the tabs do, and its busy state does not
    leak into another step (which keeps its idle prompt and an enabled Start)."""
    from wijksim.ui import workshop
    from wijksim.ui.results import SessionResults

    runs, summary, _ = small_trio
    release, calls = threading.Event(), []

    def slow(*args, **kwargs):
        calls.append(1)
        assert release.wait(60)
        return runs, summary

    monkeypatch.setattr(workshop, "run_and_summarize", slow)
    store = SessionResults("test-ws")
    store["workshop_step"] = 1
    _box, rc = solara.render(workshop.WorkshopPage("en", results=store), handle_error=False)
    _with_class(rc, v.Btn, "wijk-workshop-run")[0].click()
    _wait(lambda: bool(calls))
    rc.close()
    _box, back = solara.render(workshop.WorkshopPage("en", results=store), handle_error=False)
    assert _with_class(back, v.Html, "wijk-workshop-busy") and _with_class(back, v.Btn, "wijk-workshop-run")[0].disabled
    _with_class(back, v.Btn, "wijk-workshop-next")[0].click()  # step 3: not computing
    assert not _with_class(back, v.Html, "wijk-workshop-busy")
    assert not _with_class(back, v.Btn, "wijk-workshop-run")[0].disabled
    _with_class(back, v.Btn, "wijk-workshop-prev")[0].click()
    release.set()
    _wait(lambda: "workshop:1" in store and not store.busy)
    _wait(lambda: "wijk-bonus-malus" in _html(back))
    assert "workshop:2" not in store


def test_results_belong_to_the_browser_session_and_idle_ones_are_culled() -> None:
    """A reload asks for the same session's results (the same object); a session with no page and no use
    for :data:`IDLE_MINUTES` is dropped, one computing is not."""
    from wijksim.ui import results

    a = results.session_results("reload-test")
    a["compare"] = "kept"
    assert results.session_results("reload-test") is a and a.get("compare") == "kept"
    busy = results.session_results("busy-test")
    busy.busy.add("compare")
    later = time.monotonic() + results.IDLE_MINUTES * 60 + 1
    results.cull(now=time.monotonic())  # just used: kept
    assert "reload-test" in results.sessions()
    gone = results.cull(now=later)
    assert "reload-test" in gone and "busy-test" not in gone
    assert "reload-test" not in results.sessions() and "busy-test" in results.sessions()
    busy.busy.clear()
    results.cull(now=later)
    assert "busy-test" not in results.sessions()
    # the trainers' guides document the idle time
    assert f"{results.IDLE_MINUTES} minutes after" in (ROOT / "docs" / "guide-trainers.md").read_text()
    assert f"{results.IDLE_MINUTES} minuten nadat" in (ROOT / "docs" / "nl" / "guide-trainers.md").read_text()


def test_a_failed_computation_reports_and_frees_its_key() -> None:
    from wijksim.ui.results import SessionResults

    store = SessionResults("err")
    heard: list[int] = []
    unsubscribe = store.subscribe(lambda: heard.append(store.version))
    assert store.run("x", lambda: 1 / 0)
    _wait(lambda: "x" not in store.busy)
    assert isinstance(store.errors["x"], ZeroDivisionError) and "x" not in store
    assert store.run("x", lambda: 42)
    _wait(lambda: "x" not in store.busy)
    assert store.get("x") == 42 and "x" not in store.errors and len(heard) == 4
    unsubscribe()


def test_the_server_culls_closed_pages_kernels_sooner_than_a_day() -> None:
    import solara.util

    from wijksim.ui.commands import server_env

    env = server_env({})
    assert solara.util.parse_timedelta(env["SOLARA_KERNEL_CULL_TIMEOUT"]) <= 15 * 60


# --- 2: the live crime-wave button never shortens the scenario's own wave ----------------------------------
def test_a_click_never_shortens_the_scenarios_wave_and_says_so() -> None:
    """``wave_no_investment`` at week 25, one click on the crime wave: the wave of weeks 26–41 keeps its 16
    weeks (before: "extended up to week 37", 4 weeks lost); the notice says it was left unchanged."""
    from wijksim.ui.explorer import new_session
    from wijksim.ui.live import describe_live, live_running, notice_text, start_live
    from wijksim.ui.session import shipped_scenarios

    sc = dict(shipped_scenarios())["wave_no_investment"]
    _, m = new_session(scenario=sc.model_copy(update={"params": {**sc.params, **SMALL}}))
    m.run(25)
    wave = m.interventions[0]
    assert (wave.start, wave.end_week) == (26, 41)
    out = start_live(m, "crime_wave")
    assert wave.end_week == 41 and len(m.crime_factors) <= 1
    assert out == "longer"
    for lang in i18n.LANGS:
        said = notice_text(out, "crime_wave", live_running(m, "crime_wave"), lang)
        assert "41" in said and "37" not in said
        assert ("niet veranderd" if lang == "nl" else "unchanged") in said
    # week 25 shown: the wave of weeks 26–41 is what the next week brings, not "running"
    assert i18n.tr("status_scheduled", "en") in describe_live(wave, m.week, "en")
    m.run(11)  # week 36: a click now would end at 48, later than 41: it extends
    assert start_live(m, "crime_wave") == "extended" and wave.end_week == 36 + 12
    assert i18n.tr("status_running", "en") in describe_live(wave, m.week, "en")


# --- 3: the saved file and "as in Explore" carry the live interventions ------------------------------------
def _played_with_live_interventions():
    from wijksim.ui.explorer import new_session
    from wijksim.ui.live import LIVE_INTERVENTIONS, remove_live, start_live

    cfg, m = new_session(overrides=SMALL, seed=3)
    m.run(4)
    assert start_live(m, "crime_wave") == "started"
    m.run(6)
    assert start_live(m, "crime_wave") == "extended"
    assert start_live(m, "community_activities") == "started"
    m.run(5)
    acts = next(iv for iv in m.interventions if iv.type == "community_activities")
    assert remove_live(m, acts)
    keys = [k for k in ("police_feedback", "mutual_support", "flyer_campaign") if k in LIVE_INTERVENTIONS]
    assert keys
    start_live(m, keys[0])
    m.run(20)
    return cfg, m


def test_saved_settings_reproduce_the_run_on_screen() -> None:
    """Save → load → run gives the same timeseries as the run on screen, live interventions included (with
    their start weeks, an extension and a removal as they were in force)."""
    from wijksim.scenarios import parse_scenario_text
    from wijksim.ui.components import download_bytes
    from wijksim.ui.session import RunConfig, SessionModel

    cfg, m = _played_with_live_interventions()
    text = download_bytes(m, "toml", "en").decode()
    sc = parse_scenario_text(text, "saved.toml")
    types = [iv.type for iv in sc.interventions]
    assert types.count("crime_wave") == 1 and "community_activities" in types and len(types) >= 3
    again = SessionModel(config=RunConfig(scenario=sc, seed=m.seed))
    again.run(m.week)
    pd.testing.assert_frame_equal(again.timeseries(), m.timeseries())
    # without the live interventions the file would not reproduce it (the test can fail)
    bare = SessionModel(config=RunConfig(scenario=cfg.scenario, seed=m.seed, overrides=dict(cfg.overrides)))
    bare.run(m.week)
    assert not bare.timeseries().equals(m.timeseries())


def test_compare_as_set_in_explore_includes_live_interventions() -> None:
    from wijksim.ui.compare_page import ComparePage, offered_scenarios
    from wijksim.ui.session import shipped_scenarios

    cfg, m = _played_with_live_interventions()
    sc = offered_scenarios(shipped_scenarios(), cfg, m)["explore"]
    assert [iv.type for iv in sc.interventions] == [s["type"] for s in m.interventions_as_run()]
    assert "crime_wave" in [iv.type for iv in sc.interventions]
    _box, rc = solara.render(ComparePage("nl", results={}, explore_config=cfg, explore_model=m), handle_error=False)
    pick = _with_class(rc, v.Select, "wijk-compare-pick")[0]
    pick.v_model = ["defaults", "explore"]
    note = _with_class(rc, v.Html, "wijk-compare-explore")[0].children[0]
    assert "Criminaliteitsgolf" in note or "criminaliteitsgolf" in note


# --- 7: Dutch in Dutch mode ------------------------------------------------------------------------------
def test_the_first_screen_and_its_words_are_dutch() -> None:
    from wijksim.ui.charts import format_change
    from wijksim.ui.components import scenario_items
    from wijksim.ui.session import shipped_scenarios
    from wijksim.ui.workshop import RUN_LABELS, workshop_scenarios

    by = dict(shipped_scenarios())
    first = scenario_items(["defaults"], by, "nl")[0]["text"]
    assert "defaults" not in first and first == "Standaardwaarden"
    assert "Default" not in i18n.scenario_description(by["defaults"], "nl")
    assert "%-punt" in format_change("share_unsafe", 0.012, "nl") and " pp" not in format_change(
        "share_unsafe", 0.012, "nl")
    for key, sc in workshop_scenarios().items():
        assert "community_split" not in i18n.scenario_name(sc, "nl"), key
    for label in RUN_LABELS.values():
        assert "community_split" not in i18n.tr(label, "nl")


def test_errors_write_numbers_with_a_decimal_comma_in_dutch() -> None:
    from wijksim.text.messages import text
    from wijksim.ui.session import RunConfig, SessionModel

    with pytest.raises(ValueError) as info:
        SessionModel(RunConfig(overrides={"crime_rate": 12.5}))
    nl = text(info.value, "nl")
    assert "12,5" in nl and "12.5" not in nl and "ongeldig" in nl
    assert "12.5" in text(info.value, "en")


def test_the_dutch_guide_projects_a_dutch_debrief_figure() -> None:
    from PIL import Image

    guide = (ROOT / "docs" / "nl" / "guide-trainers.md").read_text()
    assert "../img/guide-bonus-malus-nl.png" in guide and "guide-bonus-malus.png)" not in guide
    img = ROOT / "docs" / "img" / "guide-bonus-malus-nl.png"
    assert img.is_file() and Image.open(img).size[0] >= 900


def test_the_bonus_malus_guide_figure_takes_dutch_words() -> None:
    from scripts_loader import load_script
    from wijksim import plots
    from wijksim.text.numbers import tick_number

    make_docs = load_script("make_docs")
    weeks = list(range(1, 61))
    ts = pd.DataFrame({"week": weeks, **{c: [0.1 + 0.001 * w for w in weeks] for c in
                                        ("share_withdrawn", "share_active", "incidents", "share_unsafe")}})
    fig = plots.guide_bonus_malus({"a": [ts] * 3, "b": [ts] * 3}, (26, 41), 50, words=make_docs.BONUS_MALUS_NL,
                                  number=tick_number("nl"))
    texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
    assert "Voelt zich onveilig (%)" in texts and "Feeling unsafe (%)" not in texts
    fig.canvas.draw()
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert any("," in t for t in ticks) and not any("." in t for t in ticks)


# --- 8: pairs in Compare ---------------------------------------------------------------------------------
def test_compare_judges_a_pair_b_against_a(small_trio) -> None:
    """The trainer contrasts ``wave_community_investment`` against ``wave_no_investment`` (the bonus), as
    ``wijksim compare --pair``; the page offers the pair once three scenarios are picked."""
    from wijksim.ui.compare_page import ComparePage, chosen_pairs, pair_items, run_and_summarize

    _, _, scs = small_trio
    keys = [k for k, _ in scs]
    pair = "wave_community_investment:wave_no_investment"
    assert pair in [i["value"] for i in pair_items(keys, {}, "en")]
    judged = chosen_pairs(keys, [pair])
    assert judged is not None and ("wave_community_investment", "wave_no_investment") in judged
    assert chosen_pairs(keys, []) is None
    _, summary = run_and_summarize(scs, seed=2, weeks=60, replicates=2, overrides=SMALL, pairs=judged)
    got = set(zip(summary["scenario"], summary["reference"], strict=True))
    assert ("wave_community_investment", "wave_no_investment") in got and ("wave_no_investment", "no_wave") in got
    _box, rc = solara.render(ComparePage("nl", results={}), handle_error=False)
    sel = _with_class(rc, v.Select, "wijk-compare-pairs")
    assert sel and pair in [i["value"] for i in sel[0].items]


# --- 9: the smaller items --------------------------------------------------------------------------------
def test_compare_downloads_carry_provenance_and_the_clis_columns(small_trio) -> None:
    from PIL import Image

    from wijksim.ui.compare_files import FIGURE_DPI, download_info, summary_table
    from wijksim.ui.compare_page import comparison_figure, figure_png, provenance_line

    runs, summary, scs = small_trio
    meta = {"seed": 2, "replicates": 3, "weeks": 60, "scenarios": {k: {} for k, _ in scs}, "posterior": None}
    line = provenance_line(meta, "end")
    assert "seed 2" in line and "wave_no_investment" in line and line.startswith("wijksim ")
    png = figure_png(comparison_figure(runs, summary, [], "end", "en"), line, meta, "end")
    img = Image.open(io.BytesIO(png))
    assert FIGURE_DPI >= 150 and img.size[0] >= 1040 * 150 / 80 - 2
    assert json.loads(img.info["wijksim"])["seed"] == 2 and img.info["Description"] == line
    table = summary_table(summary, {}, meta)
    for col in ("file", "verdict", "uncertainty"):
        assert col in table.columns
    assert set(table["file"]) == {f"scenarios/{k}.toml" for k, _ in scs}
    assert (table.loc[table["scenario"] == table["reference"], "verdict"] == "reference").all()
    info = download_info(meta, "end", [(48, 60)], "en", {}, {})
    assert info["weeks"] == 60 and info["window_weeks"] == [[48, 60]]


def test_no_page_component_fetches_from_a_cdn() -> None:
    """solara.Markdown loads KaTeX and mermaid from a CDN on every page load (the 404 in the browser's
    console, and a request that needs the network): no page of ours uses it."""
    import wijksim.ui

    src = Path(wijksim.ui.__file__).parent
    users = [p.name for p in src.glob("*.py") if "solara.Markdown(" in p.read_text()]
    assert users == []


# --- 6 (its state part): presenter view while playing keeps a way to pause -----------------------------------
def test_presenter_view_while_playing_shows_pause() -> None:
    from wijksim.ui import workshop
    from wijksim.ui.results import SessionResults

    store = SessionResults("presenter")
    _box, rc = solara.render(workshop.WorkshopPage("en", results=store), handle_error=False)
    _with_class(rc, v.Btn, "wijk-workshop-presenter")[0].click()
    assert not _with_class(rc, v.Btn, "wijk-presenter-pause")  # not playing: nothing to pause
    _with_class(rc, v.Btn, "wijk-workshop-presenter")[0].click()
    _with_class(rc, v.Btn, "wijk-play")[0].click()
    _with_class(rc, v.Btn, "wijk-workshop-presenter")[0].click()
    try:
        _wait(lambda: bool(_with_class(rc, v.Btn, "wijk-presenter-pause")))
        _with_class(rc, v.Btn, "wijk-presenter-pause")[0].click()
        model = store["workshop_live:0"][1]
        week = model.week
        _wait(lambda: not _with_class(rc, v.Btn, "wijk-presenter-pause"))
        assert model.week <= week + 1 and not any(t.name.startswith("wijksim-play") and t.is_alive()
                                                  for t in threading.enumerate())
    finally:
        rc.close()  # the page goes away: its play loop is paused (never left running after the test)


def test_a_number_and_its_unit_never_wrap_apart_in_the_table() -> None:
    """Issue 24's walk: at presenter width "%-punt" broke over two lines. Every number with its unit, and
    every interval, of the bonus/malus table (Workshop and Compare) is one unbreakable span."""
    import re

    from wijksim.compare import BONUS_MALUS_OUTPUTS
    from wijksim.ui.compare_page import BonusMalusTable

    row = {"scenario": "b", "reference": "a", "window": "end", "week_from": 1, "week_to": 13, "level": 0.95,
           "pairs": 10}
    for out in BONUS_MALUS_OUTPUTS:
        row |= {f"bonus_malus_{out}": -0.0255, f"bonus_malus_{out}_lo": -0.04, f"bonus_malus_{out}_hi": -0.01,
                f"margin_{out}": 0.01}
    _box, rc = solara.render(BonusMalusTable(pd.DataFrame([row]), "end", "nl"), handle_error=False)
    html = _html(rc)
    kept = re.findall(r"<span class='wijk-nowrap' style='white-space: nowrap;'>([^<]*)</span>", html)
    assert "−2,55 %-punt" in kept and "[−4,00; −1,00]" in kept, kept
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)[1:]
    assert cells and all(c.startswith("<span class='wijk-nowrap'") for c in cells), cells
