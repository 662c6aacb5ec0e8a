"""Numbers and names as the page's language writes them, on pages, figures and downloads.

One formatter (:func:`wijksim.text.numbers.number`) writes every number of the UI, the figures' tick labels
included: a decimal comma in Dutch, a point in English, set per figure (the server draws for tabs in both
languages at once, so nothing process-wide). The Compare page names runs by their titles in the page's
language and keeps the file names as keys (``data-scenario``, the downloads' ``scenario`` column).
"""

from __future__ import annotations

import locale
import re
import threading

import matplotlib
import pandas as pd
import pytest
import solara
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from wijksim.text import numbers
from wijksim.text.events import Event, rendered
from wijksim.ui import i18n

SMALL = {"width": 20, "height": 20, "burn_in": 5}
POINT = re.compile(r"\d\.\d")  # a decimal point between digits
COMMA = re.compile(r"\d,\d")  # a decimal comma between digits


# --- the one formatter ----------------------------------------------------------------------------
def test_one_number_formatter_for_the_whole_ui() -> None:
    from wijksim.text.messages import _num
    from wijksim.text.params import number_nl
    from wijksim.ui.components import value_text

    n = numbers.number
    assert (n(17.345, "nl"), n(17.345, "en"), n(2.5, "nl", 0), n(-0.25, "nl", 2)) == ("17,3", "17.3", "2", "−0,25")
    assert (n(2.55, "nl", 2, sign=True), n(-2.55, "en", 2, sign=True)) == ("+2,55", "−2.55")
    # a zero has no direction: ± with a sign, no sign without; -0.0 and a tiny negative rounded to 0 too
    assert (n(0.0, "nl", 2, sign=True), n(-0.001, "en", 2, sign=True), n(-0.0, "en", 1)) == ("±0,00", "±0.00", "0.0")
    # digits=None: as few as needed ({x:g}), for registry values, ranges and levels
    assert (n(0.0009, "nl", None), n(95.0, "nl", None), n(99.5, "nl", None), n(-2.0, "en", None)) == (
        "0,0009", "95", "99,5", "−2")
    # the other writers of numbers in Dutch are this one
    for x in (0.0009, -0.5, 10.0, 1e-6):
        assert number_nl(x) == _num(x) == value_text(x, "nl") == n(x, "nl", None)
        assert value_text(x, "en") == n(x, "en", None)
    assert numbers.tick_number("nl")(0.25, 2) == "0,25" and numbers.tick_number("en")(-0.25, 1) == "−0.2"


def test_levels_and_compare_cells_use_it() -> None:
    from wijksim.compare import BONUS_MALUS_OUTPUTS
    from wijksim.ui.compare_page import level_text, table_rows

    assert (level_text(0.95, "nl"), level_text(0.995, "nl"), level_text(0.995, "en")) == ("95 %", "99,5 %", "99.5 %")
    row = {"scenario": "b", "reference": "a", "window": "end", "week_from": 1, "week_to": 13, "level": 0.95, "pairs": 4}
    for out in BONUS_MALUS_OUTPUTS:
        row |= {f"bonus_malus_{out}": 0.0, f"bonus_malus_{out}_lo": -0.01, f"bonus_malus_{out}_hi": 0.012,
                f"margin_{out}": 0.01}
    cells = [t for t, _ in table_rows(pd.DataFrame([row]), "end", "nl")[0][1:]]
    assert cells[1].startswith("±0,00 %-punt [−1,00; +1,20]"), cells


# --- figures ------------------------------------------------------------------------------------------
def _draw(fig: Figure) -> None:
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()


def _ticks(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.findobj(Axes) for t in (*ax.get_xticklabels(), *ax.get_yticklabels())
            if t.get_text()]


def _texts(fig: Figure) -> list[str]:
    """Every text drawn: ticks, titles, axis labels, legends, annotations."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def assert_written_in(fig: Figure, lang: str, where: str) -> None:
    """The tick labels with decimals use the language's decimal sign (and there are some), no number drawn
    anywhere in the figure uses the other one, and negative ticks carry a true minus."""
    _draw(fig)
    ticks = _ticks(fig)
    good, bad = (COMMA, POINT) if lang == "nl" else (POINT, COMMA)
    fractional = [t for t in ticks if POINT.search(t) or COMMA.search(t)]
    assert len(fractional) >= 4, f"{where} ({lang}): too few ticks with decimals to tell: {ticks}"
    assert all(good.search(t) for t in fractional), f"{where} ({lang}): {fractional}"
    wrong = [t for t in _texts(fig) if bad.search(t) or re.search(r"-\d", t)]
    assert not wrong, f"{where} ({lang}) draws {wrong}"


@pytest.fixture(scope="module")
def run20() -> tuple[pd.DataFrame, list[Event]]:
    from wijksim.ui.explorer import new_session

    _, m = new_session(overrides=SMALL)
    m.run(30)
    return m.timeseries(), list(m.events_log)


@pytest.fixture(scope="module")
def compared() -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """The bonus/malus trio of shipped scenarios, 2 paired replicates of 60 weeks on a small wijk."""
    from wijksim.ui.compare_page import run_and_summarize, scenario_events
    from wijksim.ui.session import shipped_scenarios

    by = dict(shipped_scenarios())
    scs = [(k, by[k]) for k in ("no_wave", "wave_no_investment", "wave_community_investment")]
    runs, summary = run_and_summarize(scs, seed=2, weeks=60, replicates=2, overrides=SMALL)
    return runs, summary, scs, {x: sorted({e for _, sc in scs for e in scenario_events(sc, x)}) for x in i18n.LANGS}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_explorer_charts_live_and_downloaded_in_the_language(lang: str, run20) -> None:
    from wijksim.ui.components import charts_figure, live_charts

    ts, events = run20
    shown = rendered(events, lang)
    live = live_charts(156, lang)
    live.render(ts, shown)
    assert_written_in(live.fig, lang, "explorer charts")
    assert_written_in(charts_figure(ts, shown, "wijk — seed 1, week 30", lang), lang, "charts PNG")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_comparison_figure_in_the_language(lang: str, compared) -> None:
    """The Compare page's figure and the workshop's (both ComparisonFigure, one function), every window."""
    from wijksim.ui.compare_page import comparison_figure, scenario_titles

    runs, summary, scs, events = compared
    for window in dict.fromkeys(summary["window"]):
        fig = comparison_figure(runs, summary, events[lang], window, lang, scenario_titles(scs, lang))
        assert_written_in(fig, lang, f"comparison ({window})")
        # the windows' names (long ones too, over the run's last weeks) stay inside their panels
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            frame = ax.get_window_extent(renderer)
            for t in ax.texts:
                box = t.get_window_extent(renderer)
                assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, (lang, window, t.get_text(), box, frame)
        # one legend for the figure (above the panels, in the panels' subfigure when a caption is drawn under them)
        legends = [*fig.legends, *(g for sub in fig.subfigs for g in sub.legends)]
        assert len(legends) == 1 and all(ax.get_legend() is None for ax in fig.axes)
        legend = [t.get_text().replace("\n", " ") for t in legends[0].get_texts()]
        assert legend == [i18n.scenario_name(sc, lang) for _, sc in scs]
        # the titles (long ones wrapped) fit the figure's width: none is cut at the edge
        box = legends[0].get_window_extent(fig.canvas.get_renderer())
        assert 0 <= box.x0 and box.x1 <= fig.bbox.x1, (lang, box, fig.bbox)


def test_cli_figures_stay_english(compared) -> None:
    from wijksim.plots import comparison

    fig = comparison(compared[0])
    assert_written_in(fig, "en", "wijksim compare")


def test_languages_do_not_leak_between_tabs(run20) -> None:
    """Figures drawn at the same time in both languages (two tabs) each keep their own decimal sign, and
    nothing process-wide changes (rcParams, locale)."""
    from wijksim.ui.components import live_charts

    ts, _ = run20
    params, loc = dict(matplotlib.rcParams), locale.setlocale(locale.LC_NUMERIC)
    found: dict[str, list[list[str]]] = {"nl": [], "en": []}
    errors: list[BaseException] = []

    def tab(lang: str) -> None:
        try:
            for k in range(4):
                charts = live_charts(40 + k, lang)
                charts.render(ts, [])
                found[lang].append(_ticks(charts.fig))
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=tab, args=(lang,)) for lang in ("nl", "en", "nl", "en")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for lang, good, bad in (("nl", COMMA, POINT), ("en", POINT, COMMA)):
        assert len(found[lang]) == 8
        for ticks in found[lang]:
            assert any(good.search(t) for t in ticks) and not any(bad.search(t) for t in ticks), (lang, ticks)
    assert dict(matplotlib.rcParams) == params and locale.setlocale(locale.LC_NUMERIC) == loc


# --- names ---------------------------------------------------------------------------------------------
def test_compare_results_name_runs_by_title_and_keep_the_file_name(compared) -> None:
    from wijksim.ui.compare_page import BonusMalusTable, ComparePage, keep_result, table_rows, with_titles

    runs, summary, scs, _ = compared
    store: dict = {}
    keep_result(store, scs, runs, summary, 2, {"seed": 2})
    ref, wave, inv = (k for k, _ in scs)
    for lang in i18n.LANGS:
        titles = store["compare_names"][lang]
        assert titles == {k: i18n.scenario_name(sc, lang) for k, sc in scs}
        heads = [r[0][0] for r in table_rows(summary, "end", lang, titles)]
        assert heads[2] == f"{titles[inv]} {i18n.tr('vs', lang)} {titles[ref]}" and inv not in heads[2]
        _box, rc = solara.render(BonusMalusTable(summary, "end", lang, titles, stems=True), handle_error=False)
        html = rc.find(solara.widgets.HTML).widget.unsafe_innerHTML
        assert f"<tr data-scenario='{inv}' data-reference='{ref}'>" in html
        assert f"{inv} {i18n.tr('vs', lang)} {ref}</span>" in html  # the file names, small, as the lists show them
        # the page itself, from the session's store (as after switching tab or language)
        _box, rc = solara.render(ComparePage(lang, results=store), handle_error=False)
        page = rc.find(solara.widgets.HTML).widget.unsafe_innerHTML
        assert titles[inv] in page and f"data-scenario='{inv}'" in page
    assert "criminaliteitsgolf" in store["compare_names"]["nl"][wave]
    assert "crime wave" in store["compare_names"]["en"][wave]
    # downloads: the key for machines, the title in the download's language beside it
    nl = with_titles(summary, store["compare_names"]["nl"])
    assert list(nl.columns[:4]) == ["scenario", "scenario_title", "reference", "reference_title"]
    assert set(zip(nl["scenario"], nl["scenario_title"], strict=True)) == {
        (k, store["compare_names"]["nl"][k]) for k, _ in scs}
    en_runs = with_titles(runs, store["compare_names"]["en"])
    assert list(en_runs.columns[:2]) == ["scenario", "scenario_title"] and len(en_runs) == len(runs)
    assert en_runs.drop(columns="scenario_title").equals(runs)


def test_the_explorers_scenario_is_named_as_set_in_explore(compared) -> None:
    from wijksim.ui.compare_page import _with_overrides, scenario_titles
    from wijksim.ui.session import shipped_scenarios

    base = dict(shipped_scenarios())["no_wave"]
    sc = _with_overrides(base, {"crime_rate": 1.5}, f"{i18n.tr('from_explore', 'en')}: {base.name}",
                         f"{i18n.tr('from_explore', 'nl')}: {base.name_nl}")
    assert scenario_titles([("explore", sc)], "nl") == {"explore": f"Zoals in Verkennen ingesteld: {base.name_nl}"}
    assert scenario_titles([("explore", sc)], "en") == {"explore": f"As set in Explore: {base.name}"}
