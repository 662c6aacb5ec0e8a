"""The held-out patterns of docs/corroboration.md (the single wijk): the page is what the saved numbers render
to, the saved settings and verdicts are what the code would produce now, the verdict rules can fail, the
measures observe a run without changing it, and (slow) recorded seeds re-run to the saved sums."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from scripts_loader import load_script
from wijksim.corroboration import knox, observe_run, pooled_ratio, record_crimes
from wijksim.model import WijkModel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "docs" / "data" / "corroboration.json"
STALE = "the corroboration results are stale: run `.venv/bin/python scripts/make_corroboration.py`"
SMALL = {"width": 16, "height": 16, "burn_in": 2}


def _script() -> Any:
    return load_script("make_corroboration")


def _data() -> dict[str, Any]:
    return json.loads(DATA.read_text())


def test_the_page_is_rendered_from_the_saved_numbers() -> None:
    mc = _script()
    body = mc.MARKER.search((ROOT / "docs" / "corroboration.md").read_text())
    assert body, "docs/corroboration.md has lost its results markers"
    assert body.group("body") == mc.render(_data()), STALE


def test_the_saved_settings_and_verdicts_are_what_the_code_gives() -> None:
    mc = _script()
    data = _data()
    assert data["settings"] == json.loads(json.dumps(mc.settings())), STALE
    assert [r["seed"] for r in data["runs"]] == list(mc.SEEDS), STALE
    assert json.loads(json.dumps(mc.evaluate(data["runs"]))) == data["results"], STALE


def _run(**sums: Any) -> dict[str, Any]:
    """A run's sums with everything neutral unless given: no difference between groups, Knox at chance."""
    base: dict[str, Any] = {
        "victims": 50, "victims_unsafe": 10, "nonvictims": 900, "nonvictims_unsafe": 180, "once": 40,
        "once_unsafe": 8, "repeat": 10, "repeat_unsafe": 2, "victims_trust": 25.0, "nonvictims_trust": 450.0,
        "burglary_victims": 10, "burglary_repeat": 0, "burglaries": 10, "crimes": 100,
        "knox_observed": [[100, 100, 100]] * 3, "knox_expected": [[100.0, 100.0, 100.0]] * 3}
    return {**base, **sums}


def test_the_verdicts_can_fail() -> None:
    """No difference between victims and others, no repeats and Knox at chance: every pattern is not met."""
    mc = _script()
    verdicts = {r["pattern"]: r["verdict"] for r in mc.evaluate([_run() for _ in range(8)])}
    assert verdicts == {"P1": "not met", "P2": "not met", "P3": "not met", "P4": "not met", "P5": "not met"}


def test_the_verdicts_can_pass() -> None:
    """Runs built to the sources' numbers meet every prediction (so the rules are not impossible)."""
    mc = _script()
    knox_obs = [[130, 100, 100], [115, 100, 100], [105, 100, 100]]
    run = _run(victims_unsafe=14, once_unsafe=10, repeat_unsafe=4, nonvictims_unsafe=110, victims_trust=21.0,
               burglary_repeat=2, knox_observed=knox_obs)
    verdicts = {r["pattern"]: r["verdict"] for r in mc.evaluate([run] * 8)}
    assert verdicts == {p: "met" for p in ("P1", "P2", "P3", "P4", "P5")}


def test_too_few_cases_are_not_testable() -> None:
    mc = _script()
    verdicts = {r["pattern"]: r["verdict"] for r in mc.evaluate([_run(repeat=1, burglary_victims=1)] * 8)}
    assert verdicts["P2"] == verdicts["P4"] == "not testable"


def test_knox_finds_space_time_clusters_and_not_spatial_ones() -> None:
    """Pairs of crimes on one spot in one week raise the near ratio; a fixed hotspot with random weeks does not."""
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 600, (200, 2))
    week = rng.integers(1, 105, 200)
    xy_pairs, week_pairs = np.vstack([xy, xy + 5]), np.concatenate([week, week])
    obs, exp = knox(week_pairs, xy_pairs, 19, np.random.default_rng(1))
    assert obs[0, 0] / exp[0, 0] > 1.3
    hot = np.vstack([rng.normal(300, 20, (200, 2)), xy])  # half the crimes at a hotspot, all weeks random
    obs, exp = knox(rng.integers(1, 105, 400), hot, 19, np.random.default_rng(1))
    assert 0.8 < obs[0, 0] / exp[0, 0] < 1.2


def test_pooled_ratio_interval_covers_its_estimate() -> None:
    est, lo, hi = pooled_ratio([3, 4, 5], [10, 10, 10], [1, 2, 1], [10, 10, 10])
    assert lo <= est <= hi and est == pytest.approx(3.0)


def test_observing_a_run_changes_nothing() -> None:
    """The observed run is the unobserved run: the same outputs week by week, the crimes those it recorded."""
    observed = WijkModel(11, **SMALL)
    week, _, kind, _ = record_crimes(observed, 30)
    plain = WijkModel(11, **SMALL, log_incidents=True).run(30)
    assert observed.timeseries().equals(plain.timeseries())
    assert plain.incident_log is not None
    logged = sum(int(np.isin(k, (1, 2)).sum()) for _, _, k in plain.incident_log)
    assert logged == len(week) == len(kind)


def test_the_same_seed_gives_the_same_record() -> None:
    a = observe_run(3, weeks=60, windows=1, permutations=5, **SMALL).as_dict()
    b = observe_run(3, weeks=60, windows=1, permutations=5, **SMALL).as_dict()
    assert a == b


@pytest.mark.slow
def test_recorded_seeds_rerun_to_the_saved_sums() -> None:
    """Two recorded seeds, re-run with the saved settings, give exactly the saved per-run sums."""
    mc = _script()
    data = _data()
    seeds = (mc.SEEDS[0], mc.SEEDS[-1])
    saved = {r["seed"]: r for r in data["runs"]}
    for got in mc.measure(1, seeds):
        assert json.loads(json.dumps(got)) == saved[got["seed"]], STALE
