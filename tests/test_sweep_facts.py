"""Stylized facts 5 and 8 (docs/ODD.md §1, numbered in docs/sources.md §3), shown by the shipped
experiments run at a small size.

Each test runs the experiment file from ``experiments/`` through the real sweep machinery with the
documented pilot overrides (smaller grid, fewer weeks or replicates), computes a statistic over the
runs and asserts it. Nothing here knows what the model "should" say beyond the test: each can fail.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijksim.sweep import storage
from wijksim.sweep.design import load_experiment
from wijksim.sweep.execute import run_sweep
from wijksim.sweep.stats import partial_spearman, slope_change

EXPERIMENTS = Path(__file__).resolve().parents[1] / "experiments"
SMALL = {"width": 20, "height": 20}

pytestmark = pytest.mark.slow


def _run(name: str, tmp_path: Path, **overrides) -> tuple[object, pd.DataFrame]:
    sets = {**SMALL, **overrides.pop("sets", {})}
    exp = load_experiment(EXPERIMENTS / name, sets=sets, **overrides)
    res = run_sweep(exp, tmp_path / "out", workers=2)
    assert res.status == "complete", res.failed
    return exp, storage.read_results(tmp_path / "out")


LAYOUT = ["share_courtyard", "share_corporation", "share_green", "initial_bushes"]


def _efficacy(tmp_path: Path, **params: float) -> tuple[float, float, float, float]:
    """Partial Spearman correlation of collective efficacy and incidents across the experiment's wijken,
    given their layout traits, at a fixed crime rate, and the wijken's mean incidents a week; the full
    40 × 40 wijk, because a small one has too few incidents a week to see a 10-20 % difference among them."""
    _, df = _run("collective_efficacy.toml", tmp_path, sets={"width": 40, "height": 40, **params})
    rho, lo, hi = partial_spearman(df["collective_efficacy"], df["incidents"], df[LAYOUT].to_numpy())
    print(f"fact 5 {params or ''}: partial rho(collective efficacy, incidents | layout) = {rho:.3f} "
          f"[{lo:.3f}, {hi:.3f}], n = {len(df)}, incidents {df['incidents'].mean():.2f} a week")
    return rho, lo, hi, float(df["incidents"].mean())


def test_fact5_collective_efficacy_goes_with_fewer_incidents_at_fixed_crime(tmp_path: Path) -> None:
    """Across wijken that differ in social fabric and layout but not in crime pressure, more collective
    efficacy goes with fewer incidents beyond what the layout explains (a partial correlation with its
    interval). Ablation: without residents' guardianship (kappa_residents = 0) the association is gone —
    collective efficacy protects through the eyes of active residents. The ablated wijk runs at the crime
    rate that gives it the full model's incidents (0.55: 14.6 against 14.2 a week; at the default it has
    2.3 times as many and half its households withdrawn, another regime, where most buurten are past the
    withdrawal norm's threshold and incidents drive collective efficacy down instead: rho -0.24)."""
    rho, lo, hi, incidents = _efficacy(tmp_path / "full")
    assert rho <= -0.1 and hi < 0, (rho, lo, hi)
    off, off_lo, off_hi, off_incidents = _efficacy(tmp_path / "ablated", kappa_residents=0.0, crime_rate=0.55)
    assert abs(off_incidents / incidents - 1) < 0.10, (off_incidents, incidents)  # the comparison is fair
    assert off_hi > 0 and off > rho, (off, off_lo, off_hi)


@pytest.fixture(scope="module")
def spiral(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    _, df = _run("spiral_of_decline.toml", tmp_path_factory.mktemp("spiral"), weeks=52, replicates=3)
    return df[df["interventions.0.per_week"] == 0.0]


def _steepening(none: pd.DataFrame, output: str) -> dict:
    r = slope_change(none["crime_rate"].to_numpy(), none[output].to_numpy())
    print(f"fact 8 ({output}): split at crime_rate {r['split_at']:g}, slope below {r['slope_below']:.4g}, "
          f"above {r['slope_above']:.4g}, z = {r['z']:.2f}, p = {r['p_value']:.2g}")
    return r


def test_fact8_spiral_incidents_steepen_past_some_crime_rate(spiral: pd.DataFrame) -> None:
    """Without investment, incidents rise faster than linearly past some crime rate: withdrawal, lost
    guardianship and the near-repeat field feed each other (the spiral), before offenders run out."""
    assert _steepening(spiral, "incidents")["p_value"] < 0.05


def test_fact8_spiral_withdrawal_steepens_past_some_crime_rate(spiral: pd.DataFrame) -> None:
    """Without investment, withdrawal rises faster than linearly past some crime rate. (An open problem until
    issues 25-26: then withdrawal rose about linearly to crime_rate 2, jumped where the norm tips and levelled
    off, and the fit read no steepening, z 0.5. It passes on the model after those issues; why the fit now reads
    a steepening was not analysed.)"""
    assert _steepening(spiral, "share_withdrawn")["p_value"] < 0.05


def test_fact8_ramp_down_leaves_the_wijk_worse_than_ramp_up(tmp_path: Path) -> None:
    """At equal crime multiplier, withdrawal on the way down exceeds withdrawal on the way up."""
    _, df = _run("spiral_hysteresis.toml", tmp_path, replicates=4)
    none = df[df["interventions.0.per_week"] == 0.0].sort_values(["run_id", "week"])
    diffs = []
    for _, run in none.groupby("run_id"):
        m = run["crime_multiplier"].to_numpy()
        w = run["share_withdrawn"].to_numpy()
        peak = int(np.argmax(m))
        for level in (2.0, 3.0, 4.0):
            up = np.flatnonzero(np.isclose(m[:peak], level))
            down = peak + np.flatnonzero(np.isclose(m[peak:], level))
            if len(up) >= 4 and len(down) >= 4:
                diffs.append(w[down[-4:]].mean() - w[up[-4:]].mean())  # last 4 weeks of each step
    diffs_arr = np.array(diffs)
    from scipy.stats import ttest_1samp

    t = ttest_1samp(diffs_arr, 0.0, alternative="greater")
    print(
        f"fact 8 (hysteresis): withdrawal down − up at equal rate: mean {diffs_arr.mean():+.4f} "
        f"over {len(diffs_arr)} pairs, t = {t.statistic:.2f}, p = {t.pvalue:.2g}"
    )
    assert len(diffs_arr) >= 8 and t.pvalue < 0.05
