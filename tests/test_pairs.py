"""Burn-in once per pair (issue #25): arms that share a seed, parameters and map continue from one burn-in,
and every output is byte-identical to running them separately (src/wijksim/burn_in.py)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

from wijksim import burn_in
from wijksim.burn_in import BurnIn, arm_key, prefix_weeks, shared_models
from wijksim.compare import run_comparison
from wijksim.edge import crisis, history_arms, with_rate
from wijksim.metrics import YOUTH_COLUMNS
from wijksim.model import WijkModel
from wijksim.runner import model_kwargs
from wijksim.scenarios import SCENARIO_DIR, Scenario, list_scenarios, load_scenario
from wijksim.ui.workshop import _ablated

SMALL = {"width": 16, "height": 16, "burn_in": 12}  # small and short: the claim does not depend on size
WEEKS = 40  # past every shipped intervention's start (the latest starts in week 28)


def _small(sc: Scenario) -> dict[str, object]:
    """Overrides that shrink a scenario (a map scenario keeps its map's size)."""
    return {k: v for k, v in SMALL.items() if sc.layout is None or k == "burn_in"}


def _fingerprint(model: WijkModel) -> bytes:
    """Everything a run reports: the weekly table's bytes, the events and the summary."""
    ts = model.timeseries()
    events = [repr(e) for e in model.events_log]
    summary = {k: v for k, v in model.summary().items() if k != "interventions"}
    return (ts.to_numpy().tobytes() + repr(list(ts.columns)).encode() + repr(events).encode()
            + json.dumps(summary, sort_keys=True, default=str).encode())


def _count_burn_ins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    original = BurnIn.__init__

    def counting(self: BurnIn, rng: object, prefix: int = 0, **kwargs: Any) -> None:
        original(self, rng, prefix, **kwargs)
        made.append(self.key)

    monkeypatch.setattr(burn_in.BurnIn, "__init__", counting)
    return made


def test_every_shipped_scenario_continues_byte_identically_from_a_shared_burn_in(monkeypatch):
    """All shipped scenarios at one seed, as one set of arms: those whose burn-ins agree (the same parameters
    and map; only interventions differ) share one, and each arm's output equals its separate run's."""
    shipped = [sc for _, sc in list_scenarios()]
    arms = [model_kwargs(sc, _small(sc)) for sc in shipped]
    separate = [_fingerprint(WijkModel(rng=7, **kw).run(WEEKS)) for kw in arms]
    made = _count_burn_ins(monkeypatch)
    shared = [_fingerprint(m.run(WEEKS - m.week))
              for m in shared_models(7, [model_kwargs(sc, _small(sc)) for sc in shipped], WEEKS)]
    assert shared == separate
    keys = [arm_key(7, kw) for kw in arms]
    # a scenario without parameters or a map of its own burns in exactly as the reference does
    plain = {keys[i] for i, sc in enumerate(shipped) if not sc.params and sc.layout is None}
    assert len(plain) == 1
    assert sum(1 for i, sc in enumerate(shipped) if not sc.params and sc.layout is None) >= 10
    # one burn-in per key that more than one arm has; a scenario with its own [params] never shares
    assert sorted(made) == sorted({k for k in keys if keys.count(k) > 1})
    for i, sc in enumerate(shipped):
        if sc.params:
            assert keys[i] not in plain


@pytest.mark.slow  # ~2 s of CPU: the default size and burn-in (the fast test above covers every scenario small)
def test_the_bonus_malus_trio_at_the_default_burn_in_matches_separate_runs():
    """The workshop's trio and its ablated pair at the registry's default burn-in and size, through
    ``run_comparison`` (the path compare, the workshop and the validity scripts take)."""
    trio = {sc.name: sc for _, sc in list_scenarios()}
    names = [n for n in trio if n.startswith("Bonus/malus")]
    assert len(names) == 3
    arms = [(n, trio[n]) for n in names]
    arms += [(f"{n} off", _ablated(trio[n])) for n in names[1:]]
    runs = run_comparison(arms, replicates=1, seed=11, weeks=30, workers=1)
    for label, sc in arms:
        alone = WijkModel(rng=11, **model_kwargs(sc)).run(30).timeseries()
        got = runs[runs["scenario"] == label].drop(columns=["scenario", "replicate", "seed"]).reset_index(drop=True)
        assert got.to_numpy().tobytes() == alone.to_numpy().tobytes(), label
        pd.testing.assert_frame_equal(got, alone)


def test_edge_shares_a_burn_in_between_calm_and_crisis_at_one_rate_but_not_across_rates(monkeypatch):
    """``edge``'s crime-rate multiples act during the burn-in (``crime_rate`` is a parameter), so arms at
    different rates burn in separately; the calm and crisis arms at one rate differ only by the crisis (an
    intervention from week 10) and share."""
    base = Scenario.model_validate({"name": "t", "description": "t", "weeks": 30, "params": SMALL})
    arms = history_arms(base, [0.5, 1.0])
    made = _count_burn_ins(monkeypatch)
    shifted = with_rate(base, 1.0, [{**crisis(), "start": 10, "weeks": 5}])
    arms.append(("crisis-early", shifted))
    runs = run_comparison(arms, replicates=2, seed=3, workers=1)
    assert len(made) == 4  # 2 replicates × 2 rates
    for label, sc in arms:
        for rep in (0, 1):
            alone = WijkModel(rng=3 + rep, **model_kwargs(sc)).run(30).timeseries()
            got = runs[(runs["scenario"] == label) & (runs["replicate"] == rep)]
            got = got.drop(columns=["scenario", "replicate", "seed"])
            assert got.to_numpy().tobytes() == alone.to_numpy().tobytes()


def test_a_burn_in_for_other_settings_is_refused():
    """Continuing from a burn-in made at another seed or with another parameter would be a different run."""
    b = BurnIn(5, **SMALL)
    with pytest.raises(ValueError, match="cannot be shared"):
        WijkModel(rng=6, burned=b, **SMALL)
    with pytest.raises(ValueError, match="cannot be shared"):
        WijkModel(rng=5, burned=b, **{**SMALL, "crime_rate": 1.1})


def test_a_continued_model_is_a_model_of_its_own():
    """Mesa's side is the arm's: agents registered with the same ids, a grid of its own, the template untouched
    by running an arm (a second arm from it equals the first)."""
    b = BurnIn(5, **SMALL)
    fresh = WijkModel(rng=5, **SMALL)
    a1 = WijkModel(rng=5, burned=b, **SMALL)
    assert [x.unique_id for x in a1.agents] == [x.unique_id for x in fresh.agents]
    assert all(x.model is a1 for x in a1.agents)
    assert a1.police.model is a1 and a1.housing.model is a1
    a1.run(5)
    assert a1.grid is not None and b.model._grid is None
    assert b.model.week == 0 and a1.week == 5
    a2 = WijkModel(rng=5, burned=b, **SMALL).run(5)
    fresh.grid  # noqa: B018 - the same observer work as a1
    fresh.run(5)
    assert _fingerprint(a2) == _fingerprint(fresh) == _fingerprint(a1)
    assert np.array_equal(a2.residents.fear, fresh.residents.fear)


def test_progress_counts_runs_when_arms_share_a_job():
    """The progress callback still counts runs (scenarios × replicates), not jobs."""
    sc = Scenario.model_validate({"name": "t", "description": "t", "weeks": 10, "params": SMALL})
    wave = with_rate(sc, 1.0, [{**crisis(), "start": 3, "weeks": 4}])
    seen: list[tuple[int, int]] = []
    run_comparison([("a", sc), ("b", wave)], replicates=2, seed=1, workers=1,
                   progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 4), (4, 4)]


def test_arms_share_the_weeks_before_their_first_intervention():
    """After a shared burn-in, arms are identical until an intervention acts: the weeks before the first start
    are run once (a crisis from week 10 and one from week 4: 3 shared weeks), and each arm still equals its
    separate run, events and all."""
    base = Scenario.model_validate({"name": "t", "description": "t", "weeks": 20, "params": SMALL})
    late = with_rate(base, 1.0, [{**crisis(), "start": 10, "weeks": 3}])
    early = with_rate(base, 1.0, [{**crisis(), "start": 4, "weeks": 3}, {**crisis(), "start": 12, "weeks": 2}])
    arms = [model_kwargs(sc) for sc in (base, late, early)]
    assert prefix_weeks(arms, 20) == 3 and prefix_weeks(arms[:2], 20) == 9 and prefix_weeks(arms[:1], 20) == 20
    assert prefix_weeks(arms[:2], 5) == 5
    models = list(shared_models(2, arms, 20))
    assert [m.week for m in models] == [3, 3, 3]
    for m, sc in zip(models, (base, late, early), strict=True):
        m.run(20 - m.week)
        assert _fingerprint(m) == _fingerprint(WijkModel(rng=2, **model_kwargs(sc)).run(20))
        assert m.steps == 20 and m.time == 20


def test_the_last_arm_of_a_key_continues_the_template_itself(monkeypatch):
    """n arms of one key cost n − 1 copies: the last arm is the burn-in's own model with its interventions attached
    (no copy, no second set of Mesa agents), the burn-in is then spent (a copy or a second handover is refused),
    and every arm still equals its separate run: Mesa's ids, the events and an incident log included."""
    base = Scenario.model_validate({"name": "t", "description": "t", "weeks": 20, "params": SMALL})
    late = with_rate(base, 1.0, [{**crisis(), "start": 10, "weeks": 3}])
    made: list[BurnIn] = []
    original = BurnIn.__init__

    def keeping(self: BurnIn, rng: object, prefix: int = 0, **kwargs: object) -> None:
        original(self, rng, prefix, **kwargs)
        made.append(self)

    monkeypatch.setattr(burn_in.BurnIn, "__init__", keeping)
    for log in (False, True):  # an arm that logs incidents shares no prefix, and gets its own log
        arms = [model_kwargs(base), {**model_kwargs(late), "log_incidents": log}]
        models = list(shared_models(2, arms, 20))
        b = made[-1]
        assert models[-1] is b.model and models[0] is not b.model and b.spent
        assert models[0].week == models[1].week == (0 if log else 9)
        with pytest.raises(ValueError, match="handed over"):
            WijkModel(rng=2, burned=b, **SMALL)
        with pytest.raises(ValueError, match="handed over"):
            b.handover()
        for m, sc in zip(models, (base, late), strict=True):
            alone = WijkModel(rng=2, log_incidents=log and sc is late, **model_kwargs(sc)).run(20)
            m.run(20 - m.week)
            assert _fingerprint(m) == _fingerprint(alone)
            assert [a.unique_id for a in m.agents] == [a.unique_id for a in alone.agents]
            assert all(a.model is m for a in m.agents)
        logged, alone_log = models[1].incident_log, alone.incident_log
        assert (logged is None) == (not log) and (alone_log is None) == (not log)
        if log:
            assert logged is not None and alone_log is not None and len(logged) == 20
            assert all(w == v and np.array_equal(c, d) and np.array_equal(k, j)
                       for (w, c, k), (v, d, j) in zip(logged, alone_log, strict=True))


def test_a_comparisons_one_table_equals_its_arms_tables_side_by_side():
    """``run_comparison`` builds its table once from every arm's recorded array (``compare.runs.assemble``): it
    equals each arm's own ``timeseries()`` with the id columns put in front, concatenated and sorted as before
    issue #25 — dtypes too — also when only some arms have the youth outputs (those are NaN elsewhere)."""
    def small(name: str) -> Scenario:
        sc = load_scenario(SCENARIO_DIR / f"{name}.toml")
        return sc.model_copy(update={"weeks": 30, "params": {**sc.params, **_small(sc)}})

    arms = [(n, small(n)) for n in ("no_wave", "wave_community_investment", "youth_peer_education")]
    runs = run_comparison(arms, replicates=2, seed=4, workers=1)
    tables = []
    for label, sc in arms:
        for rep in (0, 1):
            ts = WijkModel(rng=4 + rep, **model_kwargs(sc)).run(30).timeseries()
            ts.insert(0, "seed", 4 + rep)
            ts.insert(0, "replicate", rep)
            ts.insert(0, "scenario", label)
            tables.append(ts)
    assert set(YOUTH_COLUMNS) <= set(runs.columns)
    pd.testing.assert_frame_equal(runs, pd.concat(tables, ignore_index=True))
    same = run_comparison(arms[:2], replicates=2, seed=4, workers=1)  # one set of outputs: the one-array path
    pd.testing.assert_frame_equal(same, pd.concat(tables[:4], ignore_index=True))
