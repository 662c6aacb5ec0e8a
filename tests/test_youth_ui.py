"""The youth outputs in the browser UI without a browser (issue 28): the explorer draws the youth charts only
for a youth run, in Dutch and English from the registry of outputs; Compare judges the youth outputs only
when every run has them; every shipped youth scenario is offered by the scenario picker."""

from __future__ import annotations

import ipywidgets
import numpy as np
import pandas as pd
import pytest
import solara

from wijksim.outputs import output
from wijksim.plots import YOUTH_PANELS, LiveOverview
from wijksim.text.events import rendered
from wijksim.ui import i18n
from wijksim.ui.explorer import Explorer, new_session
from wijksim.ui.session import shipped_scenarios
from wijksim.ui.youth_views import has_youth, youth_labels, youth_rows, youth_table_html

SMALL = {"width": 16, "height": 16, "burn_in": 3}


def _youth_scenario(stem: str = "youth_reference"):
    return dict(shipped_scenarios())[stem]


def _explorer_images(lang: str, scenario=None) -> set[str]:
    cfg, model = new_session(scenario=scenario, overrides=SMALL)
    model.run(3)

    @solara.component
    def Host() -> None:
        Explorer(solara.use_reactive(model), cfg, lang)

    _box, rc = solara.render(solara.AppLayout(children=[Host()]), handle_error=False)
    return {c for w in rc.find(ipywidgets.Image).widgets for c in w._dom_classes if c.startswith("wijk-")}


def test_the_scenario_picker_offers_every_shipped_youth_scenario():
    stems = [k for k, _ in shipped_scenarios() if k.startswith("youth_")]
    assert len(stems) >= 9
    assert all(sc.params.get("youth_enabled") is True for k, sc in shipped_scenarios() if k in stems)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_explorer_shows_youth_charts_for_a_youth_run(lang: str):
    assert {"wijk-charts", "wijk-youth-charts"} <= _explorer_images(lang, _youth_scenario())


def test_the_explorer_shows_no_youth_charts_without_youths():
    assert "wijk-youth-charts" not in _explorer_images("nl")


def test_youth_chart_titles_and_lines_are_translated_from_the_registry():
    for lang in ("nl", "en"):
        labels = i18n.panel_labels(lang)
        for p in YOUTH_PANELS:
            assert labels[p.key] == i18n.tr(p.key, lang) and labels[f"{p.key}.y"]
            for s in p.series:
                assert labels[s.column] == output(s.column).short(lang)
    assert i18n.panel_labels("nl")["panel_youth_involvement"] != i18n.panel_labels("en")["panel_youth_involvement"]


def test_youth_live_charts_draw_every_youth_series():
    _cfg, m = new_session(scenario=_youth_scenario(), overrides=SMALL)
    m.run(4)
    live = LiveOverview(i18n.panel_labels("nl"), weeks=10, panels=YOUTH_PANELS, height=2.6)
    rgb = live.render(m.timeseries(), rendered(m.events_log, "nl"))
    assert rgb.ndim == 3 and rgb.std() > 0
    assert [col for _, col, _ in live.lines] == [s.column for p in YOUTH_PANELS for s in p.series]
    assert [ax.get_title() for ax in live.axes] == [i18n.tr(p.key, "nl") for p in YOUTH_PANELS]


def _runs(youth: dict[str, bool]) -> pd.DataFrame:
    """Two scenarios' runs (3 replicates, 10 weeks) with or without the youth columns, a known difference."""
    from wijksim.metrics import YOUTH_COLUMNS

    rows = []
    for sc, on in youth.items():
        for rep in range(3):
            for week in range(1, 11):
                row = {"scenario": sc, "replicate": rep, "week": week, "incidents": 10.0, "share_unsafe": 0.2,
                       "share_withdrawn": 0.1}
                if on:
                    row.update({c: 0.1 for c in YOUTH_COLUMNS})
                    row["youth_involved_share"] = 0.05 + (0.05 + 0.001 * rep if sc == "b" else 0.0)
                rows.append(row)
    return pd.DataFrame(rows)


def _summary() -> pd.DataFrame:
    return pd.DataFrame([{"scenario": s, "reference": "a", "window": "end", "week_from": 1, "week_to": 10,
                          "level": 0.95} for s in ("a", "b")])


def test_compare_offers_youth_outcomes_only_when_every_run_has_them():
    both, one = _runs({"a": True, "b": True}), _runs({"a": False, "b": True})
    assert has_youth(both) and not has_youth(one) and not has_youth(_runs({"a": False, "b": False}))
    assert [c for c, _ in youth_labels(both, "en")] == ["youth_involved_share", "youth_signal_reporting"]
    assert youth_labels(one, "en") == [] and youth_labels(None, "en") == []
    assert youth_table_html(one, _summary(), "end", "en") == ""
    rows = {r["output"]: r for r in youth_rows(both, _summary(), "end")}
    inv = rows["youth_involved_share"]
    assert inv["mean"] == pytest.approx(0.051) and inv["verdict"] == "malus"  # 5 points more involved: worse
    assert rows["youth_edge_share"]["verdict"] == "negligible"  # the same in every replicate
    nl, en = youth_table_html(both, _summary(), "end", "nl"), youth_table_html(both, _summary(), "end", "en")
    assert output("youth_involved_share").label("nl") in nl and output("youth_involved_share").label("en") in en
    assert "+5,10" in nl and "+5.10" in en and np.isfinite(inv["lo"])


def test_every_shipped_youth_scenario_runs_in_a_ui_session():
    """What the picker offers must run: each youth scenario as the explorer builds it (small wijk, two weeks),
    its youth columns present and in range."""
    for stem, sc in shipped_scenarios():
        if not stem.startswith("youth_"):
            continue
        _cfg, m = new_session(scenario=sc, overrides={**SMALL, "burn_in": 1})
        ts = m.run(2).timeseries()
        assert ts["youth_involved_share"].between(0, 1).all() and len(ts) == 2, stem
