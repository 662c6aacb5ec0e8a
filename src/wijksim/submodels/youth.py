"""Stage 11, youth and undermining crime (off by default, ``youth_enabled``): who is approached, who takes it
up, what protects, and what involvement does to the wijk.

**Exposure to deviant peers.** A youth's peers are the youths of its own household and of the households
its household has ties with (weighted by tie strength, :mod:`wijksim.network`), plus ``youth_peer_prior``
prosocial peers from outside (school, sport). With d = ½ for a youth on the edge and 1 for an involved one,
y_h the youths of household h and ȳ their mean over the wijk's households,

    exposure_i = (d_h − d_i + Σ_j w_hj·d_j) / (y_h − 1 + s_h·ȳ + youth_peer_prior),   s_h = Σ_j w_hj;

each tie counts the wijk's mean number of youths (a mean field for the denominator: it keeps the week's
cost to the few households with a deviant youth instead of a pass over every tie).

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
from operator import itemgetter
from typing import Any

import numpy as np
from numba import njit

from ..residents import ACTIVE, POLICE, WITHDRAWN
from ..types import NearMatrix, NetworkLike, ResidentStateLike
from ..youth_state import (
    AGE_MAX,
    EDGE,
    INVOLVED,
    NONE,
    YouthState,
    grow_up,
)
from .draws import stream_key, uniform
from .grid import window_at

DRAWS_PER_YOUTH = 16  # counter block per youth: contact, uptake, desistance, incidents and their kinds
MAX_INCIDENTS = 5  # per youth per week (at the default rate the chance of more is below 1e-7)
WEEKS_PER_YEAR = 52.0
SIGNAL_KEY = 0x5A5A5A5A  # the signal kernel's draws: the week's key with other bits, apart from the youths' draws


@njit(cache=True)
def youth_kernel(level: np.ndarray, ever: np.ndarray, z: np.ndarray, exposure: np.ndarray, household: np.ndarray,
                 relative: np.ndarray, w: np.ndarray, key: int) -> tuple[np.ndarray, np.ndarray, int, int, int]:
    """Approaches, uptake, desistance and the week's undermining incidents, youth by youth (in place on
    ``level`` and ``ever``; module docstring). ``w`` = (1 − pressure, recruit base, peer, household, relative,
    desist base, desist protective, incident rate, edge incident share). Returns (incidents per youth,
    uniform per incident for its kind, approaches, initiations, youths never involved before the week)."""
    n = len(level)
    contacts = initiations = never = 0
    counts = np.zeros(n, np.int64)
    kinds = np.empty(n * MAX_INCIDENTS)
    m = 0
    last_rate, last_p = -1.0, 0.0  # most youths share one approach rate (no deviant peers, no family risk)
    for i in range(n):
        if not ever[i]:
            never += 1
        base = i * DRAWS_PER_YOUTH
        lam = w[7] * (1.0 if level[i] == INVOLVED else w[8] if level[i] == EDGE else 0.0)
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
        if level[i] > NONE and uniform(key, base + 2) < w[5] + w[6] * (1.0 - 1.0 / (1.0 + math.exp(-z[i]))):
            level[i] -= 1
            continue
        rate = w[0] * (w[1] + w[2] * exposure[i] + w[3] * household[i] + w[4] * (relative[i] and not household[i]))
        if level[i] == INVOLVED:
            continue
        if rate != last_rate:
            last_rate, last_p = rate, 1.0 - math.exp(-rate)
        if uniform(key, base) >= last_p:
            continue
        contacts += 1
        if uniform(key, base + 1) * (1.0 + math.exp(-z[i])) < 1.0:
            if level[i] == NONE and not ever[i]:
                initiations += 1
                ever[i] = True
            level[i] += 1
    return counts, kinds[:m].copy(), contacts, initiations, never


@njit(cache=True)
def signal_kernel(cells: np.ndarray, kinds: np.ndarray, near_ptr: np.ndarray, near_idx: np.ndarray,
                  presence: np.ndarray, z_report: np.ndarray, intimidation: np.ndarray, damage: np.ndarray,
                  share_intimidation: float, share_damage: float, damage_per: float, p_witness: float,
                  intimidation_effect: float, key: int, willing: float) -> tuple[int, float]:
    """Each undermining incident's traces (damage, intimidation felt, in place) and whether residents
    report it as a signal; returns the number of incidents reported by at least one household, and
    ``willing`` (Σ over households of the chance to report a signal) corrected for the intimidation added."""
    reported = 0
    d = 0
    for t in range(len(cells)):
        c = cells[t]
        lo, hi = near_ptr[c], near_ptr[c + 1]
        if kinds[t] < share_intimidation:
            for s in range(lo, hi):
                r = near_idx[s]
                willing -= 1.0 / (1.0 + math.exp(intimidation_effect * intimidation[r] - z_report[r]))
                intimidation[r] += 1.0
                willing += 1.0 / (1.0 + math.exp(intimidation_effect * intimidation[r] - z_report[r]))
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
    return reported, willing


@njit(cache=True)
def peer_sums(slot: np.ndarray, level: np.ndarray, home: np.ndarray, strength: np.ndarray,
              youth_mean: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per household with youths (by slot): Σ d of its youths (d = ½ on the edge, 1 involved) and its number
    of peers (its youths, then its tie strength × the wijk's mean youths per household: a mean field), and
    the slots with a deviant youth with their own Σ d (before any spreading). One pass over the youths:
    ``slot`` ascends (YouthState draws the youths household by household), so a household's sums are
    complete when the next one starts, in the same order of additions as a pass per sum."""
    k = slot[-1] + 1 if len(slot) else 0
    dev = np.zeros(k)
    peers = np.zeros(k)
    deviant = np.empty(k, np.int64)
    dev_sum = np.empty(k)
    nd = 0
    for i in range(len(slot)):
        s = slot[i]
        dev[s] += 0.5 * level[i]
        peers[s] += 1.0
        if i + 1 == len(slot) or slot[i + 1] != s:  # the household's last youth: its own sums are complete
            peers[s] += strength[home[i]] * youth_mean
            if dev[s] > 0.0:
                deviant[nd] = s
                dev_sum[nd] = dev[s]
                nd += 1
    return dev, peers, deviant[:nd], dev_sum[:nd]


@njit(cache=True)
def risk_kernel(home: np.ndarray, slot: np.ndarray, level: np.ndarray, dev: np.ndarray, peers: np.ndarray,
                participant: np.ndarray, suspected_relative: np.ndarray, family: np.ndarray, school: np.ndarray,
                strength: np.ndarray, strength0: float, active_around: np.ndarray, homes_around: np.ndarray,
                exposure: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Exposure to deviant peers (in place) and the uptake logit without programme terms, per youth (module
    docstring). ``dev``, ``peers``: deviance along ties plus the household's own, and the number of peers, by
    slot (:func:`peer_sums`); ``w`` = (group contact, peer prior, uptake base, relative, peer, family, school,
    prosocial, efficacy, efficacy centre)."""
    n = len(home)
    group = 0.0
    members = 0
    for i in range(n):
        if participant[i]:
            group += 0.5 * level[i]
            members += 1
    if members:
        group /= members
    risk = np.empty(n)
    prosocial = 0.0
    for i in range(n):
        h = home[i]
        s = slot[i]
        d = 0.5 * level[i]
        e = (dev[s] - d) / max(peers[s] - 1.0 + w[1], 1e-9)
        if participant[i]:
            e = (1.0 - w[0]) * e + w[0] * group
        e = min(max(e, 0.0), 1.0)
        exposure[i] = e
        if i == 0 or slot[i - 1] != s:  # once per household: its youths share its ties
            prosocial = -math.expm1(-strength[h] / strength0)
        efficacy = active_around[i] / homes_around[i]
        risk[i] = (w[2] + w[3] * suspected_relative[i] + w[4] * e - w[5] * (family[i] - 0.5)
                   - w[6] * (school[i] - 0.5) - w[7] * (prosocial - 0.5) - w[8] * (efficacy - w[9]))
    return risk


@njit(cache=True)
def willingness(trust_police: np.ndarray, state: np.ndarray, intimidation: np.ndarray, w: np.ndarray,
                z_report: np.ndarray, decay: float) -> float:
    """A week's decay of felt intimidation (in place), and stage 5a's reporting logit per household without
    the incident's own terms (victim, nuisance focus), into ``z_report``; returns Σ over households of the
    chance of reporting a signal with the intimidation felt. ``w`` = (report base, trust, active, withdrawn,
    intimidation effect)."""
    total = 0.0
    for r in range(len(state)):
        if intimidation[r] != 0.0:  # most households feel none: 0 stays 0 without a write to every one
            intimidation[r] *= 1.0 - decay
        z = w[0] + w[1] * (trust_police[r] - 0.5)
        if state[r] == ACTIVE:
            z += w[2]
        elif state[r] == WITHDRAWN:
            z -= w[3]
        z_report[r] = z
        total += 1.0 / (1.0 + math.exp(w[4] * intimidation[r] - z))
    return total


@njit(cache=True)
def risk_week(home: np.ndarray, slot: np.ndarray, level: np.ndarray, home_cell: np.ndarray, state: np.ndarray,
              width: int, height: int, hx: np.ndarray, hy: np.ndarray, radius: int, tie_ptr: np.ndarray,
              tie_nbr: np.ndarray, tie_edge: np.ndarray, tie_w: np.ndarray, participant: np.ndarray,
              suspected_relative: np.ndarray, youth_mean: float,
              family: np.ndarray, school: np.ndarray, strength: np.ndarray, strength0: float,
              homes_around: np.ndarray, exposure: np.ndarray, w: np.ndarray) -> np.ndarray:
    """:func:`risk_kernel` with its inputs made in the same call (one compiled call: the stage's cost is mostly
    calls): the peer sums (:func:`peer_sums`), deviance spread from the few households with a deviant youth,
    in ascending order, along their live ties to other households with youths (``tie_*``, by slot), and the
    active households around each youth's home."""
    dev, peers, deviant, dev_sum = peer_sums(slot, level, home, strength, youth_mean)
    for j in range(len(deviant)):
        s = deviant[j]
        for k in range(tie_ptr[s], tie_ptr[s + 1]):
            we = tie_w[tie_edge[k]]
            if we > 0.0:
                dev[tie_nbr[k]] += we * dev_sum[j]
    grid = np.zeros(width * height)  # by flat cell: no integer division per household
    for r in range(len(state)):
        if state[r] == ACTIVE:
            grid[home_cell[r]] += 1.0
    active = window_at(grid.reshape((width, height)), radius, hx, hy, False)
    return risk_kernel(home, slot, level, dev, peers, participant, suspected_relative, family, school, strength,
                       strength0, active, homes_around, exposure, w)


def protection(ys: YouthState, rs: ResidentStateLike, network: NetworkLike, shape: tuple[int, int],
               p: dict[str, Any]) -> np.ndarray:
    """Exposure (into ``ys.exposure``) and the uptake logit z per youth without its programme terms: family
    risk, peers, bonds, ties, efficacy around home."""
    w = weights(ys, p)[RISK_W]
    return risk_week(ys.home, ys.slot, ys.level, rs.home_cell, rs.state, shape[0], shape[1], ys.home_x, ys.home_y,
                     int(p["youth_efficacy_radius"]), ys.tie_ptr, ys.tie_nbr, ys.tie_edge, network.w,
                     ys.participant, ys.suspected_relative, ys.n / max(rs.n, 1), ys.family, ys.school,
                     network.strength(), ys.strength0, ys.homes_around, ys.exposure, w)


#: the levers of the programmes: with all of them at zero the week skips choosing whom they reach
PROGRAMME_LEVERS = ("youth_mentor_coverage", "youth_family_support", "youth_school_support", "youth_activity_places",
                    "youth_peer_education")
LEVERS_OF = itemgetter(*PROGRAMME_LEVERS)  # one C call for the week's lookups of the levers


def release(ys: YouthState) -> None:
    """No programme in force: nobody is mentored or in activities any more (cleared once, when they end)."""
    if ys.reached:
        ys.mentored[:] = False
        ys.participant[:] = False
        ys.reached = False


def programmes(ys: YouthState, risk: np.ndarray, p: dict[str, Any]) -> np.ndarray | None:
    """Who the programmes in force reach this week, and their bonds' pull; returns the programme terms of z
    (None when no programme is in force: then the bonds only relax back, in :func:`undermining_week`).

    At-risk youths are the ``youth_at_risk_share`` with the highest risk (ties by index); each youth's fixed
    reach draws decide whether a programme with coverage c reaches it (draw < c), so raising a coverage
    adds youths and never swaps them. ``at_risk`` is refreshed in the weeks a programme is in force.
    """
    relax, rate = p["youth_bond_relax"], p["youth_support_rate"]
    if not any(LEVERS_OF(p)):  # the bonds relax back in :func:`undermining_week`
        release(ys)
        return None
    ys.reached = True
    n = ys.n
    order = np.argsort(-risk, kind="stable")
    ys.at_risk[:] = False
    ys.at_risk[order[: max(1, round(p["youth_at_risk_share"] * n))]] = True
    r = ys.reach
    ys.mentored = ys.at_risk & (r[:, 0] < p["youth_mentor_coverage"])
    family = ys.at_risk & (r[:, 1] < p["youth_family_support"])
    school = r[:, 2] < p["youth_school_support"]
    ys.family += relax * (ys.family_base - ys.family) + rate * family * (1.0 - ys.family)
    ys.school += relax * (ys.school_base - ys.school) + rate * school * (1.0 - ys.school)
    places = round(p["youth_activity_places"] * n)
    pool = np.flatnonzero(ys.at_risk) if p["youth_activity_at_risk_only"] else np.arange(n)
    ys.participant[:] = False
    ys.participant[pool[np.argsort(r[pool, 3], kind="stable")[:places]]] = True
    mentor = p["youth_uptake_mentor"] * (1.0 if p["youth_mentor_emotional"] else p["youth_mentor_plain_factor"])
    return (mentor * ys.mentored + p["youth_uptake_activity"] * ys.participant
            + p["youth_uptake_peer_education"] * (r[:, 4] < p["youth_peer_education"]))


@njit(cache=True)
def undermining_week(level: np.ndarray, ever: np.ndarray, z: np.ndarray, exposure: np.ndarray,
                     household: np.ndarray, relative: np.ndarray, w: np.ndarray, key: int, home: np.ndarray,
                     home_cell: np.ndarray, intimidation: np.ndarray, trust_police: np.ndarray, state: np.ndarray,
                     presence: np.ndarray, near_ptr: np.ndarray, near_idx: np.ndarray, damage: np.ndarray,
                     ws: np.ndarray, wr: np.ndarray, age: np.ndarray, family: np.ndarray, family_base: np.ndarray,
                     school: np.ndarray, school_base: np.ndarray, relax: float) -> tuple[np.ndarray, int, int]:
    """The week after the uptake logit, in one compiled call: :func:`youth_kernel`, the incidents' traces and
    signals (:func:`signal_kernel`), willingness (:func:`willingness`), the outputs (:func:`outputs`) and a
    week of age. ``ws`` = (intimidation decay, share intimidation, share damage, damage per incident,
    p_witness, intimidation effect); ``wr`` as for :func:`willingness`; ``relax``: the bonds' pull back to
    their baselines in a week without programmes (0 when :func:`programmes` moved them). Returns (outputs,
    reported signals, youths who turned 24)."""
    counts, kinds, contacts, initiations, never = youth_kernel(level, ever, z, exposure, household, relative, w, key)
    cells = np.empty(len(kinds), np.int64)
    m = 0
    for i in range(len(counts)):
        for _ in range(counts[i]):
            cells[m] = home_cell[home[i]]
            m += 1
    z_report = np.empty(len(state))
    willing = willingness(trust_police, state, intimidation, wr, z_report, ws[0])
    reported, willing = signal_kernel(cells, kinds, near_ptr, near_idx, presence, z_report, intimidation, damage,
                                      ws[1], ws[2], ws[3], ws[4], ws[5], key ^ SIGNAL_KEY, willing)
    willing /= max(len(state), 1)
    leaving = 0
    for i in range(len(age)):
        age[i] += 1.0 / WEEKS_PER_YEAR
        if age[i] >= AGE_MAX:
            leaving += 1
        family[i] += relax * (family_base[i] - family[i])
        school[i] += relax * (school_base[i] - school[i])
    return outputs(level, initiations, never, contacts, len(cells), willing), reported, leaving


def youth_week(ys: YouthState, rs: ResidentStateLike, network: NetworkLike, near: NearMatrix,
               damage: np.ndarray, shape: tuple[int, int], p: dict[str, Any], rng: np.random.Generator) -> None:
    """One week of stage 11 (module docstring): updates ``ys``, the households' felt intimidation and the
    cells' ``damage`` in place, and this week's youth outputs (``ys.week_out``)."""
    key = stream_key(rng)
    if not any(LEVERS_OF(p)):  # no programme: the whole week in one compiled call
        if ys.reached:
            release(ys)
        ys.week_out, reported, leaving = plain_week(ys, rs, network, near, damage, shape, p, key)
    else:
        risk = protection(ys, rs, network, shape, p)
        terms = programmes(ys, risk, p)  # in force: the programme terms, never None here
        wa = weights(ys, p)
        ys.week_out, reported, leaving = undermining_week(
            ys.level, ys.ever, risk if terms is None else risk - terms, ys.exposure, ys.suspected_household,
            ys.suspected_relative, wa[YOUTH_W], key, ys.home, rs.home_cell, ys.intimidation,
            rs.trust[:, POLICE], rs.state, rs.presence, near.indptr, near.indices, damage.reshape(-1),
            wa[SIGNAL_W], wa[WILLING_W], ys.age, ys.family, ys.family_base, ys.school, ys.school_base, 0.0)
    ys.signal_info += p["youth_signal_memory"] * (reported - ys.signal_info)
    if leaving:
        grow_up(ys, leaving, p, rng)


#: the parameters of the week's kernels, in the order of one weights array (:func:`weights`): the uptake logit's
#: (``w`` of :func:`risk_kernel`), the youth kernel's after its first entry, 1 − pressure (``w`` of
#: :func:`youth_kernel`), the traces' and signals' (``ws``) and willingness's (``wr`` of :func:`willingness`)
WEIGHT_NAMES: tuple[str, ...] = (
    "youth_group_contact", "youth_peer_prior", "youth_uptake_base", "youth_uptake_relative", "youth_uptake_peer",
    "youth_uptake_family", "youth_uptake_school", "youth_uptake_prosocial", "youth_uptake_efficacy",
    "youth_efficacy_centre",
    "youth_recruit_base", "youth_recruit_peer", "youth_recruit_household", "youth_recruit_relative",
    "youth_desist_base", "youth_desist_protective", "youth_incident_rate", "youth_edge_incident_share",
    "youth_intimidation_decay", "youth_share_intimidation", "youth_share_damage", "youth_damage_per_incident",
    "p_witness", "youth_intimidation_effect",
    "report_base", "report_trust", "report_active", "report_withdrawn", "youth_intimidation_effect",
)
#: where each kernel's weights lie in the array of :func:`weights` (the youth kernel's first is 1 − pressure)
RISK_W, YOUTH_W, SIGNAL_W, WILLING_W = np.s_[0:10], np.s_[10:19], np.s_[19:25], np.s_[25:30]
WEIGHTS_OF = itemgetter(*WEIGHT_NAMES)  # the week's parameter values as a tuple, in one C call


def weights(ys: YouthState, p: dict[str, Any]) -> np.ndarray:
    """The week's kernel parameters as one array (:data:`WEIGHT_NAMES`, with 1 − pressure at index 10, this
    week's police pressure on recruiters). Built again only when a parameter changed (a programme's lever):
    the stage's cost is mostly its Python around the kernels, and these lookups were a quarter of it."""
    key = WEIGHTS_OF(p)
    if key != ys.weight_key:
        ys.weight_key = key
        ys.weight_array = np.array((*key[:10], 0.0, *key[10:]), dtype=float)
    pressure = 1.0 - (1.0 - p["youth_police_pressure"]) * math.exp(-p["youth_signal_policing"] * ys.signal_info)
    ys.weight_array[10] = 1.0 - pressure
    return ys.weight_array


def plain_week(ys: YouthState, rs: ResidentStateLike, network: NetworkLike, near: NearMatrix, damage: np.ndarray,
               shape: tuple[int, int], p: dict[str, Any], key: int) -> tuple[np.ndarray, int, int]:
    """A week without programmes: :func:`protection` and :func:`undermining_week` in one compiled call
    (:func:`plain_kernel`), the same numbers as the two calls (the stage's cost is mostly calls)."""
    args = (*fixed_args(ys, rs, near, damage, shape), rs.home_cell, rs.state, network.w, network.strength(),
            rs.trust[:, POLICE], rs.presence, weights(ys, p), key, int(p["youth_efficacy_radius"]),
            p["youth_bond_relax"])
    return plain_kernel(*args)


def fixed_args(ys: YouthState, rs: ResidentStateLike, near: NearMatrix, damage: np.ndarray,
               shape: tuple[int, int]) -> tuple[Any, ...]:
    """The arguments of :func:`plain_kernel` that stay the same objects all run (the youths' arrays, changed
    only in place, and the wijk's fixed witness matrix and damage layer): gathered once, not some thirty
    attribute look-ups a week. Gathered again if the witness matrix or the damage layer is another object."""
    cached = ys.kernel_args
    if not cached or cached[0] is not near or cached[1] is not damage:
        ys.kernel_args = (near, damage, (
            ys.home, ys.slot, ys.level, shape[0], shape[1], ys.home_x, ys.home_y, ys.tie_ptr, ys.tie_nbr,
            ys.tie_edge, ys.participant, ys.suspected_relative, ys.n / max(rs.n, 1), ys.family, ys.school,
            ys.strength0, ys.homes_around, ys.exposure, ys.ever, ys.suspected_household, ys.intimidation,
            near.indptr, near.indices, damage.reshape(-1), ys.age, ys.family_base, ys.school_base))
    args: tuple[Any, ...] = ys.kernel_args[2]
    return args


@njit(cache=True)
def plain_kernel(home: np.ndarray, slot: np.ndarray, level: np.ndarray, width: int, height: int, hx: np.ndarray,
                 hy: np.ndarray, tie_ptr: np.ndarray, tie_nbr: np.ndarray, tie_edge: np.ndarray,
                 participant: np.ndarray, suspected_relative: np.ndarray, youth_mean: float, family: np.ndarray,
                 school: np.ndarray, strength0: float, homes_around: np.ndarray, exposure: np.ndarray,
                 ever: np.ndarray, household: np.ndarray, intimidation: np.ndarray, near_ptr: np.ndarray,
                 near_idx: np.ndarray, damage: np.ndarray, age: np.ndarray, family_base: np.ndarray,
                 school_base: np.ndarray, home_cell: np.ndarray, state: np.ndarray, tie_w: np.ndarray,
                 strength: np.ndarray, trust_police: np.ndarray, presence: np.ndarray, wa: np.ndarray, key: int,
                 radius: int, relax: float) -> tuple[np.ndarray, int, int]:
    """:func:`risk_week` then :func:`undermining_week` (arguments as theirs: first those of :func:`fixed_args`,
    then the week's; ``wa`` the array of :func:`weights`, sliced here as :data:`RISK_W` etc. say)."""
    w_risk, w, ws, wr = wa[0:10], wa[10:19], wa[19:25], wa[25:30]  # RISK_W, YOUTH_W, SIGNAL_W, WILLING_W
    z = risk_week(home, slot, level, home_cell, state, width, height, hx, hy, radius, tie_ptr, tie_nbr,
                  tie_edge, tie_w, participant, suspected_relative, youth_mean, family, school, strength, strength0,
                  homes_around, exposure, w_risk)
    return undermining_week(level, ever, z, exposure, household, suspected_relative, w, key, home, home_cell,
                            intimidation, trust_police, state, presence, near_ptr, near_idx, damage, ws, wr, age,
                            family, family_base, school, school_base, relax)


@njit(cache=True)
def outputs(level: np.ndarray, initiations: int, never: int, contacts: int, incidents: int,
            willing: float) -> np.ndarray:
    """This week's youth outputs (the order of :data:`wijksim.outputs.YOUTH_OUTPUTS`)."""
    edge = involved = 0
    for i in range(len(level)):
        if level[i] == EDGE:
            edge += 1
        elif level[i] == INVOLVED:
            involved += 1
    n = max(len(level), 1)
    return np.array([edge / n, involved / n, initiations * WEEKS_PER_YEAR / max(never, 1), float(contacts),
                     float(incidents), willing])
