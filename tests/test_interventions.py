"""Interventions: timing through Mesa events, levers restored, zero-effect equals baseline, live add."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wijksim import WijkModel
from wijksim.interventions import INTERVENTIONS, make
from wijksim.text.events import Event

SMALL = {"width": 20, "height": 20, "burn_in": 10}


def test_crime_wave_in_force_exactly_in_its_weeks():
    m = WijkModel(rng=1, interventions=[make({"type": "crime_wave", "start": 5, "weeks": 3, "multiplier": 4.0})],
                  **SMALL)
    m.run(10)
    mult = m.timeseries().set_index("week")["crime_multiplier"]
    assert mult.loc[[5, 6, 7]].eq(4.0).all()
    assert mult.drop([5, 6, 7]).eq(1.0).all()
    assert m.events_log == [Event("crime_wave", "starts", 5), Event("crime_wave", "ends", 8)]


def test_levers_are_restored_when_an_intervention_ends():
    m = WijkModel(rng=1, interventions=[
        make({"type": "collaboration", "mode": "mutual_support", "cooperation": 0.9, "start": 2, "weeks": 3}),
        make({"type": "police_feedback", "start": 2, "weeks": 3}),
        make({"type": "patrol_strategy", "strategy": "community", "start": 2, "weeks": 3}),
        make({"type": "maintenance", "capacity": 20, "municipal_support": 0.5, "start": 2, "weeks": 3}),
    ], **SMALL)
    before = dict(m.p)
    m.run(3)
    assert m.p["collaboration"] == "mutual_support" and m.p["cooperation"] == 0.9
    assert m.p["police_feedback"] is True and m.p["patrol_strategy"] == "community"
    assert m.p["maintenance_capacity"] == 20 and m.p["municipal_support"] == 0.5
    m.run(3)
    assert m.p == before


def test_zero_effect_interventions_equal_the_baseline_exactly():
    """An intervention that changes nothing leaves the run bit-identical (common random numbers)."""
    base = WijkModel(rng=7, **SMALL).run(12).timeseries()
    null = [
        make({"type": "crime_wave", "start": 3, "weeks": 4, "multiplier": 1.0}),
        make({"type": "collaboration", "mode": "blame_shifting", "cooperation": 0.5, "start": 2}),
        make({"type": "police_feedback", "enabled": False, "start": 4}),
        make({"type": "patrol_strategy", "strategy": "hotspot", "start": 4}),
        make({"type": "community_activities", "per_week": 0.0, "start": 3}),
    ]
    other = WijkModel(rng=7, interventions=null, **SMALL).run(12).timeseries()
    pd.testing.assert_frame_equal(base, other)


def test_an_intervention_changes_only_what_comes_after_its_start():
    base = WijkModel(rng=3, **SMALL).run(15).timeseries()
    act = WijkModel(rng=3, interventions=[make({"type": "community_activities", "start": 8, "per_week": 3})],
                    **SMALL).run(15).timeseries()
    pd.testing.assert_frame_equal(base.iloc[:7], act.iloc[:7])
    assert not base.iloc[7:].equals(act.iloc[7:])


@pytest.mark.parametrize("kind", sorted(INTERVENTIONS))
def test_every_intervention_type_runs_with_defaults(kind):
    m = WijkModel(rng=2, interventions=[make({"type": kind, "start": 2})], **SMALL)
    ts = m.run(8).timeseries()
    assert len(ts) == 8 and ts["share_active"].between(0, 1).all()
    assert any(e.type == kind and e.verb == "starts" for e in m.events_log)


def test_live_intervention_mid_run_starts_next_week():
    m = WijkModel(rng=4, **SMALL)
    m.run(5)
    m.add_intervention(make({"type": "crime_wave", "start": None, "weeks": 2, "multiplier": 3.0}))
    m.run(4)
    mult = m.timeseries().set_index("week")["crime_multiplier"]
    assert mult.loc[[6, 7]].eq(3.0).all() and mult.loc[[5, 8, 9]].eq(1.0).all()


def test_best_persons_become_coordinators_and_stop_at_the_end():
    m = WijkModel(rng=5, interventions=[make({"type": "best_persons", "count": 3, "start": 2, "weeks": 4})], **SMALL)
    m.run(3)
    assert m.residents.coordinator.sum() <= 3 and m.residents.coordinator.any()
    m.run(4)
    assert not m.residents.coordinator.any()


def test_best_persons_become_active_through_the_decision_rule():
    """Recruitment raises a best person's utility of being active (coordinator_commitment); nobody is
    set active by assignment, so without that utility the role makes them no more active than before."""
    def active_coordinators(commitment: float) -> float:
        share = []
        for seed in range(4):
            m = WijkModel(rng=seed, interventions=[make({"type": "best_persons", "count": 8, "start": 1})],
                          coordinator_commitment=commitment, **SMALL)
            m.run(26)
            share.append(float((m.residents.state[m.residents.coordinator] == 2).mean()))
        return float(np.mean(share))

    with_role, without = active_coordinators(4.0), active_coordinators(0.0)
    assert with_role >= 0.8 and with_role > without + 0.2, (with_role, without)


def test_collective_impact_moves_through_its_phases_by_levers_only():
    ci = make({"type": "collective_impact", "start": 1, "relations": 3, "roles": 3, "pace": 3, "cycle": 3})
    m = WijkModel(rng=6, interventions=[ci], **SMALL)
    m.run(2)
    assert m.p["collaboration"] == "blame_shifting" and ci.phase() == "relations"
    m.run(3)
    assert m.p["collaboration"] == "mutual_support" and m.p["police_feedback"] is True
    m.run(4)
    assert m.p["shared_measurement"] is True
    m.run(4)
    assert ci.phase() == "cycle" and all(ci.conditions.values())
    assert m.p["cooperation"] == pytest.approx(0.9)


def test_campaign_reach_is_equal_between_channels():
    reached = {}
    for channel in ("flyer", "community"):
        iv = make({"type": "information_campaign", "channel": channel, "reach": 0.3, "start": 1, "weeks": 4})
        m = WijkModel(rng=8, interventions=[iv], **SMALL)
        m.run(6)
        reached[channel] = iv._reached.mean()
    assert reached["flyer"] == pytest.approx(0.3, abs=0.02)
    assert reached["community"] == pytest.approx(reached["flyer"], abs=0.05)


def test_narrow_goal_raises_nuisance_reporting_focus_broad_does_not():
    for goal, expect in (("narrow", True), ("broad", False)):
        m = WijkModel(rng=9, interventions=[make({"type": "community_activities", "goal": goal, "start": 1,
                                                  "per_week": 3})], **SMALL)
        m.run(3)
        assert (m.residents.report_focus > 0).any() == expect
        assert m.residents.participating.max() > 0
        assert np.isfinite(m.residents.fear).all()


def test_campaign_channels_reach_the_same_number_of_households():
    """Equal reach in households reached, not in paper: a flyer campaign goes through as many letterboxes
    as it takes for its readers to match the community channel's reach."""
    for seed in (1, 2):
        reached = {}
        for channel in ("flyer", "community"):
            iv = make({"type": "information_campaign", "channel": channel, "reach": 0.5, "start": 1, "weeks": 8})
            m = WijkModel(rng=seed, interventions=[iv], **SMALL)
            m.run(10)
            reached[channel] = iv.reached
        assert reached["flyer"] == reached["community"] == round(0.5 * m.n_residents), reached
