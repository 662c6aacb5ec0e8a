"""Stage 5c, police follow-up and feedback: what each report brings its reporter.

Triage: under blame-shifting, a reported nuisance is referred to the municipality with chance
``1 − cooperation`` ("that is for the municipality"); the rest is followed up by priority (burglary, street
crime, nuisance; at random within a priority) up to ``police_capacity · households / 1000`` a week.
A followed-up burglary or street crime leaves ``followup_risk_left`` of the risk at its cell (offenders
caught or deterred).

Each report then answers its reporter, in the order the reports arose:

* referred: trust in police and municipality −= ``referral_trust_loss``·trust; fatigue += ``fatigue_silence``;
* followed up, with ``police_feedback``: trust in the police += ``feedback_trust_gain``·(1 − trust), the other
  partners ``trust_spillover · cooperation`` of that under mutual support; fatigue ×= ``feedback_fatigue_kept``;
* otherwise (silence): trust in the police −= ``silence_trust_loss``·trust; fatigue += ``fatigue_silence``.

Victims: a household victimised this week (burglary, street crime) first loses trust in the police,
``trust −= victim_trust_loss·trust``, once however often it was struck: not being protected is a bad experience,
and a bad experience weighs 4–14 times a good one (Skogan 2006, abstract p. 99). The defaults keep that
asymmetry for every partner's answer: each bad experience (victimised, report met with silence, referred on)
costs at least four times what a good contact (feedback) brings, so trust falls where crime is high.
Switch: ``victim_trust_loss`` = 0.

The reporters' and victims' changed trust in the police then spreads along their ties
(:func:`.gossip.gossip_trust`, as :func:`.gossip.share_experiences`); reporters whose report was referred on
tire more (:func:`.trust.referral_fatigue`).

Visible feedback: with ``police_feedback``, the result is seen beyond the reporter (an officer at the door, an
arrest, a lock repaired, the wijkagent's newsletter). Every household living within ``witness_radius`` of a
followed-up incident gains trust in the police once a week, however many results it saw:
``trust += feedback_visible_gain·(1 − trust)`` (the other partners ``spill`` of that, as above). This answers
"it won't help anyway", the top reason not to report (36 %, Veiligheidsmonitor 2009): feedback that reaches
only the two or three reporters a week the police can follow up cannot move a wijk's reporting rate.
Switch: ``feedback_visible_gain`` = 0 (feedback reaches the reporters only).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..residents import MUNICIPALITY, POLICE
from ..types import NearMatrix, NetworkLike
from ..week_record import BURGLARY, NUISANCE, STREET, WeekIncidents
from .draws import stream_key, uniform
from .gossip import gossip_trust
from .trust import lower_one, lower_trust, raise_one, referral_fatigue, tire_one

PER_HOUSEHOLDS = 1000.0  # police capacity is given per 1000 households


@njit(cache=True)
def triage(kinds: np.ndarray, reported: np.ndarray, refer_nuisance: float, capacity: int,
           key: int) -> tuple[np.ndarray, np.ndarray]:
    """Which reported incidents the police refer on and which they follow up (module docstring); incident
    t's draws are numbers 2t and 2t + 1 of stream ``key``. Returns (referred, done) per incident."""
    k = len(kinds)
    referred = np.zeros(k, np.bool_)
    done = np.zeros(k, np.bool_)
    order_key = np.full(k, np.inf)
    for t in range(k):
        if not reported[t]:
            continue
        if kinds[t] == NUISANCE and refer_nuisance > 0.0 and uniform(key, 2 * t) < refer_nuisance:
            referred[t] = True
            continue
        # priority rank (burglary first, then street crime, then nuisance) plus a uniform tie-breaker
        priority = 0.0 if kinds[t] == BURGLARY else (1.0 if kinds[t] == STREET else 2.0)
        order_key[t] = priority + uniform(key, 2 * t + 1)
    order = np.argsort(order_key)
    for q in range(min(capacity, k)):
        t = order[q]
        if order_key[t] == np.inf:
            break
        done[t] = True
    return referred, done


@njit(cache=True)
def answer_reporters(report_inc: np.ndarray, report_res: np.ndarray, referred: np.ndarray, done: np.ndarray,
                     feedback: bool, trust: np.ndarray, fatigue: np.ndarray, referral_loss: float,
                     fatigue_silence: float, feedback_gain: float, spill: float, silence_loss: float,
                     fatigue_kept: float) -> None:
    """What each report brings its reporter (module docstring), report by report."""
    for k in range(len(report_inc)):
        t, i = report_inc[k], report_res[k]
        if referred[t]:
            lower_one(trust, i, POLICE, referral_loss)
            lower_one(trust, i, MUNICIPALITY, referral_loss)
            tire_one(fatigue, i, fatigue_silence)
        elif done[t] and feedback:
            raise_one(trust, i, POLICE, feedback_gain, spill)
            fatigue[i] *= fatigue_kept
        else:
            lower_one(trust, i, POLICE, silence_loss)
            tire_one(fatigue, i, fatigue_silence)


def follow_up(inc: WeekIncidents, trust: np.ndarray, fatigue: np.ndarray, risk: np.ndarray, network: NetworkLike,
              near: NearMatrix, n_households: int, p: dict[str, Any], rng: np.random.Generator) -> None:
    """Follow up this week's reports up to capacity; feed back or stay silent (module docstring). Changes
    ``trust``, ``fatigue`` and the ``risk`` layer in place; ``near`` is the (cells × households) matrix of
    who lives within ``witness_radius`` of a cell.

    Why two compiled calls and not the dozen numpy steps it once was: at 2,000 households the steps cost
    more in calls than in arithmetic (issue #25). :func:`answer_week` does every step on trust and risk with
    the same operations in the same order; referral fatigue, on ``fatigue`` only, follows it."""
    mutual = p["collaboration"] == "mutual_support"
    spill = p["trust_spillover"] * p["cooperation"] if mutual else 0.0
    capacity = round(p["police_capacity"] * n_households / PER_HOUSEHOLDS)
    referred, done = triage(inc.kind, inc.reported, 0.0 if mutual else 1.0 - p["cooperation"], capacity,
                            stream_key(rng))
    coef = np.array([p["followup_risk_left"], p["victim_trust_loss"], float(bool(p["police_feedback"])),
                     p["referral_trust_loss"], p["fatigue_silence"], p["feedback_trust_gain"], spill,
                     p["silence_trust_loss"], p["feedback_fatigue_kept"], p["trust_gossip"],
                     p["feedback_visible_gain"]])
    referred_on = answer_week(inc.kind, inc.cell, inc.victim, inc.report_inc, inc.report_res, referred, done, trust,
                              fatigue, risk.ravel(), network.indptr, network.indices, network.slot_edge, network.w,
                              near.indptr, near.indices, coef)
    if len(referred_on):
        referral_fatigue(fatigue, referred_on, network, p)


@njit(cache=True)
def answer_week(kind: np.ndarray, cell: np.ndarray, victim: np.ndarray, report_inc: np.ndarray,
                report_res: np.ndarray, referred: np.ndarray, done: np.ndarray, trust: np.ndarray,
                fatigue: np.ndarray, risk: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
                slot_edge: np.ndarray, w: np.ndarray, near_indptr: np.ndarray, near_indices: np.ndarray,
                coef: np.ndarray) -> np.ndarray:
    """After triage, in this order (module docstring): followed-up crimes leave less risk at their cells,
    victims lose trust, each report answers its reporter, reporters and victims tell their ties, and
    with ``police_feedback`` the households near a followed-up incident see it. ``coef`` holds
    (followup_risk_left, victim_trust_loss, police_feedback, referral_trust_loss, fatigue_silence,
    feedback_trust_gain, spill, silence_trust_loss, feedback_fatigue_kept, trust_gossip,
    feedback_visible_gain). Returns the households whose report was referred on, ascending, each once."""
    feedback = coef[2] != 0.0
    crime = np.flatnonzero(done & (kind != NUISANCE))
    kept = risk[cell[crime]] * coef[0]  # as numpy's ``risk[cells] *= left``: an incident cell twice, once
    for q in range(len(crime)):
        risk[cell[crime[q]]] = kept[q]
    struck = victim[victim >= 0]
    reporters = np.unique(np.concatenate((report_res, struck)))
    before = np.empty(len(reporters))
    for q in range(len(reporters)):
        before[q] = trust[reporters[q], POLICE]
    if coef[1] > 0.0:  # victims: once a week however often struck (victimised)
        for i in np.unique(struck):
            lower_one(trust, i, POLICE, coef[1])
    answer_reporters(report_inc, report_res, referred, done, feedback, trust, fatigue, coef[3], coef[4], coef[5],
                     coef[6], coef[7], coef[8])
    if coef[9] > 0.0 and len(reporters):  # reporters and victims tell their ties (.gossip.share_experiences)
        delta = np.empty(len(reporters))
        for q in range(len(reporters)):
            delta[q] = trust[reporters[q], POLICE] - before[q]
        gossip_trust(indptr, indices, slot_edge, w, reporters, delta, coef[9], trust, POLICE)
    if feedback and coef[10] > 0.0:  # visible feedback: the households near a followed-up incident
        seen_cells = cell[done]
        if len(seen_cells):
            seen = households_near(near_indptr, near_indices, seen_cells, len(trust))
            for q in range(len(seen)):
                raise_one(trust, seen[q], POLICE, coef[10], coef[6])
    return np.unique(report_res[referred[report_inc]])


def victimised(trust: np.ndarray, victim: np.ndarray, loss: float) -> None:
    """Households victimised this week (burglary, street crime) lose trust in the police, once a week however
    often they were struck (module docstring): a bad experience, which weighs several times a good one."""
    if loss > 0:
        lower_trust(trust, np.unique(victim[victim >= 0]), (POLICE,), loss)


@njit(cache=True)
def households_near(indptr: np.ndarray, indices: np.ndarray, cells: np.ndarray, n: int) -> np.ndarray:
    """The households near any of ``cells``, ascending, each once (what ``np.unique`` of the rows' union gives;
    one compiled pass instead of a Python slice per followed-up incident)."""
    mark = np.zeros(n, np.bool_)
    for c in cells:
        for s in range(indptr[c], indptr[c + 1]):
            mark[indices[s]] = True
    return np.flatnonzero(mark)
