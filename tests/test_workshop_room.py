"""The workshop readable from the back of a room (issue 24, points 4, 5 and 6): the trainers' guide's
figure (grey / red / green, the wave's and the investment's start and end marked, the window named outside
the data, shares in %), text of at least 18 px, a map of 560 px in presenter view, a play speed control,
and the step, the live run's week and the results surviving a reload or a second tab. In-process
(``solara.render`` and matplotlib's renderer); the browser half, sizes measured at 1280x720, is
``tests/test_ui_browser.py::test_workshop_sizes_for_a_room``."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

import ipyvuetify as v
import ipywidgets
import numpy as np
import pandas as pd
import pytest
import solara
from matplotlib.colors import to_hex
from matplotlib.text import Text

from wijksim.plots.workshop import DPI, FONT_PX, GREEN, GREY, RED
from wijksim.ui import workshop_view as view
from wijksim.ui.compare_page import INVESTMENT, NO_WAVE, WAVE
from wijksim.ui.workshop import SPLIT_OFF, WAVE_OFF, WORKSHOP, run_names, workshop_facts, workshop_scenarios

SMALL = {"width": 20, "height": 20, "burn_in": 5}


def _with_class(rc: Any, kind: Any, cls: str) -> list:
    return [w for w in rc.find(kind).widgets
            if cls in ((getattr(w, "class_", "") or "").split() + list(getattr(w, "_dom_classes", ()) or ()))]


def _wait(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "condition not met in time"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def facts() -> dict[str, Any]:
    return workshop_facts(workshop_scenarios())


def _runs(keys: list[str], weeks: int = 157, reps: int = 3) -> pd.DataFrame:
    """A runs table as the comparison returns it (synthetic: the figure's shape, not the model, is tested)."""
    rng = np.random.default_rng(7)
    rows = [dict(scenario=k, replicate=r, week=w, share_withdrawn=0.12 + 0.02 * rng.random(),
                 share_active=0.11 + 0.02 * rng.random(), incidents=10 + 4 * rng.random(),
                 share_unsafe=0.2 + 0.05 * rng.random())
            for k in keys for r in range(reps) for w in range(weeks)]
    return pd.DataFrame(rows)


def _texts(fig: Any) -> list[Text]:
    """Every text the figure shows (titles, tick labels, legend, axis labels), after a draw; tick labels of
    ticks outside an axis's limits are not drawn, so not counted."""
    fig.draw_without_rendering()
    hidden = set()
    for ax in fig.axes:
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        hidden |= {id(t) for t in ax.get_xticklabels() if not x0 - 1e-9 <= t.get_position()[0] <= x1 + 1e-9}
        hidden |= {id(t) for t in ax.get_yticklabels() if not y0 - 1e-9 <= t.get_position()[1] <= y1 + 1e-9}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden
            and (t.axes is None or t.axes.get_visible())]


def test_the_figure_is_the_guides_grey_red_green_with_start_and_end_marked(facts: dict[str, Any]) -> None:
    """Grey without a wave, red with it, green with the investment, the mechanism-off runs dashed in their
    file's colour (the guide: "the malus (red vs grey) and the bonus (green vs red)"); the wave's and the
    investment's first and last weeks marked on every panel; the marks and the window named in the legend,
    no label on the data; shares labelled in %. Before, the workshop drew C0 blue / C1 orange and labelled
    the starts over the data."""
    keys = [WAVE, INVESTMENT, WAVE_OFF, SPLIT_OFF, NO_WAVE]
    fig = view.step_figure(_runs(keys), facts, (42, 93, "year_after"), run_names("nl"), "nl", 1232)
    axes = [a for a in fig.axes if a.get_visible()]
    assert len(axes) == 4
    for ax in axes:
        lines = {ln.get_label(): ln for ln in ax.get_lines() if not ln.get_label().startswith("_")}
        assert to_hex(lines[NO_WAVE].get_color()) == GREY
        assert to_hex(lines[WAVE].get_color()) == RED and lines[WAVE].get_linestyle() == "-"
        assert to_hex(lines[INVESTMENT].get_color()) == GREEN
        assert to_hex(lines[WAVE_OFF].get_color()) == RED and lines[WAVE_OFF].get_linestyle() == "--"
        assert to_hex(lines[SPLIT_OFF].get_color()) == GREEN and lines[SPLIT_OFF].get_linestyle() == "--"
        verticals = {(to_hex(ln.get_color()), float(ln.get_xdata()[0])) for ln in ax.get_lines()
                     if ln.get_label().startswith("_") and len(set(ln.get_xdata())) == 1}
        wave, invest = (facts["wave_start"], facts["wave_end"]), (facts["invest_start"], facts["invest_end"])
        assert {(RED, wave[0] - 0.5), (RED, wave[1] + 0.5)} <= verticals, "the wave's start and end"
        assert {(GREEN, invest[0] - 0.5), (GREEN, invest[1] + 0.5)} <= verticals, "the investment's start and end"
        assert not ax.texts, "no label on the data (they overprinted at weeks 26/27)"
    legend = " | ".join(t.get_text() for t in fig.legends[0].get_texts())
    assert "Meetperiode: het jaar na de golf (weken 42–93)" in legend
    assert f"criminaliteitsgolf, week {wave[0]}–{wave[1]}" in legend
    assert f"investering, week {invest[0]}–{invest[1]}" in legend
    fig.draw_without_rendering()
    top = max(a.get_window_extent().y1 for a in axes)
    assert fig.legends[0].get_window_extent().y0 >= top - 1, "the legend (and the window's name) above the data"
    shares = [a for a in axes if a.get_title().endswith("(%)")]
    assert len(shares) == 3
    for ax in shares:
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert labels and all(t.endswith(" %") for t in labels), labels  # as the table writes a share
        assert ax.get_ylim()[1] > 5, "a share in %, not as a fraction (0,30)"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("step", [0, 1, 3])
@pytest.mark.parametrize("presenter", [False, True])
def test_figure_text_is_18px_inside_the_figure_and_never_overlaps(facts: dict[str, Any], lang: str, step: int,
                                                                 presenter: bool) -> None:
    """Every text of the figure as the page shows it (drawn at the width shown, 1 figure px = 1 page px) is
    at least 18 px, inside the figure, and overlaps no other text: titles, ticks, legend — the longest
    names (step 4's mechanism-off runs) in both languages, beside the map (step 1) and under the row."""
    keys = list(WORKSHOP[step].runs)
    width = view.figure_width(len(keys) < 2, presenter)
    window = (42, 93, "year_after") if len(keys) > 1 else None
    fig = view.step_figure(_runs(keys, weeks=157, reps=2), facts, window, run_names(lang), lang, width)
    assert fig.dpi == DPI and round(fig.get_figwidth() * DPI) == width
    texts = _texts(fig)
    assert len(texts) > 20
    small = [(t.get_text(), t.get_fontsize() * DPI / 72) for t in texts if t.get_fontsize() * DPI / 72 < FONT_PX - 0.01]
    assert not small, small
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts]
    w, h = fig.bbox.width, fig.bbox.height
    for text, b in boxes:
        assert b.x0 >= -1 and b.y0 >= -1 and b.x1 <= w + 1 and b.y1 <= h + 1, f"{text!r} leaves the figure"
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        overlap = min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0)
        assert min(overlap) <= 1, f"{ta!r} overprints {tb!r}"


def test_sizes_for_a_room_in_presenter_view() -> None:
    """The map 560 px in presenter view (households were ~4 px dots at 420, 300 outside it), its legend
    and the step's text 18 px (were 13 and 16), buttons 18 px in sentence case (were 12 px uppercase)."""
    from wijksim.ui.results import SessionResults
    from wijksim.ui.workshop import WorkshopPage

    store = SessionResults("test-room-sizes")
    store["workshop_presenter"] = True
    _box, rc = solara.render(WorkshopPage("nl", results=store, live={}), handle_error=False)
    maps = _with_class(rc, ipywidgets.Image, "wijk-workshop-map")
    assert maps and maps[0].layout.width == "560px"
    for cls in ("wijk-map-legend", "wijk-workshop-text"):
        found = _with_class(rc, v.Html, cls)
        assert found and "font-size: 18px" in found[0].style_, cls
    assert "font-size: 18px !important" in view.CSS and "text-transform: none" in view.CSS
    rc.close()
    store["workshop_presenter"] = False
    _box, rc = solara.render(WorkshopPage("nl", results=store, live={}), handle_error=False)
    assert _with_class(rc, ipywidgets.Image, "wijk-workshop-map")[0].layout.width == "420px"
    rc.close()


def test_play_has_a_speed_control_and_the_wave_takes_seconds() -> None:
    """A speed control in weeks per second: the default and the fastest let the 16-week wave take at least
    a second (it passed in ~0.4 s: weeks 0–41 in 1.4 s); a choice sets the player's wait and is kept in the
    session (a reload plays at the same speed)."""
    from wijksim.ui.results import SessionResults
    from wijksim.ui.session import Player
    from wijksim.ui.workshop import WorkshopPage

    assert 16 / max(view.SPEEDS) >= 1.0 and 16 / view.DEFAULT_SPEED >= 1.0
    store, player = SessionResults("test-room-speed"), Player()
    state = solara.reactive({})
    _box, rc = solara.render(WorkshopPage("en", results=store, player=player, play_state=state, live={}),
                             handle_error=False)
    assert player.interval_s == pytest.approx(1 / view.DEFAULT_SPEED)
    toggle = _with_class(rc, v.BtnToggle, "wijk-speed")[0]
    toggle.v_model = list(view.SPEEDS).index(2)  # the "2" button
    assert store["workshop_speed"] == 2 and player.interval_s == pytest.approx(0.5)
    rc.close()
    again = Player()
    _box, rc = solara.render(WorkshopPage("en", results=store, player=again, play_state=solara.reactive({}),
                                          live={}), handle_error=False)
    assert again.interval_s == pytest.approx(0.5)
    rc.close()


def test_presenter_view_while_playing_keeps_the_pause_button() -> None:
    """Presenter view hides the controls, but a run that plays can still be paused there."""
    from wijksim.ui.results import SessionResults
    from wijksim.ui.session import Player
    from wijksim.ui.workshop import WorkshopPage

    store, player = SessionResults("test-room-pause"), Player()
    store["workshop_presenter"], store["workshop_speed"] = True, 1
    state, live = solara.reactive({}), {}
    player.on_state = state.set
    _box, rc = solara.render(WorkshopPage("en", results=store, player=player, play_state=state, live=live),
                             handle_error=False)
    assert not _with_class(rc, v.Btn, "wijk-play")
    player.play(live["workshop_live:0"][1])
    try:
        _wait(lambda: bool(_with_class(rc, v.Btn, "wijk-presenter-pause")))
        _with_class(rc, v.Btn, "wijk-presenter-pause")[0].click()
        assert not player.playing
    finally:
        player.pause("test")
        rc.close()


def test_a_reload_or_a_second_tab_keeps_the_step_its_results_and_the_week() -> None:
    """A reload (a new page of the same browser session) lands on the workshop's step with its table and
    figure, and rebuilds the live run at the file and week the room was looking at (before: week 0)."""
    from wijksim.ui.compare_page import run_and_summarize
    from wijksim.ui.results import SessionResults
    from wijksim.ui.workshop import WorkshopPage

    scs = workshop_scenarios()
    runs, summary = run_and_summarize([(k, scs[k]) for k in WORKSHOP[1].runs], seed=2, weeks=40, replicates=2,
                                      overrides=SMALL)
    store = SessionResults("test-room-reload")
    store["workshop_step"], store["workshop:1"] = 1, (runs, summary, [], 2)
    _box, rc = solara.render(WorkshopPage("nl", results=store, live={}), handle_error=False)
    _with_class(rc, v.BtnToggle, "wijk-workshop-choice")[0].v_model = 1  # "Zonder golf": the other file
    for _ in range(3):
        _with_class(rc, v.Btn, "wijk-step")[0].click()
    _wait(lambda: store.get("workshop_at:1") == (NO_WAVE, 3))
    rc.close()
    _box, again = solara.render(WorkshopPage("nl", results=store, live={}), handle_error=False)
    assert _with_class(again, v.Html, "wijk-workshop-step")[0].children[0].startswith("Stap 2/")
    assert _with_class(again, v.Html, "wijk-week")[0].children[0] == "Week 3"
    assert "geen golf" in _with_class(again, v.Html, "wijk-workshop-live-name")[0].children[0]
    assert any("wijk-bonus-malus" in (w.unsafe_innerHTML or "") for w in again.find(solara.widgets.HTML).widgets)
    assert _with_class(again, ipywidgets.Image, "wijk-workshop-figure")
    again.close()
