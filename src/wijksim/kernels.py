"""Compiled inner loops of the weekly step (numba, ``cache=True``).

Why these exist: written as numpy expressions, one week is a few hundred array operations, each of
which walks the whole array and allocates a temporary. At 50,000 households that is memory traffic;
at 2,000 households (a sweep run) it is the fixed cost of calling numpy a few hundred times. A kernel
here fuses the arithmetic of one submodel into a single pass over its households, ties or cells.

The meaning of every formula lives in the submodel that calls the kernel (``network``, ``incidents``,
``residents``, ``neighbourhood``); the kernels only say how to loop. A kernel that needs random
numbers takes a 63-bit key drawn from the model's stream for that stage (:func:`stream_key`) and
numbers its draws (:func:`uniform`); where a household or incident has a fixed share of draws, its
draws are numbered by its index, so they stay aligned between scenarios.

Exponentials are left to numpy: its vectorised ``exp`` is about ten times faster than the scalar one
inside a compiled loop, so where every household or cell needs one, a kernel computes the exponent
and its caller applies ``np.exp`` to the whole array.

Compiled functions are cached on disk (``cache=True``): the first run on a machine compiles them
(tens of seconds), later runs and worker processes load them in milliseconds.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from numba import njit

# --- cells -------------------------------------------------------------------------------------


@njit(cache=True)
def summed_area(a: np.ndarray) -> np.ndarray:
    """Summed-area table: ``s[x, y]`` = Σ a[:x, :y] (one row and column of zeros in front).

    Any window sum is then four look-ups, whatever its radius: two passes over the grid replace the
    (2r+1)-fold work of summing windows directly.
    """
    w, h = a.shape
    s = np.empty((w + 1, h + 1))
    s[0, :] = 0.0
    for x in range(w):
        s[x + 1, 0] = 0.0
        acc = 0.0
        for y in range(h):
            acc += a[x, y]
            s[x + 1, y + 1] = s[x, y + 1] + acc
    return s


@njit(cache=True)
def box_sum(a: np.ndarray, r: int) -> np.ndarray:
    """Sum of ``a`` over the (2r+1)² Chebyshev neighbourhood of every cell, zero outside the grid.

    From a summed-area table: exact on integer-valued layers, within ~1e−11 on others.
    """
    w, h = a.shape
    s = summed_area(a)
    out = np.empty((w, h))
    for x in range(w):
        x0, x1 = max(0, x - r), min(w, x + r + 1)
        for y in range(h):
            y0, y1 = max(0, y - r), min(h, y + r + 1)
            out[x, y] = s[x1, y1] - s[x0, y1] - s[x1, y0] + s[x0, y0]
    return out


@njit(cache=True)
def window_at(a: np.ndarray, r: int, px: np.ndarray, py: np.ndarray, mean: bool) -> np.ndarray:
    """Per point (``px``, ``py``): the sum of ``a`` within ``r`` — or with ``mean``, its mean over the
    cells of that window that lie inside the grid."""
    w, h = a.shape
    s = summed_area(a)
    out = np.empty(len(px))
    for i in range(len(px)):
        x0, x1 = max(0, px[i] - r), min(w, px[i] + r + 1)
        y0, y1 = max(0, py[i] - r), min(h, py[i] + r + 1)
        v = s[x1, y1] - s[x0, y1] - s[x1, y0] + s[x0, y0]
        out[i] = v / ((x1 - x0) * (y1 - y0)) if mean else v
    return out


# --- random numbers ----------------------------------------------------------------------------

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def stream_key(rng: np.random.Generator) -> int:
    """A key for :func:`uniform`, drawn from ``rng`` (63 bits, so numba always sees one integer type).

    Why not hand the ``Generator`` itself to a kernel: numba unboxes a Generator through Python on every
    call (about 12 µs), which at 2,000 households costs more than the random numbers themselves.
    """
    return int(rng.bit_generator.random_raw()) >> 1


@njit(cache=True)
def uniform(key: int, counter: int) -> float:
    """The ``counter``-th uniform in [0, 1) of the stream ``key`` (SplitMix64, counter-based).

    Stateless: a kernel numbers its draws, so household ``i``'s draw can be number ``i`` whatever the
    others drew (common random numbers across scenarios). SplitMix64 passes BigCrush; keys come from
    the model's PCG64 streams (:func:`stream_key`), one per kernel call.
    """
    z = np.uint64(key) + np.uint64(counter + 1) * _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    z = z ^ (z >> np.uint64(31))
    return float(z >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def geometric_gap(u: float, log_miss: float) -> int:
    """Failures before the next success of a Bernoulli(q) sequence, ``log_miss`` = log(1 − q), from one
    uniform ``u``.

    Skipping ahead by geometric gaps and then accepting a proposal with chance p/q (thinning) gives
    the same events as one uniform per trial with chance p ≤ q, at a cost per event instead of per trial.
    """
    if log_miss == -np.inf:
        return 0
    return math.floor(min(math.log(1.0 - u) / log_miss, 4.0e18))  # capped: no int64 overflow


@njit(cache=True)
def stamp(w: int, h: int, x: np.ndarray, y: np.ndarray, r: int, weight: np.ndarray) -> np.ndarray:
    """A zero grid plus ``weight[i]`` on every cell within ``r`` of each point (x[i], y[i])."""
    out = np.zeros((w, h))
    for i in range(len(x)):
        for cx in range(max(0, x[i] - r), min(w - 1, x[i] + r) + 1):
            for cy in range(max(0, y[i] - r), min(h - 1, y[i] + r) + 1):
                out[cx, cy] += weight[i]
    return out


@njit(cache=True)
def scatter_to_grid(shape0: int, shape1: int, x: np.ndarray, y: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A zero grid with ``v[i]`` at ``(x[i], y[i])`` (one household per dwelling cell)."""
    g = np.zeros((shape0, shape1))
    for i in range(len(x)):
        g[x[i], y[i]] = v[i]
    return g


@njit(cache=True)
def guardianship_exponent(x: np.ndarray, y: np.ndarray, eyes: np.ndarray, radius: int, bushes: np.ndarray,
                 bush_sightline: float, patrol: np.ndarray, kappa_residents: float,
                 kappa_patrol: float) -> np.ndarray:
    """z = κ_r·Σ eyes within ``radius``·visibility + κ_p·patrol per cell, where guardianship is
    g = 1 − e^−z; ``eyes[i]`` is household i's watchfulness out of doors, at its home (``x``, ``y``)."""
    w, h = bushes.shape
    grid = np.zeros((w, h))
    for i in range(len(x)):
        grid[x[i], y[i]] += eyes[i]
    near = box_sum(grid, radius)
    out = np.empty((w, h))
    for cx in range(w):
        for cy in range(h):
            out[cx, cy] = (kappa_residents * near[cx, cy] * (1.0 - bush_sightline * bushes[cx, cy])
                           + kappa_patrol * patrol[cx, cy])
    return out


@njit(cache=True)
def disorder(litter: np.ndarray, damage: np.ndarray) -> np.ndarray:
    """Visible disorder ``1 − (1 − litter)(1 − damage)`` per cell."""
    out = np.empty(litter.shape)
    lf, df, of = litter.ravel(), damage.ravel(), out.ravel()
    for c in range(len(of)):
        of[c] = 1.0 - (1.0 - lf[c]) * (1.0 - df[c])
    return out


# --- incidents ---------------------------------------------------------------------------------


@njit(cache=True)
def draw_incidents(dis: np.ndarray, bushes: np.ndarray, hardening: np.ndarray, risk: np.ndarray,
                   guardianship: np.ndarray, is_dwelling: np.ndarray, is_public: np.ndarray, m_eff: float,
                   guardianship_effect: float, rate_nuisance: float, disorder_attraction: float,
                   rate_burglary: float, rate_street: float, bush_attraction: float,
                   key: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Bernoulli incidents with p = 1 − e^−λ per cell and type (λ: see :func:`wijksim.incidents.draw_incidents`).

    Exact and cheap when incidents are rare: lay the hazards end to end (type-major, then row-major)
    and throw a unit-rate Poisson process on that line (exponential gaps), computing each hazard as
    the scan reaches it. A (type, cell) has an
    incident when at least one point falls in its interval, which happens with chance 1 − e^−λ,
    independently of all others. Random numbers are drawn per incident, not per cell.
    Returns (kind, flat cell, total hazard).
    """
    w, h = dis.shape
    kinds = np.empty(3 * w * h, np.int8)  # untouched beyond the few incidents written
    cells = np.empty(3 * w * h, np.int64)
    n_hit = 0
    cum = 0.0
    c = 0  # draws so far (stream ``key``)
    point = -math.log(1.0 - uniform(key, c))
    for k in range(3):
        for x in range(w):
            for y in range(h):
                unguarded = (1.0 - guardianship_effect * guardianship[x, y]) * (1.0 + risk[x, y]) * m_eff
                if k == 0:
                    lam = rate_nuisance * (1.0 + disorder_attraction * dis[x, y]) * unguarded
                elif k == 1:
                    lam = rate_burglary * 2.0 * (1.0 - hardening[x, y]) * unguarded if is_dwelling[x, y] else 0.0
                else:
                    lam = rate_street * (1.0 + bush_attraction * bushes[x, y]) * unguarded if is_public[x, y] else 0.0
                cum += lam
                if point < cum:
                    kinds[n_hit] = k
                    cells[n_hit] = x * h + y
                    n_hit += 1
                    while point < cum:
                        c += 1
                        point -= math.log(1.0 - uniform(key, c))
    return kinds[:n_hit].copy(), cells[:n_hit].copy(), cum


@njit(cache=True)
def witness_and_report(cells: np.ndarray, kinds: np.ndarray, near_ptr: np.ndarray, near_idx: np.ndarray,
                       dwelling_resident: np.ndarray, presence: np.ndarray, visibility: np.ndarray,
                       state: np.ndarray, trust_police: np.ndarray, report_focus: np.ndarray, witnessed: np.ndarray,
                       victimised: np.ndarray, reports: np.ndarray, incidents_map: np.ndarray,
                       reported_map: np.ndarray, p_witness: float, report_base: float, report_trust: float,
                       report_active: float, report_withdrawn: float, report_victim: float,
                       key: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Victims, witnesses and reports, incident by incident (see :func:`wijksim.incidents.witness_and_report`).

    ``near_ptr``/``near_idx`` list, per cell, the households living within the witness radius.
    Exposures (``witnessed``, ``victimised``, ``reports``) and the maps are updated in place.
    Returns (victim per incident or −1, reported per incident, and per report: incident, household).
    """
    k = len(cells)
    victim = np.full(k, -1, np.int64)
    reported = np.zeros(k, np.bool_)
    n_pairs = 0
    for t in range(k):
        n_pairs += near_ptr[cells[t] + 1] - near_ptr[cells[t]]
    rep_inc = np.empty(n_pairs + k, np.int64)
    rep_res = np.empty(n_pairs + k, np.int64)
    n_rep = 0
    d = 0  # draws so far (stream ``key``)
    for t in range(k):
        c = cells[t]
        lo, hi = near_ptr[c], near_ptr[c + 1]
        if kinds[t] == 1:  # burglary: the household that lives there
            victim[t] = dwelling_resident[c]
        elif kinds[t] == 2:  # street crime: someone out nearby (∝ presence), or half the time a passer-by
            u_v, u_out = uniform(key, d), uniform(key, d + 1)
            d += 2
            total = 0.0
            for s in range(lo, hi):
                total += presence[near_idx[s]]
            if total > 0.0 and u_out >= 0.5:
                target = u_v * total
                acc = 0.0
                for s in range(lo, hi):
                    acc += presence[near_idx[s]]
                    if acc > target:
                        victim[t] = near_idx[s]
                        break
                if victim[t] < 0:
                    victim[t] = near_idx[hi - 1]
        v = victim[t]
        see = p_witness * visibility[c]
        victim_done = False
        for s in range(lo, hi + 1):
            if s < hi:
                r = near_idx[s]
                is_victim = r == v
                if not is_victim:
                    d += 1
                    if uniform(key, d) >= see * presence[r]:
                        continue
            else:  # a victim who lives outside the radius still finds out (their home, their bag)
                if v < 0 or victim_done:
                    break
                r = v
                is_victim = True
            if is_victim:
                victim_done = True
            else:
                witnessed[r] += 1.0
            z = (report_base + report_trust * (trust_police[r] - 0.5) + (report_active if state[r] == 2 else 0.0)
                 - (report_withdrawn if state[r] == 0 else 0.0) + (report_victim if is_victim else 0.0)
                 + (report_focus[r] if kinds[t] == 0 else 0.0))
            d += 1
            if uniform(key, d) * (1.0 + math.exp(-z)) < 1.0:
                reported[t] = True
                rep_inc[n_rep] = t
                rep_res[n_rep] = r
                n_rep += 1
                reports[r] += 1.0
        if v >= 0:
            victimised[v] += 1.0
        incidents_map[c] += 1.0
        if reported[t]:
            reported_map[c] += 1.0
    return victim, reported, rep_inc[:n_rep].copy(), rep_res[:n_rep].copy()


# --- ties ----------------------------------------------------------------------------------------


@njit(cache=True)
def weighted_sums(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, live: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Σ_j w_ij x_jc for every household i and column c of ``x`` (n × m), in one pass over the live ties."""
    n, m = x.shape
    out = np.zeros((n, m))
    for k in range(len(live)):
        e = live[k]
        i, j, we = ei[e], ej[e], w[e]
        for c in range(m):
            out[i, c] += we * x[j, c]
            out[j, c] += we * x[i, c]
    return out


@njit(cache=True)
def strength(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, live: np.ndarray, n: int) -> np.ndarray:
    """Σ_j w_ij for every household."""
    out = np.zeros(n)
    for k in range(len(live)):
        e = live[k]
        out[ei[e]] += w[e]
        out[ej[e]] += w[e]
    return out


@njit(cache=True)
def tie_week(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, meet_factor: np.ndarray, local_edges: np.ndarray,
             live: np.ndarray, n_live: int, presence: np.ndarray, withdrawn: np.ndarray, meet_gain: float,
             decay: float, decay_withdrawn: float, formation_cap: float, rate: float, break_below: float,
             new_tie: float, key: int, strength: np.ndarray, active: np.ndarray,
             active_sum: np.ndarray) -> tuple[int, int]:
    """One week of tie dynamics (see :meth:`wijksim.network.SocialNetwork.week`).

    The live ties ``live[:n_live]`` are updated and compacted in place (broken ones drop out); then
    every local pair at zero may start a tie: Bernoulli trials with chance ``rate·meet`` over the
    static list ``local_edges``, run by thinning against ``formation_cap`` ≥ the largest meet factor
    (pairs that have a tie are skipped when proposed), and new ties are appended to ``live``.
    ``strength`` receives Σ_j w_ij and, if ``active`` (0/1 per household) is not empty, ``active_sum``
    receives Σ_j w_ij·active_j: both come free with the pass. Returns (live ties, formed).
    """
    with_active = len(active) > 0
    n = len(presence)
    out = np.empty(n)  # √presence: meet = √(p_i·p_j)·factor = √p_i·√p_j·factor
    fade = np.empty(n)  # each withdrawn end adds decay_withdrawn to the fading
    for i in range(n):
        out[i] = math.sqrt(presence[i])
        fade[i] = decay_withdrawn if withdrawn[i] else 0.0
    strength[:] = 0.0
    if with_active:
        active_sum[:] = 0.0
    kept = 0
    for k in range(n_live):
        e = live[k]
        i, j = ei[e], ej[e]
        we = w[e]
        meet = out[i] * out[j] * meet_factor[e]
        we = we + we * (meet_gain * meet * (1.0 - we) - (decay + fade[i] + fade[j]))
        we = min(max(we, 0.0), 1.0)
        if we < break_below:
            we = 0.0
        w[e] = we
        if we > 0.0:
            live[kept] = e
            kept += 1
            strength[i] += we
            strength[j] += we
            if with_active:
                active_sum[i] += we * active[j]
                active_sum[j] += we * active[i]
    formed = 0
    q = min(1.0, rate * formation_cap)  # meet ≤ the largest factor (presence ≤ 1)
    if q > 0.0:
        log_miss = math.log1p(-q) if q < 1.0 else -np.inf
        d = 0  # draws so far (stream ``key``)
        t = geometric_gap(uniform(key, d), log_miss)
        while t < len(local_edges):
            e = local_edges[t]
            if w[e] == 0.0:
                i, j = ei[e], ej[e]
                d += 1
                if uniform(key, d) * q < rate * out[i] * out[j] * meet_factor[e]:
                    w[e] = new_tie
                    live[kept] = e
                    kept += 1
                    strength[i] += new_tie
                    strength[j] += new_tie
                    if with_active:
                        active_sum[i] += new_tie * active[j]
                        active_sum[j] += new_tie * active[i]
                    formed += 1
            d += 1
            t += 1 + geometric_gap(uniform(key, d), log_miss)
    return kept, formed


@njit(cache=True)
def gossip_trust(indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray, w: np.ndarray,
                 sources: np.ndarray, delta: np.ndarray, share: float, trust: np.ndarray, partner: int) -> None:
    """Each source's trust change ``delta[k]`` reaches its ties, weighted by tie strength and ``share``;
    a receiver's trust in ``partner`` moves by the total: up as told·(1 − t), down as told·t.
    Only the sources' ties are visited (see :func:`wijksim.partners.share_experiences`)."""
    n = len(indptr) - 1
    told = np.zeros(n)
    seen = np.zeros(n, np.bool_)
    touched = np.empty(indptr[-1], np.int64)
    m = 0
    for k in range(len(sources)):
        i = sources[k]
        v = share * delta[k]
        if v == 0.0:
            continue
        for slot in range(indptr[i], indptr[i + 1]):
            we = w[slot_edge[slot]]
            if we > 0.0:
                j = indices[slot]
                told[j] += we * v
                if not seen[j]:
                    seen[j] = True
                    touched[m] = j
                    m += 1
    for q in range(m):
        j = touched[q]
        d, t = told[j], trust[j, partner]
        t += d * (1.0 - t) if d > 0.0 else d * t
        trust[j, partner] = min(max(t, 0.0), 1.0)


@njit(cache=True)
def spread_from(indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray, w: np.ndarray,
                sources: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Σ_i w_ij value_i over a few ``sources`` i, for every household j: a weighted sum along ties
    when only a few households have something to pass on (cost per source tie, not per tie)."""
    out = np.zeros(n)
    for k in range(len(sources)):
        i = sources[k]
        v = value[i]
        for slot in range(indptr[i], indptr[i + 1]):
            we = w[slot_edge[slot]]
            if we > 0.0:
                out[indices[slot]] += we * v
    return out


# --- households ----------------------------------------------------------------------------------


@njit(cache=True)
def presence_logit(state: np.ndarray, fear: np.ndarray, neglect_home: np.ndarray, participating: np.ndarray,
             base: float, active: float, withdrawn: float, b_fear: float, b_disorder: float,
             b_participation: float) -> np.ndarray:
    """The logit of presence per household (see :func:`wijksim.residents.update_presence`)."""
    n = len(state)
    out = np.empty(n)
    for i in range(n):
        out[i] = (base + (active if state[i] == 2 else 0.0) - (withdrawn if state[i] == 0 else 0.0)
                  - b_fear * fear[i] - b_disorder * neglect_home[i] + b_participation * min(participating[i], 1.0))
    return out


@njit(cache=True)
def fear(fear: np.ndarray, sensitivity: np.ndarray, victim: np.ndarray, seen: np.ndarray,
         told: np.ndarray, disorder_home: np.ndarray, guardianship_home: np.ndarray, worry: np.ndarray,
         support: np.ndarray, f_victim: float, f_witness: float, f_hear: float, f_disorder: float,
         f_worry: float, decay: float, reassure_support: float, reassure_guardianship: float) -> None:
    """Fear update in place (see :func:`wijksim.residents.update_fear`); ``seen`` and ``told`` are the
    saturated exposures 1 − e^−witnessed and 1 − e^−heard."""
    for i in range(len(fear)):
        threat = (f_victim * min(victim[i], 1.0) + f_witness * seen[i] * 2.0 + f_hear * told[i] * 2.0
                  + f_disorder * disorder_home[i] + f_worry * worry[i])
        f = fear[i]
        f += min(1.0, sensitivity[i] * threat) * (1.0 - f)
        f -= decay * (1.0 + reassure_support * support[i] + reassure_guardianship * guardianship_home[i]) * f
        fear[i] = min(max(f, 0.0), 1.0)


@njit(cache=True)
def decide(state: np.ndarray, support: np.ndarray, split: np.ndarray, trust: np.ndarray, awareness: np.ndarray,
           fatigue: np.ndarray, fear: np.ndarray, coordinator: np.ndarray, local_norm: np.ndarray,
           key: int, b0_active: float,
           b_support: float, b_norm: float, b_trust: float, b_awareness: float, b_fatigue: float,
           fear_to_action: float, habit: float, w0_withdrawn: float, fear_to_withdrawal: float,
           attrition: float, attrition_crowding: float, p_reconsider: float) -> np.ndarray:
    """The multinomial-logit choice per household (see :func:`wijksim.residents.decide`).

    Household i's draws are numbers 3i (reconsider?), 3i + 1 (the choice) and 3i + 2 (attrition) of
    stream ``key``; only the ones needed are computed.
    """
    n = len(state)
    new = np.empty(n, np.int8)
    for i in range(n):
        s = state[i]
        if uniform(key, 3 * i) < p_reconsider:
            t = (trust[i, 0] + trust[i, 1] + trust[i, 2]) / 3.0
            u_act = (b0_active + b_support * support[i] + b_norm * local_norm[i] + b_trust * (t - 0.5)
                     + b_awareness * awareness[i] - b_fatigue * fatigue[i] + fear_to_action * fear[i] * split[i]
                     + (habit if s == 2 else 0.0))
            u_wd = w0_withdrawn + fear_to_withdrawal * fear[i] * (1.0 - split[i]) + (habit if s == 0 else 0.0)
            u_pas = habit if s == 1 else 0.0
            top = max(max(u_act, u_wd), u_pas)
            e_w, e_p, e_a = math.exp(u_wd - top), math.exp(u_pas - top), math.exp(u_act - top)
            uc = uniform(key, 3 * i + 1) * (e_w + e_p + e_a)
            s = 0 if uc < e_w else (1 if uc < e_w + e_p else 2)
        elif s == 2 and uniform(key, 3 * i + 2) < attrition + attrition_crowding * local_norm[i]:
            s = 1
        if coordinator[i]:
            s = 2
        new[i] = s
    return new


@njit(cache=True)
def relax(trust: np.ndarray, trust_base: np.ndarray, fatigue: np.ndarray, awareness: np.ndarray,
          participating: np.ndarray, report_focus: np.ndarray, relax_weeks: float, fatigue_recovery: float,
          awareness_decay: float) -> None:
    """Slow variables relax in place (see :func:`wijksim.residents.relax`)."""
    for i in range(len(fatigue)):
        for k in range(3):
            t = trust[i, k] + (trust_base[i, k] - trust[i, k]) / relax_weeks
            trust[i, k] = min(max(t, 0.0), 1.0)
        fatigue[i] *= 1.0 - fatigue_recovery
        awareness[i] *= 1.0 - awareness_decay
        participating[i] = max(0.0, participating[i] - 1.0)
        report_focus[i] *= 0.95


# --- cells around homes, and the physical layers ------------------------------------------------


@njit(cache=True)
def incident_traces(cells: np.ndarray, kinds: np.ndarray, litter: np.ndarray, damage: np.ndarray,
                    risk: np.ndarray, guardianship: np.ndarray, litter_per_nuisance: float,
                    damage_per_nuisance: float, guardianship_effect: float, risk_boost: float) -> None:
    """Traces of this week's incidents, in place (see :func:`wijksim.incidents.apply_physical_effects`).

    Per incident instead of per cell (there is at most one incident of a type per cell and week): half
    of a nuisance's litter lands on its cell and half is spread over its 3×3 patch; a nuisance adds
    damage at its cell; every incident raises the risk field at its cell by its unguarded share.
    """
    w, h = litter.shape
    for k in range(len(cells)):
        cx, cy = cells[k] // h, cells[k] % h
        if kinds[k] == 0:
            litter[cx, cy] += litter_per_nuisance * 0.5
            for x in range(max(0, cx - 1), min(w - 1, cx + 1) + 1):
                for y in range(max(0, cy - 1), min(h - 1, cy + 1) + 1):
                    litter[x, y] += litter_per_nuisance * 0.5 / 9.0
            damage[cx, cy] += damage_per_nuisance * (1.0 - damage[cx, cy])
        risk[cx, cy] += risk_boost * (1.0 - guardianship_effect * guardianship[cx, cy])
    for k in range(len(cells)):  # litter stays within 0–1 (only the patches touched can be outside)
        if kinds[k] == 0:
            cx, cy = cells[k] // h, cells[k] % h
            for x in range(max(0, cx - 1), min(w - 1, cx + 1) + 1):
                for y in range(max(0, cy - 1), min(h - 1, cy + 1) + 1):
                    litter[x, y] = min(max(litter[x, y], 0.0), 1.0)


@njit(cache=True)
def maintenance_jobs(cells: np.ndarray, radius: int, damage: np.ndarray, litter: np.ndarray, bushes: np.ndarray,
                     hardening: np.ndarray, repaired: np.ndarray, has_bushes: np.ndarray,
                     is_dwelling: np.ndarray) -> None:
    """Maintenance on the union of the jobs' patches, each cell once (see :func:`wijksim.partners.do_jobs`)."""
    w, h = damage.shape
    done = np.zeros((w, h), np.bool_)
    for k in range(len(cells)):
        cx, cy = cells[k] // h, cells[k] % h
        for x in range(max(0, cx - radius), min(w - 1, cx + radius) + 1):
            for y in range(max(0, cy - radius), min(h - 1, cy + radius) + 1):
                if done[x, y]:
                    continue
                done[x, y] = True
                damage[x, y] *= 0.2
                litter[x, y] *= 0.5
                if has_bushes[x, y]:
                    bushes[x, y] = min(bushes[x, y], 0.1)
                if is_dwelling[x, y]:
                    hardening[x, y] = min(1.0, hardening[x, y] + 0.15)
                repaired[x, y] += 1.0


@njit(cache=True)
def tidy_effort(hx: np.ndarray, hy: np.ndarray, out_active: np.ndarray, w: int, h: int) -> np.ndarray:
    """Per cell: Σ of ``out_active`` over the households living within one cell."""
    tidy = np.zeros((w, h))
    for i in range(len(hx)):
        if out_active[i] != 0.0:
            for x in range(max(0, hx[i] - 1), min(w - 1, hx[i] + 1) + 1):
                for y in range(max(0, hy[i] - 1), min(h - 1, hy[i] + 1) + 1):
                    tidy[x, y] += out_active[i]
    return tidy


@njit(cache=True)
def wear(litter_kept: np.ndarray, litter: np.ndarray, damage: np.ndarray, hardening: np.ndarray,
         bushes: np.ndarray, has_bushes: np.ndarray, risk: np.ndarray, recent: np.ndarray, reported: np.ndarray,
         repaired: np.ndarray, litter_decay: float, bush_growth: float, damage_wear: float, lock_wear: float,
         risk_decay: float, risk_spread: float) -> None:
    """The physical layers' week in one pass, in place (see
    :meth:`wijksim.neighbourhood.Neighbourhood.physical_week`); ``litter_kept`` is the share of
    litter the residents left."""
    w, h = litter.shape
    neighbours = box_sum(risk, 1) if risk_spread > 0.0 else risk
    for x in range(w):
        for y in range(h):
            litter[x, y] = litter[x, y] * litter_kept[x, y] * (1.0 - litter_decay)
            damage[x, y] += damage_wear * (1.0 - damage[x, y])
            hardening[x, y] *= 1.0 - lock_wear
            if has_bushes[x, y]:
                bushes[x, y] = min(1.0, bushes[x, y] + bush_growth)
            r = risk[x, y]
            if risk_spread > 0.0:
                r = (1.0 - risk_spread) * r + risk_spread * (neighbours[x, y] - r) / 8.0
            risk[x, y] = r * (1.0 - risk_decay)
            recent[x, y] *= 0.8
            reported[x, y] *= 0.8
            repaired[x, y] *= 0.8


# --- partners ----------------------------------------------------------------------------------


@njit(cache=True)
def hotspot_weights(hot: np.ndarray, cells: np.ndarray, r: int) -> np.ndarray:
    """Per candidate cell (flat index): 0.2 + the map at the cell + the map summed within ``r``."""
    w, h = hot.shape
    s = summed_area(hot)
    out = np.empty(len(cells))
    for k in range(len(cells)):
        x, y = cells[k] // h, cells[k] % h
        x0, x1 = max(0, x - r), min(w, x + r + 1)
        y0, y1 = max(0, y - r), min(h, y + r + 1)
        out[k] = 0.2 + hot[x, y] + s[x1, y1] - s[x0, y1] - s[x1, y0] + s[x0, y0]
    return out


@njit(cache=True)
def patrol_positions(strategy: int, beats: np.ndarray, public_cells: np.ndarray, hot: np.ndarray,
                     key: int) -> np.ndarray:
    """This week's unit positions (n × 2) under a patrol strategy (see :meth:`wijksim.partners.Police.plan`).

    ``strategy`` 0: around the unit's fixed beat (up to two cells off in each direction); 1: a public
    cell drawn by :func:`hotspot_weights` of ``hot``; 2 (random): a public cell drawn uniformly. Unit u's draws
    are numbers 2u and 2u + 1 of stream ``key``. A wijk without public cells has only beats to walk.
    """
    w, h = hot.shape
    n = len(beats)
    xy = np.empty((n, 2), np.int64)
    if n == 0:
        return xy
    if strategy == 0 or len(public_cells) == 0:
        for u in range(n):
            for d in range(2):
                step = min(int(uniform(key, 2 * u + d) * 5.0), 4) - 2
                xy[u, d] = min(max(beats[u, d] + step, 0), (w if d == 0 else h) - 1)
        return xy
    if strategy == 1:
        cw = np.cumsum(hotspot_weights(hot, public_cells, 2))
    for u in range(n):
        if strategy == 1:
            k = np.searchsorted(cw, uniform(key, 2 * u) * cw[-1], side="right")
        else:
            k = int(uniform(key, 2 * u) * len(public_cells))
        c = public_cells[min(k, len(public_cells) - 1)]
        xy[u, 0], xy[u, 1] = c // h, c % h
    return xy


@njit(cache=True)
def raise_trust(trust: np.ndarray, who: np.ndarray, partner: int, amount: float, spill: float) -> None:
    """trust[i, partner] += amount·(1 − trust); the other partners get ``spill`` of that (saturating)."""
    for k in range(len(who)):
        i = who[k]
        for q in range(3):
            a = amount if q == partner else spill * amount
            if a != 0.0:
                trust[i, q] = min(max(trust[i, q] + a * (1.0 - trust[i, q]), 0.0), 1.0)


@njit(cache=True)
def lower_trust(trust: np.ndarray, who: np.ndarray, partner_a: int, partner_b: int, amount: float) -> None:
    """trust[i, p] −= amount·trust for p in (partner_a, partner_b); ``partner_b`` −1 for one partner only."""
    for k in range(len(who)):
        i = who[k]
        trust[i, partner_a] -= amount * trust[i, partner_a]
        if partner_b >= 0:
            trust[i, partner_b] -= amount * trust[i, partner_b]


@njit(cache=True)
def tire(fatigue: np.ndarray, who: np.ndarray, amount: float) -> None:
    """fatigue += amount (at most 1) for households ``who``: effort that came to nothing."""
    for k in range(len(who)):
        fatigue[who[k]] = min(1.0, fatigue[who[k]] + amount)


@njit(cache=True)
def triage(kinds: np.ndarray, reported: np.ndarray, refer_nuisance: float, capacity: int,
           key: int) -> tuple[np.ndarray, np.ndarray]:
    """Which reported incidents the police refer on and which they follow up.

    Reported nuisance is referred with chance ``refer_nuisance``; the rest is followed up by priority
    (burglary, street crime, nuisance; at random within a priority) up to ``capacity``.
    Returns (referred, done) per incident.
    """
    k = len(kinds)
    referred = np.zeros(k, np.bool_)
    done = np.zeros(k, np.bool_)
    order_key = np.full(k, np.inf)
    for t in range(k):
        if not reported[t]:
            continue
        if kinds[t] == 0 and refer_nuisance > 0.0 and uniform(key, 2 * t) < refer_nuisance:
            referred[t] = True
            continue
        priority = 0.0 if kinds[t] == 1 else (1.0 if kinds[t] == 2 else 2.0)
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
                     fatigue_silence: float, feedback_gain: float, spill: float, silence_loss: float) -> None:
    """What each report brings its reporter (see :meth:`wijksim.partners.Police.follow_up`): a referral
    costs trust in police and municipality and adds fatigue; feedback on a follow-up raises trust (with
    spill-over) and halves fatigue; silence costs trust in the police and adds fatigue."""
    for k in range(len(report_inc)):
        t, i = report_inc[k], report_res[k]
        if referred[t]:
            trust[i, 0] -= referral_loss * trust[i, 0]
            trust[i, 1] -= referral_loss * trust[i, 1]
            fatigue[i] = min(1.0, fatigue[i] + fatigue_silence)
        elif done[t] and feedback:
            for q in range(3):
                a = feedback_gain if q == 0 else spill * feedback_gain
                trust[i, q] = min(max(trust[i, q] + a * (1.0 - trust[i, q]), 0.0), 1.0)
            fatigue[i] *= 0.5
        else:
            trust[i, 0] -= silence_loss * trust[i, 0]
            fatigue[i] = min(1.0, fatigue[i] + fatigue_silence)


@njit(cache=True)
def strain(reporters: np.ndarray, indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray,
           ei: np.ndarray, ej: np.ndarray, w: np.ndarray, local: np.ndarray, amount: float, break_below: float,
           strength: np.ndarray, active: np.ndarray, active_sum: np.ndarray,
           key: int) -> tuple[np.ndarray, int]:
    """Each reporter strains its tie to one neighbour it knows (an existing local tie, at random).

    Returns (the neighbours reported about, how many ties broke). ``strength`` and ``active_sum``
    (Σ_j w_ij·active_j), where not empty, are kept in step.
    """
    targets = np.empty(len(reporters), np.int64)
    n_t = 0
    broken = 0
    for k in range(len(reporters)):
        i = reporters[k]
        n_c = 0
        for slot in range(indptr[i], indptr[i + 1]):
            e = slot_edge[slot]
            if w[e] > 0.0 and local[e]:
                n_c += 1
        if n_c == 0:
            continue
        pick = int(uniform(key, k) * n_c)
        for slot in range(indptr[i], indptr[i + 1]):
            e = slot_edge[slot]
            if w[e] > 0.0 and local[e]:
                if pick == 0:
                    old = w[e]
                    new = min(max(old - amount, 0.0), 1.0)
                    if new < break_below:
                        new = 0.0
                        broken += 1
                    w[e] = new
                    if len(strength):
                        strength[ei[e]] += new - old
                        strength[ej[e]] += new - old
                    if len(active_sum):
                        active_sum[ei[e]] += (new - old) * active[ej[e]]
                        active_sum[ej[e]] += (new - old) * active[ei[e]]
                    targets[n_t] = indices[slot]
                    n_t += 1
                    break
                pick -= 1
    return targets[:n_t].copy(), broken


@njit(cache=True)
def complainers(state: np.ndarray, home_owner: np.ndarray, trust: np.ndarray, disorder_home: np.ndarray,
                witnessed: np.ndarray, rate: float, key: int) -> np.ndarray:
    """The households that complain this week: chance 1 − e^−h each (h: see
    :func:`wijksim.partners.who_complains`), household i's draw being number i of stream ``key``.

    Since 1 − e^−h ≤ h, a draw at or above h is a no without computing the exponential.
    """
    n = len(state)
    out = np.empty(n, np.int64)
    k = 0
    for i in range(n):
        will = 2.0 if state[i] == 2 else (1.0 if state[i] == 1 else 0.15)
        owner_trust = trust[i, 2] if home_owner[i] == 0 else trust[i, 1]
        hazard = rate * (5.0 * disorder_home[i] + witnessed[i]) * will * (0.5 + owner_trust)
        u = uniform(key, i)
        if u < hazard and u < -math.expm1(-hazard):
            out[k] = i
            k += 1
    return out[:k].copy()


# --- outputs -----------------------------------------------------------------------------------


@njit(cache=True)
def household_totals(fear: np.ndarray, unsafe_threshold: float, cohesion: np.ndarray, state: np.ndarray,
                     willingness: np.ndarray, trust: np.ndarray, presence: np.ndarray, support: np.ndarray,
                     awareness: np.ndarray, fatigue: np.ndarray, last_complaint: np.ndarray, since: int,
                     coordinator: np.ndarray) -> np.ndarray:
    """Sums over households for the weekly outputs (see :func:`wijksim.metrics.collect`), in one pass.

    A household's cohesion times the willingness of its state is its collective-efficacy contribution.
    """
    # scalar accumulators stay in registers; sums into an array's elements would go through memory
    fear_sum = unsafe = coh_sum = efficacy = 0.0
    n_state = np.zeros(3)
    t0 = t1 = t2 = pres = sup = aware = fatigue_sum = complained = coordinators = 0.0
    for i in range(len(fear)):
        fear_sum += fear[i]
        if fear[i] > unsafe_threshold:
            unsafe += 1.0
        coh = cohesion[i]
        coh_sum += coh
        efficacy += coh / 10.0 * willingness[state[i]]
        n_state[state[i]] += 1.0
        t0 += trust[i, 0]
        t1 += trust[i, 1]
        t2 += trust[i, 2]
        pres += presence[i]
        sup += support[i]
        aware += awareness[i]
        fatigue_sum += fatigue[i]
        if last_complaint[i] > since:
            complained += 1.0
        if coordinator[i]:
            coordinators += 1.0
    out = np.array([fear_sum, unsafe, coh_sum, efficacy, n_state[0], n_state[1], n_state[2], t0, t1, t2, pres, sup,
                    aware, fatigue_sum, complained, coordinators])
    return out


@njit(cache=True)
def cell_totals(litter: np.ndarray, damage: np.ndarray, bushes: np.ndarray, has_bushes: np.ndarray,
                guardianship: np.ndarray) -> np.ndarray:
    """Sums over cells: disorder, damage, litter, bushes (and bush cells), guardianship."""
    dis = dam = lit = bush = bush_cells = guard = 0.0  # in registers (see household_totals)
    w, h = litter.shape
    for x in range(w):
        for y in range(h):
            dis += 1.0 - (1.0 - litter[x, y]) * (1.0 - damage[x, y])
            dam += damage[x, y]
            lit += litter[x, y]
            if has_bushes[x, y]:
                bush += bushes[x, y]
                bush_cells += 1.0
            guard += guardianship[x, y]
    return np.array([dis, dam, lit, bush, bush_cells, guard])


def compiled() -> bool:
    """Does numba's cache on this machine already hold the kernels? If not, their first use compiles
    them (about 20 s, once), and the command line says so rather than seeming to hang."""
    path = getattr(getattr(tie_week, "_cache", None), "_cache_path", None)
    return bool(path) and any(Path(path).glob("kernels.*.nbi"))
