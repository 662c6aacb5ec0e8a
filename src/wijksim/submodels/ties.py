"""Stage 9, ties and cohesion: ties grow by meeting, fade with time and withdrawal; neighbours form new ties.

*Logistic change of the existing ties*: ``w += w·(tie_meet_gain·meet·(1 − w) − fade)``, where ``meet`` =
√(presence_i·presence_j) times the pair's meet factor (``courtyard_tie_factor`` on one courtyard, 1 for
other neighbours, ``distant_meet_factor`` for distant ties), and ``fade`` = ``tie_decay`` plus
``tie_decay_withdrawn`` for each withdrawn end. A tie below ``tie_break_below`` breaks; a tie at zero stays
at zero under this rule.

*Formation*: neighbours (local pairs) without a tie start one at strength ``new_tie_strength`` with weekly
chance ``tie_formation · meet``. Without this, a tie lost to withdrawal or conflict would be lost for good
and cohesion could only drift down; with it, tie loss and formation balance in a steady state, and what a
bad period destroys comes back only slowly (the memory of the network).

*Turnover*: each live tie ends with weekly chance ``tie_end_rate`` whatever happens in the wijk (a job, a child
leaving school, a quarrel: ties end for reasons outside the model). Without it a tie between two households
that go out never breaks, so formation only adds: the wijk's degree crept up by about 0.15 ties a year for
as long as a run lasted (1.2 → 1.8 ties more after 1,000 weeks), cohesion with it, and the reference was not
steady after any burn-in (issue 25). With it, ties formed and ties ended balance near the initial degree.
Switch: ``tie_end_rate`` = 0.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..types import NetworkLike
from .draws import geometric_gap, stream_key, uniform


@njit(cache=True)
def tie_week(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, meet_factor: np.ndarray, local_edges: np.ndarray,
             live: np.ndarray, n_live: int, presence: np.ndarray, withdrawn: np.ndarray, meet_gain: float,
             decay: float, decay_withdrawn: float, formation_cap: float, rate: float, break_below: float,
             new_tie: float, key: int, strength: np.ndarray, active: np.ndarray,
             active_sum: np.ndarray) -> tuple[int, int]:
    """One week of tie dynamics (module docstring).

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
def end_ties(w: np.ndarray, live: np.ndarray, n_live: int, rate: float, key: int) -> None:
    """Each live tie ``live[:n_live]`` ends (weight 0) with chance ``rate``: Bernoulli trials by geometric gaps,
    so the cost is per ended tie; the tie pass that follows drops the ended ties."""
    if rate <= 0.0:
        return
    log_miss = math.log1p(-rate) if rate < 1.0 else -np.inf
    d = 0
    t = geometric_gap(uniform(key, d), log_miss)
    while t < n_live:
        w[live[t]] = 0.0
        d += 1
        t += 1 + geometric_gap(uniform(key, d), log_miss)


def meet_factor(local: np.ndarray, same_court: np.ndarray, p: dict[str, Any]) -> np.ndarray:
    """Per tie, how often the two meet relative to neighbours (module docstring)."""
    return np.where(local, np.where(same_court, p["courtyard_tie_factor"], 1.0), p["distant_meet_factor"])


def update_ties(network: NetworkLike, presence: np.ndarray, withdrawn: np.ndarray, active: np.ndarray,
                p: dict[str, Any], rng: np.random.Generator) -> int:
    """One week of tie dynamics on ``network`` (module docstring); returns the number of new ties. The
    network keeps its caches (live ties, strengths, Σ over active ties) in step."""
    if not network.n_edges:
        return 0
    n_live = len(network.live())
    strength = np.empty(network.n)
    flags = np.asarray(active, dtype=float)
    active_sum = np.empty(len(flags))
    factor = network.meet_factor(p)
    key = stream_key(rng)
    if p["tie_end_rate"] > 0:  # a second key from the stream: the formation draws stay as they were
        end_ties(network.w, network.live_buffer, n_live, p["tie_end_rate"], stream_key(rng))
    kept, formed = tie_week(
        network.ei, network.ej, network.w, factor, network.local_edges, network.live_buffer, n_live, presence,
        withdrawn, p["tie_meet_gain"], p["tie_decay"], p["tie_decay_withdrawn"], max(p["courtyard_tie_factor"], 1.0),
        max(p["tie_formation"], 0.0), p["tie_break_below"], p["new_tie_strength"], key, strength, flags,
        active_sum)
    network.after_pass(kept, strength, flags, active_sum)
    return formed
