"""Stage 11, youth and undermining crime (off by default, ``youth_enabled``): who is approached, who takes it
up, what protects, and what involvement does to the wijk.

**Exposure to deviant peers.** A youth's peers are the youths of its own household and of the households
its household has ties with (weighted by tie strength, :mod:`wijksim.network`), plus ``youth_peer_prior``
prosocial peers from outside (school, sport). With d = ½ for a youth on the edge and 1 for an involved one,

    exposure_i = (Σ_peers w·d) / (Σ_peers w + youth_peer_prior);

a youth in youth work activities mixes in its group: (1 − g)·exposure + g·(mean d of the group), g =
``youth_group_contact``. A group of at-risk youths is a deviant group (Dishion, McCord & Poulin 1999).

**Approaches** (recruitment contacts), per youth per week with chance 1 − e^(−λ),

    λ = (1 − pressure)·(recruit_base + recruit_peer·exposure + recruit_household·[suspected adult at home]
                        + recruit_relative·[suspected relative elsewhere]),

pressure = 1 − (1 − ``youth_police_pressure``)·e^(−``youth_signal_policing``·signals): police pressure on
recruiters, the stronger the more undermining residents reported recently (signals).

**Uptake** of an approach moves a youth one step (none → on the edge → involved) with chance σ(z),

    z = uptake_base + uptake_relative·[suspected relative] + uptake_peer·exposure
        − uptake_family·(family − ½) − uptake_school·(school − ½) − uptake_prosocial·(prosocial − ½)
        − uptake_efficacy·(efficacy − efficacy_centre) − uptake_activity·[in activities] − mentor·[mentored]
        − uptake_peer_education·[reached],

prosocial = 1 − e^(−s/s₀) of the household's tie strength s (s₀ its initial mean), efficacy = share of
active households within ``youth_efficacy_radius`` of home (Sampson et al. 1997), mentor =
``youth_uptake_mentor``, times ``youth_mentor_plain_factor`` without emotional support (Tolan et al. 2014).
A youth on the edge or involved steps back with chance desist_base + desist_protective·(1 − σ(z)).

**Programmes** act on these variables only: mentoring and family support reach the at-risk youths (the
``youth_at_risk_share`` with the highest z), family support and the school programme raise the bonds
towards 1 at ``youth_support_rate`` (they relax back to each youth's own baseline at ``youth_bond_relax``),
activity places go to random youths or, ``youth_activity_at_risk_only``, to at-risk youths.

**Undermining.** An involved youth commits Poisson(``youth_incident_rate``) undermining incidents a week
(a youth on the edge ``youth_edge_incident_share`` of that), at home: damage (adds
``youth_damage_per_incident`` to the cell's damage, so disorder and fear follow), intimidation (every
household within ``witness_radius`` feels one unit, decaying at ``youth_intimidation_decay``) or dealing.
Households within ``witness_radius`` notice a signal with chance ``p_witness``·presence and report it
with chance σ(z_report − ``youth_intimidation_effect``·intimidation),
z_report the reporting logit of stage 5a: intimidation makes the wijk quiet, and a quiet wijk tells the
police less, which lowers the pressure on recruiters. A youth turns 24 and leaves; a 12-year-old takes
the place in the household (a stationary population).

Draws: counter-based per youth from the stream ``youth`` (each youth has a fixed block of draws, so two
scenarios run with one seed share them where no programme acts).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..residents import ACTIVE, POLICE, WITHDRAWN
from ..types import NearMatrix, NetworkLike, ResidentStateLike
from ..youth_state import AGE_MAX, AGE_MIN, EDGE, INVOLVED, NONE, YouthState
from .draws import stream_key, uniform
from .grid import sum_around

DRAWS_PER_YOUTH = 16  # counter block per youth: contact, uptake, desistance, incidents and their kinds
MAX_INCIDENTS = 5  # per youth per week (at the default rate the chance of more is below 1e-7)
WEEKS_PER_YEAR = 52.0
SIGNAL_KEY = 0x5A5A5A5A  # the signal kernel's draws: the week's key with other bits, apart from the youths' draws


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function σ(z) = 1 / (1 + e^(−z))."""
    return 1.0 / (1.0 + np.exp(-z))


@njit(cache=True)
def youth_kernel(level: np.ndarray, ever: np.ndarray, z: np.ndarray, rate: np.ndarray, p_desist: np.ndarray,
                 incident_rate: float, edge_share: float, key: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Approaches, uptake, desistance and the week's undermining incidents, youth by youth (in place on
    ``level`` and ``ever``). Returns (incidents per youth, uniform per incident for its kind, approaches,
    initiations)."""
    n = len(level)
    contacts = 0
    initiations = 0
    counts = np.zeros(n, np.int64)
    kinds = np.zeros(n * MAX_INCIDENTS)
    m = 0
    for i in range(n):
        base = i * DRAWS_PER_YOUTH
        lam = incident_rate * (1.0 if level[i] == INVOLVED else edge_share if level[i] == EDGE else 0.0)
        if lam > 0.0:  # this week's incidents (inverse Poisson CDF), committed before any step
            u = uniform(key, base + 3)
            term = math.exp(-lam)
            cdf = term
            k = 0
            while u > cdf and k < MAX_INCIDENTS:
                k += 1
                term *= lam / k
                cdf += term
            counts[i] = k
            for j in range(k):
                kinds[m] = uniform(key, base + 4 + j)
                m += 1
        if level[i] > NONE and uniform(key, base + 2) < p_desist[i]:
            level[i] -= 1
            continue
        if level[i] == INVOLVED or uniform(key, base) >= 1.0 - math.exp(-rate[i]):
            continue
        contacts += 1
        if uniform(key, base + 1) * (1.0 + math.exp(-z[i])) < 1.0:
            if level[i] == NONE and not ever[i]:
                initiations += 1
                ever[i] = True
            level[i] += 1
    return counts, kinds[:m].copy(), contacts, initiations


@njit(cache=True)
def signal_kernel(cells: np.ndarray, kinds: np.ndarray, near_ptr: np.ndarray, near_idx: np.ndarray,
                  presence: np.ndarray, z_report: np.ndarray, intimidation: np.ndarray, damage: np.ndarray,
                  share_intimidation: float, share_damage: float, damage_per: float, p_witness: float,
                  intimidation_effect: float, key: int) -> int:
    """Each undermining incident's traces (damage, intimidation felt, in place) and whether residents
    report it as a signal; returns the number of incidents reported by at least one household."""
    reported = 0
    d = 0
    for t in range(len(cells)):
        c = cells[t]
        lo, hi = near_ptr[c], near_ptr[c + 1]
        if kinds[t] < share_intimidation:
            for s in range(lo, hi):
                intimidation[near_idx[s]] += 1.0
        elif kinds[t] < share_intimidation + share_damage:
            damage[c] = min(1.0, damage[c] + damage_per)
        told = False
        for s in range(lo, hi):
            r = near_idx[s]
            d += 2
            if uniform(key, d) >= p_witness * presence[r]:
                continue
            z = z_report[r] - intimidation_effect * intimidation[r]
            if uniform(key, d + 1) * (1.0 + math.exp(-z)) < 1.0:
                told = True
        if told:
            reported += 1
    return reported


def exposure(ys: YouthState, households: int, network: NetworkLike, group_contact: float,
             prior: float) -> np.ndarray:
    """Each youth's exposure to deviant peers (module docstring): household and tied households' youths,
    mixed with its activity group's deviance for participants."""
    dev = 0.5 * ys.level
    d_home = np.bincount(ys.home, weights=dev, minlength=households)
    y_home = np.bincount(ys.home, minlength=households).astype(float)
    d_peer = network.weighted_sum(d_home) + d_home
    y_peer = network.weighted_sum(y_home) + y_home
    h = ys.home
    out = (d_peer[h] - dev) / np.maximum(y_peer[h] - 1.0 + prior, 1e-9)
    if ys.participant.any():
        group = float(dev[ys.participant].mean())
        out = np.where(ys.participant, (1.0 - group_contact) * out + group_contact * group, out)
    return np.clip(out, 0.0, 1.0)


def reporting_logit(rs: ResidentStateLike, p: dict[str, Any]) -> np.ndarray:
    """Stage 5a's reporting logit per household without the incident's own terms (victim, nuisance focus)."""
    return (p["report_base"] + p["report_trust"] * (rs.trust[:, POLICE] - 0.5)
            + p["report_active"] * (rs.state == ACTIVE) - p["report_withdrawn"] * (rs.state == WITHDRAWN))


def protection(ys: YouthState, rs: ResidentStateLike, strength: np.ndarray, shape: tuple[int, int],
               p: dict[str, Any]) -> np.ndarray:
    """The uptake logit z per youth without its programme terms: family risk, peers, bonds, ties, efficacy."""
    h = ys.home
    prosocial = -np.expm1(-strength[h] / ys.strength0)
    grid = np.bincount(rs.home_cell, weights=(rs.state == ACTIVE).astype(float), minlength=shape[0] * shape[1])
    efficacy = sum_around(grid.reshape(shape), ys.home_x, ys.home_y, p["youth_efficacy_radius"]) / ys.homes_around
    return (p["youth_uptake_base"] + p["youth_uptake_relative"] * ys.suspected_relative
            + p["youth_uptake_peer"] * ys.exposure - p["youth_uptake_family"] * (ys.family - 0.5)
            - p["youth_uptake_school"] * (ys.school - 0.5) - p["youth_uptake_prosocial"] * (prosocial - 0.5)
            - p["youth_uptake_efficacy"] * (efficacy - p["youth_efficacy_centre"]))


def programmes(ys: YouthState, risk: np.ndarray, p: dict[str, Any]) -> np.ndarray:
    """Who the programmes in force reach this week, and their bonds' pull; returns the programme terms of z.

    At-risk youths are the ``youth_at_risk_share`` with the highest risk (ties by index); each youth's fixed
    reach draws decide whether a programme with coverage c reaches it (draw < c), so raising a coverage
    adds youths and never swaps them.
    """
    n = ys.n
    order = np.argsort(-risk, kind="stable")
    ys.at_risk[:] = False
    ys.at_risk[order[: max(1, round(p["youth_at_risk_share"] * n))]] = True
    r = ys.reach
    ys.mentored = ys.at_risk & (r[:, 0] < p["youth_mentor_coverage"])
    family = ys.at_risk & (r[:, 1] < p["youth_family_support"])
    school = r[:, 2] < p["youth_school_support"]
    rate, relax = p["youth_support_rate"], p["youth_bond_relax"]
    ys.family += relax * (ys.family_base - ys.family) + rate * family * (1.0 - ys.family)
    ys.school += relax * (ys.school_base - ys.school) + rate * school * (1.0 - ys.school)
    places = round(p["youth_activity_places"] * n)
    pool = np.flatnonzero(ys.at_risk) if p["youth_activity_at_risk_only"] else np.arange(n)
    ys.participant[:] = False
    ys.participant[pool[np.argsort(r[pool, 3], kind="stable")[:places]]] = True
    mentor = p["youth_uptake_mentor"] * (1.0 if p["youth_mentor_emotional"] else p["youth_mentor_plain_factor"])
    return (mentor * ys.mentored + p["youth_uptake_activity"] * ys.participant
            + p["youth_uptake_peer_education"] * (r[:, 4] < p["youth_peer_education"]))


def youth_week(ys: YouthState, rs: ResidentStateLike, network: NetworkLike, near: NearMatrix,
               damage: np.ndarray, shape: tuple[int, int], p: dict[str, Any], rng: np.random.Generator) -> None:
    """One week of stage 11 (module docstring): updates ``ys``, the households' felt intimidation and the
    cells' ``damage`` in place, and this week's youth outputs (``ys.week_out``)."""
    key = stream_key(rng)
    ys.exposure = exposure(ys, rs.n, network, p["youth_group_contact"], p["youth_peer_prior"])
    risk = protection(ys, rs, network.strength(), shape, p)
    z = risk - programmes(ys, risk, p)
    pressure = 1.0 - (1.0 - p["youth_police_pressure"]) * math.exp(-p["youth_signal_policing"] * ys.signal_info)
    rate = (1.0 - pressure) * (p["youth_recruit_base"] + p["youth_recruit_peer"] * ys.exposure
                               + p["youth_recruit_household"] * ys.suspected_household
                               + p["youth_recruit_relative"] * (ys.suspected_relative & ~ys.suspected_household))
    p_desist = p["youth_desist_base"] + p["youth_desist_protective"] * (1.0 - sigmoid(z))
    never = float(np.count_nonzero(~ys.ever))
    counts, kinds, contacts, initiations = youth_kernel(ys.level, ys.ever, z, rate, p_desist,
                                                        p["youth_incident_rate"], p["youth_edge_incident_share"], key)
    ys.intimidation *= 1.0 - p["youth_intimidation_decay"]
    cells = np.repeat(rs.home_cell[ys.home], counts)
    z_report = reporting_logit(rs, p)
    reported = signal_kernel(cells, kinds, near.indptr, near.indices, rs.presence, z_report, ys.intimidation,
                             damage.ravel(), p["youth_share_intimidation"], p["youth_share_damage"],
                             p["youth_damage_per_incident"], p["p_witness"], p["youth_intimidation_effect"],
                             key ^ SIGNAL_KEY)
    ys.signal_info += p["youth_signal_memory"] * (reported - ys.signal_info)
    willing = float(sigmoid(z_report - p["youth_intimidation_effect"] * ys.intimidation).mean()) if rs.n else 0.0
    n = max(ys.n, 1)
    ys.week_out[:] = (np.count_nonzero(ys.level == EDGE) / n, np.count_nonzero(ys.level == INVOLVED) / n,
                      initiations * WEEKS_PER_YEAR / max(never, 1.0), contacts, len(cells), willing)
    grow_up(ys, p, rng)


def grow_up(ys: YouthState, p: dict[str, Any], rng: np.random.Generator) -> None:
    """A week older; a youth who turns 24 leaves and a 12-year-old takes the place in the household."""
    ys.age += 1.0 / WEEKS_PER_YEAR
    gone = np.flatnonzero(ys.age >= AGE_MAX)
    if not len(gone):
        return
    ys.age[gone] = AGE_MIN
    ys.level[gone] = NONE
    ys.ever[gone] = False
    ys.fresh(gone, p, rng)
    ys.family[gone] = ys.family_base[gone]
    ys.school[gone] = ys.school_base[gone]
