"""Figures that show signal, not noise: minimum y-spans per kind of output, the comparison figure's one legend
and caption, the sweep figures' names, trend and rank correlation, no band promised that is not drawn, and
the posterior pair plot's diagonal labelled as what it shows (fast: synthetic tables, no model runs)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from wijksim import plots
from wijksim.outputs import MIN_SPAN, OUTPUTS, output

RNG_SEED = 20261207
SHOWN = [o for o in OUTPUTS if o.kind != "week"]


def _noisy(level: float, width: float, n: int = 156, seed: int = RNG_SEED) -> np.ndarray:
    """A flat series at ``level`` with noise of total range ``width`` (what autoscaling blows up)."""
    rng = np.random.default_rng(seed)
    return level + (rng.random(n) - 0.5) * width


def _width(lim: tuple[float, float]) -> float:
    return lim[1] - lim[0]


# --- the minimum span per kind ---------------------------------------------------------------------------
@pytest.mark.parametrize("out", SHOWN, ids=[o.name for o in SHOWN])
def test_a_flat_noisy_series_gets_at_least_its_outputs_minimum_span(out) -> None:
    level = (out.low or 0.0) + 0.3 * ((out.high if out.high is not None else 10.0) - (out.low or 0.0))
    data = _noisy(level, out.min_span / 20)
    lo, hi = plots.y_limits([out.name], [data])
    assert hi - lo >= out.min_span - 1e-12
    assert lo <= data.min() and hi >= data.max()  # the data stay inside
    if out.low is not None:
        assert lo >= out.low  # never below what the output can be
    if out.high is not None:
        assert hi <= out.high
    if out.from_zero:
        assert lo == 0.0


def test_the_spans_the_issue_names() -> None:
    """Shares 10 points, trust 0.1, cohesion 1 point on its 0-10 scale, counts from zero."""
    assert MIN_SPAN["share"] == pytest.approx(0.10) and output("share_unsafe").min_span == pytest.approx(0.10)
    assert output("trust_police").min_span == pytest.approx(0.1)
    assert output("cohesion").min_span == pytest.approx(1.0)
    trust = plots.y_limits(["trust_police"], [np.linspace(0.485, 0.49, 50)])  # looked like a collapse
    assert _width(trust) == pytest.approx(0.1) and trust[0] < 0.485 and trust[1] > 0.49
    assert sum(trust) / 2 == pytest.approx(0.4875)  # centred on the data
    cohesion = plots.y_limits(["cohesion"], [np.linspace(6.2, 6.4, 50)])
    assert _width(cohesion) == pytest.approx(1.0) and sum(cohesion) / 2 == pytest.approx(6.3)
    assert plots.y_limits(["incidents"], [np.linspace(12, 14, 50)])[0] == 0.0


def test_a_widened_axis_is_shifted_off_a_bound_not_cut() -> None:
    lo, hi = plots.y_limits(["share_active"], [_noisy(0.01, 0.01)])
    assert lo == 0.0 and hi == pytest.approx(0.10)
    lo, hi = plots.y_limits(["trust_police"], [_noisy(0.99, 0.01)])
    assert hi == 1.0 and lo == pytest.approx(0.9)


def test_a_real_change_keeps_its_own_range() -> None:
    """The minimum span is a floor: a share that moves from 10 % to 60 % is drawn on about that range."""
    lo, hi = plots.y_limits(["share_withdrawn"], [np.linspace(0.1, 0.6, 20)])
    assert 0.05 < lo < 0.1 and 0.6 < hi < 0.65


def _flat_run(weeks: int = 156) -> pd.DataFrame:
    ts = pd.DataFrame({"week": np.arange(1, weeks + 1)})
    for i, o in enumerate(SHOWN):
        level = 6.3 if o.name == "cohesion" else (12.0 if o.kind == "count" else 0.4)
        ts[o.name] = _noisy(level, o.min_span / 25, weeks, RNG_SEED + i)
    return ts


def test_overview_panels_of_a_flat_noisy_run_span_at_least_the_minimum() -> None:
    fig = plots.overview(_flat_run())
    for ax, panel in zip(fig.axes, plots.PANELS, strict=True):
        need = max(output(c).min_span for c in panel.columns) * panel.scale
        assert _width(ax.get_ylim()) >= need - 1e-9, panel.key
    by_key = dict(zip((p.key for p in plots.PANELS), fig.axes, strict=True))
    assert _width(by_key["panel_trust"].get_ylim()) == pytest.approx(0.1)
    assert _width(by_key["panel_cohesion"].get_ylim()) == pytest.approx(1.0)
    assert by_key["panel_incidents"].get_ylim()[0] == 0.0
    states = by_key["panel_states"]  # shares in %: 40 % is drawn at 40, and the axis says %
    assert 30 < states.get_lines()[0].get_ydata().mean() < 50 and "%" in states.get_ylabel()
    assert _width(states.get_ylim()) >= 10 - 1e-9
    unsafe = by_key["panel_unsafe"]  # the share feeling unsafe in % too, mean fear beside it ×100 (the label says)
    shown = unsafe.get_lines()[0].get_ydata().mean()
    assert shown == pytest.approx(100 * _flat_run()["share_unsafe"].mean(), rel=0.02)
    assert "%" in unsafe.get_ylabel() and "100" in unsafe.get_ylabel()


def test_live_chart_draws_shares_in_percent_too() -> None:
    live = plots.LiveOverview(weeks=20)
    frame = live.render(_flat_run(20), [])
    assert frame.ndim == 3
    states = live.axes[[p.key for p in plots.PANELS].index("panel_states")]
    assert states.get_ylim() == (0.0, 100.0)


# --- the comparison figure -------------------------------------------------------------------------------
def _runs(replicates: int, posterior: bool = False, weeks: int = 60) -> pd.DataFrame:
    rows = []
    for s, sc in enumerate(("base", "investment")):
        for k in range(replicates):
            rng = np.random.default_rng([RNG_SEED, s, k])
            part = pd.DataFrame({"scenario": sc, "replicate": k, "seed": k + 1, "week": np.arange(1, weeks + 1)})
            for col, _ in plots.COMPARE_PANELS:
                o = output(col)
                level = 6.3 if col == "cohesion" else (12.0 if o.kind == "count" else 0.2 + 0.05 * s)
                part[col] = level + (rng.random(weeks) - 0.5) * o.min_span / 10
            rows.append(part)
    runs = pd.concat(rows, ignore_index=True)
    if posterior:
        runs["posterior_report_base"] = runs["replicate"] * 0.01
    return runs


def _legends(fig: Figure) -> int:
    figs = [fig, *fig.subfigs, *(g for s in fig.subfigs for g in s.subfigs)]
    return sum(len(f.legends) for f in figs) + sum(ax.get_legend() is not None for ax in fig.axes)


def _texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for f in [fig, *fig.subfigs] for t in f.texts)


def test_comparison_has_one_legend_a_caption_and_shares_in_percent() -> None:
    fig = plots.comparison(_runs(6), title="t", level=0.95, verdicts=["a verdict line"])
    assert _legends(fig) == 1
    caption = _texts(fig)
    assert "6 paired replicates" in caption and "95 % paired t-intervals" in caption
    assert "middle 90 %" in caption and "Chance only" in caption
    axes = {ax.get_title(): ax for ax in fig.axes if ax.get_visible()}
    unsafe = axes["Share feeling unsafe (%)"]
    assert 15 < unsafe.get_lines()[0].get_ydata().mean() < 25
    assert _width(unsafe.get_ylim()) >= 10 - 1e-9  # 10 points, not the noise's 0.1
    assert _width(axes["Social cohesion (0–10)"].get_ylim()) >= 1 - 1e-9
    assert axes["Incidents per week"].get_ylim()[0] == 0.0


def test_comparison_caption_says_when_bands_carry_parameter_uncertainty() -> None:
    text = _texts(plots.comparison(_runs(3, posterior=True)))
    assert "parameter uncertainty" in text and "Chance only" not in text
    nl = plots.band_caption(_runs(3, posterior=True), level=0.9, lang="nl")
    assert "3 gepaarde herhalingen" in nl and "90 %-intervallen" in nl and "posterior" in nl


def test_comparison_with_one_replicate_draws_no_band_and_says_so() -> None:
    fig = plots.comparison(_runs(1))
    assert _bands(fig) == 0 and "no band" in _texts(fig)
    assert _bands(plots.comparison(_runs(2))) == 2 * len(plots.COMPARE_PANELS)  # two scenarios a panel


# --- the sweep figures -----------------------------------------------------------------------------------
def _summary(n: int) -> pd.DataFrame:
    rows = []
    for fb in (False, True):
        for x in (0.5, 1.0, 2.0):
            m = 0.2 * x + 0.05 * fb
            rows.append({"point": len(rows), "crime_rate": x, "police_feedback": fb, "share_unsafe_mean": m,
                         "share_unsafe_sd": 0.01, "share_unsafe_ci_low": m - 0.01, "share_unsafe_ci_high": m + 0.01,
                         "n": n})
    return pd.DataFrame(rows)


def _bands(fig: Figure) -> int:
    return sum(isinstance(c, PolyCollection) for ax in fig.axes for c in ax.collections)


def test_lines_draws_a_band_only_with_two_replicates_and_readable_names() -> None:
    names = {"crime_rate": "crime rate (×)", "police_feedback": "police feedback",
             "share_unsafe": "share feeling unsafe (%)"}
    one = plots.sweep_lines(_summary(1), ["share_unsafe"], "crime_rate", "police_feedback", names, "tiny")
    assert _bands(one) == 0 and "no band" in one.get_suptitle()
    two = plots.sweep_lines(_summary(2), ["share_unsafe"], "crime_rate", "police_feedback", names, "tiny")
    assert _bands(two) == 2 and "95 % confidence band" in two.get_suptitle()
    ax = two.axes[0]
    assert ax.get_xlabel() == "crime rate (×)" and ax.get_title() == "share feeling unsafe (%)"
    assert [t.get_text() for t in two.legends[0].get_texts()] == ["police feedback = False",
                                                                   "police feedback = True"]
    assert "police_feedback" not in " ".join(t.get_text() for t in two.legends[0].get_texts())


def test_scatter_panels_carry_the_rank_correlation_and_a_trend() -> None:
    rng = np.random.default_rng(RNG_SEED)
    runs = pd.DataFrame({"crime_rate": rng.uniform(0.5, 3, 80), "police_feedback": rng.random(80) < 0.5})
    runs["incidents"] = 4 * runs["crime_rate"] + rng.normal(0, 0.5, 80)
    runs["trust_police"] = 0.5 + rng.normal(0, 0.002, 80)
    rho = {("crime_rate", "incidents"): (0.97, 1e-20), ("crime_rate", "trust_police"): (0.02, 0.8),
           ("police_feedback", "incidents"): (-0.01, 0.9), ("police_feedback", "trust_police"): (0.05, 0.6)}
    fig = plots.sweep_scatter(runs, ["crime_rate", "police_feedback"], ["incidents", "trust_police"],
                              {"crime_rate": "crime rate (×)", "incidents": "incidents per week"}, rho, "tiny")
    assert fig.get_suptitle().startswith("tiny") and "Spearman" in fig.get_suptitle()
    for ax in fig.axes:
        assert any(t.get_text().startswith("ρ = ") for t in ax.texts)
        assert len(ax.get_lines()) == 1 and len(ax.get_lines()[0].get_xdata()) >= 2  # the trend
    first = fig.axes[0]
    assert [t.get_text() for t in first.texts] == ["ρ = +0.97"]
    assert fig.axes[2].get_xlabel() == "crime rate (×)" and first.get_ylabel() == "incidents per week"
    assert _width(fig.axes[1].get_ylim()) >= 0.1 - 1e-9  # trust's noise is not a trend


def test_readable_names_of_a_sweeps_factors_and_outputs() -> None:
    from wijksim.sweep.design import experiment_from_dict
    from wijksim.sweep.names import readable_names

    exp = experiment_from_dict({
        "name": "n", "weeks": 6, "replicates": 1, "seed": 1, "outputs": ["share_unsafe", "incidents"],
        "params": {"width": 16, "height": 16, "burn_in": 2},
        "interventions": [{"type": "community_activities", "start": 2, "per_week": 0.0}],
        "design": {"kind": "grid", "factors": {"crime_rate": {"values": [1.0, 2.0]},
                                               "interventions.0.per_week": {"values": [0.0, 0.5]}}}})
    names = readable_names(exp)
    assert names["crime_rate"] == "crime rate (×)"
    assert names["interventions.0.per_week"] == "community activities: per week"
    assert names["share_unsafe"] == "share feeling unsafe (%)" and names["incidents"] == "incidents per week"


# --- the posterior pair plot -----------------------------------------------------------------------------
def test_posterior_pairs_diagonal_is_labelled_as_weight() -> None:
    rng = np.random.default_rng(RNG_SEED)
    post = pd.DataFrame({"a": rng.uniform(0, 1, 50), "b": rng.uniform(0, 2, 50), "weight": np.full(50, 0.02)})
    fig = plots.posterior_pairs(post, {"a": (0.0, 1.0), "b": (0.0, 2.0)})
    axes = np.reshape(fig.axes, (2, 2))
    assert axes[0, 0].get_ylabel() == "posterior weight per bin" and axes[0, 0].get_title() == "a"
    assert axes[1, 0].get_ylabel() == "b" and axes[1, 1].get_title() == "b" and axes[1, 1].get_xlabel() == "b"
