"""Tipping as a probability (issue 26): the Wilson interval against published values, bisection against known
thresholds, the per-seed tipping rule, ``edge.json``'s fields from a small real run, and the tables of
docs/tipping.md rendered from their saved numbers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from scripts_loader import load_script
from wijksim import edge
from wijksim.cli import _register_optional_commands, app
from wijksim.scenarios import load_scenario
from wijksim.tipping import bisect_crossing, crossings, grid_bracket, seed_states, tip_summary, wilson

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "scenarios" / "reference.toml"
DATA = ROOT / "docs" / "data" / "tipping.json"
STALE = "the tipping tables are stale: run `nice -n 10 .venv/bin/python scripts/make_tipping.py --workers 2`"
#: a tiny wijk, two seeds, two multiples (its numbers mean nothing; bisection itself is tested on known functions)
TINY = ["--set", "width=12", "--set", "height=12", "--set", "burn_in=10", "--seeds", "2", "--multiples", "1,2",
        "--no-ramp", "--workers", "1"]

_register_optional_commands()
runner = CliRunner()


# --- the Wilson interval ------------------------------------------------------------------------------
@pytest.mark.parametrize("k, n, lo, hi", [
    (81, 263, 0.2553, 0.3662),  # Newcombe (1998), Statistics in Medicine 17:857, table II, method 3
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_published_values(k: int, n: int, lo: float, hi: float) -> None:
    p, a, b = wilson(k, n)
    assert p == pytest.approx(k / n)
    assert a == pytest.approx(lo, abs=5e-5) and b == pytest.approx(hi, abs=5e-5)


def test_wilson_interval_edges_and_bad_counts() -> None:
    assert wilson(10, 10)[1:] == (pytest.approx(0.7225, abs=5e-5), 1.0)  # mirror of 0 of 10: [0, 0.2775]
    assert wilson(0, 10)[1:] == (0.0, pytest.approx(0.2775, abs=5e-5))
    assert all(np.isnan(wilson(0, 0)))
    with pytest.raises(ValueError):
        wilson(3, 2)


# --- which seeds tip ----------------------------------------------------------------------------------
def test_a_seed_tips_only_when_its_crisis_ends_past_the_threshold_and_its_calm_run_does_not() -> None:
    calm = pd.Series([0.10, 0.12, 0.35, 0.20], index=[0, 1, 2, 3])
    crisis = pd.Series([0.31, 0.29, 0.50, 0.30], index=[0, 1, 2, 3])
    st = seed_states(calm, crisis, 0.30)
    assert st["tips"].tolist() == [True, False, False, True]  # seed 2 was past already; 0.30 counts as past
    assert st["past"].tolist() == [False, False, True, False]
    s = tip_summary(st)
    assert (s["seeds"], s["tipped"], s["past"], s["p_tip"]) == (4, 2, 1, 0.5)
    assert s["p_tip_lo"] < 0.5 < s["p_tip_hi"]


def test_recovers_needs_the_whole_interval_under_5_percent_and_no_seed_tipped() -> None:
    assert edge.verdict(0.03, -0.01, calm=0.12, threshold=0.3, hi=0.049, tipped=0) == "recovers"
    assert edge.verdict(0.03, -0.01, calm=0.12, threshold=0.3, hi=0.053, tipped=0) == edge.MAY_NOT_RECOVER
    assert edge.verdict(0.03, -0.01, calm=0.12, threshold=0.3, hi=0.04, tipped=1) == edge.MAY_NOT_RECOVER
    assert edge.verdict(0.25, 0.05, calm=0.12, threshold=0.3, hi=0.45, tipped=3) == "tipped"
    assert edge.verdict(0.08, 0.01, calm=0.12, threshold=0.3, hi=0.15, tipped=1) == "scarred"


# --- bisection ----------------------------------------------------------------------------------------
def test_bisection_finds_a_known_threshold_of_a_smooth_monotone_function() -> None:
    def f(m: float) -> float:  # crosses 0.5 at 2.37 and 0.1 at 2.37 - ln 9 / 12
        return float(1 / (1 + np.exp(-12 * (m - 2.37))))

    c = bisect_crossing(f, 1.0, 4.0, 0.5, 0.01)
    assert c.hi - c.lo <= 0.01 and c.lo <= 2.37 <= c.hi and c.p_lo < 0.5 <= c.p_hi
    c10 = bisect_crossing(f, 1.0, 4.0, 0.1, 0.01)
    assert c10.lo <= 2.37 - np.log(9) / 12 <= c10.hi
    assert len(c.steps) == int(np.ceil(np.log2(3.0 / 0.01)))  # one evaluation per halving, none wasted


def test_bisection_finds_the_crossing_of_a_step_function_like_seeds_that_tip() -> None:
    """Twenty seeds with their own tipping multiples: the share that tips reaches 50 % at the tenth smallest."""
    own = np.sort(np.random.default_rng(7).uniform(1.2, 3.5, 20))
    def f(m: float) -> float:
        return float((own <= m).mean())

    grid = np.array([1.0, 1.5, 2.0, 3.0, 4.0])
    shares = np.array([f(m) for m in grid])
    calls: list[float] = []
    out = crossings(grid, shares, lambda m: calls.append(m) or f(m), targets=(0.1, 0.5), tolerance=0.02)
    assert [c.target for c in out] == [0.1, 0.5]
    for c, k in zip(out, (2, 10), strict=True):
        assert c.lo < own[k - 1] <= c.hi and c.hi - c.lo <= 0.02, (c, own[k - 1])
    assert len(calls) == len(set(calls))  # evaluations are not repeated


def test_no_bracket_when_the_grid_does_not_straddle_the_target() -> None:
    m = np.array([1.0, 2.0, 3.0])
    assert grid_bracket(m, np.array([0.0, 0.2, 0.6]), 0.5) == (1, 2)
    assert "no multiple up to x3" in grid_bracket(m, np.array([0.0, 0.0, 0.2]), 0.5)
    assert "smallest multiple" in grid_bracket(m, np.array([0.6, 0.8, 1.0]), 0.5)
    with pytest.raises(ValueError, match="do not bracket"):
        bisect_crossing(lambda x: 0.0, 1.0, 2.0, 0.5, 0.1)


# --- a small real run ---------------------------------------------------------------------------------
def test_edge_json_reports_p_tip_with_intervals_and_bisected_crossings() -> None:
    """What ``--out`` writes as edge.json (``--json`` prints the same dict; test_edge checks the files and text)."""
    r = runner.invoke(app, ["edge", str(REFERENCE), *TINY, "--tolerance", "1", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    for h in data["histories"]:
        assert {"p_tip", "p_tip_lo", "p_tip_hi", "tipped", "past"} <= set(h)
        assert h["p_tip"] == pytest.approx(h["tipped"] / h["pairs"], abs=1e-6)
        assert h["p_tip_lo"] <= h["p_tip"] <= h["p_tip_hi"]
    tip = data["tipping"]
    assert tip["threshold"] == 0.3 and tip["tolerance"] == 1  # a grid bracket of width 1 needs no further step
    assert [c["target"] for c in tip["crossings"]] == [0.1, 0.5]
    for c in tip["crossings"]:
        if c["multiple"] is not None:
            assert c["hi"] - c["lo"] <= 1 + 1e-9 and c["p_lo"] < c["target"] <= c["p_hi"]
        else:
            assert c["note"]


def test_a_bisection_point_on_the_grid_measures_what_the_grid_measured() -> None:
    """``p_tip_at`` (the bisection's fresh paired runs) at a grid multiple gives the grid's own share: the same
    seeds, the same runs."""
    sc = load_scenario(REFERENCE)
    sc = sc.model_copy(update={"params": {**sc.params, "width": 12, "height": 12, "burn_in": 10,
                                          "withdrawal_norm_threshold": 0.2}})
    s = edge.EdgeSettings(multiples=(2.0,), seeds=2, ramp=False, bisect=False)
    grid = edge.measure(sc, s, workers=1).histories.iloc[0]
    assert edge.p_tip_at(sc, 2.0, s, workers=1) == pytest.approx(grid["p_tip"])


def test_edge_refuses_a_bad_tolerance_with_one_line() -> None:
    r = runner.invoke(app, ["edge", str(REFERENCE), *TINY, "--tolerance", "0"])
    assert r.exit_code == 2 and "--tolerance 0 is invalid" in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_the_norm_threshold_is_the_yardstick_even_with_the_norm_off() -> None:
    assert edge.tip_threshold({}) == 0.3 and edge.tip_threshold({"b_norm_withdrawn": 0.0}) == 0.3
    assert edge.tip_threshold({"withdrawal_norm_threshold": 0.4}) == 0.4


# --- the tables of docs/tipping.md --------------------------------------------------------------------
def _script():
    return load_script("make_tipping")


def test_the_tipping_tables_are_rendered_from_the_saved_numbers() -> None:
    mt = _script()
    data = json.loads(DATA.read_text())
    text = (ROOT / "docs" / "tipping.md").read_text()
    for key, rx in mt.MARKERS.items():
        body = rx.search(text)
        assert body, f"docs/tipping.md has lost its tipping:{key} markers"
        want = mt.RENDER[key](data) if key == "sizes" or key in data else "(not measured yet: run the script)\n"
        assert body.group("body") == want, (key, STALE)


def test_the_saved_tipping_settings_are_what_the_code_would_run() -> None:
    mt = _script()
    data = json.loads(DATA.read_text())
    assert data["settings"] == mt.settings(), STALE
    assert len(data["configs"]) >= 6, "the sizes and both maps must be measured"


@pytest.mark.slow
def test_a_rerun_of_the_smallest_wijk_gives_the_saved_row() -> None:
    """The 30 × 30 row of the sizes table, re-run with its recorded seeds, grid and tolerance, gives the saved
    numbers and crossings exactly (about a minute on 2 cores)."""
    mt = _script()
    saved = json.loads(DATA.read_text())["configs"][0]
    label, file, ov = mt.CONFIGS[0]
    got = mt.measure_config(label, file, ov, workers=2)
    assert got["histories"] == saved["histories"] and got["crossings"] == saved["crossings"], STALE
