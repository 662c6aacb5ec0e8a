"""Youth and undermining crime (issue 28): off changes nothing, on is reproducible and its mechanisms act in
the direction their formulas say (small kernels driven directly, so each check is fast and could fail)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from wijksim import metrics
from wijksim.cli import app
from wijksim.model import WijkModel
from wijksim.params import ParamError, validate
from wijksim.residents import PASSIVE
from wijksim.scenarios import list_scenarios
from wijksim.submodels.youth import signal_kernel, willingness, youth_kernel
from wijksim.youth_interventions import CommunityCoalition, YouthActivities, YouthMentoring
from wijksim.youth_state import EDGE, INVOLVED, NONE

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"width": 20, "height": 20, "burn_in": 10}


def _run(weeks: int = 12, seed: int = 3, interventions: tuple = (), **params: Any) -> WijkModel:
    return WijkModel(seed, interventions=interventions, **{**SMALL, **params}).run(weeks)


def test_youth_is_off_by_default_and_adds_no_column():
    m = _run(3)
    assert m.youth is None
    assert tuple(m.timeseries().columns) == metrics.ALL_COLUMNS


def test_youth_without_effects_on_the_wijk_leaves_every_other_output_identical():
    """Youth on, but no incident reaches the wijk: every other column is the same to the bit, so the youth
    stage draws only from its own stream and moves nothing else (the byte-identity of 'off' holds a fortiori)."""
    off = _run().timeseries()
    on = _run(youth_enabled=True, youth_incident_rate=0.0).timeseries()
    assert list(on.columns) == list(metrics.ALL_COLUMNS + metrics.YOUTH_COLUMNS)
    assert on[list(metrics.ALL_COLUMNS)].equals(off)
    assert on["youth_recruitment_contacts"].sum() > 0  # and yet the youths were approached


def test_youth_runs_are_reproducible_and_in_range():
    a = _run(youth_enabled=True).timeseries()
    b = _run(youth_enabled=True).timeseries()
    assert a.equals(b)
    for col in ("youth_edge_share", "youth_involved_share", "youth_signal_reporting"):
        assert a[col].between(0, 1).all(), col
    assert (a[["youth_initiation", "youth_recruitment_contacts", "youth_undermining_incidents"]] >= 0).all().all()


def _kernel(level: np.ndarray, z: float, approach: float, desist: float, incident_rate: float, key: int) -> tuple:
    """The youth kernel with the approach rate ``approach`` (all from the outside network) and a fixed chance of
    stepping back ``desist`` (its base; no protective part)."""
    n = len(level)
    w = np.array([1.0, approach, 0.0, 0.0, 0.0, desist, 0.0, incident_rate, 0.2])
    return youth_kernel(level, np.zeros(n, bool) if incident_rate == 0 else np.ones(n, bool), np.full(n, z),
                        np.zeros(n), np.zeros(n, bool), np.zeros(n, bool), w, key)


def test_kernel_approach_and_uptake_follow_rate_and_logit():
    n = 4000
    level = np.zeros(n, np.int64)
    counts, _, contacts, initiations, never = _kernel(level, 10.0, 50.0, 0.0, 0.0, 7)  # surely approached, taken up
    assert contacts == n == initiations == never and (level == EDGE).all() and counts.sum() == 0
    level = np.zeros(n, np.int64)
    _, _, contacts, _, _ = _kernel(level, -40.0, 50.0, 0.0, 0.0, 7)
    assert contacts == n and (level == NONE).all()  # approached, but nobody takes it up
    level = np.zeros(n, np.int64)
    _, _, contacts, _, _ = _kernel(level, 10.0, 0.0, 0.0, 0.0, 7)
    assert contacts == 0 and (level == NONE).all()  # nobody approached, nobody drawn in


def test_kernel_involved_youths_commit_incidents_and_desist():
    n = 2000
    level = np.full(n, INVOLVED, np.int64)
    counts, kinds, _, _, _ = _kernel(level, 0.0, 0.0, 1.0, 0.5, 11)
    assert 0.4 < counts.mean() < 0.6 and len(kinds) == counts.sum()
    assert (level == EDGE).all()  # chance 1 of stepping back: one level each


def test_intimidation_lowers_signal_reporting():
    """The same incidents before the same households: felt intimidation lowers how many are reported."""
    k, h = 400, 5
    cells = np.zeros(k, np.int64)
    kinds = np.full(k, 0.99)  # dealing: no new intimidation during the test
    ptr, idx = np.array([0, h], np.int32), np.arange(h, dtype=np.int32)  # the model's dtypes: no test-only compile

    def reported(felt: float) -> int:
        return signal_kernel(cells, kinds, ptr, idx, np.ones(h), np.zeros(h), np.full(h, felt), np.zeros(1),
                             0.3, 0.3, 0.2, 0.3, 1.5, 5, 0.0)[0]
    assert reported(0.0) > reported(2.0) + 40
    z, w = np.empty(h), np.array([0.0, 1.0, 1.0, 1.0, 1.5])
    passive = np.full(h, PASSIVE, np.int8)
    trust = np.full((h, 3), 0.5)[:, 0]  # a column of the trust matrix and int8 states, as the model passes them
    calm = willingness(trust, passive, np.zeros(h), w, z, 0.0) / h
    assert calm == pytest.approx(0.5)  # logit 0 for a passive household with trust ½ and nothing felt
    assert willingness(trust, passive, np.ones(h), w, z, 0.0) / h < calm - 0.2
    felt = np.ones(h)  # one intimidation felt, then the signals of one intimidation: the running sum follows
    total = willingness(trust, passive, felt, w, z, 0.0)
    _, after = signal_kernel(cells[:1], np.zeros(1), ptr, idx, np.zeros(h), z, felt, np.zeros(1), 0.3, 0.3, 0.2,
                             0.3, 1.5, 5, total)
    assert after == pytest.approx(willingness(trust, passive, felt, w, z, 0.0))


def test_mentoring_claims_its_levers_and_gives_them_back():
    iv = YouthMentoring(start=12, weeks=3, coverage=0.8, emotional_support=False)
    m = _run(13, interventions=(iv,), youth_enabled=True)
    assert m.p["youth_mentor_coverage"] == 0.8 and m.p["youth_mentor_emotional"] is False
    assert m.youth is not None and m.youth.mentored.any() and not (m.youth.mentored & ~m.youth.at_risk).any()
    m.run(3)
    assert m.p["youth_mentor_coverage"] == 0.0 and m.p["youth_mentor_emotional"] is True


def test_activities_for_at_risk_youths_group_the_at_risk_only():
    iv = YouthActivities(start=1, places=0.2, at_risk_only=True)
    m = _run(3, interventions=(iv,), youth_enabled=True)
    ys = m.youth
    assert ys is not None and ys.participant.any() and not (ys.participant & ~ys.at_risk).any()


def test_coalition_spends_its_capacity_after_assessment_in_proportion_to_the_profile():
    iv = CommunityCoalition(start=1, assessment=2, every=1, capacity=0.9)
    m = _run(2, interventions=(iv,), youth_enabled=True)
    assert m.p["youth_family_support"] == m.p["youth_school_support"] == 0.0  # still assessing
    m.run(1)
    assert m.p["youth_family_support"] > 0.0  # measured and acted on
    iv.weekly(m)  # a measurement week (every = 1): compare the claims with the profile it measured
    shares = iv.profile(m)
    total = sum(shares.values())
    assert m.p["youth_family_support"] == pytest.approx(min(1.0, 0.9 * shares["family"] / total))
    assert m.p["youth_school_support"] == pytest.approx(min(1.0, 0.9 * shares["school"] / total))


def test_family_risk_shares_follow_the_parameters():
    m = WijkModel(5, youth_enabled=True, width=60, height=60, burn_in=0, youth_share_suspected_household=0.2)
    ys = m.youth
    assert ys is not None
    assert ys.n / m.n_residents == pytest.approx(0.30, abs=0.04)
    assert ys.suspected_household.mean() == pytest.approx(0.2, abs=0.04)
    assert (ys.age >= 12).all() and (ys.age < 24).all()
    assert not (ys.suspected_household & ~ys.suspected_relative).any()


def test_a_bad_youth_value_names_the_parameter_and_its_range():
    with pytest.raises(ParamError, match=r"youth_per_household.*0 to 3"):
        validate({"youth_per_household": 9})


def test_every_shipped_youth_scenario_switches_youth_on():
    found = [(f, sc) for f, sc in list_scenarios(ROOT / "scenarios") if f.stem.startswith("youth_")]
    assert len(found) >= 8
    for f, sc in found:
        assert sc.params.get("youth_enabled") is True, f
        assert sc.name_nl and sc.description_nl, f


def test_a_shipped_youth_scenario_runs_from_the_command_line(tmp_path):
    import pandas as pd

    out = tmp_path / "o"
    r = CliRunner().invoke(app, ["run", str(ROOT / "scenarios" / "youth_reference.toml"), "--weeks", "3", "--set",
                                 "burn_in=2", "--set", "width=16", "--set", "height=16", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert set(metrics.YOUTH_COLUMNS) <= set(pd.read_parquet(out / "timeseries.parquet").columns)


def test_a_bad_youth_value_on_the_command_line_is_one_line_exit_2_nothing_written(tmp_path):
    out = tmp_path / "o"
    r = CliRunner().invoke(app, ["run", "--weeks", "2", "--set", "youth_share_suspected_household=1.5", "--out",
                                 str(out)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "youth_share_suspected_household" in r.output and "0 to 1" in r.output
    assert not out.exists()


def test_felt_intimidation_lowers_the_reporting_of_ordinary_incidents_only_through_its_weight():
    """The quiet wijk in stage 5a's kernel: the same incidents and draws before the same households; felt
    intimidation lowers how many are reported, and with its weight 0 the reports are those of a week without
    youths, draw for draw."""
    from wijksim.submodels.reporting import report_kernel

    k, h = 300, 6
    ptr, idx = np.array([0, h], np.int32), np.arange(h, dtype=np.int32)  # the model's dtypes: no test-only compile

    def reports(felt: np.ndarray, quiet: float) -> np.ndarray:
        return report_kernel(np.zeros(k, np.int64), np.full(k, 1, np.int8), ptr, idx, np.full(1, -1),
                             np.ones(h), np.ones(1), np.full(h, PASSIVE, np.int8), np.full(h, 0.5), np.zeros(h),
                             np.zeros(h), np.zeros(h), np.zeros(h), np.zeros(1), np.zeros(1), 0.5, 0.0, 1.0, 0.0,
                             0.0, 0.0, 0.0, 9, felt, quiet)[1]
    calm = reports(np.zeros(0), 0.0)
    assert (reports(np.full(h, 2.0), 0.0) == calm).all()  # weight 0: nothing felt is read
    assert reports(np.zeros(h), 1.0).sum() == calm.sum()  # nothing felt: nothing changes
    assert reports(np.full(h, 2.0), 1.0).sum() < calm.sum() - 40
